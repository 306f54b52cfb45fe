// The analysis behind the facade: read the project, run the rules, then settle suppressions, the baseline and targets.
import v8 from 'node:v8';
import path from 'node:path';
import {
  applyCommandLine,
  CONFIG_FILES,
  DEFAULT_CACHE_FILE,
  DEFAULT_MAX_FILE_SIZE,
  loadConfig,
  loadSecurityBaseline,
  readBaseline,
  resolveBaseline,
  type Config,
} from '../config/index.js';
import {
  activeRules,
  applySuppressions,
  fileSettings,
  fixes,
  formatMessage,
  runRules,
  type ActiveRule,
  type Baseline,
  type BaselineEntry,
  type ConfigSuppression,
  type InternalError,
  type RuleCategory,
  type RuleSettings,
} from '../engine/index.js';
import { buildFingerprint, extractAll, extractionPlan, FactsCache, resultDigest } from '../extraction/index.js';
import { compareFindings, type Finding, type SeverityOrOff } from '../findings/index.js';
import type { LintResult } from '../findings/result.js';
import type { ExtractionLevel } from '../model/extract.js';
import { ProjectModel, type Directive, type FileFacts, type ViewType } from '../model/index.js';
import { discover, Listing, locateProject, toPosix, type Project } from '../project/index.js';
import { RULES, ruleById } from '../rules/index.js';
import { describeRule, TOOL } from './tool.js';

export interface AnalyzeOptions {
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
  /** A Health Check custom baseline export (XML) that replaces the built-in thresholds. */
  securityBaseline?: string;
  /**
   * Keep what was extracted from each file, and the findings, in a cache file between runs (`--cache`). A file's facts
   * are reused only for the same content, and the findings only for the same inputs; see src/extraction/cache.ts.
   */
  cache?: boolean;
  /** The cache file (default `.sfmeta-lint-cache/cache` in the project root); relative to `cwd`. */
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
  /** Metadata types to build into the model beside those the enabled rules read (for reports that read the model). */
  views?: readonly ViewType[];
  /**
   * Texts that stand for files' content instead of what is on disk, by path (absolute, or relative to `cwd`): an
   * editor's unsaved buffers. A file must exist in the project to be read; its text here is never cached.
   */
  overlays?: ReadonlyMap<string, string>;
}

export interface LintOptions extends AnalyzeOptions {
  /** Baseline file; default `sfmeta-lint-baseline.json` in the project root when it exists; `false` ignores it. */
  baseline?: string | false;
  /** Report only findings in (or related to) files changed since this git ref; the project stays the context. */
  changedSince?: string;
  /** Report only findings in (or related to) staged files. */
  staged?: boolean;
  /** Today's date (YYYY-MM-DD) for suppressions' `expires`; default: the real date. */
  today?: string;
  /**
   * Apply the fixes of the findings that count (not suppressed, not baselined, in the files asked for) and write the
   * changed files; the result then holds the findings that remain (`--fix`).
   */
  fix?: boolean;
  /** Compute the same fixes and write nothing; the result holds the findings as they are (`--fix-dry-run`). */
  fixDryRun?: boolean;
  /** Only fix findings of rules in these categories (`--fix-type`); default all. */
  fixTypes?: RuleCategory[];
  /** Resolve each finding's fix and suggestions to text edits (`Fix.edits`), for JSON, SARIF and editors. */
  fixEdits?: boolean;
}

