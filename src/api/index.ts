// The public facade: analyze() reads a project and runs the rules; lint() adds suppressions, the baseline and targets.
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import v8 from 'node:v8';
import path from 'node:path';
import { applyCommandLine, DEFAULT_MAX_FILE_SIZE, loadConfig } from '../config/index.js';
import { fileSettings, runRules, type EffectiveSetting } from '../engine/index.js';
import { applyFixes, fixFile, Sources, withEdits, type Relintable } from '../fix/index.js';
import { ProjectModel } from '../model/index.js';
import { changedSince, findProjectRoot, ProjectError, stagedFiles, toPosix, type Project } from '../project/index.js';
import { RULES, ruleById } from '../rules/index.js';
import {
  analyzeTimed,
  phaseTimer,
  saveCache,
  settle,
  type Analysis,
  type AnalyzeOptions,
  type LintOptions,
  type LintRun,
  type Outcome,
} from './analysis.js';

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
export type { Analysis, AnalyzeOptions, LintOptions, LintRun } from './analysis.js';
export { Workspace, type WorkspaceChange, type WorkspaceOptions, type WorkspaceUpdate } from './workspace.js';

/** Reads a project and runs the enabled rules. Throws ConfigError or ProjectError for bad input; rule crashes are returned as internal errors. */
export async function analyze(options: AnalyzeOptions = {}): Promise<Analysis> {
  const timing = phaseTimer(options.onTiming);
  const { analysis, cached } = await analyzeTimed(options, timing);
  if (cached) await saveCache(cached, analysis, timing);
  return analysis;
}

/** Lints a project: analyze(), then suppressions, the baseline and the files asked for. Throws ConfigError or ProjectError for bad input. */
export async function lint(options: LintOptions = {}): Promise<LintRun> {
  const timing = phaseTimer(options.onTiming);
  const { analysis, cached } = await analyzeTimed(options, timing);
  const targets = targetFiles(analysis.project, options);
  const first = settle(analysis, analysisOutcome(analysis), targets, options);
  timing('suppressions');
  const done = async (run: LintRun): Promise<LintRun> => {
    if (cached) await saveCache(cached, analysis, timing);
    return run;
  };
  if (!options.fix && !options.fixDryRun && !options.fixEdits) return done(first);
  // Nothing to fix or resolve: no file is read again, and cached facts are not decoded.
  if (![...first.findings, ...first.suppressed].some((f) => f.fix !== undefined || f.suggestions !== undefined)) {
    if (options.fix || options.fixDryRun) first.fixReport = { write: Boolean(options.fix), files: [], passes: 0, problems: [] };
    return done(first);
  }
  const relintable = relintableRun(analysis, targets, options);
  if (!options.fix && !options.fixDryRun) {
    // Only the edits: with the cache, those of the last run stand when its findings and every file read are the same.
    const key = cached ? editsKey(cached.digest, first, options) : undefined;
    const saved = key !== undefined ? cached!.cache.editsFor(key) : undefined;
    if (saved) {
      Object.assign(first, v8.deserialize(saved) as Pick<LintRun, 'findings' | 'suppressed'>);
      timing('edits', 'from the cache');
    } else {
      const sources = new Sources(relintable);
      first.findings = withEdits(first.findings, sources);
      first.suppressed = withEdits(first.suppressed, sources);
      if (key !== undefined) cached!.cache.setEdits(key, v8.serialize({ findings: first.findings, suppressed: first.suppressed }));
      timing('edits');
    }
    return done(first);
  }
  // --fix writes files: the cache keeps what was read before.
  if (cached) await saveCache(cached, analysis, timing);
  const categories = options.fixTypes ? new Set<string>(options.fixTypes) : undefined;
  const outcome = applyFixes(first, relintable, {
    eligible: (f) =>
      (!categories || categories.has(ruleById(f.ruleId)?.meta.category ?? '')) && (!targets || targets.has(fixFile(f.fix!) ?? '')),
    write: Boolean(options.fix),
  });
  // A dry run reports the findings as they are, with the fixes --fix would apply; --fix, what remains.
  const result = options.fix ? outcome.run : first;
  result.fixReport = outcome.report;
  timing('fix', `${outcome.report.files.length} files, ${outcome.report.passes} passes`);
  if (options.fixEdits) {
    const sources = options.fix ? outcome.sources : new Sources(relintable);
    result.findings = withEdits(result.findings, sources);
    result.suppressed = withEdits(result.suppressed, sources);
  }
  return result;
}

function analysisOutcome(analysis: Analysis): Outcome {
  return {
    findings: analysis.findings,
    internalErrors: analysis.internalErrors,
    directives: analysis.directives,
    model: () => analysis.model,
  };
}

/** The analysis as the fix layer sees it: the files read, and the run again with some of them replaced. */
function relintableRun(analysis: Analysis, targets: Set<string> | undefined, options: LintOptions): Relintable<LintRun> {
  // One file's facts at a time: resolving a few findings' edits decodes no other file's from the cache.
  const extracted = {
    get(file: string) {
      const facts = analysis.factsOf(file);
      return facts && { facts, level: analysis.plan.get(facts.file.type)! };
    },
  };
  return {
    root: analysis.project.root,
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    extracted,
    relint(replaced) {
      const facts = analysis.facts();
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

/**
 * What the edits of a run's findings are worked out from: the findings (with their fixes) and every file's content
 * (in the rules' digest), and the size limit the files are read under.
 */
function editsKey(digest: string, run: LintRun, options: LintOptions): string {
  return createHash('sha1')
    .update(digest)
    .update(JSON.stringify([options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, run.findings, run.suppressed]))
    .digest('base64');
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
