// The lint command (the default): flags into lint options, reports to stdout or files, baseline upkeep, the exit code.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_BASELINE_FILE, DEFAULT_CACHE_FILE } from '../config/defaults.js';
import type { RuleCategory } from '../engine/rule.js';
import { closest, didYouMean } from '../config/suggest.js';
import { SEVERITIES, severityRank, type Finding, type Severity, type SeverityOrOff } from '../findings/index.js';
import { FORMAT_NAMES, FORMATTERS } from '../formatters/index.js';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, oneLine, oneOf, UsageError, useColor, type Io } from './io.js';
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
  printConfig?: string;
  sarifIncludeSuppressed?: boolean;
  sarifCategory?: string;
  quiet?: boolean;
  color?: boolean;
  debug?: boolean;
  maxFileSize?: number;
  securityBaseline?: string;
  cache?: boolean;
  cacheLocation?: string;
  fix?: boolean;
  fixDryRun?: boolean;
  fixType: string[];
}

/** The categories --fix-type takes: the rules' categories. */
const FIX_TYPES = ['deployability', 'external-users', 'security', 'correctness'] as const satisfies readonly RuleCategory[];
type FixType = (typeof FIX_TYPES)[number];
/** The formats that carry each finding's fix and suggestions as edits. */
const EDIT_FORMATS: ReadonlySet<string> = new Set(['json', 'sarif']);

type Api = typeof import('../api/index.js');
type LintRun = Awaited<ReturnType<Api['lint']>>;
type FixReport = NonNullable<LintRun['fixReport']>;

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
      new Option('--fail-on <level>', `exit 1 when a finding at or above this level remains: ${FAIL_LEVELS.join(', ')}`)
        .argParser(oneOf(FAIL_LEVELS))
        .default('error'),
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
    .option('--fix', 'apply the fixes of the findings that count, then report what remains')
    .option('--fix-dry-run', 'compute the fixes --fix would apply and write nothing (with --format json, each finding carries its fix)')
    .option('--fix-type <category>', `fix only rules of this category (repeatable): ${FIX_TYPES.join(', ')}`, collect, [])
    .option('--sarif-include-suppressed', 'keep suppressed and baselined findings in SARIF, marked with `suppressions`')
    .option('--sarif-category <category>', 'set the SARIF automationDetails.id to <category>/ (for uploads through the API)')
    .option('--list-rules', 'list the rules and exit (with --format json: as JSON)')
    .option('--explain <rule-id>', "print a rule's documentation and exit")
    .option('--print-config <file>', 'print the rules and options in force for a file, after overrides, and exit')
    .option('-q, --quiet', 'report only the findings that fail the run (errors by default), and no progress line')
    .option('--color', 'colour the output even when it is not a terminal (also FORCE_COLOR)')
    .option('--no-color', 'never colour the output (also NO_COLOR, TERM=dumb)')
    .option('--debug', 'show stack traces of internal errors, and where the time went');
}

