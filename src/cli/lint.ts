// The lint command (the default): flags into lint options, reports to stdout or files, baseline upkeep, the exit code.
import { InvalidArgumentError, Option, type Command } from 'commander';
import path from 'node:path';
import { DEFAULT_BASELINE_FILE, DEFAULT_CACHE_FILE } from '../config/defaults.js';
import { SEVERITIES, severityRank, type Severity, type SeverityOrOff } from '../findings/index.js';
import { FORMAT_NAMES, FORMATTERS } from '../formatters/index.js';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UsageError, type Io } from './io.js';
import { printTimings, progressLine } from './progress.js';

const FAIL_LEVELS = ['error', 'warning', 'note', 'never'] as const;
type FailLevel = (typeof FAIL_LEVELS)[number];

const FORMAT_LIST = FORMAT_NAMES.join(', ');

export interface LintCliOptions {
  format: string[];
  outputFile: string[];
  output: string[];
  baseline?: string | boolean;
  writeBaseline?: string | boolean;
  pruneBaseline?: boolean;
  changedSince?: string;
  staged?: boolean;
  config?: string;
  failOn: FailLevel;
  maxWarnings?: number;
  rule: string[];
  disableRule: string[];
  only: string[];
  listRules?: boolean;
  explain?: string;
  quiet?: boolean;
  color?: boolean;
  debug?: boolean;
  maxFileSize?: number;
  securityBaseline?: string;
  cache?: boolean;
  cacheLocation?: string;
}

type Api = typeof import('../api/index.js');
type LintRun = Awaited<ReturnType<Api['lint']>>;

export function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number, 0 or more.');
  return n;
}

function repeat(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function collect(value: string, previous: string[]): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}

/** The lint command's arguments and options, on the program itself: `sfmeta-lint [options] [paths...]`. */
export function defineLintOptions(program: Command): Command {
  return program
    .argument('[paths...]', 'files or folders to lint (default: the current folder)')
    .option('-f, --format <name>', `output format (repeatable): ${FORMAT_LIST} (default: stylish)`, repeat, [])
    .option(
      '-o, --output-file <file>',
      'write the report to a file instead of standard output; the nth file takes the nth --format',
      repeat,
      [],
    )
    .option('--output <format=file>', 'write one more report, e.g. --output sarif=results.sarif (repeatable)', repeat, [])
    .option(
      '--baseline [file]',
      `hide the findings recorded in a baseline (default file ${DEFAULT_BASELINE_FILE}, used automatically when present)`,
    )
    .option('--no-baseline', 'ignore the baseline file')
    .option('--write-baseline [file]', `record today's findings as the baseline (default ${DEFAULT_BASELINE_FILE}) and exit 0`)
    .option('--prune-baseline', 'remove baseline entries that no longer match a finding')
    .option('--changed-since <git-ref>', 'report findings only for files changed since this git ref (the whole project is still read)')
    .option('--staged', 'report findings only for files staged in git (for pre-commit hooks)')
    .option('-c, --config <file>', 'use this configuration file instead of the one in the project root')
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when a finding at or above this level remains').choices(FAIL_LEVELS).default('error'),
    )
    .option('--max-warnings <n>', 'also exit 1 when there are more than n warnings', nonNegativeInteger)
    .option('--rule <id[=severity]>', 'turn a rule on, or set its severity (repeatable)', collect, [])
    .option('--disable-rule <id>', 'turn a rule off (repeatable)', collect, [])
    .option('--only <id>', 'run only these rules (repeatable)', collect, [])
    .option('--security-baseline <file>', 'a Health Check custom baseline export (XML) for the password and session rules')
    .option('--max-file-size <bytes>', 'report files larger than this instead of parsing them (default 64 MiB)', nonNegativeInteger)
    .option(
      '--cache',
      `reuse what earlier runs extracted from unchanged files, and their findings (kept in ${DEFAULT_CACHE_FILE} in the project root)`,
    )
    .option('--cache-location <file>', `the cache file for --cache (default ${DEFAULT_CACHE_FILE} in the project root)`)
    .option('--no-cache', 'do not use the cache (cancels an earlier --cache)')
    .option('--list-rules', 'list the rules and exit')
    .option('--explain <rule-id>', "print a rule's documentation and exit")
    .option('-q, --quiet', 'report errors only, and no progress line')
    .option('--no-color', 'never colour the output')
    .option('--debug', 'show stack traces of internal errors, and where the time went');
}

