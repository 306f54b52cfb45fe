// Fix cases: a rule case, copied away and fixed with --fix (or with its findings' suggestions applied as an editor would
// apply them), against the expected files kept beside the rule: `fixed/<case>/` and `suggested/<case>/`, same paths.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lint, type LintRun } from '../../src/api/index.js';
import type { Finding, TextEdit } from '../../src/findings/index.js';
import { LineIndex } from '../../src/xml/index.js';
import { tempDir } from './fixtures.js';
import { listFiles } from './harness.js';
import { RULES_DIR } from './paths.js';

export type FixKind = 'fixed' | 'suggested';

export interface FixCase {
  ruleId: string;
  name: string;
  kind: FixKind;
  /** The case as it is (src/rules/<id>/cases/<name>). */
  caseDir: string;
  /** The files it must become (src/rules/<id>/<kind>/<name>), only those that change. */
  expectedDir: string;
}

export function fixCases(ruleId: string): FixCase[] {
  const found: FixCase[] = [];
  for (const kind of ['fixed', 'suggested'] as const) {
    const dir = path.join(RULES_DIR, ruleId, kind);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!statSync(path.join(dir, name)).isDirectory()) continue;
      found.push({ ruleId, name, kind, caseDir: path.join(RULES_DIR, ruleId, 'cases', name), expectedDir: path.join(dir, name) });
    }
  }
  return found;
}

/** Relative path → bytes, for every file under a folder. */
export function readTree(dir: string): Map<string, Buffer> {
  return new Map(listFiles(dir).map((f) => [path.relative(dir, f).split(path.sep).join('/'), readFileSync(f)]));
}

/** The files that differ between two trees (present in one only, or with other bytes); vitest's deep equality on Buffers is slow. */
export function treeDifferences(a: ReadonlyMap<string, Buffer>, b: ReadonlyMap<string, Buffer>): string[] {
  const files = new Set([...a.keys(), ...b.keys()]);
  return [...files].filter((file) => !a.get(file) || !b.get(file) || !a.get(file)!.equals(b.get(file)!)).sort();
}

function alsoRun(caseDir: string): string[] {
  const harness = path.join(caseDir, 'harness.json');
  return existsSync(harness) ? ((JSON.parse(readFileSync(harness, 'utf8')) as { alsoRun?: string[] }).alsoRun ?? []) : [];
}

export interface FixCaseRun {
  /** The case linted as it is, with every fix and suggestion resolved to edits. */
  before: LintRun;
  /** The --fix run (fixed), or the lint after the suggestions were applied (suggested). */
  after: LintRun;
  /** The copy's files after the fix. */
  result: Map<string, Buffer>;
  /** The findings whose fix or suggestion was applied. */
  applied: Finding[];
  /** A copy to run more against; removed by `dispose`. */
  dir: string;
  lintAgain(options?: { fix?: boolean }): Promise<LintRun>;
  dispose(): void;
}

export async function runFixCase(c: FixCase): Promise<FixCaseRun> {
  const dir = tempDir(`sfmeta-fix-${c.name}-`);
  cpSync(c.caseDir, dir, { recursive: true });
  const only = [c.ruleId, ...alsoRun(c.caseDir)];
  const lintAgain = (options: { fix?: boolean } = {}) =>
    lint({ cwd: dir, paths: [dir], only, baseline: false, fixEdits: true, ...options });
  const before = await lintAgain();
  let after: LintRun;
  let applied: Finding[];
  if (c.kind === 'fixed') {
    applied = before.findings.filter((f) => f.ruleId === c.ruleId && f.fix);
    after = await lintAgain({ fix: true });
  } else {
    applied = before.findings.filter((f) => f.ruleId === c.ruleId && f.suggestions);
    applyTextEdits(
      dir,
      applied.flatMap((f) => f.suggestions![0]!.edits ?? []),
    );
    after = await lintAgain();
  }
  return { before, after, result: readTree(dir), applied, dir, lintAgain, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Applies text edits as an editor applies a quick fix: ranges to offsets on the text without its byte order mark, which
 * is kept. Edits must not overlap.
 */
export function applyTextEdits(root: string, edits: readonly TextEdit[]): void {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, list] of byFile) {
    const absolute = path.join(root, file);
    const raw = readFileSync(absolute, 'utf8');
    const bom = raw.startsWith('\uFEFF') ? '\uFEFF' : '';
    const text = raw.slice(bom.length);
    const lines = new LineIndex(text);
    const offsets = list
      .map((e) => ({
        start: lines.offset(e.range.startLine, e.range.startColumn),
        end: lines.offset(e.range.endLine, e.range.endColumn),
        text: e.text,
      }))
      .sort((a, b) => a.start - b.start);
    let out = '';
    let at = 0;
    for (const e of offsets) {
      if (e.start < at) throw new Error(`overlapping edits in ${file}`);
      out += text.slice(at, e.start) + e.text;
      at = e.end;
    }
    writeFileSync(absolute, bom + out + text.slice(at));
  }
}

/** A finding's identity that survives the lines moving: rule, message, file and element. */
export function findingKey(f: Pick<Finding, 'ruleId' | 'messageId' | 'location'>): string {
  return `${f.ruleId} ${f.messageId} ${f.location.file} ${f.location.element}`;
}
