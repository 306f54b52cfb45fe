// The command line: parses arguments, prints, and turns results into exit codes. No linting logic lives here.
import { Command, InvalidArgumentError, Option } from 'commander';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { SEVERITIES, severityRank, type Severity, type SeverityOrOff } from '../findings/index.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

const FAIL_LEVELS = ['error', 'warning', 'note', 'never'] as const;
type FailLevel = (typeof FAIL_LEVELS)[number];

interface CliOptions {
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

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  /** Whether stderr is a terminal, for the progress line (default: process.stderr's). */
  stderrIsTTY?: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

class UsageError extends Error {}

function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number, 0 or more.');
  return n;
}

const FORMAT_LIST = 'stylish, json, sarif, junit, github, gitlab, markdown, rdjson';
const BASELINE_FILE = 'sfmeta-lint-baseline.json';
const CACHE_FILE = '.sfmeta-lint-cache';

function repeat(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

/** `--rule id` turns a rule on at its default severity; `--rule id=warning` sets the severity. */
function parseRuleFlags(options: CliOptions, defaultSeverity: (id: string) => Severity): Record<string, SeverityOrOff> {
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

function buildProgram(io: Io): Command {
  const program = new Command('sfmeta-lint');
  program
    .description('Static analysis for Salesforce metadata: external users, security posture and deployability, at exact lines.')
    .argument('[paths...]', 'files or folders to lint (default: the current folder)')
    .option('-f, --format <name>', `output format (repeatable): ${FORMAT_LIST} (default: stylish)`, repeat, [])
    .option('-o, --output-file <file>', 'write the report to a file instead of standard output; the nth file takes the nth --format', repeat, [])
    .option('--output <format=file>', 'write one more report, e.g. --output sarif=results.sarif (repeatable)', repeat, [])
    .option('--baseline [file]', `hide the findings recorded in a baseline (default file ${BASELINE_FILE}, used automatically when present)`)
    .option('--no-baseline', 'ignore the baseline file')
    .option('--write-baseline [file]', `record today's findings as the baseline (default ${BASELINE_FILE}) and exit 0`)
    .option('--prune-baseline', 'remove baseline entries that no longer match a finding')
    .option('--changed-since <git-ref>', 'report findings only for files changed since this git ref (the whole project is still read)')
    .option('--staged', 'report findings only for files staged in git (for pre-commit hooks)')
    .option('-c, --config <file>', 'use this configuration file instead of the one in the project root')
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding at or above this level remains').choices(FAIL_LEVELS).default('error'))
    .option('--max-warnings <n>', 'also exit 1 when there are more than n warnings', nonNegativeInteger)
    .option('--rule <id[=severity]>', 'turn a rule on, or set its severity (repeatable)', collect, [])
    .option('--disable-rule <id>', 'turn a rule off (repeatable)', collect, [])
    .option('--only <id>', 'run only these rules (repeatable)', collect, [])
    .option('--security-baseline <file>', 'a Health Check custom baseline export (XML) for the password and session rules')
    .option('--max-file-size <bytes>', 'report files larger than this instead of parsing them (default 64 MiB)', nonNegativeInteger)
    .option('--cache', `reuse what earlier runs extracted from unchanged files, and their findings (kept in ${CACHE_FILE} in the project root)`)
    .option('--cache-location <file>', `the cache file for --cache (default ${CACHE_FILE} in the project root)`)
    .option('--no-cache', 'do not use the cache (cancels an earlier --cache)')
    .option('--list-rules', 'list the rules and exit')
    .option('--explain <rule-id>', "print a rule's documentation and exit")
    .option('-q, --quiet', 'report errors only, and no progress line')
    .option('--no-color', 'never colour the output')
    .option('--debug', 'show stack traces of internal errors, and where the time went')
    .version(TOOL_VERSION, '-v, --version')
    .addHelpText('after', '\nCommands:\n  sfmeta-lint health [paths...]                   predict the Health Check score of the security settings\n  sfmeta-lint doctor external-users [paths...]    walk the external-user troubleshooting path\n')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return program;
}

// Read lazily: --version and --help must not load the linter.
let TOOL_VERSION = '0.0.0';

/** Runs the CLI and resolves to the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const { createRequire } = await import('node:module');
  TOOL_VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
  const [first, ...rest] = argv;
  const command = first === 'health' ? healthProgram(io) : first === 'doctor' ? doctorProgram(io) : buildProgram(io);
  const args = first === 'health' || first === 'doctor' ? rest : argv;
  try {
    command.parse(args, { from: 'user' });
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    return code === 0 ? EXIT_OK : EXIT_ERROR;
  }
  try {
    if (first === 'health') return await runHealth(command.args, command.opts<SubcommandOptions>(), io);
    if (first === 'doctor') return await runDoctor(command.args, command.opts<SubcommandOptions>(), io);
    return await run(command.args, command.opts<CliOptions>(), io);
  } catch (error) {
    const known = error instanceof UsageError || ['ConfigError', 'ProjectError'].includes((error as Error)?.constructor?.name);
    const message = known ? (error as Error).message : `internal error: ${(error as Error)?.message ?? String(error)}`;
    io.stderr(`sfmeta-lint: ${oneLine(message)}\n`);
    if (command.opts()['debug'] && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_ERROR;
  }
}

const REPORT_FORMATS = ['text', 'json', 'markdown'] as const;

interface SubcommandOptions {
  format: (typeof REPORT_FORMATS)[number];
  config?: string;
  securityBaseline?: string;
  minScore?: number;
  profile?: string;
  layout?: string;
  debug?: boolean;
}

function subcommand(name: string, description: string, io: Io): Command {
  return new Command(`sfmeta-lint ${name}`)
    .description(description)
    .addOption(new Option('-f, --format <name>', 'text, json or markdown').choices(REPORT_FORMATS).default('text'))
    .option('-c, --config <file>', 'use this configuration file instead of the one in the project root')
    .option('--debug', 'show stack traces of internal errors')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
}

function healthProgram(io: Io): Command {
  return subcommand('health', "Predict the Health Check score and grade of the project's security settings once deployed.", io)
    .argument('[paths...]', 'the project (default: the current folder)')
    .option('--security-baseline <file>', 'a Health Check custom baseline export (XML) instead of the Salesforce Baseline Standard')
    .option('--min-score <n>', 'exit 1 when the predicted score is below n', nonNegativeInteger);
}

function doctorProgram(io: Io): Command {
  return subcommand('doctor', 'Walk a troubleshooting path through the project. Topic: external-users.', io)
    .argument('<topic>', 'external-users: why the "Manage External User" button is missing, or users cannot be enabled')
    .argument('[paths...]', 'the project (default: the current folder)')
    .option('--profile <name>', 'only the Contact layouts of this profile')
    .option('--layout <name>', 'only this Contact layout');
}

const DOCTOR_TOPICS = ['external-users'];

async function runDoctor(args: string[], options: SubcommandOptions, io: Io): Promise<number> {
  const [topic, ...paths] = args;
  if (!DOCTOR_TOPICS.includes(topic ?? '')) throw new UsageError(`Unknown doctor topic "${topic}"; expected one of ${DOCTOR_TOPICS.join(', ')}.`);
  const { doctorExternalUsers } = await import('../reports/doctor/index.js');
  const { formatDoctor } = await import('../reports/doctor/format.js');
  const report = await doctorExternalUsers({
    cwd: io.cwd,
    paths,
    ...(options.config ? { configFile: options.config } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.layout !== undefined ? { layout: options.layout } : {}),
  });
  io.stdout(formatDoctor(report, options.format));
  for (const e of report.internalErrors) io.stderr(`sfmeta-lint: internal error in rule ${e.ruleId}: ${e.message}\n`);
  if (report.internalErrors.length > 0) return EXIT_ERROR;
  return report.failed ? EXIT_FINDINGS : EXIT_OK;
}

async function runHealth(paths: string[], options: SubcommandOptions, io: Io): Promise<number> {
  const api = await import('../api/index.js');
  const { formatHealth } = await import('../reports/health/format.js');
  const { evaluation, warnings } = await api.healthReport({
    cwd: io.cwd,
    paths,
    ...(options.config ? { configFile: options.config } : {}),
    ...(options.securityBaseline ? { securityBaseline: options.securityBaseline } : {}),
  });
  for (const warning of warnings) io.stderr(`sfmeta-lint: ${warning}\n`);
  io.stdout(formatHealth(evaluation, options.format));
  const below = options.minScore !== undefined && evaluation.score !== undefined && evaluation.score < options.minScore;
  return below ? EXIT_FINDINGS : EXIT_OK;
}

async function run(paths: string[], options: CliOptions, io: Io): Promise<number> {
  const api = await import('../api/index.js');
  const { FORMATTERS, FORMAT_NAMES } = await import('../formatters/index.js');
  if (options.listRules) {
    for (const rule of api.RULES) io.stdout(`${rule.meta.id.padEnd(40)} ${rule.meta.defaultSeverity.padEnd(8)} ${rule.meta.category.padEnd(15)} ${rule.meta.description}\n`);
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
  const result = await api.lint({
    cwd: io.cwd,
    paths,
    ...(options.config ? { configFile: options.config } : {}),
    ruleSeverities,
    ...(options.only.length > 0 ? { only: options.only } : {}),
    ...(options.maxFileSize !== undefined ? { maxFileSize: options.maxFileSize } : {}),
    ...(options.baseline === false || writingBaseline ? { baseline: false as const } : typeof options.baseline === 'string' ? { baseline: options.baseline } : {}),
    ...(options.changedSince !== undefined ? { changedSince: options.changedSince } : {}),
    ...(options.staged ? { staged: true } : {}),
    ...(options.securityBaseline ? { securityBaseline: options.securityBaseline } : {}),
    ...(options.cache ? { cache: true } : {}),
    ...(options.cache && options.cacheLocation !== undefined ? { cacheLocation: options.cacheLocation } : {}),
    ...(workerCount(io.env) !== undefined ? { workers: workerCount(io.env)! } : {}),
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
    const file = path.resolve(result.root, typeof options.writeBaseline === 'string' ? options.writeBaseline : BASELINE_FILE);
    const baseline = api.buildBaseline(result.allFindings);
    writeReport(api, file, api.serializeBaseline(baseline));
    io.stderr(`sfmeta-lint: wrote ${baseline.entries.reduce((n, e) => n + e.count, 0)} findings to ${file}\n`);
    return result.internalErrors.length > 0 ? EXIT_ERROR : EXIT_OK;
  }
  const shown = options.quiet ? { ...result, findings: result.findings.filter((f) => f.severity === 'error') } : result;
  const formatting = performance.now();
  for (const { format, file } of outputs) {
    const color = options.color !== false && !file && io.isTTY && !io.env['NO_COLOR'];
    const text = FORMATTERS[format]!(shown, { color });
    if (file) writeReport(api, path.resolve(io.cwd, file), text);
    else io.stdout(text);
  }
  if (options.debug) {
    timings.push(['format', performance.now() - formatting, outputs.map((o) => o.format).join(', ')]);
    printTimings(io, timings, performance.now() - started);
  }
  reportHousekeeping(result, options, io, api);
  if (result.internalErrors.length > 0) return EXIT_ERROR;
  return exitCode(result.findings.map((f) => f.severity), options.failOn, options.maxWarnings);
}

type Api = typeof import('../api/index.js');

/** `SFMETA_LINT_WORKERS=n` sets the number of extraction threads (0: none), overriding the size-based choice. */
function workerCount(env: Record<string, string | undefined>): number | undefined {
  const value = env['SFMETA_LINT_WORKERS'];
  if (value === undefined || !/^\d+$/u.test(value)) return undefined;
  return Number(value);
}

/**
 * A progress line on stderr (a terminal) once a run has taken a second: files read and extracted, of how many, and
 * how fast. Redrawn at most ten times a second, and erased when the run is done.
 */
export function progressLine(io: Pick<Io, 'stderr'>, started: number, clock: () => number = () => performance.now()): { update: (done: number, total: number) => void; clear: () => void } {
  let drawn = false;
  let last = 0;
  return {
    update(done, total) {
      const now = clock();
      if (now - started < 1000 || (now - last < 100 && done < total)) return;
      last = now;
      const rate = done / Math.max((now - started) / 1000, 0.001);
      io.stderr(`\r\u001b[Ksfmeta-lint: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} files (${Math.round(rate).toLocaleString('en-US')} files/s)`);
      drawn = true;
    },
    clear() {
      if (drawn) io.stderr('\r\u001b[K');
    },
  };
}

function printTimings(io: Io, timings: readonly [string, number, string?][], total: number): void {
  const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`.padStart(10);
  for (const [phase, took, note] of timings) io.stderr(`sfmeta-lint: timing ${phase.padEnd(14)} ${ms(took)}${note ? `  ${oneLine(note)}` : ''}\n`);
  io.stderr(`sfmeta-lint: timing ${'total'.padEnd(14)} ${ms(total)}  (after start-up)\n`);
}

/** Baseline and suppression upkeep, on stderr so that it never mixes with a report on stdout. */
function reportHousekeeping(result: Awaited<ReturnType<Api['lint']>>, options: CliOptions, io: Io, api: Api): void {
  if (result.baselineFile && result.staleBaseline.length > 0) {
    if (options.pruneBaseline) {
      const kept = api.readBaseline(result.baselineFile);
      const stale = new Map(result.staleBaseline.map((e) => [api.baselineEntryKey(e), e.count]));
      const entries = kept.entries
        .map((e) => ({ ...e, count: e.count - (stale.get(api.baselineEntryKey(e)) ?? 0) }))
        .filter((e) => e.count > 0);
      writeReport(api, result.baselineFile, api.serializeBaseline({ version: 1, entries }));
      io.stderr(`sfmeta-lint: pruned ${result.staleBaseline.length} stale entries from ${result.baselineFile}\n`);
    } else {
      io.stderr(`sfmeta-lint: ${result.staleBaseline.length} baseline entries no longer match a finding; run with --prune-baseline to remove them\n`);
    }
  }
  for (const s of result.unusedConfigSuppressions) io.stderr(`sfmeta-lint: the configured suppression of ${s.rule} (${s.reason}) matched no finding\n`);
  for (const s of result.expiredConfigSuppressions) io.stderr(`sfmeta-lint: the configured suppression of ${s.rule} (${s.reason}) expired on ${s.expires}; its findings are reported again\n`);
}

interface PlannedOutput {
  format: string;
  file?: string;
}

function planOutputs(options: CliOptions, formatters: Record<string, unknown>, names: string[]): PlannedOutput[] {
  const check = (format: string) => {
    if (!formatters[format]) throw new UsageError(`Unknown format "${format}"; expected one of ${names.join(', ')}.`);
    return format;
  };
  const formats = options.format.length > 0 ? options.format : ['stylish'];
  if (options.outputFile.length > formats.length) throw new UsageError('There are more --output-file options than --format options.');
  const planned: PlannedOutput[] = formats.map((format, i) => ({ format: check(format), ...(options.outputFile[i] ? { file: options.outputFile[i] } : {}) }));
  for (const entry of options.output) {
    const at = entry.indexOf('=');
    if (at <= 0 || at === entry.length - 1) throw new UsageError(`--output ${entry}: expected format=file, e.g. sarif=results.sarif.`);
    planned.push({ format: check(entry.slice(0, at)), file: entry.slice(at + 1) });
  }
  if (planned.filter((p) => !p.file).length > 1) throw new UsageError('Only one report can go to standard output: give the others an --output-file.');
  return planned;
}

function writeReport(api: Api, target: string, text: string): void {
  try {
    api.makeFolder(path.dirname(target));
    writeFileSync(target, text);
  } catch (error) {
    throw new UsageError(`Cannot write ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Error messages can quote paths and values from the project; keep them to one line, without control characters. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/gu, ' ').trim();
}

export function exitCode(severities: Severity[], failOn: FailLevel, maxWarnings: number | undefined): number {
  if (failOn !== 'never' && severities.some((s) => severityRank(s) >= severityRank(failOn))) return EXIT_FINDINGS;
  if (maxWarnings !== undefined && severities.filter((s) => s === 'warning').length > maxWarnings) return EXIT_FINDINGS;
  return EXIT_OK;
}
