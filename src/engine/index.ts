// Runs the enabled rules over the model, applies per-file severities and reports rule crashes as internal errors.
import picomatch from 'picomatch';
import { compareFindings, severityRank, type Finding, type Location, type Severity, type SeverityOrOff } from '../findings/index.js';
import { safeText } from '../findings/text.js';
import type { ViewType, ProjectModel } from '../model/index.js';
import type { Report, Rule, RuleSettings } from './rule.js';

export * from './rule.js';
export * from './suppress.js';

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
  options: Record<string, unknown>;
}

const TEMPLATE = /\{\{\s*(\w+)\s*\}\}/gu;

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

export function neededTypes(active: readonly ActiveRule[]): Set<ViewType> {
  return new Set(active.flatMap((a) => a.rule.meta.needs));
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(TEMPLATE, (match, key: string) => (key in data ? safeText(String(data[key])) : match));
}

export function runRules(
  model: ProjectModel,
  rules: readonly Rule<object>[],
  config: EngineConfig,
  settings: RuleSettings = {},
): EngineResult {
  const findings: Finding[] = [];
  const internalErrors: InternalError[] = [];
  const ruleIds = rules.map((r) => r.meta.id);
  const overrideMatchers = config.overrides.map((o) => ({ match: picomatch(o.files, { dot: true }), rules: o.rules }));
  const severityFor = (ruleId: string, base: SeverityOrOff, location: Location): SeverityOrOff => {
    let severity = base;
    for (const o of overrideMatchers) {
      const setting = o.rules[ruleId];
      if (setting && o.match(location.file)) severity = setting.severity;
    }
    return severity;
  };

  for (const { rule, severity, options } of activeRules(rules, config)) {
    const base: SeverityOrOff = config.rules[rule.meta.id]?.severity ?? severity;
    const report = (r: Report): void => {
      const template = rule.meta.messages[r.messageId];
      if (template === undefined) throw new Error(`rule ${rule.meta.id} reported unknown messageId "${r.messageId}"`);
      const configured = severityFor(rule.meta.id, base, r.location);
      const effective = r.cap && configured !== 'off' && severityRank(r.cap) < severityRank(configured) ? r.cap : configured;
      if (effective === 'off') return;
      findings.push({
        ruleId: rule.meta.id,
        messageId: r.messageId,
        severity: effective,
        message: formatMessage(template, r.data),
        location: r.location,
        // Related messages quote names from the project's files, as the data of messages do.
        related: (r.related ?? []).map((rel) => ({ ...rel, message: safeText(rel.message) })),
      });
    };
    try {
      rule.check({ model, options, settings, ruleIds, report });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      internalErrors.push({ ruleId: rule.meta.id, message: safeText(e.message), ...(e.stack ? { stack: e.stack } : {}) });
    }
  }
  findings.sort(compareFindings);
  return { findings, internalErrors };
}