/** `--rule id` turns a rule on at its default severity; `--rule id=warning` sets the severity. */
function parseRuleFlags(options: LintCliOptions, defaultSeverity: (id: string) => Severity): Record<string, SeverityOrOff> {
  const severities: Record<string, SeverityOrOff> = {};
  for (const entry of options.rule) {
    const [id, severity] = entry.split('=').map((s) => s.trim()) as [string, string | undefined];
    if (severity !== undefined && !['off', ...SEVERITIES].includes(severity)) {
      throw new UsageError(`--rule ${entry}: the severity must be one of off, note, warning, error.`);
    }
    severities[id] = (severity as SeverityOrOff | undefined) ?? defaultSeverity(id);
  }
  for (const id of options.disableRule) severities[id] = 'off';
  return severities;
}

/** `SFMETA_LINT_WORKERS=n` sets the number of extraction threads (0: none), overriding the size-based choice. */
function workerCount(env: Record<string, string | undefined>): number | undefined {
  const value = env['SFMETA_LINT_WORKERS'];
  if (value === undefined || !/^\d+$/u.test(value)) return undefined;
  return Number(value);
}

export async function runLint(paths: string[], options: LintCliOptions, io: Io): Promise<number> {
  const api = await import('../api/index.js');
  if (options.listRules) {
    for (const rule of api.RULES)
      io.stdout(
        `${rule.meta.id.padEnd(40)} ${rule.meta.defaultSeverity.padEnd(8)} ${rule.meta.category.padEnd(15)} ${rule.meta.description}\n`,
      );
    return EXIT_OK;
  }
  if (options.explain !== undefined) {
    if (!api.RULES.some((r) => r.meta.id === options.explain)) throw new UsageError(`Unknown rule: ${options.explain} (see --list-rules)`);
    io.stdout(api.ruleReadme(options.explain));
    return EXIT_OK;
  }
  const outputs = planOutputs(options, FORMATTERS, FORMAT_NAMES);
  const ruleSeverities = parseRuleFlags(options, (id) => api.RULES.find((r) => r.meta.id === id)?.meta.defaultSeverity ?? 'error');
  const writingBaseline = options.writeBaseline !== undefined;
  const started = performance.now();
  const progress = !options.quiet && (io.stderrIsTTY ?? Boolean(process.stderr.isTTY)) ? progressLine(io, started) : undefined;
  const timings: [string, number, string?][] = [];
  const workers = workerCount(io.env);
  const result = await api.lint({
    cwd: io.cwd,
    paths,
    ...(options.config ? { configFile: options.config } : {}),
    ruleSeverities,
    ...(options.only.length > 0 ? { only: options.only } : {}),
    ...(options.maxFileSize !== undefined ? { maxFileSize: options.maxFileSize } : {}),
    ...(options.baseline === false || writingBaseline
      ? { baseline: false as const }
      : typeof options.baseline === 'string'
        ? { baseline: options.baseline }
        : {}),
    ...(options.changedSince !== undefined ? { changedSince: options.changedSince } : {}),
    ...(options.staged ? { staged: true } : {}),
    ...(options.securityBaseline ? { securityBaseline: options.securityBaseline } : {}),
    ...(options.cache ? { cache: true } : {}),
    ...(options.cache && options.cacheLocation !== undefined ? { cacheLocation: options.cacheLocation } : {}),
    ...(workers !== undefined ? { workers } : {}),
    ...(progress ? { onProgress: progress.update } : {}),
    ...(options.debug ? { onTiming: (phase: string, ms: number, note?: string) => timings.push([phase, ms, note]) } : {}),
  });
  progress?.clear();
  for (const warning of result.warnings) io.stderr(`sfmeta-lint: ${warning}\n`);
  for (const e of result.internalErrors) {
    io.stderr(`sfmeta-lint: internal error in rule ${e.ruleId}: ${e.message}\n`);
    if (options.debug && e.stack) io.stderr(`${e.stack}\n`);
  }
  if (writingBaseline) {
    const file = path.resolve(result.root, typeof options.writeBaseline === 'string' ? options.writeBaseline : DEFAULT_BASELINE_FILE);
    const count = api.writeBaseline(file, result.allFindings);
    io.stderr(`sfmeta-lint: wrote ${count} findings to ${file}\n`);
    return result.internalErrors.length > 0 ? EXIT_ERROR : EXIT_OK;
  }
  const shown = options.quiet ? { ...result, findings: result.findings.filter((f) => f.severity === 'error') } : result;
  const formatting = performance.now();
  for (const { format, file } of outputs) {
    const color = options.color !== false && !file && io.isTTY && !io.env['NO_COLOR'];
    const text = FORMATTERS[format]!(shown, { color });
    if (file) api.writeTextFile(path.resolve(io.cwd, file), text);
    else io.stdout(text);
  }
  if (options.debug) {
    timings.push(['format', performance.now() - formatting, outputs.map((o) => o.format).join(', ')]);
    printTimings(io, timings, performance.now() - started);
  }
  reportHousekeeping(result, options, io, api);
  if (result.internalErrors.length > 0) return EXIT_ERROR;
  return exitCode(
    result.findings.map((f) => f.severity),
    options.failOn,
    options.maxWarnings,
  );
}

