// lint(options): the programmatic entry point; owns files, configuration and reading, then runs the engine.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type Config } from '../config/index.js';
import { activeRules, neededTypes, runRules, type Rule, type RuleSetting } from '../engine/index.js';
import type { SeverityOrOff } from '../findings/index.js';
import type { LintResult, RuleDescriptor } from '../formatters/index.js';
import { EXTRACTED_TYPES, extractFile, ProjectModel, type FileFacts } from '../model/index.js';
import { discover, locateProject, readText, type Project } from '../project/index.js';
import { RULES, ruleById, ruleDocsUrl } from '../rules/index.js';

export { ConfigError } from '../config/index.js';
export { ProjectError } from '../project/index.js';
export { RULES } from '../rules/index.js';
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
}

export interface LintRun extends LintResult {
  project: Project;
  config: Config;
}

export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;
const READ_CONCURRENCY = 32;

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
        : { file, problem: { kind: 'parse', file: file.path, message: read.message, range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } } };
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
  // Rules with no needs of their own (parse errors) report on whatever the others caused to be parsed.
  const types = new Set<string>(EXTRACTED_TYPES.filter((t) => needed.has(t)));
  const facts = await extractAll(project, types, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  const model = new ProjectModel(project.files, facts, types);
  const { findings, internalErrors } = runRules(model, RULES, config);
  const repositoryPrefix = project.repositoryRoot ? toPosix(path.relative(project.repositoryRoot, project.root)) : '';
  return {
    tool: TOOL,
    root: project.root,
    repositoryPrefix: repositoryPrefix === '' ? '' : `${repositoryPrefix}/`,
    filesLinted: project.files.length,
    filesSkipped: project.skipped.length,
    findings,
    internalErrors,
    rules: active.map((a) => describeRule(a.rule)),
    project,
    config,
  };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
