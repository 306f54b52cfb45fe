// GitHub Actions workflow commands: an annotation per finding, then a short summary (GitHub shows only 10 of each type per step).
import type { Severity } from '../findings/index.js';
import type { Formatter } from '../findings/result.js';
import { safeText } from '../findings/text.js';
import { countBySeverity, plural, relatedLines, repositoryPath, summaryLine } from './util.js';

/** GitHub shows at most this many annotations of each type (error, warning, notice) per step. */
export const GITHUB_ANNOTATION_LIMIT = 10;

const COMMANDS: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', note: 'notice' };

/** Escaping of a command's message, as in @actions/core; the line breaks it keeps are the formatter's own, encoded. */
export function escapeData(value: string): string {
  return value
    .split('\n')
    .map((line) => safeText(line.replace(/%/g, '%25').replace(/\r/g, '%0D')))
    .join('%0A');
}

/** Escaping of a command's property values, as in @actions/core. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const github: Formatter = (result, { omitted }) => {
  const lines: string[] = [];
  // Internal errors first: they are few and matter most, and they take error annotation slots.
  for (const e of result.internalErrors) {
    lines.push(
      `::error title=${escapeProperty(`${result.tool.name} internal error`)}::${escapeData(`Internal error in rule ${e.ruleId}: ${e.message}`)}`,
    );
  }
  for (const f of result.findings) {
    const { startLine, startColumn, endLine, endColumn } = f.location.range;
    const properties = [
      `file=${escapeProperty(repositoryPath(result, f.location))}`,
      `line=${startLine}`,
      `col=${startColumn}`,
      `endLine=${endLine}`,
      `endColumn=${endColumn}`,
      `title=${escapeProperty(f.ruleId)}`,
    ].join(',');
    lines.push(`::${COMMANDS[f.severity]} ${properties}::${escapeData([f.message, ...relatedLines(result, f)].join('\n'))}`);
  }
  const counts = countBySeverity(result.findings);
  const slots: Record<Severity, number> = {
    error: Math.max(0, GITHUB_ANNOTATION_LIMIT - result.internalErrors.length),
    warning: GITHUB_ANNOTATION_LIMIT,
    note: GITHUB_ANNOTATION_LIMIT,
  };
  const hidden = (['error', 'warning', 'note'] as const).reduce((sum, s) => sum + Math.max(0, counts[s] - slots[s]), 0);
  lines.push(`${result.tool.name}: ${summaryLine(result, omitted)}`);
  if (result.internalErrors.length > 0) lines.push(`${result.tool.name}: ${plural(result.internalErrors.length, 'internal error')}.`);
  if (hidden > 0) {
    lines.push(
      `${result.tool.name}: ${hidden} more ${hidden === 1 ? 'finding' : 'findings'} not shown as annotations (GitHub shows at most ${GITHUB_ANNOTATION_LIMIT} errors, ${GITHUB_ANNOTATION_LIMIT} warnings and ${GITHUB_ANNOTATION_LIMIT} notices per step); every finding is listed above.`,
    );
  }
  return `${lines.join('\n')}\n`;
};
