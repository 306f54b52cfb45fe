// Runs the enabled rules over the model with the settings in force on each file, and reports rule crashes as internal errors.
import picomatch from 'picomatch';
import { compareFindings, severityRank, type Finding, type Fix, type Severity, type SeverityOrOff } from '../findings/index.js';
import { safeText } from '../findings/text.js';
import type { ViewType, ProjectModel } from '../model/index.js';
import type { Report, ReportFix, Rule, RuleMeta, RuleSettings } from './rule.js';

export * from './rule.js';
export * from './suppress.js';
export * as fixes from './fixes.js';

export interface RuleSetting {
  severity: SeverityOrOff;
  options?: Record<string, unknown>;
}

export interface Override {
  files: string[];
  rules: Record<string, RuleSetting>;
}

/** What the engine needs from the configuration, already validated. */
export interface EngineConfig {
  rules: Record<string, RuleSetting>;
  overrides: Override[];
}

export interface InternalError {
  ruleId: string;
  message: string;
  stack?: string;
}

export interface EngineResult {
  findings: Finding[];
  internalErrors: InternalError[];
}

export interface ActiveRule {
  rule: Rule<object>;
  severity: Severity;
  /** The rule's options in the top-level `rules`; overrides may set others for some files (see fileSettings). */
  options: Record<string, unknown>;
}

/** What is in force for one rule on one file. */
export interface EffectiveSetting {
  severity: SeverityOrOff;
  options: Record<string, unknown>;
}

/** The setting in force for a rule on a file (a path relative to the project root). */
export type SettingForFile = (rule: Rule<object>, file: string) => EffectiveSetting;

const TEMPLATE = /\{\{\s*(\w+)\s*\}\}/gu;

/**
 * The one place where per-file settings are decided. A rule starts from its top-level setting (or its defaults); each
 * override whose globs match the file, in order, replaces the severity, and replaces the options when it gives options
 * (a severity alone keeps the options in force, as in ESLint). Options are always laid over the rule's defaults.
 */
export function fileSettings(config: EngineConfig): SettingForFile {
  const overrides = config.overrides.map((o) => ({ match: picomatch(o.files, { dot: true }), rules: o.rules }));
  return (rule, file) => {
    const id = rule.meta.id;
    const defaults = rule.meta.defaultOptions as Record<string, unknown>;
    const top = config.rules[id];
    let severity: SeverityOrOff = top?.severity ?? rule.meta.defaultSeverity;
    let options = { ...defaults, ...(top?.options ?? {}) };
    for (const o of overrides) {
      const setting = o.rules[id];
      if (!setting || !o.match(file)) continue;
      severity = setting.severity;
      if (setting.options) options = { ...defaults, ...setting.options };
    }
    return { severity, options };
  };
}

/** The rules that are on anywhere: globally, or for some files through an override. */
export function activeRules(rules: readonly Rule<object>[], config: EngineConfig): ActiveRule[] {
  const active: ActiveRule[] = [];
  for (const rule of rules) {
    const setting = config.rules[rule.meta.id];
    const severity = setting?.severity ?? rule.meta.defaultSeverity;
    const onInOverride = config.overrides.some((o) => (o.rules[rule.meta.id]?.severity ?? 'off') !== 'off');
    if (severity === 'off' && !onInOverride) continue;
    active.push({
      rule,
      severity: severity === 'off' ? rule.meta.defaultSeverity : severity,
      options: { ...(rule.meta.defaultOptions as Record<string, unknown>), ...(setting?.options ?? {}) },
    });
  }
  return active;
}

/** A key equal for equal options, whatever the order in which their names were written. */
function optionsKey(options: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(options)
      .sort()
      .map((name) => [name, options[name]]),
  );
}

/**
 * The option sets a rule must run with: one per distinct set in force on a file where it is on. A rule whose options
 * no override changes runs once, with its top-level options.
 */
function optionRuns(active: ActiveRule, config: EngineConfig, files: () => readonly string[], settingFor: SettingForFile) {
  const id = active.rule.meta.id;
  if (!config.overrides.some((o) => o.rules[id]?.options !== undefined)) return [{ options: active.options, key: undefined }];
  const runs = new Map<string, Record<string, unknown>>();
  for (const file of files()) {
    const setting = settingFor(active.rule, file);
    if (setting.severity !== 'off') runs.set(optionsKey(setting.options), setting.options);
  }
  return [...runs].map(([key, options]) => ({ options, key }));
}

export function neededTypes(active: readonly ActiveRule[]): Set<ViewType> {
  return new Set(active.flatMap((a) => a.rule.meta.needs));
}

