// lint(options): the programmatic entry point; owns files, configuration and reading, then runs the engine.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type Config } from '../config/index.js';
import {
  activeRules,
  applySuppressions,
  formatMessage,
  neededTypes,
  runRules,
  type Baseline,
  type BaselineEntry,
  type ConfigSuppression,
  type Rule,
  type RuleSetting,
} from '../engine/index.js';
import { compareFindings, type Finding, type SeverityOrOff } from '../findings/index.js';
import type { LintResult, RuleDescriptor } from '../formatters/index.js';
import { EXTRACTED_TYPES, extractFile, health, ProjectModel, type FileFacts } from '../model/index.js';
import { changedSince, discover, locateProject, ProjectError, readText, stagedFiles, type Project } from '../project/index.js';
import { RULES, ruleById, ruleDocsUrl } from '../rules/index.js';

export { ConfigError } from '../config/index.js';
export { ProjectError } from '../project/index.js';
export { RULES } from '../rules/index.js';
export { baselineEntryKey, buildBaseline, serializeBaseline } from '../engine/index.js';
export type { LintResult } from '../formatters/index.js';

export interface LintOptions {
  /** Folder that relative paths are resolved against (default: process.cwd()). */
  cwd?: string;
  /** Files and folders to lint (default: the current folder). */
  paths?: string[];
  /** An explicit configuration file instead of the one found in the project root. */
  configFile?: string;
  /** Rule severities that override the configuration (`--rule`, `--disable-rule`). */
  ruleSeverities?: Record<string, SeverityOrOff>;
  /** When set, only these rules run. */
  only?: string[];
  /** Files larger than this are reported instead of parsed (default 64 MiB). */
  maxFileSize?: number;
  /** Baseline file; default `sfmeta-lint-baseline.json` in the project root when it exists; `false` ignores it. */
  baseline?: string | false;
  /** Report only findings in (or related to) files changed since this git ref; the project stays the context. */
  changedSince?: string;
  /** Report only findings in (or related to) staged files. */
  staged?: boolean;
  /** Today's date (YYYY-MM-DD) for suppressions' `expires`; default: the real date. */
  today?: string;
  /** A Health Check custom baseline export (XML) that replaces the built-in thresholds. */
  securityBaseline?: string;
}

export interface LintRun extends LintResult {
  project: Project;
  config: Config;
  /** The model the rules ran on, for reports built on the same facts (doctor, health). */
  model: ProjectModel;
  /** Every finding before suppressions and the baseline, for --write-baseline. */
  allFindings: Finding[];
  /** The baseline file read, if any. */
  baselineFile?: string;
  /** Baseline entries that match nothing any more (--prune-baseline removes them). */
  staleBaseline: BaselineEntry[];
  /** Problems worth a line on stderr that do not stop the run (e.g. unknown settings in a custom baseline). */
  warnings: string[];
  /** Configuration suppressions that matched nothing, or have expired. */
  unusedConfigSuppressions: ConfigSuppression[];
  expiredConfigSuppressions: ConfigSuppression[];
}

export const DEFAULT_BASELINE_FILE = 'sfmeta-lint-baseline.json';
const UNUSED_SUPPRESSION = 'unused-suppression';

export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;
const READ_CONCURRENCY = 32;
/** Where a problem with the whole file (too large, unreadable) is shown: there is no element to point at. */
const FILE_START = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const packageJson = createRequire(import.meta.url)(path.join(packageRoot, 'package.json')) as { version: string; homepage?: string };

export const TOOL = { name: 'sfmeta-lint', version: packageJson.version, informationUri: packageJson.homepage ?? 'https://github.com/sfmeta-lint/sfmeta-lint' };

/** The rule's README, shipped with the package. */
export function ruleReadme(id: string): string {
  try {
    return readFileSync(path.join(packageRoot, 'src', 'rules', id, 'README.md'), 'utf8');
  } catch {
    return ruleById(id)?.meta.description ?? '';
  }
}

