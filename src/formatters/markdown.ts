// A Markdown summary for $GITHUB_STEP_SUMMARY, a pull request or merge request comment: counts and a capped table.
import { severityRank, type Finding } from '../findings/index.js';
import type { Formatter } from '../findings/result.js';
import { safeText } from '../findings/text.js';
import { countBySeverity, repositoryPath, summaryLine } from './util.js';

/** Rows shown in the table; the rest are counted ("and N more"). Keeps a comment well under GitHub's 65,536 characters. */
export const MARKDOWN_MAX_ROWS = 50;

/** Escapes text for GitHub-flavoured Markdown: its punctuation, `|` and HTML; tabs become spaces, unsafe characters U+FFFD. */
export function markdownText(value: string): string {
  return safeText(value.replace(/\t/g, ' '))
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/[*_`[\]~]/g, (c) => `\\${c}`);
}

/** Escapes text for a GFM table cell: markdownText, with line breaks as <br>. */
export function markdownCell(value: string): string {
  return value
    .split(/\r\n|\r|\n/)
    .map(markdownText)
    .join('<br>');
}

export const markdown: Formatter = (result, { omitted }) => {
  const name = result.tool.name;
  const lines = [`## ${name}`, ''];
  const counts = countBySeverity(result.findings);
  if (result.findings.length === 0) {
    lines.push(`✅ ${summaryLine(result, omitted)}`);
  } else {
    lines.push(`${counts.error > 0 ? '❌' : counts.warning > 0 ? '⚠️' : 'ℹ️'} ${summaryLine(result, omitted)}`, '');
    const helpUris = new Map(result.rules.map((r) => [r.id, r.helpUri]));
    // Most severe first, otherwise in the report's order (by file and line), so that a capped table shows what matters.
    const ordered = result.findings
      .map((finding, index) => ({ finding, index }))
      .sort((a, b) => severityRank(b.finding.severity) - severityRank(a.finding.severity) || a.index - b.index)
      .map(({ finding }) => finding);
    const row = (f: Finding) => {
      const uri = helpUris.get(f.ruleId);
      const id = /^[a-z0-9-]+$/.test(f.ruleId) ? `\`${f.ruleId}\`` : markdownCell(f.ruleId);
      const rule = uri ? `[${id}](${uri})` : id;
      const where = `${repositoryPath(result, f.location)}:${f.location.range.startLine}`;
      return `| ${f.severity} | ${markdownCell(where)} | ${rule} | ${markdownCell(f.message)} |`;
    };
    lines.push('| severity | location | rule | message |', '| --- | --- | --- | --- |', ...ordered.slice(0, MARKDOWN_MAX_ROWS).map(row));
    const more = ordered.length - MARKDOWN_MAX_ROWS;
    if (more > 0) lines.push('', `…and ${more} more ${more === 1 ? 'finding' : 'findings'}.`);
  }
  if (result.internalErrors.length > 0) {
    lines.push('');
    for (const e of result.internalErrors)
      lines.push(`> **Internal error** in rule ${markdownCell(e.ruleId)}: ${markdownCell(e.message)}  `);
  }
  return `${lines.join('\n')}\n`;
};
