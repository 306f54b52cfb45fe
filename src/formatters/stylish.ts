// Human output grouped by file, like ESLint's stylish: `line:col  severity  message  rule-id`.
import type { Finding, Severity } from '../findings/index.js';
import type { Formatter } from '../findings/result.js';
import { safeText } from '../findings/text.js';
import { countBySeverity, plural, summaryLine } from './util.js';

const COLORS: Record<Severity | 'dim' | 'underline' | 'bold', [number, number]> = {
  error: [31, 39],
  warning: [33, 39],
  note: [36, 39],
  dim: [2, 22],
  underline: [4, 24],
  bold: [1, 22],
};

export const stylish: Formatter = (result, { color, omitted }) => {
  const paint = (style: keyof typeof COLORS, text: string): string =>
    color ? `\u001b[${COLORS[style][0]}m${text}\u001b[${COLORS[style][1]}m` : text;
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const list = byFile.get(finding.location.file) ?? [];
    list.push(finding);
    byFile.set(finding.location.file, list);
  }
  const lines: string[] = [];
  for (const [file, findings] of byFile) {
    lines.push(paint('underline', safeText(file)));
    const positions = findings.map((f) => `${f.location.range.startLine}:${f.location.range.startColumn}`);
    const width = Math.max(...positions.map((p) => p.length));
    findings.forEach((f, i) => {
      lines.push(
        `  ${paint('dim', positions[i]!.padEnd(width))}  ${paint(f.severity, f.severity.padEnd(7))}  ${f.message}  ${paint('dim', f.ruleId)}`,
      );
      for (const r of f.related)
        lines.push(
          `  ${' '.repeat(width)}           ${paint('dim', `↳ ${safeText(r.file)}:${r.range.startLine}:${r.range.startColumn}  ${r.message}`)}`,
        );
    });
    lines.push('');
  }
  for (const e of result.internalErrors) lines.push(paint('error', `Internal error in rule ${e.ruleId}: ${e.message}`));
  const counts = countBySeverity(result.findings);
  const summary = summaryLine(result, omitted);
  const hidden =
    result.suppressed.length > 0 ? ` ${plural(result.suppressed.length, 'finding')} hidden by suppressions or the baseline.` : '';
  lines.push(paint(counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : 'bold', summary) + hidden);
  return `${lines.join('\n')}\n`;
};