export function describeRule(rule: Rule<object>): RuleDescriptor {
  return {
    id: rule.meta.id,
    description: rule.meta.description,
    category: rule.meta.category,
    defaultSeverity: rule.meta.defaultSeverity,
    tags: rule.meta.tags,
    helpUri: ruleDocsUrl(rule.meta.id),
    help: ruleReadme(rule.meta.id),
    ...(rule.meta.securitySeverity !== undefined ? { securitySeverity: rule.meta.securitySeverity } : {}),
  };
}

function applyCommandLine(config: Config, options: LintOptions): Config {
  const rules: Record<string, RuleSetting> = { ...config.rules };
  for (const id of [...Object.keys(options.ruleSeverities ?? {}), ...(options.only ?? [])]) {
    if (!ruleById(id)) throw new ConfigError(`Unknown rule: ${id} (see --list-rules)`);
  }
  if (options.only) {
    for (const rule of RULES) if (!options.only.includes(rule.meta.id)) rules[rule.meta.id] = { severity: 'off' };
  }
  for (const [id, severity] of Object.entries(options.ruleSeverities ?? {})) rules[id] = { ...rules[id], severity };
  return { ...config, rules, overrides: options.only ? config.overrides.map((o) => ({ ...o, rules: Object.fromEntries(Object.entries(o.rules).filter(([id]) => options.only!.includes(id))) })) : config.overrides };
}

async function extractAll(project: Project, types: ReadonlySet<string>, maxFileSize: number): Promise<FileFacts[]> {
  const targets = project.files.filter((f) => types.has(f.type));
  const facts: FileFacts[] = new Array(targets.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const index = next++;
      const file = targets[index]!;
      const read = await readText(path.join(project.root, file.path), maxFileSize);
      facts[index] = read.ok
        ? extractFile(file, read.text)
        : { file, problem: { kind: 'parse', file: file.path, message: read.message, range: read.range ?? FILE_START } };
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, targets.length) }, worker));
  return facts;
}