/** A reported fix or suggestion as a finding carries it; as in ESLint, a kind the rule does not declare is an error. */
function reportedFix(meta: RuleMeta<object>, fix: ReportFix, kind: 'fix' | 'suggestion'): Fix {
  if (meta.fixable !== kind && meta.fixable !== 'fix-and-suggestion')
    throw new Error(`rule ${meta.id} reported a ${kind} but does not declare meta.fixable '${kind}'`);
  const template = meta.fixMessages?.[fix.messageId];
  if (template === undefined) throw new Error(`rule ${meta.id} reported a ${kind} with unknown messageId "${fix.messageId}"`);
  if (fix.changes.length === 0) throw new Error(`rule ${meta.id} reported a ${kind} that changes nothing`);
  return { messageId: fix.messageId, message: formatMessage(template, fix.data), changes: fix.changes };
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(TEMPLATE, (match, key: string) => (key in data ? safeText(String(data[key])) : match));
}

/** What one rule gave: its findings in the order it reported them, and its crash, if it crashed. */
export interface RuleOutcome {
  findings: Finding[];
  internalErrors: InternalError[];
}

export interface RunOptions {
  /** Run only the active rules with these ids (the others are left out of the result); default every active rule. */
  only?: ReadonlySet<string>;
}

/**
 * Runs the rules that are on anywhere. A finding takes the severity in force on its file (its primary location); when
 * overrides give a rule other options for some files, the rule runs once per distinct option set and each finding is
 * kept from the run whose options are in force on its file.
 */
export function runRules(
  model: ProjectModel,
  rules: readonly Rule<object>[],
  config: EngineConfig,
  settings: RuleSettings = {},
): EngineResult {
  const findings: Finding[] = [];
  const internalErrors: InternalError[] = [];
  for (const outcome of runEachRule(model, rules, config, settings).values()) {
    findings.push(...outcome.findings);
    internalErrors.push(...outcome.internalErrors);
  }
  findings.sort(compareFindings);
  return { findings, internalErrors };
}

/**
 * Runs the rules that are on anywhere (or those of `only`), each on its own: the outcome of each rule by id, in the
 * order of `rules`, with its findings unsorted. `runRules` is these outcomes put together and sorted; the incremental
 * analysis keeps them apart, to run again only the rules a change concerns. Every rule of `rules` counts as registered
 * (`RuleContext.ruleIds`), run or not.
 */
export function runEachRule(
  model: ProjectModel,
  rules: readonly Rule<object>[],
  config: EngineConfig,
  settings: RuleSettings = {},
  options: RunOptions = {},
): Map<string, RuleOutcome> {
  const outcomes = new Map<string, RuleOutcome>();
  const ruleIds = rules.map((r) => r.meta.id);
  const settingFor = fileSettings(config);
  let paths: string[] | undefined;
  const files = () => (paths ??= model.files.map((f) => f.path));

  for (const active of activeRules(rules, config)) {
    const { rule } = active;
    if (options.only && !options.only.has(rule.meta.id)) continue;
    const findings: Finding[] = [];
    const internalErrors: InternalError[] = [];
    outcomes.set(rule.meta.id, { findings, internalErrors });
    for (const run of optionRuns(active, config, files, settingFor)) {
      const report = (r: Report): void => {
        const template = rule.meta.messages[r.messageId];
        if (template === undefined) throw new Error(`rule ${rule.meta.id} reported unknown messageId "${r.messageId}"`);
        const inForce = settingFor(rule, r.location.file);
        if (run.key !== undefined && optionsKey(inForce.options) !== run.key) return;
        const configured = inForce.severity;
        const effective = r.cap && configured !== 'off' && severityRank(r.cap) < severityRank(configured) ? r.cap : configured;
        if (effective === 'off') return;
        const fix = r.fix && reportedFix(rule.meta, r.fix, 'fix');
        const suggestions = r.suggestions?.map((s) => reportedFix(rule.meta, s, 'suggestion'));
        findings.push({
          ruleId: rule.meta.id,
          messageId: r.messageId,
          severity: effective,
          message: formatMessage(template, r.data),
          location: r.location,
          // Related messages quote names from the project's files, as the data of messages do.
          related: (r.related ?? []).map((rel) => ({ ...rel, message: safeText(rel.message) })),
          ...(fix ? { fix } : {}),
          ...(suggestions && suggestions.length > 0 ? { suggestions } : {}),
        });
      };
      try {
        rule.check({ model, options: run.options, settings, ruleIds, report });
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        internalErrors.push({ ruleId: rule.meta.id, message: safeText(e.message), ...(e.stack ? { stack: e.stack } : {}) });
      }
    }
  }
  return outcomes;
}
