// The public facade: analyze() reads a project and runs the rules; lint() adds suppressions, the baseline and targets.
import { existsSync, statSync } from 'node:fs';
import v8 from 'node:v8';
import path from 'node:path';
import {
  applyCommandLine,
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
  type BaselineEntry,
  type ConfigSuppression,
  type EffectiveSetting,
  type InternalError,
  type RuleCategory,
  type RuleSettings,
} from '../engine/index.js';
import { buildFingerprint, extractAll, extractionPlan, FactsCache, resultDigest } from '../extraction/index.js';
import { compareFindings, type Finding, type SeverityOrOff } from '../findings/index.js';
import type { LintResult } from '../findings/result.js';
import { applyFixes, fixFile, Sources, withEdits, type Relintable } from '../fix/index.js';
import type { ExtractionLevel } from '../model/extract.js';
import { ProjectModel, type Directive, type FileFacts, type ViewType } from '../model/index.js';
import {
  changedSince,
  discover,
  findProjectRoot,
  locateProject,
  ProjectError,
  stagedFiles,
  toPosix,
  type Project,
} from '../project/index.js';
import { RULES, ruleById } from '../rules/index.js';
import { describeRule, TOOL } from './tool.js';

export {
  ConfigError,
  DEFAULT_BASELINE_FILE,
  DEFAULT_CACHE_FILE,
  DEFAULT_MAX_FILE_SIZE,
  pruneBaseline,
  readBaseline,
  writeBaseline,
} from '../config/index.js';
export { makeFolder, ProjectError, writeTextFile } from '../project/index.js';
export { RULES, ruleDocsUrl } from '../rules/index.js';
export type { LintResult } from '../findings/result.js';
export type { FixReport } from '../findings/result.js';
export { editsOn } from '../fix/index.js';
export { describeRule, ruleReadme, TOOL } from './tool.js';

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
}

const UNUSED_SUPPRESSION = 'unused-suppression';

interface RuleOutcome {
  raw: Finding[];
  internalErrors: InternalError[];
  directives: Directive[];
}

type Timing = (phase: string, note?: string) => void;