export interface LintRun extends LintResult {
  project: Project;
  config: Config;
  /** The model the rules ran on, for reports built on the same facts (doctor, health). */
  model: ProjectModel;
  /** Every finding of the rules, before suppressions and the baseline. */
  allFindings: Finding[];
  /**
   * What --write-baseline records: the findings of every file that inline and configured suppressions leave,
   * `unused-suppression` findings included, before the baseline.
   */
  unbaselined: Finding[];
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

/** What analyze() found: the model and every finding of the enabled rules, before suppressions and the baseline. */
export interface Analysis {
  project: Project;
  config: Config;
  active: ActiveRule[];
  /** The model the rules ran on; when the findings came from the cache it is built on first use. */
  model: ProjectModel;
  findings: Finding[];
  internalErrors: InternalError[];
  /** Inline suppression comments. */
  directives: Directive[];
  /** The project-wide settings the rules read (the security baseline in force). */
  settings: RuleSettings;
  /** Problems worth a line on stderr that do not stop the run (e.g. unknown settings in a custom baseline). */
  warnings: string[];
  /** How much of each type was read (the extraction plan). */
  plan: ReadonlyMap<string, ExtractionLevel>;
  /** What was extracted from every file read, in project order. */
  facts(): FileFacts[];
  /** What was extracted from one file (a project path), without decoding the others' from the cache. */
  factsOf(file: string): FileFacts | undefined;
}

const UNUSED_SUPPRESSION = 'unused-suppression';

interface RuleOutcome {
  raw: Finding[];
  internalErrors: InternalError[];
  directives: Directive[];
}

export type Timing = (phase: string, note?: string) => void;

export function phaseTimer(onTiming: AnalyzeOptions['onTiming']): Timing {
  let mark = performance.now();
  return (phase, note) => {
    const now = performance.now();
    onTiming?.(phase, now - mark, note);
    mark = now;
  };
}

/** The run summary's line for CumulusCI bundles left out of a whole-project run, with how to lint them. */
function unlintedBundlesNote(bundles: string[]): string {
  const shown = bundles.length > 3 ? `${bundles.slice(0, 3).join(', ')} and ${bundles.length - 3} more` : bundles.join(', ');
  return `cumulusci.yml: ${bundles.length} CumulusCI bundle${bundles.length === 1 ? ' was' : 's were'} not linted (${shown}); lint each on its own, with the package as context: sfmeta-lint ${bundles[0]}`;
}

/** What an analysis runs under: the project's files and settings, the rules that are on and what they read. */
export interface Prepared {
  project: Project;
  config: Config;
  active: ActiveRule[];
  plan: Map<string, ExtractionLevel>;
  /** The types built into views. */
  viewTypes: Set<string>;
  settings: RuleSettings;
  warnings: string[];
  /** The files whose content the analysis depends on beside the project's metadata (configuration, ...), absolute. */
  settingFiles: string[];
}

/**
 * Finds the project, its configuration and its files, and decides what the rules read. `listing`: what earlier
 * discoveries found (or how to get it, once the project root is known). Throws ConfigError or ProjectError.
 */
export async function prepare(options: AnalyzeOptions, listing?: Listing | ((root: string) => Listing)): Promise<Prepared> {
  const cwd = options.cwd ?? process.cwd();
  const location = locateProject(cwd, options.paths ?? []);
  const config = applyCommandLine(loadConfig(RULES, location.root, options.configFile), options);
  const listed = typeof listing === 'function' ? listing(location.root) : listing;
  const project = await discover(location, { ignores: config.ignores, ...(listed ? { listing: listed } : {}) });
  const active = activeRules(RULES, config);
  const plan = extractionPlan(active, options.views);
  const viewTypes = new Set<string>([...plan].filter(([, level]) => level.startsWith('full')).map(([type]) => type));
  const warnings: string[] = [];
  if (project.unlintedBundles) warnings.push(unlintedBundlesNote(project.unlintedBundles));
  const securityBaseline = options.securityBaseline ?? config.securityBaseline;
  const settings: { -readonly [K in keyof RuleSettings]: RuleSettings[K] } = {};
  const settingFiles = [
    ...['sfdx-project.json', '.forceignore', 'package.json', 'cumulusci.yml', ...CONFIG_FILES].map((name) =>
      path.join(location.root, name),
    ),
    ...(config.source ? [config.source] : []),
  ];
  if (securityBaseline !== undefined) {
    const file = path.resolve(options.securityBaseline !== undefined ? cwd : project.root, securityBaseline);
    const custom = loadSecurityBaseline(file);
    settings.securityBaseline = custom.baseline;
    warnings.push(...custom.warnings);
    settingFiles.push(file);
  }
  return { project, config, active, plan, viewTypes, settings, warnings, settingFiles };
}

/** With the cache: the cache, what the rules' findings were keyed on, and the listing to keep for the next run. */
export interface Cached {
  cache: FactsCache;
  digest: string;
  listing: Listing;
}

/** An analysis, and with the cache what is still to be saved in it (see saveCache). */
export async function analyzeTimed(options: AnalyzeOptions, timing: Timing): Promise<{ analysis: Analysis; cached?: Cached }> {
  const cwd = options.cwd ?? process.cwd();
  let cache: FactsCache | undefined;
  let listing: Listing | undefined;
  // With the cache, the listing of the last run: when no folder changed, nothing is listed or classified again.
  const openCache = (root: string): Listing => {
    const file = options.cacheLocation !== undefined ? path.resolve(cwd, options.cacheLocation) : path.join(root, DEFAULT_CACHE_FILE);
    const opened = FactsCache.open(file, buildFingerprint());
    cache = opened.cache;
    timing('cache read', opened.note ?? cache.file);
    const snapshot = cache.listing();
    listing = snapshot ? Listing.fromSnapshot(snapshot) : new Listing();
    return listing;
  };
  const { project, config, active, plan, viewTypes, settings, warnings } = await prepare(options, options.cache ? openCache : undefined);
  timing('discover', `${project.files.length} files, ${project.skipped.length} skipped${listing?.reused ? ' (no folder changed)' : ''}`);
  const extraction = await extractAll(project, plan, {
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    cache,
    workers: options.workers,
    onProgress: options.onProgress,
    ...(options.overlays ? { overlays: projectPaths(options.overlays, cwd, project.root) } : {}),
  });
  timing('read+extract', extraction.note);
  // A first run's cache file gets its facts on the thread pool while the rules run (saveCache completes it).
  cache?.writeAhead();
  const buildModel = (): ProjectModel => new ProjectModel(project.files, extraction.facts(), project.shape);
  // With the cache, the rules' findings of the last run stand when every input is the same.
  const digest = cache ? resultDigest(extraction.inputs, project, config, viewTypes, settings.securityBaseline) : undefined;
  const saved = digest !== undefined ? cache!.resultFor(digest) : undefined;
  let model: ProjectModel | undefined;
  let outcome: RuleOutcome;
  if (saved) {
    outcome = v8.deserialize(saved) as RuleOutcome;
    timing('rules', 'the findings of the last run, from the cache');
  } else {
    model = buildModel();
    timing('model');
    const { findings, internalErrors } = runRules(model, RULES, config, settings);
    outcome = { raw: findings, internalErrors, directives: model.directives };
    timing('rules', `${active.length} rules, ${findings.length} findings`);
    if (options.onTiming && model.referencesBuilt) timing('references', model.references.note());
    if (digest !== undefined) cache!.setResult(digest, v8.serialize(outcome));
  }
  const analysis = {
    project,
    config,
    active,
    model: model!,
    findings: outcome.raw,
    internalErrors: outcome.internalErrors,
    directives: outcome.directives,
    settings,
    warnings,
    plan,
    facts: extraction.facts,
    factsOf: extraction.factsOf,
  };
  // Findings from the cache: the model is built only if someone asks for it (doctor and health do; the CLI's lint does not).
  if (!model) lazyModel(analysis, buildModel);
  return { analysis, ...(cache ? { cached: { cache, digest: digest!, listing: listing! } } : {}) };
}

/** Writes what the run learnt into the cache (a failure is a warning); `timing` notes how long it took. */
export async function saveCache(cached: Cached, analysis: Analysis, timing: Timing): Promise<void> {
  const { cache, listing } = cached;
  await cache.settled();
  if (!listing.reused) {
    const snapshot = listing.toSnapshot();
    if (snapshot) cache.setListing(snapshot);
  }
  cache.retain(analysis.project.files.map((f) => f.path));
  const problem = cache.save();
  if (problem) analysis.warnings.push(problem);
  timing('cache write', problem ?? cache.file);
}

/** The overlays by project path (forward slashes, relative to the root), as the project lists its files. */
function projectPaths(overlays: ReadonlyMap<string, string>, cwd: string, root: string): Map<string, string> {
  return new Map([...overlays].map(([file, text]) => [toPosix(path.relative(root, path.resolve(cwd, file))), text]));
}

function lazyModel(target: { model: ProjectModel }, build: () => ProjectModel): void {
  Object.defineProperty(target, 'model', {
    enumerable: true,
    configurable: true,
    get() {
      const built = build();
      Object.defineProperty(target, 'model', { value: built, enumerable: true, configurable: true, writable: true });
      return built;
    },
  });
}

/** What the rules gave, on the model they ran on (built on first use when the findings came from the cache). */
export interface Outcome {
  findings: Finding[];
  internalErrors: InternalError[];
  directives: Directive[];
  model(): ProjectModel;
}

/** The baseline file in force and its entries, read once for settling many times (the language server). */
export interface LoadedBaseline {
  file?: string;
  baseline?: Baseline;
}

export function loadBaseline(root: string, option: LintOptions['baseline']): LoadedBaseline {
  const file = resolveBaseline(root, option);
  return file ? { file, baseline: readBaseline(file) } : {};
}

/** The run's suppressions, baseline and targets applied to the findings of an analysis. */
export function settle(
  analysis: Pick<Analysis, 'project' | 'config' | 'active' | 'warnings'>,
  outcome: Outcome,
  targets: Set<string> | undefined,
  options: LintOptions,
  loaded: LoadedBaseline = loadBaseline(analysis.project.root, options.baseline),
): LintRun {
  const { project, config, active } = analysis;
  const baselineFile = loaded.file;
  // Inline and configured suppressions first; the baseline then holds what they leave, unused-suppression findings
  // included, so that a baseline written by this run leaves the next run clean.
  const suppressions = applySuppressions(outcome.findings, {
    directives: outcome.directives,
    config: config.suppressions,
    today: options.today ?? new Date().toISOString().slice(0, 10),
  });
  const unused = unusedDirectiveFindings(suppressions.unusedDirectives, config, new Set(active.map((a) => a.rule.meta.id)));
  const unbaselined = [...suppressions.kept, ...unused].sort(compareFindings);
  const baselined = applySuppressions(unbaselined, {
    directives: [],
    config: [],
    ...(loaded.baseline ? { baseline: loaded.baseline } : {}),
    today: options.today ?? new Date().toISOString().slice(0, 10),
  });
  const inTargets = (f: Finding) => !targets || targets.has(f.location.file) || f.related.some((r) => targets.has(r.file));
  const repositoryPrefix = project.repositoryRoot ? toPosix(path.relative(project.repositoryRoot, project.root)) : '';
  const run = {
    tool: TOOL,
    root: project.root,
    repositoryPrefix: repositoryPrefix === '' ? '' : `${repositoryPrefix}/`,
    filesLinted: targets ? targets.size : project.files.length,
    filesSkipped: project.skipped.length,
    findings: baselined.kept.filter(inTargets),
    suppressed: [...suppressions.suppressed, ...baselined.suppressed].filter(inTargets).sort(compareFindings),
    internalErrors: outcome.internalErrors,
    rules: active.map((a) => describeRule(a.rule)),
    project,
    config,
    model: undefined as unknown as ProjectModel,
    allFindings: outcome.findings,
    unbaselined,
    warnings: analysis.warnings,
    ...(baselineFile ? { baselineFile } : {}),
    staleBaseline: baselined.staleBaseline,
    unusedConfigSuppressions: suppressions.unusedConfig,
    expiredConfigSuppressions: suppressions.expiredConfig,
  };
  Object.defineProperty(run, 'model', { enumerable: true, configurable: true, get: outcome.model });
  return run as LintRun;
}

/** Unused inline suppressions are findings of the `unused-suppression` rule, at the comment, when that rule is on. */
function unusedDirectiveFindings(directives: readonly Directive[], config: Config, ran: ReadonlySet<string>): Finding[] {
  const rule = ruleById(UNUSED_SUPPRESSION);
  if (!rule) return [];
  const settingFor = fileSettings(config);
  const findings: Finding[] = [];
  // A comment for a rule that did not run (off, or not in --only) may still be needed.
  for (const d of directives.filter((d) => d.rules.length > 0 && d.rules.every((id) => ruleById(id) && ran.has(id)))) {
    const { severity } = settingFor(rule, d.file);
    if (severity === 'off') continue;
    const location = { file: d.file, range: d.range, element: d.element };
    findings.push({
      ruleId: UNUSED_SUPPRESSION,
      messageId: 'unused',
      severity,
      message: formatMessage(rule.meta.messages['unused']!, { rules: d.rules.join(', ') }),
      location: d,
      related: [],
      fix: {
        messageId: 'removeComment',
        message: formatMessage(rule.meta.fixMessages!['removeComment']!),
        changes: [fixes.remove(location)],
      },
    });
  }
  return findings;
}