/** Baseline and suppression upkeep, on stderr so that it never mixes with a report on stdout. */
function reportHousekeeping(result: LintRun, options: LintCliOptions, io: Io, api: Api): void {
  if (result.baselineFile && result.staleBaseline.length > 0) {
    if (options.pruneBaseline) {
      api.pruneBaseline(result.baselineFile, result.staleBaseline);
      io.stderr(`sfmeta-lint: pruned ${result.staleBaseline.length} stale entries from ${result.baselineFile}\n`);
    } else {
      io.stderr(
        `sfmeta-lint: ${result.staleBaseline.length} baseline entries no longer match a finding; run with --prune-baseline to remove them\n`,
      );
    }
  }
  for (const s of result.unusedConfigSuppressions)
    io.stderr(`sfmeta-lint: the configured suppression of ${s.rule} (${s.reason}) matched no finding\n`);
  for (const s of result.expiredConfigSuppressions)
    io.stderr(
      `sfmeta-lint: the configured suppression of ${s.rule} (${s.reason}) expired on ${s.expires}; its findings are reported again\n`,
    );
}

interface PlannedOutput {
  format: string;
  file?: string;
}

function planOutputs(options: LintCliOptions, formatters: Record<string, unknown>, names: string[]): PlannedOutput[] {
  const check = (format: string) => {
    if (!formatters[format]) throw new UsageError(`Unknown format "${format}"; expected one of ${names.join(', ')}.`);
    return format;
  };
  const formats = options.format.length > 0 ? options.format : ['stylish'];
  if (options.outputFile.length > formats.length) throw new UsageError('There are more --output-file options than --format options.');
  const planned: PlannedOutput[] = formats.map((format, i) => ({
    format: check(format),
    ...(options.outputFile[i] ? { file: options.outputFile[i] } : {}),
  }));
  for (const entry of options.output) {
    const at = entry.indexOf('=');
    if (at <= 0 || at === entry.length - 1) throw new UsageError(`--output ${entry}: expected format=file, e.g. sarif=results.sarif.`);
    planned.push({ format: check(entry.slice(0, at)), file: entry.slice(at + 1) });
  }
  if (planned.filter((p) => !p.file).length > 1)
    throw new UsageError('Only one report can go to standard output: give the others an --output-file.');
  return planned;
}

function exitCode(severities: Severity[], failOn: FailLevel, maxWarnings: number | undefined): number {
  if (failOn !== 'never' && severities.some((s) => severityRank(s) >= severityRank(failOn))) return EXIT_FINDINGS;
  if (maxWarnings !== undefined && severities.filter((s) => s === 'warning').length > maxWarnings) return EXIT_FINDINGS;
  return EXIT_OK;
}
