// The doctor report (`sfmeta-lint doctor external-users`) as a text checklist, JSON or Markdown; pure functions of the report.
import type { DoctorLayout, DoctorLocation, DoctorReport, DoctorStatus, DoctorStep } from './types.js';
import { safeText } from '../../findings/text.js';
import { markdownText } from '../../formatters/markdown.js';

export const DOCTOR_FORMATS = ['text', 'json', 'markdown'] as const;
export type DoctorFormat = (typeof DOCTOR_FORMATS)[number];
/** Changes only when a field is removed or changes meaning (docs/doctor.md). */
export const DOCTOR_JSON_VERSION = 1;

const MARKERS: Record<DoctorStatus, string> = { pass: '✔', fail: '✘', 'cannot-tell': '?', manual: '☐' };
const LABELS: Record<DoctorStatus, string> = { pass: 'pass', fail: 'fail', 'cannot-tell': 'cannot tell', manual: 'check in the org' };
const LEGEND = '✔ pass   ✘ fail   ? cannot tell from the project   ☐ check in the org';
const NO_LAYOUT = 'No Contact layout in the project';

function where(location: DoctorLocation): string {
  return `${location.file}:${location.line}`;
}

function profileList(layout: DoctorLayout): string {
  if (layout.profiles.length === 0) return 'none in the project';
  return layout.profiles.map((p) => `${p.name}${p.manager ? ' (manages external users)' : ''}`).join(', ');
}

function counts(report: DoctorReport): Record<DoctorStatus, number> {
  const result: Record<DoctorStatus, number> = { pass: 0, fail: 0, 'cannot-tell': 0, manual: 0 };
  for (const layout of report.layouts) for (const step of layout.steps) result[step.status]++;
  return result;
}

function textStep(step: DoctorStep, index: number, width: number): string[] {
  const head = `  ${MARKERS[step.status]} ${String(index + 1).padStart(width)}. ${step.title}${step.status === 'pass' ? '' : `  [${LABELS[step.status]}]`}`;
  const pad = ' '.repeat(5 + width);
  const lines = [head, ...step.detail.split('\n').map((l) => `${pad}${l}`)];
  for (const location of step.locations) lines.push(`${pad}at ${where(location)}`);
  if (step.check?.soql) lines.push(`${pad}SOQL:  ${step.check.soql}`);
  if (step.check?.setup) lines.push(`${pad}Setup: ${step.check.setup}`);
  if (step.status !== 'pass') lines.push(`${pad}Fix:   ${step.fix}`);
  return lines;
}

/** A readable checklist, one block per Contact layout. */
export function text(report: DoctorReport): string {
  const out = ['sfmeta-lint doctor external-users', ''];
  if (report.evidence) out.push(`External users: ${report.evidence.reason} (${where(report.evidence.location)}).`);
  out.push(report.summary);
  for (const note of report.notes) out.push(`Note: ${note}`);
  for (const error of report.internalErrors) out.push(`Internal error in ${error.ruleId}: ${error.message}`);
  for (const layout of report.layouts) {
    const heading = layout.layout ? `Contact layout ${layout.layout}  (${layout.file ?? 'not in the project'})` : NO_LAYOUT;
    out.push('', `${layout.failed ? '✘' : '•'} ${heading}`);
    out.push(`  Profiles: ${profileList(layout)}`, '');
    const width = String(layout.steps.length).length;
    layout.steps.forEach((step, i) => out.push(...textStep(step, i, width)));
  }
  if (report.usesExternalUsers) {
    const c = counts(report);
    out.push('', `Result: ${report.failed ? 'FAIL' : 'no failing step'}: ${c.fail} failed, ${c['cannot-tell']} cannot tell, ${c.pass} passed, ${c.manual} to check in the org.`, `Legend: ${LEGEND}`);
  }
  // Each entry is one line by design; names and paths from the project inside it must not start another.
  return `${out.map(safeText).join('\n')}\n`;
}

function jsonLocation(location: DoctorLocation) {
  return { file: location.file, line: location.line, column: location.column };
}

