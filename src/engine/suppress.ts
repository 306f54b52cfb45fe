// Suppressions and the baseline: which findings are hidden, why, and which suppressions no longer match anything.
import picomatch from 'picomatch';
import { compareStrings, type Finding } from '../findings/index.js';
import type { Directive } from '../model/index.js';

export interface ConfigSuppression {
  rule: string;
  files: string[];
  /** Only findings on this element identity (e.g. `userPermissions[name=ModifyAllData]`), or a prefix of it. */
  element?: string;
  reason: string;
  /** ISO date (YYYY-MM-DD) after which the suppression stops applying. */
  expires?: string;
}

export interface BaselineEntry {
  rule: string;
  file: string;
  element: string;
  messageId: string;
  count: number;
}

export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

export type SuppressionKind = 'inline' | 'config' | 'baseline';

export interface Suppressed extends Finding {
  suppression: { kind: SuppressionKind; justification: string };
}

export interface SuppressionOutcome {
  kept: Finding[];
  suppressed: Suppressed[];
  unusedDirectives: Directive[];
  unusedConfig: ConfigSuppression[];
  expiredConfig: ConfigSuppression[];
  /** Baseline entries (with the count left over) that matched no current finding. */
  staleBaseline: BaselineEntry[];
}

const NO_REASON = '(no reason given)';

/** The key a finding is known by in the baseline: rule, file and element, never the line. */
export function baselineKey(finding: Pick<Finding, 'ruleId' | 'messageId' | 'location'>): string {
  return [finding.ruleId, finding.location.file, finding.location.element, finding.messageId].join('\u0000');
}

export function baselineEntryKey(entry: BaselineEntry): string {
  return [entry.rule, entry.file, entry.element, entry.messageId].join('\u0000');
}

/** Sorted by file, rule, element and message id, so that the baseline file diffs well in review. */
export function sortEntries(entries: BaselineEntry[]): BaselineEntry[] {
  return [...entries].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      compareStrings(a.rule, b.rule) ||
      compareStrings(a.element, b.element) ||
      compareStrings(a.messageId, b.messageId),
  );
}

export interface SuppressionInput {
  directives: readonly Directive[];
  config: readonly ConfigSuppression[];
  baseline?: Baseline;
  /** Today, as YYYY-MM-DD, for `expires`. */
  today: string;
}

export function applySuppressions(findings: readonly Finding[], input: SuppressionInput): SuppressionOutcome {
  const kept: Finding[] = [];
  const suppressed: Suppressed[] = [];
  const usedDirectives = new Set<Directive>();
  const usedConfig = new Set<ConfigSuppression>();
  const active = input.config.filter((s) => !s.expires || s.expires >= input.today);
  const expiredConfig = input.config.filter((s) => s.expires !== undefined && s.expires < input.today);
  const matchers = active.map((s) => ({ s, match: picomatch(s.files, { dot: true }) }));
  const byFile = new Map<string, Directive[]>();
  for (const d of input.directives) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const remaining = new Map<string, BaselineEntry>();
  for (const e of input.baseline?.entries ?? []) remaining.set(baselineEntryKey(e), { ...e });

  for (const finding of findings) {
    const directive = (byFile.get(finding.location.file) ?? []).find(
      (d) =>
        (d.rules.length === 0 || d.rules.includes(finding.ruleId)) && (d.kind === 'file' || d.line === finding.location.range.startLine),
    );
    if (directive) {
      usedDirectives.add(directive);
      suppressed.push({ ...finding, suppression: { kind: 'inline', justification: directive.reason || NO_REASON } });
      continue;
    }
    const configured = matchers.find(
      ({ s, match }) =>
        s.rule === finding.ruleId &&
        match(finding.location.file) &&
        (s.element === undefined || finding.location.element.startsWith(s.element)),
    );
    if (configured) {
      usedConfig.add(configured.s);
      suppressed.push({ ...finding, suppression: { kind: 'config', justification: configured.s.reason } });
      continue;
    }
    const entry = remaining.size > 0 ? remaining.get(baselineKey(finding)) : undefined;
    if (entry && entry.count > 0) {
      entry.count--;
      suppressed.push({ ...finding, suppression: { kind: 'baseline', justification: 'Recorded in the baseline' } });
      continue;
    }
    kept.push(finding);
  }
  return {
    kept,
    suppressed,
    unusedDirectives: input.directives.filter((d) => !usedDirectives.has(d)),
    unusedConfig: active.filter((s) => !usedConfig.has(s)),
    expiredConfig,
    staleBaseline: sortEntries([...remaining.values()].filter((e) => e.count > 0)),
  };
}
