// The health report (`sfmeta-lint health`): the Health Check table and predicted score as text, JSON or Markdown; a pure function of the evaluation.
import type { HealthRow } from '../../model/health.js';
import type { HealthEvaluation } from './score.js';
import { safeText } from '../../findings/text.js';
import { markdownText } from '../../formatters/markdown.js';

export const HEALTH_FORMATS = ['text', 'json', 'markdown'] as const;
export type HealthFormat = (typeof HEALTH_FORMATS)[number];
export const HEALTH_JSON_VERSION = 1;

const HEADERS = ['Setting', 'Your value', 'Baseline value', 'Status', 'Risk group'] as const;
const NOT_SET = 'not set';

function settingCell(row: HealthRow): string {
  return row.scope === 'profile' ? `${row.label} (profile ${row.profile})` : row.label;
}

function cells(row: HealthRow): string[] {
  return [settingCell(row), row.yourValue ?? NOT_SET, row.baselineValue, row.status, row.riskGroup];
}

function scoreLine(e: HealthEvaluation): string {
  const coverage = `${e.scoredSettings} scored setting${e.scoredSettings === 1 ? '' : 's'}`;
  if (e.score === undefined) return `Predicted Health Check score: none (no scored setting is set in the project) against ${e.baseline}.`;
  return `Predicted Health Check score: ${e.score}% (${e.grade}) against ${e.baseline}, from ${coverage}.`;
}

const NOTE = 'The score is an approximation of Salesforce\'s undocumented formula over the org-wide settings the project sets; profile-level overrides are listed but not scored.';

function text(e: HealthEvaluation): string {
  // Values and profile names come from the project: one line each in the table.
  const rows = e.rows.map((r) => cells(r).map(safeText));
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const out = [scoreLine(e), '', line(HEADERS), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  if (!e.hasSecuritySettings) out.push('', 'The project has no Security settings (settings/Security.settings): org-wide settings are not set.');
  out.push('', NOTE);
  return `${out.join('\n')}\n`;
}

function markdown(e: HealthEvaluation): string {
  const row = (r: readonly string[]) => `| ${r.map(markdownText).join(' | ')} |`;
  const out = ['# Health Check prediction', '', scoreLine(e), '', row(HEADERS), `| ${HEADERS.map(() => '---').join(' | ')} |`, ...e.rows.map((r) => row(cells(r)))];
  if (!e.hasSecuritySettings) out.push('', 'The project has no Security settings (`settings/Security.settings`): org-wide settings are not set.');
  out.push('', NOTE);
  return `${out.join('\n')}\n`;
}

function json(e: HealthEvaluation): string {
  const output = {
    version: HEALTH_JSON_VERSION,
    baseline: e.baseline,
    score: e.score ?? null,
    grade: e.grade ?? null,
    scoredSettings: e.scoredSettings,
    hasSecuritySettings: e.hasSecuritySettings,
    rows: e.rows.map((r) => ({
      setting: r.setting,
      label: r.label,
      scope: r.scope,
      profile: r.profile ?? null,
      yourValue: r.yourValue ?? null,
      baselineValue: r.baselineValue,
      status: r.status,
      riskGroup: r.riskGroup,
      location: r.location ? { file: r.location.file, ...r.location.range, element: r.location.element } : null,
    })),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}

/** Renders an evaluation (src/model/health.ts evaluateHealth) in one of HEALTH_FORMATS. */
export function formatHealth(evaluation: HealthEvaluation, format: HealthFormat = 'text'): string {
  switch (format) {
    case 'json':
      return json(evaluation);
    case 'markdown':
      return markdown(evaluation);
    default:
      return text(evaluation);
  }
}
