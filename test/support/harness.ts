// Runs a rule's cases: small projects whose XML comments `<!-- expect: rule-id -->` mark the lines where findings must appear.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { lint, type LintRun } from '../../src/api/index.js';
import { LineIndex, stripBom } from '../../src/xml/index.js';
import { RULES_DIR } from './paths.js';

/**
 * `<!-- expect: rule-id -->`, `<!-- expect: rule-id messageId -->` or `<!-- expect: rule-id messageId severity -->`;
 * `expect-related` marks a related location.
 */
const EXPECT =
  /<!--\s*(expect|expect-related):\s*([a-z0-9-]+)(?:\s+(?!(?:error|warning|note)\b)([A-Za-z0-9]+))?(?:\s+(error|warning|note))?\s*-->/g;

export interface Expectation {
  kind: 'expect' | 'expect-related';
  file: string;
  line: number;
  ruleId: string;
  messageId?: string;
  severity?: string;
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out.sort();
}

export function readExpectations(caseDir: string): Expectation[] {
  const found: Expectation[] = [];
  for (const file of listFiles(caseDir)) {
    const text = stripBom(readFileSync(file, 'utf8'));
    const lines = new LineIndex(text);
    for (const match of text.matchAll(EXPECT)) {
      found.push({
        kind: match[1] as Expectation['kind'],
        file: path.relative(caseDir, file).split(path.sep).join('/'),
        line: lines.position(match.index).line,
        ruleId: match[2]!,
        ...(match[3] ? { messageId: match[3] } : {}),
        ...(match[4] ? { severity: match[4] } : {}),
      });
    }
  }
  return found;
}

export function ruleIds(): string[] {
  return readdirSync(RULES_DIR)
    .filter((d) => statSync(path.join(RULES_DIR, d)).isDirectory())
    .sort();
}

export function caseDirs(ruleId: string): string[] {
  const dir = path.join(RULES_DIR, ruleId, 'cases');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((d) => path.join(dir, d))
    .filter((d) => statSync(d).isDirectory())
    .sort();
}

/** A case may run other rules beside its own (`harness.json`: {"alsoRun": [...]}), e.g. to have something to suppress. */
export async function lintCase(caseDir: string, ruleId: string): Promise<LintRun> {
  const harness = path.join(caseDir, 'harness.json');
  const alsoRun = existsSync(harness) ? ((JSON.parse(readFileSync(harness, 'utf8')) as { alsoRun?: string[] }).alsoRun ?? []) : [];
  return lint({ cwd: caseDir, paths: [caseDir], only: [ruleId, ...alsoRun] });
}

/** The text a finding's range starts at, to prove it points at an element. */
export function textAt(caseRoot: string, file: string, line: number, column: number): string {
  const text = stripBom(readFileSync(path.join(caseRoot, file), 'utf8'));
  const index = new LineIndex(text);
  return text.slice(index.offset(line, column));
}
