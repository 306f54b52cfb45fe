// The hover on a finding: its message, then its rule's README sections on why it matters and how to fix it.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import { ruleDocsUrl, ruleReadme } from '../api/index.js';
import type { Finding } from '../findings/index.js';
import { toLspRange, touches } from './convert.js';

const SECTIONS = ['Why', 'How to fix'] as const;

/** The hover for the findings of a file at a position; null when none is there. */
export function hoverAt(findings: readonly Finding[], position: Position): Hover | null {
  const here = findings.filter((f) => touches(toLspRange(f.location.range), { start: position, end: position }));
  if (here.length === 0) return null;
  const parts: string[] = [];
  const explained = new Set<string>();
  for (const finding of here) {
    parts.push(`**${finding.ruleId}** (${finding.severity}): ${finding.message}`);
    if (explained.has(finding.ruleId)) continue;
    explained.add(finding.ruleId);
    const readme = ruleReadme(finding.ruleId);
    for (const title of SECTIONS) {
      const body = section(readme, title);
      if (body) parts.push(`### ${title}\n\n${body}`);
    }
    parts.push(`[Documentation of ${finding.ruleId}](${ruleDocsUrl(finding.ruleId)})`);
  }
  // The range of the innermost finding: where the editor anchors the hover.
  const innermost = here.reduce((a, b) => (size(b) < size(a) ? b : a));
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: toLspRange(innermost.location.range) };
}

function size(finding: Finding): number {
  const r = finding.location.range;
  return (r.endLine - r.startLine) * 10_000 + (r.endColumn - r.startColumn);
}

/** The body of a README's `## title` section, up to the next `## ` heading. */
export function section(readme: string, title: string): string | undefined {
  const lines = readme.split(/\r?\n/u);
  const start = lines.indexOf(`## ${title}`);
  if (start < 0) return undefined;
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  const body = lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim();
  return body === '' ? undefined : body;
}
