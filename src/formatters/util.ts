// Small helpers shared by the formatters: repository paths, counts, the summary line, related-location lines.
import { SEVERITIES, type Finding, type Location, type Severity } from '../findings/index.js';
import type { LintResult } from '../findings/result.js';
import { safeText } from '../findings/text.js';

/** A project-relative path made repository-relative, as CI systems and review tools expect. */
export function repositoryPath(result: LintResult, location: Location): string {
  return result.repositoryPrefix + location.file;
}

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, note: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * `5 problems (1 error, 4 warnings, 0 notes) in 34 files.` or `No problems found in 34 files.`; when --quiet left
 * findings out (`omitted`), it says so instead of claiming there are none.
 */
export function summaryLine(result: LintResult, omitted = 0): string {
  const counts = countBySeverity(result.findings);
  const total = SEVERITIES.reduce((sum, s) => sum + counts[s], 0);
  const files = plural(result.filesLinted, 'file');
  const notShown = omitted > 0 ? ` ${omitted} more ${omitted === 1 ? 'finding' : 'findings'} not shown (--quiet).` : '';
  if (total === 0) return omitted > 0 ? `No problems shown in ${files}.${notShown}` : `No problems found in ${files}.`;
  return `${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.note, 'note')}) in ${files}.${notShown}`;
}

/** One line per related location: `↳ path:line:col message`. */
export function relatedLines(result: LintResult, finding: Finding): string[] {
  return finding.related.map((r) => `↳ ${safeText(repositoryPath(result, r))}:${r.range.startLine}:${r.range.startColumn} ${r.message}`);
}
