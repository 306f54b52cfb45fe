// The health report (`sfmeta-lint health`): the Health Check table and predicted score as text, JSON or Markdown; a pure function of the evaluation.
import type { HealthRow } from '../../model/health.js';
import { listNames } from '../../model/permissions.js';
import type { HealthEvaluation } from './score.js';
import { safeText } from '../../findings/text.js';
import { markdownText } from '../../formatters/markdown.js';

export const HEALTH_FORMATS = ['text', 'json', 'markdown'] as const;
export type HealthFormat = (typeof HEALTH_FORMATS)[number];
export const HEALTH_JSON_VERSION = 1;

const HEADERS = ['Setting', 'Your value', 'Baseline value', 'Status', 'Risk group'] as const;
const NOT_SET = 'not set';

/** A table line: an org-wide row, or the profile rows that share a setting, a value and a status. */
interface Line {
  row: HealthRow;
  profiles: string[];
}

/**
 * The lines of the text and Markdown tables. Profile values as strong as the org-wide one or stronger are left out
 * (Salesforce copies the org-wide policy into every profile: they are no problem of their own, and the rules do not
 * report them); the others are grouped by setting, value and status, as the rules group them.
 */
function tableLines(rows: readonly HealthRow[]): Line[] {
  const lines: Line[] = [];
  const groups = new Map<string, Line>();
  for (const row of rows) {
    if (row.scope === 'org') {
      lines.push({ row, profiles: [] });
      continue;
    }
    if (row.org && row.org.comparison !== 'weaker') continue;
    const key = [row.setting, row.yourValue, row.status, row.org?.value].join('\u0000');
    const line = groups.get(key);
    if (line) line.profiles.push(row.profile ?? '');
    else {
      const created = { row, profiles: [row.profile ?? ''] };
      groups.set(key, created);
      lines.push(created);
    }
  }
  return lines;
}

function settingCell({ row, profiles }: Line): string {
  if (row.scope === 'org') return row.label;
  const who = profiles.length === 1 ? `profile ${profiles[0]}` : `profiles ${listNames(profiles)}`;
  return `${row.label} (${who}${row.org ? `, weaker than the org-wide ${row.org.value}` : ''})`;
}

function cells(line: Line): string[] {
  const { row } = line;
  return [settingCell(line), row.yourValue ?? NOT_SET, row.baselineValue, row.status, row.riskGroup];
}

function scoreLine(e: HealthEvaluation): string {
  const coverage = `${e.scoredSettings} scored setting${e.scoredSettings === 1 ? '' : 's'}`;
  if (e.score === undefined) return `Predicted Health Check score: none (no scored setting is set in the project) against ${e.baseline}.`;
  return `Predicted Health Check score: ${e.score}% (${e.grade}) against ${e.baseline}, from ${coverage}.`;
}

const NOTE = 'The score is an approximation of Salesforce\'s undocumented formula over the org-wide settings the project sets; profile-level overrides are listed but not scored.';

/** What the tables leave out, said in plain lines under them. */
function omissions(e: HealthEvaluation): string[] {
  const out: string[] = [];
  const mirrored = e.rows.filter((r) => r.scope === 'profile' && r.org && r.org.comparison !== 'weaker').length;
  if (mirrored > 0)
    out.push(
      `${mirrored} profile-level value${mirrored === 1 ? ' is' : 's are'} as strong as the org-wide value or stronger and not listed (Salesforce copies the org-wide policy into each profile); the JSON format lists them.`,
    );
  const orphans = e.orphanPolicies;
  if (orphans.length > 0) {
    const names = orphans.map((p) => (p.orphan === 'deleted' ? `${p.name} (deleted profile)` : `${p.name} (profile ${p.profile ?? ''})`));
    out.push(
      `${orphans.length} profile-level polic${orphans.length === 1 ? 'y is' : 'ies are'} for a profile that is not in the project or was deleted, and not listed: ${listNames(names)}.`,
    );
  }
  return out;
}

function text(e: HealthEvaluation): string {
  // Values and profile names come from the project: one line each in the table.
  const rows = tableLines(e.rows).map((r) => cells(r).map(safeText));
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const out = [scoreLine(e), '', line(HEADERS), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  if (!e.hasSecuritySettings) out.push('', 'The project has no Security settings (settings/Security.settings): org-wide settings are not set.');
  for (const line of omissions(e)) out.push('', safeText(line));
  out.push('', NOTE);
  return `${out.join('\n')}\n`;
}

function markdown(e: HealthEvaluation): string {
  const row = (r: readonly string[]) => `| ${r.map(markdownText).join(' | ')} |`;
  const out = ['# Health Check prediction', '', scoreLine(e), '', row(HEADERS), `| ${HEADERS.map(() => '---').join(' | ')} |`, ...tableLines(e.rows).map((l) => row(cells(l)))];
  if (!e.hasSecuritySettings) out.push('', 'The project has no Security settings (`settings/Security.settings`): org-wide settings are not set.');
  for (const line of omissions(e)) out.push('', markdownText(line));
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
      org: r.org ?? null,
      location: r.location ? { file: r.location.file, ...r.location.range, element: r.location.element } : null,
    })),
    orphanPolicies: e.orphanPolicies.map((p) => ({
      type: p.type,
      name: p.name,
      profile: p.profile ?? null,
      reason: p.orphan,
      location: { file: p.profileAt.file, ...p.profileAt.range, element: p.profileAt.element },
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