function phaseTimer(onTiming: AnalyzeOptions['onTiming']): Timing {
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

/** Reads a project and runs the enabled rules. Throws ConfigError or ProjectError for bad input; rule crashes are returned as internal errors. */
export async function analyze(options: AnalyzeOptions = {}): Promise<Analysis> {
  return analyzeTimed(options, phaseTimer(options.onTiming));
}

async function analyzeTimed(options: AnalyzeOptions, timing: Timing): Promise<Analysis> {
  const cwd = options.cwd ?? process.cwd();
  const location = locateProject(cwd, options.paths ?? []);
  const config = applyCommandLine(loadConfig(RULES, location.root, options.configFile), options);
  const project = await discover(location, { ignores: config.ignores });
  timing('discover', `${project.files.length} files, ${project.skipped.length} skipped`);
  const active = activeRules(RULES, config);
  const plan = extractionPlan(active, options.views);
  const viewTypes = new Set<string>([...plan].filter(([, level]) => level.startsWith('full')).map(([type]) => type));
  const warnings: string[] = [];
  if (project.unlintedBundles) warnings.push(unlintedBundlesNote(project.unlintedBundles));
  const securityBaseline = options.securityBaseline ?? config.securityBaseline;
  const settings: { -readonly [K in keyof RuleSettings]: RuleSettings[K] } = {};
  if (securityBaseline !== undefined) {
    const custom = loadSecurityBaseline(path.resolve(options.securityBaseline !== undefined ? cwd : project.root, securityBaseline));
    settings.securityBaseline = custom.baseline;
    warnings.push(...custom.warnings);
  }
  let cache: FactsCache | undefined;
  if (options.cache) {
    const file =
      options.cacheLocation !== undefined ? path.resolve(cwd, options.cacheLocation) : path.join(project.root, DEFAULT_CACHE_FILE);
    const opened = FactsCache.open(file, buildFingerprint());
    cache = opened.cache;
    timing('cache read', opened.note ?? cache.file);
  }
  const extraction = await extractAll(project, plan, {
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    cache,
    workers: options.workers,
    onProgress: options.onProgress,
    ...(options.overlays ? { overlays: projectPaths(options.overlays, cwd, project.root) } : {}),
  });
  timing('read+extract', extraction.note);
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
  if (cache) {
    cache.retain(new Set(project.files.map((f) => f.path)));
    const problem = cache.save();
    if (problem) warnings.push(problem);
    timing('cache write', problem ?? cache.file);
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
  };
  // Findings from the cache: the model is built only if someone asks for it (doctor and health do; the CLI's lint does not).
  if (!model) lazyModel(analysis, buildModel);
  return analysis;
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

/** Lints a project: analyze(), then suppressions, the baseline and the files asked for. Throws ConfigError or ProjectError for bad input. */
export async function lint(options: LintOptions = {}): Promise<LintRun> {
  const timing = phaseTimer(options.onTiming);
  const analysis = await analyzeTimed(options, timing);
  const targets = targetFiles(analysis.project, options);
  const first = settle(analysis, analysisOutcome(analysis), targets, options);
  timing('suppressions');
  if (!options.fix && !options.fixDryRun && !options.fixEdits) return first;
  // Nothing to fix or resolve: no file is read again, and cached facts are not decoded.
  if (![...first.findings, ...first.suppressed].some((f) => f.fix !== undefined || f.suggestions !== undefined)) {
    if (options.fix || options.fixDryRun) first.fixReport = { write: Boolean(options.fix), files: [], passes: 0, problems: [] };
    return first;
  }
  const relintable = relintableRun(analysis, targets, options);
  let result = first;
  let sources: Sources;
  if (options.fix || options.fixDryRun) {
    const categories = options.fixTypes ? new Set<string>(options.fixTypes) : undefined;
    const outcome = applyFixes(first, relintable, {
      eligible: (f) =>
        (!categories || categories.has(ruleById(f.ruleId)?.meta.category ?? '')) && (!targets || targets.has(fixFile(f.fix!) ?? '')),
      write: Boolean(options.fix),
    });
    // A dry run reports the findings as they are, with the fixes --fix would apply; --fix, what remains.
    result = options.fix ? outcome.run : first;
    result.fixReport = outcome.report;
    sources = options.fix ? outcome.sources : new Sources(relintable);
    timing('fix', `${outcome.report.files.length} files, ${outcome.report.passes} passes`);
  } else sources = new Sources(relintable);
  if (options.fixEdits) {
    result.findings = withEdits(result.findings, sources);
    result.suppressed = withEdits(result.suppressed, sources);
  }
  return result;
}

/** What the rules gave, on the model they ran on (built on first use when the findings came from the cache). */
interface Outcome {
  findings: Finding[];
  internalErrors: InternalError[];
  directives: Directive[];
  model(): ProjectModel;
}

function analysisOutcome(analysis: Analysis): Outcome {
  return {
    findings: analysis.findings,
    internalErrors: analysis.internalErrors,
    directives: analysis.directives,
    model: () => analysis.model,
  };
}

/** The run's suppressions, baseline and targets applied to the findings of an analysis. */
function settle(analysis: Analysis, outcome: Outcome, targets: Set<string> | undefined, options: LintOptions): LintRun {
  const { project, config, active } = analysis;
  const baselineFile = resolveBaseline(project.root, options.baseline);
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
    ...(baselineFile ? { baseline: readBaseline(baselineFile) } : {}),
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

/** The analysis as the fix layer sees it: the files read, and the run again with some of them replaced. */
function relintableRun(analysis: Analysis, targets: Set<string> | undefined, options: LintOptions): Relintable<LintRun> {
  const facts = analysis.facts();
  const extracted = new Map(facts.map((f) => [f.file.path, { facts: f, level: analysis.plan.get(f.file.type)! }]));
  return {
    root: analysis.project.root,
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    extracted,
    relint(replaced) {
      const model = new ProjectModel(
        analysis.project.files,
        facts.map((f) => replaced.get(f.file.path) ?? f),
        analysis.project.shape,
      );
      const { findings, internalErrors } = runRules(model, RULES, analysis.config, analysis.settings);
      return settle(analysis, { findings, internalErrors, directives: model.directives, model: () => model }, targets, options);
    },
  };
}

/** Files whose findings are reported: the paths asked for and the git selection; undefined means all. */
function targetFiles(project: Project, options: LintOptions): Set<string> | undefined {
  let targets = project.targets ? new Set(project.targets) : undefined;
  const selections: string[][] = [];
  const asked = options.staged ? '--staged' : options.changedSince !== undefined ? '--changed-since' : undefined;
  if (asked && !project.repositoryRoot)
    throw new ProjectError(`${asked} needs git, and ${project.root} is not a git repository (nor inside one).`);
  if (options.changedSince !== undefined) selections.push(changedSince(project.root, options.changedSince));
  if (options.staged) selections.push(stagedFiles(project.root));
  for (const selection of selections) {
    const chosen = new Set(selection.filter((p) => !targets || targets.has(p)));
    targets = chosen;
  }
  return targets;
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

export interface FileConfig {
  /** The file, relative to the project root. */
  file: string;
  /** The configuration file read, if any. */
  configFile: string | null;
  /** Every rule, with the severity and options in force on the file. */
  rules: Record<string, EffectiveSetting>;
}

/**
 * The rules and options in force on one file (`--print-config`): the configuration of its project (the nearest folder
 * with sfdx-project.json, else `cwd`), its overrides and the command line, decided as the engine decides them.
 */
export function configForFile(
  file: string,
  options: Pick<AnalyzeOptions, 'cwd' | 'configFile' | 'ruleSeverities' | 'only'> = {},
): FileConfig {
  const cwd = options.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, file);
  const folder = existsSync(absolute) && statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
  const root = findProjectRoot(folder) ?? cwd;
  const config = applyCommandLine(loadConfig(RULES, root, options.configFile), options);
  const relative = toPosix(path.relative(root, absolute));
  const settingFor = fileSettings(config);
  return {
    file: relative,
    configFile: config.source ?? null,
    rules: Object.fromEntries(RULES.map((rule) => [rule.meta.id, settingFor(rule, relative)])),
  };
}