/** A stable, versioned document (docs/doctor.md); absent values are null, keys always present and in this order. */
export function json(report: DoctorReport): string {
  const output = {
    version: DOCTOR_JSON_VERSION,
    topic: 'external-users',
    usesExternalUsers: report.usesExternalUsers,
    failed: report.failed,
    summary: report.summary,
    evidence: report.evidence ? { reason: report.evidence.reason, location: jsonLocation(report.evidence.location) } : null,
    filters: { profile: report.filters.profile ?? null, layout: report.filters.layout ?? null },
    counts: counts(report),
    notes: report.notes,
    internalErrors: report.internalErrors.map((e) => ({ ruleId: e.ruleId, message: e.message })),
    layouts: report.layouts.map((layout) => ({
      layout: layout.layout ?? null,
      file: layout.file ?? null,
      failed: layout.failed,
      profiles: layout.profiles.map((p) => ({ name: p.name, file: p.file, license: p.license ?? null, manager: p.manager })),
      steps: layout.steps.map((s) => ({
        id: s.id,
        title: s.title,
        status: s.status,
        rule: s.rule ?? null,
        detail: s.detail,
        locations: s.locations.map(jsonLocation),
        fix: s.fix,
        check: s.check ? { soql: s.check.soql ?? null, setup: s.check.setup ?? null } : null,
        source: s.source,
      })),
    })),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}

function code(value: string): string {
  const fence = value.includes('`') ? '``' : '`';
  return `${fence}${safeText(value)}${fence}`;
}

function markdownStep(step: DoctorStep, index: number): string[] {
  const rule = step.rule ? ` (${code(step.rule)})` : '';
  const lines = [`- ${MARKERS[step.status]} **${index + 1}. ${markdownText(step.title)}**: ${LABELS[step.status]}${rule}  `];
  lines.push(`  ${step.detail.split('\n').map(markdownText).join('  \n  ')}  `);
  if (step.locations.length > 0) lines.push(`  ${step.locations.map((l) => code(where(l))).join(', ')}  `);
  if (step.check?.soql) lines.push(`  SOQL: ${code(step.check.soql)}  `);
  if (step.check?.setup) lines.push(`  Setup: ${markdownText(step.check.setup)}  `);
  if (step.status !== 'pass') lines.push(`  **Fix:** ${markdownText(step.fix)}  `);
  lines[lines.length - 1] = lines[lines.length - 1]!.trimEnd();
  return lines;
}

/** A Markdown document, for a pull-request comment or a ticket. */
export function markdown(report: DoctorReport): string {
  const out = ['# Doctor: external users', ''];
  if (report.evidence) out.push(`External users: ${markdownText(report.evidence.reason)} (${code(where(report.evidence.location))}).`, '');
  out.push(`**${report.failed ? 'Failed' : 'No failing step'}.** ${markdownText(report.summary)}`);
  for (const note of report.notes) out.push('', `> Note: ${markdownText(note)}`);
  for (const error of report.internalErrors) out.push('', `> Internal error in ${code(error.ruleId)}: ${markdownText(error.message)}`);
  for (const layout of report.layouts) {
    out.push('', `## ${layout.failed ? '✘' : '✔'} ${layout.layout ? `Contact layout ${code(layout.layout)}` : NO_LAYOUT}`, '');
    out.push(`File: ${layout.file ? code(layout.file) : 'not in the project'}  `, `Profiles: ${markdownText(profileList(layout))}`, '');
    layout.steps.forEach((step, i) => out.push(...markdownStep(step, i)));
  }
  if (report.usesExternalUsers) out.push('', `Legend: ${LEGEND}`);
  return `${out.join('\n')}\n`;
}

/** Renders a report (index.ts doctorExternalUsers) in one of DOCTOR_FORMATS. */
export function formatDoctor(report: DoctorReport, format: DoctorFormat = 'text'): string {
  switch (format) {
    case 'json':
      return json(report);
    case 'markdown':
      return markdown(report);
    default:
      return text(report);
  }
}
