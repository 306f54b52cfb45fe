// lint(options): the programmatic entry point; owns files, configuration and reading, then runs the engine.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { ConfigError, loadConfig, type Config } from '../config/index.js';
import {
  activeRules,
  applySuppressions,
  type ActiveRule,
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
import { EXTRACTOR_VERSION, type ExtractionLevel } from '../model/extract.js';
import { EXTRACTED_TYPES, health, ProjectModel, type Directive, type FileFacts, type SourceFileRef } from '../model/index.js';
import { changedSince, discover, locateProject, ProjectError, stagedFiles, type Project } from '../project/index.js';
import { RULES, ruleById, ruleDocsUrl } from '../rules/index.js';
import { CacheDamaged, FactsCache, isRacy, sameStatus, type CacheEntry } from '../extraction/cache.js';
import { CODEC_VERSION, decodeFacts } from '../extraction/codec.js';
import { runJob, type FileKey, type Job, type JobResult } from '../extraction/jobs.js';
import { defaultWorkerCount, runInWorkers, workerEntry, type PoolResult } from '../extraction/pool.js';

export { ConfigError } from '../config/index.js';
export { makeFolder, ProjectError } from '../project/index.js';
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
  /**
   * Keep what was extracted from each file, and the findings, in a cache file between runs (`--cache`). A file's facts
   * are reused only for the same content, and the findings only for the same inputs; see src/api/cache.ts.
   */
  cache?: boolean;
  /** The cache file (default `.sfmeta-lint-cache` in the project root); relative to `cwd`. */
  cacheLocation?: string;
  /**
   * Threads that read and extract files: 0 extracts on the calling thread; the default is one per core when there is
   * enough to read (over 32 MB), else 0. Workers run only from the compiled package (dist/): under a
   * TypeScript runner extraction is always inline.
   */
  workers?: number;
  /** Called as files are read and extracted: files done, files to do in all. */
  onProgress?: (done: number, total: number) => void;
  /** Called once per phase with its duration in milliseconds and a short note (for `--debug`). */
  onTiming?: (phase: string, ms: number, note?: string) => void;
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
/** The default cache file, in the project root. */
export const DEFAULT_CACHE_FILE = '.sfmeta-lint-cache';
/**
 * Below this much to read, extraction stays on the calling thread. Each worker warms up its own JIT and the facts
 * travel encoded, so workers pay off only on enough bytes: on the 2-core benchmark machine the medium project
 * (28 MB in 15,600 files) takes 1.2 s inline and 1.5 s on two workers, the large one (481 MB) 13.8 s and 7.5 s.
 */
const WORKER_MIN_BYTES = 32 * 1024 * 1024;
/** Up to this many files, their sizes are not looked up (only workers and the cache need them). */
const SMALL_PROJECT_FILES = 500;

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

/** How much of each extracted type is read: a full view for the types some enabled rule reads, else a check for the file-level rules. */
export function extractionPlan(active: readonly ActiveRule[]): Map<string, ExtractionLevel> {
  const needed = neededTypes(active);
  const checks = active.some((a) => a.rule.meta.checksFiles);
  const plan = new Map<string, ExtractionLevel>();
  for (const type of EXTRACTED_TYPES) {
    if (needed.has(type)) plan.set(type, 'full');
    else if (checks) plan.set(type, 'check');
  }
  return plan;
}

interface ExtractOptions {
  maxFileSize: number;
  cache: FactsCache | undefined;
  workers: number | undefined;
  onProgress: ((done: number, total: number) => void) | undefined;
}

interface Extraction {
  /** Every extracted file's facts, in project order; cached facts are decoded on the first call. */
  facts(): FileFacts[];
  /** With the cache: what each file's facts were computed from (its path, level and content hash, or its read problem). */
  inputs: string[];
  note: string;
}

/** One extracted file: its facts, or (from the cache) their encoding, and what they came from. */
interface Slot {
  file: SourceFileRef;
  level: ExtractionLevel;
  facts?: FileFacts;
  cached?: CacheEntry;
  input?: string;
}

/**
 * Reads and extracts every file of the planned types: from the cache where a file is unchanged, otherwise on worker
 * threads for a big project or inline for a small one. Nothing of a file's text or tree outlives its job.
 */
async function extractAll(project: Project, plan: ReadonlyMap<string, ExtractionLevel>, options: ExtractOptions): Promise<Extraction> {
  const { cache, maxFileSize } = options;
  const startedAt = Date.now();
  const slots: Slot[] = [];
  for (const file of project.files) {
    const level = plan.get(file.type);
    if (level) slots.push({ file, level });
  }
  const jobs: Job[] = [];
  let bytes = 0;
  let hits = 0;
  const sized = cache !== undefined || slots.length > SMALL_PROJECT_FILES;
  for (let index = 0; index < slots.length; index++) {
    const { file, level } = slots[index]!;
    const absolute = path.join(project.root, file.path);
    // The size orders the work, largest first; a file that cannot be stat'ed is the reader's to report.
    const stats = sized ? statSync(absolute, { throwIfNoEntry: false }) : undefined;
    const entry = cache?.get(file.path);
    const usable = entry && entry.level === level && entry.key.size <= maxFileSize ? entry : undefined;
    if (usable && stats && sameStatus(usable, stats)) {
      slots[index]!.cached = usable;
      slots[index]!.input = inputOf(file, level, usable.key.hash);
      hits++;
      continue;
    }
    const size = stats?.size ?? 0;
    bytes += size;
    jobs.push({ index, absolute, file, level, size, ...(usable ? { expectHash: usable.key.hash } : {}) });
  }

  let done = hits;
  const total = slots.length;
  options.onProgress?.(done, total);
  let extracted = 0;
  let confirmed = 0;
  const store = (index: number, key: FileKey | undefined, encoded: Buffer | undefined) => {
    const slot = slots[index]!;
    if (!cache || !key || !encoded) return;
    cache.set(slot.file.path, { level: slot.level, key, racy: isRacy(key, startedAt), facts: encoded });
    slot.input = inputOf(slot.file, slot.level, key.hash);
  };
  const accept = (result: JobResult | PoolResult) => {
    const slot = slots[result.index]!;
    if (result.kind === 'same') {
      // The content is as cached: keep the facts, with the file's new status.
      cache!.touch(slot.file.path, result.key, isRacy(result.key, startedAt));
      slot.cached = cache!.get(slot.file.path);
      slot.input = inputOf(slot.file, slot.level, result.key.hash);
      confirmed++;
    } else if (result.kind === 'failed') {
      slot.facts = 'problem' in result ? { file: slot.file, problem: result.problem } : { file: slot.file, problem: result.facts.problem! };
      slot.input = `${slot.file.path}\u0000failed\u0000${JSON.stringify(slot.facts.problem)}`;
    } else if ('facts' in result) {
      slot.facts = result.facts;
      store(result.index, result.key, result.bytes);
      extracted++;
    } else {
      slot.facts = decodeFacts(result.bytes, slot.file);
      store(result.index, result.key, result.bytes);
      extracted++;
    }
    options.onProgress?.(++done, total);
  };

  const entry = workerEntry();
  const count = options.workers ?? (bytes > WORKER_MIN_BYTES ? defaultWorkerCount() : 0);
  let threads = entry && count > 0 && jobs.length > 0 ? Math.min(count, jobs.length) : 0;
  const jobOptions = { maxFileSize, hash: cache !== undefined, encode: cache !== undefined };
  let overlapNote = '';
  if (threads > 0) {
    const running = runInWorkers(entry!, jobs, threads, { maxFileSize, hash: cache !== undefined }, accept);
    // The workers have their jobs; this thread decodes the cached facts meanwhile.
    const decoding = performance.now();
    let decoded = 0;
    try {
      for (const slot of slots) {
        if (slot.cached && !slot.facts) {
          slot.facts = decodeFacts(cache!.factsOf(slot.cached), slot.file);
          decoded++;
        }
      }
    } catch (error) {
      // Damaged cached facts are read again from the files, when they are needed (below).
      if (!(error instanceof CacheDamaged)) throw error;
    }
    const waiting = performance.now();
    if (!(await running)) threads = 0;
    else if (decoded > 0) overlapNote = `; ${decoded} cached decoded meanwhile in ${Math.round(waiting - decoding)} ms, then ${Math.round(performance.now() - waiting)} ms waiting`;
  }
  // Inline, also when no worker could be started.
  if (threads === 0) for (const job of jobs) accept(runJob(job, jobOptions));

  let all: FileFacts[] | undefined;
  const facts = (): FileFacts[] => {
    if (all) return all;
    if (cache && slots.some((slot) => slot.cached && !slot.facts) && !cache.readable()) {
      // The cache's facts cannot be read back intact (a damaged file, or one another run replaced): read the files again.
      cache.reset();
      for (let index = 0; index < slots.length; index++) {
        const slot = slots[index]!;
        if (!slot.cached || slot.facts) continue;
        slot.cached = undefined;
        const job = { index, absolute: path.join(project.root, slot.file.path), file: slot.file, level: slot.level, size: 0 };
        accept(runJob(job, { maxFileSize, hash: true, encode: true }));
      }
    }
    all = slots.map((slot) => slot.facts ?? decodeFacts(cache!.factsOf(slot.cached!), slot.file));
    return all;
  };
  return {
    facts,
    inputs: cache ? slots.map((slot) => slot.input!) : [],
    note: [
      `${total} files (${formatMB(bytes)} read)`,
      ...(cache ? [`${hits} from the cache`] : []),
      ...(confirmed > 0 ? [`${confirmed} re-hashed and unchanged`] : []),
      `${extracted} extracted ${threads > 0 ? `on ${threads} worker thread${threads > 1 ? 's' : ''}` : 'inline'}${overlapNote}`,
    ].join(', '),
  };
}

function inputOf(file: SourceFileRef, level: ExtractionLevel, hash: string): string {
  return `${file.path}\u0000${level}\u0000${hash}`;
}

function formatMB(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/**
 * What identifies this build of sfmeta-lint for the cache: the version, the extractor and codec versions, the parser's
 * version, and the size and time of every compiled module (so a rebuilt working copy never reads an older build's cache).
 */
function buildFingerprint(): string {
  const hash = createHash('sha1');
  hash.update(`${TOOL.version}\u0000${EXTRACTOR_VERSION}\u0000${CODEC_VERSION}\u0000${process.version}`);
  try {
    const parser = createRequire(import.meta.url)('fast-xml-parser/package.json') as { version: string };
    hash.update(`\u0000fast-xml-parser ${parser.version}`);
  } catch {
    // Not resolvable through exports: the module list below still changes with a new install.
  }
  const codeRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const pending = [codeRoot];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'cases') pending.push(full);
      } else if (/\.(js|ts|json)$/u.test(entry.name)) {
        const stats = statSync(full);
        hash.update(`\u0000${path.relative(codeRoot, full)}\u0000${stats.size}\u0000${stats.mtimeMs}`);
      }
    }
  }
  return hash.digest('base64');
}