/** Lints a project. Throws ConfigError or ProjectError for bad input; rule crashes are returned as internal errors. */
export async function lint(options: LintOptions = {}): Promise<LintRun> {
  const cwd = options.cwd ?? process.cwd();
  const location = locateProject(cwd, options.paths ?? []);
  const config = applyCommandLine(loadConfig(RULES, location.root, options.configFile), options);
  const project = await discover(location, { ignores: config.ignores });
  const active = activeRules(RULES, config);
  const needed = neededTypes(active);
  const types = new Set<string>(EXTRACTED_TYPES.filter((t) => needed.has(t)));
  const facts = await extractAll(project, types, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  const model = new ProjectModel(project.files, facts, types);
  const warnings: string[] = [];
  const securityBaseline = options.securityBaseline ?? config.securityBaseline;
  if (securityBaseline !== undefined) {
    const custom = loadSecurityBaseline(path.resolve(options.securityBaseline !== undefined ? cwd : project.root, securityBaseline));
    model.healthBaseline = custom.baseline;
    warnings.push(...custom.warnings);
  }
  const { findings: raw, internalErrors } = runRules(model, RULES, config);
  const baselineFile = resolveBaseline(project.root, options.baseline);
  const outcome = applySuppressions(raw, {
    directives: model.directives,
    config: config.suppressions,
    ...(baselineFile ? { baseline: readBaseline(baselineFile) } : {}),
    today: options.today ?? new Date().toISOString().slice(0, 10),
  });
  const unused = unusedDirectiveFindings(outcome.unusedDirectives, config, new Set(active.map((a) => a.rule.meta.id)));
  const targets = targetFiles(project, options);
  const inTargets = (f: Finding) => !targets || targets.has(f.location.file) || f.related.some((r) => targets.has(r.file));
  const repositoryPrefix = project.repositoryRoot ? toPosix(path.relative(project.repositoryRoot, project.root)) : '';
  return {
    tool: TOOL,
    root: project.root,
    repositoryPrefix: repositoryPrefix === '' ? '' : `${repositoryPrefix}/`,
    filesLinted: targets ? targets.size : project.files.length,
    filesSkipped: project.skipped.length,
    findings: [...outcome.kept, ...unused].filter(inTargets).sort(compareFindings),
    suppressed: outcome.suppressed.filter(inTargets),
    internalErrors,
    rules: active.map((a) => describeRule(a.rule)),
    project,
    config,
    model,
    allFindings: raw,
    warnings,
    ...(baselineFile ? { baselineFile } : {}),
    staleBaseline: outcome.staleBaseline,
    unusedConfigSuppressions: outcome.unusedConfig,
    expiredConfigSuppressions: outcome.expiredConfig,
  };
}

/** Files whose findings are reported: the paths asked for and the git selection; undefined means all. */
function targetFiles(project: Project, options: LintOptions): Set<string> | undefined {
  let targets = project.targets ? new Set(project.targets) : undefined;
  const selections: string[][] = [];
  if (options.changedSince !== undefined) selections.push(changedSince(project.root, options.changedSince));
  if (options.staged) selections.push(stagedFiles(project.root));
  for (const selection of selections) {
    const chosen = new Set(selection.filter((p) => !targets || targets.has(p)));
    targets = chosen;
  }
  return targets;
}

/** Unused inline suppressions are findings of the `unused-suppression` rule, at the comment, when that rule is on. */
function unusedDirectiveFindings(directives: ProjectModel['directives'], config: Config, ran: ReadonlySet<string>): Finding[] {
  const rule = ruleById(UNUSED_SUPPRESSION);
  const severity = config.rules[UNUSED_SUPPRESSION]?.severity ?? rule?.meta.defaultSeverity;
  if (!rule || !severity || severity === 'off') return [];
  return directives
    // A comment for a rule that did not run (off, or not in --only) may still be needed.
    .filter((d) => d.rules.length > 0 && d.rules.every((id) => ruleById(id) && ran.has(id)))
    .map((d) => ({
      ruleId: UNUSED_SUPPRESSION,
      messageId: 'unused',
      severity,
      message: formatMessage(rule.meta.messages['unused']!, { rules: d.rules.join(', ') }),
      location: d,
      related: [],
    }));
}

function resolveBaseline(root: string, option: string | false | undefined): string | undefined {
  if (option === false) return undefined;
  if (option !== undefined) {
    const file = path.resolve(root, option);
    if (!existsSync(file)) throw new ProjectError(`Baseline file not found: ${file}`);
    return file;
  }
  const fallback = path.join(root, DEFAULT_BASELINE_FILE);
  return existsSync(fallback) ? fallback : undefined;
}

function loadSecurityBaseline(file: string): { baseline: health.Baseline; warnings: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the security baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const parsed = health.parseCustomBaseline(text);
  if (!parsed.ok) throw new ConfigError(`${file}: ${parsed.error}`);
  return { baseline: parsed.baseline, warnings: parsed.warnings.map((w) => `${file}: ${w}`) };
}

export interface HealthOptions extends Pick<LintOptions, 'cwd' | 'paths' | 'configFile' | 'securityBaseline'> {}

/** Predicts the Health Check table, score and grade of the project's security settings, with the rules' thresholds. */
export async function healthReport(options: HealthOptions = {}): Promise<{ evaluation: health.HealthEvaluation; warnings: string[] }> {
  const run = await lint({ ...options, only: ['password-policy-baseline', 'session-security-baseline'], baseline: false });
  return { evaluation: health.evaluateHealth(run.model), warnings: run.warnings };
}

export function readBaseline(file: string): Baseline {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: not a valid baseline: ${(error as Error).message}`);
  }
  const entries = (json as { entries?: unknown }).entries;
  const valid =
    (json as { version?: unknown }).version === 1 &&
    Array.isArray(entries) &&
    entries.every((e) => e && typeof e.rule === 'string' && typeof e.file === 'string' && typeof e.element === 'string' && typeof e.messageId === 'string' && Number.isInteger(e.count) && e.count > 0);
  if (!valid) throw new ConfigError(`${file}: not a valid baseline (expected {"version": 1, "entries": [{rule, file, element, messageId, count}]})`);
  return { version: 1, entries: entries as BaselineEntry[] };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