/** `--rule id` turns a rule on at its default severity; `--rule id=warning` sets the severity. */
function parseRuleFlags(options: LintCliOptions, defaultSeverity: (id: string) => Severity): Record<string, SeverityOrOff> {
  const severities: Record<string, SeverityOrOff> = {};
  for (const entry of options.rule) {
    const [id, severity] = entry.split('=').map((s) => s.trim()) as [string, string | undefined];
    const allowed = ['off', ...SEVERITIES];
    if (severity !== undefined && !allowed.includes(severity)) {
      throw new UsageError(`--rule ${entry}: the severity must be one of off, note, warning, error${didYouMean(severity, allowed) || '.'}`);
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

/** Subcommands a mistyped path may have been meant as. */
const COMMANDS = ['health', 'doctor', 'init'];

/**
 * Path arguments with glob patterns (`'force-app/**\/profiles/*'`, quoted so the shell leaves them alone, or unquoted
 * where the shell found no match) are expanded with the glob package, relative to the current folder. A path that
 * exists is taken as it is, even if it holds glob characters (Salesforce names can).
 */
async function expandPaths(paths: string[], cwd: string): Promise<string[]> {
  const expanded: string[] = [];
  for (const given of paths) {
    if (existsSync(path.resolve(cwd, given))) {
      expanded.push(given);
      continue;
    }
    const { glob, hasMagic } = await import('glob');
    if (!hasMagic(given)) {
      const command = closest(given, COMMANDS);
      if (command) throw new UsageError(`No such file or folder: ${given}; did you mean the ${command} command?`);
      expanded.push(given);
      continue;
    }
    const matches = await glob(given, { cwd, dot: true, posix: true, ignore: ['**/node_modules/**', '**/.git/**'] });
    if (matches.length === 0) throw new UsageError(`No file or folder matches ${given}`);
    expanded.push(...matches.sort());
  }
  return expanded;
}

/** Findings that fail the run: at or above --fail-on, and every warning once there are more than --max-warnings. */
function failing(findings: readonly Finding[], failOn: FailLevel, maxWarnings: number | undefined): Set<Finding> {
  const warningsFail = maxWarnings !== undefined && findings.filter((f) => f.severity === 'warning').length > maxWarnings;
  return new Set(
    findings.filter(
      (f) => (failOn !== 'never' && severityRank(f.severity) >= severityRank(failOn)) || (warningsFail && f.severity === 'warning'),
    ),
  );
}

function checkRuleId(id: string, api: Api, flag: string): void {
  const ids = api.RULES.map((r) => r.meta.id);
  if (!ids.includes(id)) throw new UsageError(`${flag} ${id}: unknown rule${didYouMean(id, ids)} (see --list-rules)`);
}

function listRules(options: LintCliOptions, api: Api, io: Io): number {
  const format = options.format.length > 0 ? options.format : ['stylish'];
  if (format.length > 1 || !['stylish', 'json'].includes(format[0]!))
    throw new UsageError(`--list-rules prints a table (the default) or --format json, not ${format.join(', ')}.`);
  if (format[0] === 'json') {
    const rules = api.RULES.map(({ meta }) => ({
      id: meta.id,
      description: meta.description,
      category: meta.category,
      defaultSeverity: meta.defaultSeverity,
      tags: meta.tags,
      ...(meta.securitySeverity !== undefined ? { securitySeverity: meta.securitySeverity } : {}),
      ...(meta.fixable ? { fixable: meta.fixable, fixMessages: meta.fixMessages } : {}),
      options: meta.options,
      defaultOptions: meta.defaultOptions,
      messages: meta.messages,
      docs: api.ruleDocsUrl(meta.id),
    }));
    io.stdout(`${JSON.stringify(rules, null, 2)}\n`);
    return EXIT_OK;
  }
  for (const { meta } of api.RULES)
    io.stdout(`${meta.id.padEnd(40)} ${meta.defaultSeverity.padEnd(8)} ${meta.category.padEnd(15)} ${meta.description}\n`);
  return EXIT_OK;
}

export async function runLint(paths: string[], options: LintCliOptions, io: Io): Promise<number> {
  const api = await import('../api/index.js');
  if (options.listRules) return listRules(options, api, io);
  if (options.explain !== undefined) {
    checkRuleId(options.explain, api, '--explain');
    io.stdout(api.ruleReadme(options.explain));
    return EXIT_OK;
  }
  const ruleSeverities = parseRuleFlags(options, (id) => api.RULES.find((r) => r.meta.id === id)?.meta.defaultSeverity ?? 'error');
  if (options.printConfig !== undefined) {
    const inForce = api.configForFile(options.printConfig, {
      cwd: io.cwd,
      ...(options.config ? { configFile: options.config } : {}),
      ruleSeverities,
      ...(options.only.length > 0 ? { only: options.only } : {}),
    });
    io.stdout(`${JSON.stringify(inForce, null, 2)}\n`);
    return EXIT_OK;
  }
  const fixTypes = checkFixFlags(options);
  const outputs = planOutputs(options, FORMATTERS, FORMAT_NAMES);
  const targets = await expandPaths(paths, io.cwd);
  const writingBaseline = options.writeBaseline !== undefined;
  const started = performance.now();
  const progress = !options.quiet && (io.stderrIsTTY ?? Boolean(process.stderr.isTTY)) ? progressLine(io, started) : undefined;
  const timings: [string, number, string?][] = [];
  const workers = workerCount(io.env);
  const result = await api.lint({
    cwd: io.cwd,
    paths: targets,
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
    ...(options.fix ? { fix: true } : {}),
    ...(options.fixDryRun ? { fixDryRun: true } : {}),
    ...(fixTypes.length > 0 ? { fixTypes } : {}),
    ...(outputs.some((o) => EDIT_FORMATS.has(o.format)) ? { fixEdits: true } : {}),
    ...(progress ? { onProgress: progress.update } : {}),
    ...(options.debug ? { onTiming: (phase: string, ms: number, note?: string) => timings.push([phase, ms, note]) } : {}),
  });
  progress?.clear();
  for (const warning of result.warnings) io.stderr(`sfmeta-lint: ${oneLine(warning)}\n`);
  for (const e of result.internalErrors) {
    io.stderr(`sfmeta-lint: internal error in rule ${e.ruleId}: ${oneLine(e.message)}\n`);
    if (options.debug && e.stack) io.stderr(`${e.stack}\n`);
  }
  if (writingBaseline) {
    const file = path.resolve(result.root, typeof options.writeBaseline === 'string' ? options.writeBaseline : DEFAULT_BASELINE_FILE);
    const count = api.writeBaseline(file, result.unbaselined);
    io.stderr(`sfmeta-lint: wrote ${count} findings to ${oneLine(file)}\n`);
    return result.internalErrors.length > 0 ? EXIT_ERROR : EXIT_OK;
  }
  const fails = failing(result.findings, options.failOn, options.maxWarnings);
  // --quiet keeps what fails the run, and errors; the summaries count what it leaves out.
  const shown = options.quiet ? { ...result, findings: result.findings.filter((f) => f.severity === 'error' || fails.has(f)) } : result;
  const omitted = result.findings.length - shown.findings.length;
  const formatting = performance.now();
  for (const { format, file } of outputs) {
    const text = FORMATTERS[format]!(shown, {
      color: !file && useColor(options.color, io.env, io.isTTY),
      omitted,
      ...(options.sarifIncludeSuppressed ? { includeSuppressed: true } : {}),
      ...(options.sarifCategory !== undefined ? { sarifCategory: options.sarifCategory } : {}),
    });
    if (file) api.writeTextFile(path.resolve(io.cwd, file), text);
    else io.stdout(text);
  }
  if (options.debug) {
    timings.push(['format', performance.now() - formatting, outputs.map((o) => o.format).join(', ')]);
    printTimings(io, timings, performance.now() - started);
  }
  reportHousekeeping(result, options, io, api);
  if (result.fixReport) reportFixes(result.fixReport, io);
  if (result.internalErrors.length > 0) return EXIT_ERROR;
  return fails.size > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** --fix, --fix-dry-run and --fix-type as ESLint checks them; the categories asked for. */
function checkFixFlags(options: LintCliOptions): FixType[] {
  if (options.fix && options.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together.');
  if (options.fixType.length > 0 && !options.fix && !options.fixDryRun) throw new UsageError('--fix-type needs --fix or --fix-dry-run.');
  if ((options.fix || options.fixDryRun) && options.writeBaseline !== undefined)
    throw new UsageError('--write-baseline records findings as they are: run it without --fix or --fix-dry-run.');
  for (const type of options.fixType) {
    if (!(FIX_TYPES as readonly string[]).includes(type))
      throw new UsageError(`--fix-type ${type}: expected one of ${FIX_TYPES.join(', ')}${didYouMean(type, [...FIX_TYPES]) || '.'}`);
  }
  return options.fixType as FixType[];
}

/** What --fix changed (or --fix-dry-run would change), file by file, on stderr. */
function reportFixes(report: FixReport, io: Io): void {
  const verb = report.write ? 'fixed' : 'would fix';
  for (const { file, fixed } of report.files) io.stderr(`sfmeta-lint: ${verb} ${plural(fixed, 'problem')} in ${oneLine(file)}\n`);
  for (const problem of report.problems) io.stderr(`sfmeta-lint: ${oneLine(problem)}\n`);
  const total = report.files.reduce((sum, f) => sum + f.fixed, 0);
  const passes = report.passes > 1 ? ` (${report.passes} passes)` : '';
  io.stderr(`sfmeta-lint: ${verb} ${plural(total, 'problem')} in ${plural(report.files.length, 'file')}${passes}\n`);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
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
  // A reason is free text from the configuration: one line, like everything else on stderr.
  for (const s of result.unusedConfigSuppressions)
    io.stderr(`sfmeta-lint: the configured suppression of ${s.rule} (${oneLine(s.reason)}) matched no finding\n`);
  for (const s of result.expiredConfigSuppressions)
    io.stderr(
      `sfmeta-lint: the configured suppression of ${s.rule} (${oneLine(s.reason)}) expired on ${s.expires}; its findings are reported again\n`,
    );
}

interface PlannedOutput {
  format: string;
  file?: string;
}

function planOutputs(options: LintCliOptions, formatters: Record<string, unknown>, names: string[]): PlannedOutput[] {
  const check = (format: string) => {
    if (!formatters[format])
      throw new UsageError(`Unknown format "${format}": expected one of ${names.join(', ')}${didYouMean(format, names) || '.'}`);
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