/** What the rules' findings depend on: the extracted inputs, every file of the project, the rule settings and the thresholds. */
function resultDigest(inputs: readonly string[], project: Project, config: Config, types: ReadonlySet<string>, healthBaseline: unknown): string {
  const hash = createHash('sha1');
  hash.update(JSON.stringify({ rules: config.rules, overrides: config.overrides, types: [...types], healthBaseline: healthBaseline ?? null }));
  hash.update(JSON.stringify(project.files));
  hash.update(inputs.join('\u0001'));
  return hash.digest('base64');
}

interface RuleOutcome {
  raw: Finding[];
  internalErrors: LintResult['internalErrors'];
  directives: Directive[];
}

/** Lints a project. Throws ConfigError or ProjectError for bad input; rule crashes are returned as internal errors. */
export async function lint(options: LintOptions = {}): Promise<LintRun> {
  const cwd = options.cwd ?? process.cwd();
  let mark = performance.now();
  const timing = (phase: string, note?: string) => {
    const now = performance.now();
    options.onTiming?.(phase, now - mark, note);
    mark = now;
  };
  const location = locateProject(cwd, options.paths ?? []);
  const config = applyCommandLine(loadConfig(RULES, location.root, options.configFile), options);
  const project = await discover(location, { ignores: config.ignores });
  timing('discover', `${project.files.length} files, ${project.skipped.length} skipped`);
  const active = activeRules(RULES, config);
  const plan = extractionPlan(active);
  const types = new Set<string>([...plan].filter(([, level]) => level === 'full').map(([type]) => type));
  const warnings: string[] = [];
  const securityBaseline = options.securityBaseline ?? config.securityBaseline;
  let healthBaseline: health.Baseline | undefined;
  if (securityBaseline !== undefined) {
    const custom = loadSecurityBaseline(path.resolve(options.securityBaseline !== undefined ? cwd : project.root, securityBaseline));
    healthBaseline = custom.baseline;
    warnings.push(...custom.warnings);
  }
  let cache: FactsCache | undefined;
  if (options.cache) {
    const file = options.cacheLocation !== undefined ? path.resolve(cwd, options.cacheLocation) : path.join(project.root, DEFAULT_CACHE_FILE);
    const opened = FactsCache.open(file, buildFingerprint());
    cache = opened.cache;
    timing('cache read', opened.note ?? cache.file);
  }
  const extraction = await extractAll(project, plan, {
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    cache,
    workers: options.workers,
    onProgress: options.onProgress,
  });
  timing('read+extract', extraction.note);
  const buildModel = (): ProjectModel => {
    const model = new ProjectModel(project.files, extraction.facts(), types);
    if (healthBaseline) model.healthBaseline = healthBaseline;
    return model;
  };
  // With the cache, the rules' findings of the last run stand when every input is the same.
  const digest = cache ? resultDigest(extraction.inputs, project, config, types, healthBaseline) : undefined;
  const saved = digest !== undefined ? cache!.resultFor(digest) : undefined;
  let model: ProjectModel | undefined;
  let outcome: RuleOutcome;
  if (saved) {
    outcome = v8.deserialize(saved) as RuleOutcome;
    timing('rules', 'the findings of the last run, from the cache');
  } else {
    model = buildModel();
    timing('model');
    const { findings, internalErrors } = runRules(model, RULES, config);
    outcome = { raw: findings, internalErrors, directives: model.directives };
    timing('rules', `${active.length} rules, ${findings.length} findings`);
    if (digest !== undefined) cache!.setResult(digest, v8.serialize(outcome));
  }
  if (cache) {
    cache.retain(new Set(project.files.map((f) => f.path)));
    const problem = cache.save();
    if (problem) warnings.push(problem);
    timing('cache write', problem ?? cache.file);
  }
  const { raw, internalErrors } = outcome;
  const baselineFile = resolveBaseline(project.root, options.baseline);
  const suppressions = applySuppressions(raw, {
    directives: outcome.directives,
    config: config.suppressions,
    ...(baselineFile ? { baseline: readBaseline(baselineFile) } : {}),
    today: options.today ?? new Date().toISOString().slice(0, 10),
  });
  const unused = unusedDirectiveFindings(suppressions.unusedDirectives, config, new Set(active.map((a) => a.rule.meta.id)));
  const targets = targetFiles(project, options);
  const inTargets = (f: Finding) => !targets || targets.has(f.location.file) || f.related.some((r) => targets.has(r.file));
  const repositoryPrefix = project.repositoryRoot ? toPosix(path.relative(project.repositoryRoot, project.root)) : '';
  const run = {
    tool: TOOL,
    root: project.root,
    repositoryPrefix: repositoryPrefix === '' ? '' : `${repositoryPrefix}/`,
    filesLinted: targets ? targets.size : project.files.length,
    filesSkipped: project.skipped.length,
    findings: [...suppressions.kept, ...unused].filter(inTargets).sort(compareFindings),
    suppressed: suppressions.suppressed.filter(inTargets),
    internalErrors,
    rules: active.map((a) => describeRule(a.rule)),
    project,
    config,
    model: model!,
    allFindings: raw,
    warnings,
    ...(baselineFile ? { baselineFile } : {}),
    staleBaseline: suppressions.staleBaseline,
    unusedConfigSuppressions: suppressions.unusedConfig,
    expiredConfigSuppressions: suppressions.expiredConfig,
  };
  timing('suppressions');
  // Findings from the cache: the model is built only if someone asks for it (doctor and health do; the CLI's lint does not).
  if (!model) {
    Object.defineProperty(run, 'model', {
      enumerable: true,
      configurable: true,
      get() {
        const built = buildModel();
        Object.defineProperty(run, 'model', { value: built, enumerable: true, configurable: true, writable: true });
        return built;
      },
    });
  }
  return run;
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
