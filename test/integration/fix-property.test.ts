// --fix on real projects (the sample project and ../shared/corpus), checked from outside the fix layer. Real projects
// have few fixable findings, so each is also damaged in ways a fix repairs (a Read flag turned off or deleted beside
// Create or Edit, an unused suppression comment), with some files turned to CRLF and a byte order mark: --fix must give
// back, byte for byte, what it gives on the undamaged project. Every run: only files with a fixable finding change, only
// at the lines its edits name, into well-formed XML with the file's BOM and line endings; nothing new is reported
// afterwards, and a second --fix changes nothing.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, type LintRun } from '../../src/api/index.js';
import type { Finding } from '../../src/findings/index.js';
import { fixFile } from '../../src/fix/index.js';
import { checkXml } from '../../src/xml/index.js';
import { findingKey, readTree, treeDifferences } from '../support/fix-harness.js';
import { CORPUS, CORPUS_ABSENT, ROOT } from '../support/paths.js';

const projects = [
  { name: 'sample-project', dir: path.join(ROOT, 'sample-project') },
  ...(!CORPUS_ABSENT
    ? readdirSync(CORPUS)
        .filter((d) => statSync(path.join(CORPUS, d)).isDirectory())
        .sort()
        .map((name) => ({ name, dir: path.join(CORPUS, name) }))
    : []),
];

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gmu;
const OBJECT_PERMISSIONS = /^([ \t]*)<objectPermissions>[^]*?<\/objectPermissions>[ \t]*\r?\n/gmu;
const READ_TRUE = /^[ \t]*<allowRead>true<\/allowRead>[ \t]*\r?\n/mu;
const CHILD_NAME = /<(\w+)>/gu;
/** Files damaged per project, to keep the run short. */
const MAX_DAMAGED = 40;

/** The changed line ranges of a file, as `git diff --no-index -U0` gives them: the lines removed, or where lines were added. */
function hunks(before: string, after: string): { from: number; count: number }[] {
  const diff = spawnSync('git', ['diff', '--no-index', '--no-color', '-U0', '--', before, after], { encoding: 'utf8' });
  return [...diff.stdout.matchAll(HUNK)].map((m) => ({ from: Number(m[1]), count: m[2] === undefined ? 1 : Number(m[2]) }));
}

/** The lines each file's fixes may touch, from their edits resolved against the text as it was read. */
function editableLines(findings: readonly Finding[]): Map<string, Set<number>> {
  const lines = new Map<string, Set<number>>();
  for (const edit of findings.flatMap((f) => f.fix?.edits ?? [])) {
    const set = lines.get(edit.file) ?? new Set<number>();
    for (let line = edit.range.startLine; line <= edit.range.endLine; line++) set.add(line);
    // An insertion at the start of a line comes after the line before it.
    set.add(edit.range.startLine - 1);
    lines.set(edit.file, set);
  }
  return lines;
}

function lineEndings(text: string): { crlf: number; lf: number } {
  const crlf = text.split('\r\n').length - 1;
  return { crlf, lf: text.split('\n').length - 1 - crlf };
}

const hasBom = (b: Buffer) => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

/** --fix on `work` (a copy of `original`), checked against the findings before it; returns the run. */
async function fixAndCheck(original: string, work: string): Promise<LintRun> {
  const before = await lint({ cwd: work, fixEdits: true });
  const fixable = before.findings.filter((f) => f.fix);
  const allowed = editableLines(fixable);
  const fixed = await lint({ cwd: work, fix: true });
  expect(fixed.internalErrors).toEqual([]);
  expect(fixed.fixReport!.problems).toEqual([]);

  const was = readTree(original);
  const now = readTree(work);
  const changed = [...now.keys()].filter((f) => !was.get(f)!.equals(now.get(f)!));
  const prefix = path.relative(work, fixed.root).split(path.sep).join('/');
  const inRoot = (file: string) => (prefix ? file.slice(prefix.length + 1) : file);
  const withFixes = new Set(fixable.map((f) => fixFile(f.fix!)!));
  expect(
    changed.filter((f) => !withFixes.has(inRoot(f))),
    'only files with a fixable finding change',
  ).toEqual([]);
  expect(changed.length).toBe(fixed.fixReport!.files.length);

  for (const file of changed) {
    const old = was.get(file)!;
    const text = now.get(file)!;
    expect(checkXml(text.toString('utf8')).ok, `${file} is well-formed`).toBe(true);
    expect(hasBom(text), `${file} keeps its byte order mark, or its lack of one`).toBe(hasBom(old));
    const endings = lineEndings(text.toString('utf8'));
    const oldEndings = lineEndings(old.toString('utf8'));
    if (oldEndings.lf === 0) expect(endings.lf, `${file} stays CRLF`).toBe(0);
    if (oldEndings.crlf === 0) expect(endings.crlf, `${file} stays LF`).toBe(0);
    const lines = allowed.get(inRoot(file))!;
    for (const hunk of hunks(path.join(original, file), path.join(work, file))) {
      const touched = hunk.count === 0 ? [hunk.from] : Array.from({ length: hunk.count }, (_, i) => hunk.from + i);
      expect(
        touched.filter((line) => !lines.has(line)),
        `${file}: lines changed outside the fixes' edits (hunk at ${hunk.from})`,
      ).toEqual([]);
    }
  }

  const keys = new Set([...before.findings, ...before.suppressed].map(findingKey));
  expect(
    fixed.findings.map(findingKey).filter((k) => !keys.has(k)),
    'nothing new after --fix',
  ).toEqual([]);
  const again = await lint({ cwd: work, fix: true });
  expect(again.fixReport!.files, 'a second --fix changes nothing').toEqual([]);
  expect(treeDifferences(readTree(work), now)).toEqual([]);
  return fixed;
}

/** Whether an element's children are in name order, as a retrieve writes them (so that an insertion can restore it). */
function sortedChildren(block: string): boolean {
  const names = [...block.matchAll(CHILD_NAME)].map((m) => m[1]!).slice(1);
  return names.every((name, i) => i === 0 || names[i - 1]! <= name);
}

/**
 * Damages a profile or permission set the way a hand edit would: Read turned off beside Edit, Read deleted beside Create
 * (in an entry written in name order), and an unused suppression comment before an entry. Returns how many changes.
 */
function damage(text: string): { text: string; damages: number } {
  let damages = 0;
  let next = 0;
  const out = text.replace(OBJECT_PERMISSIONS, (block, indent: string) => {
    const eol = block.endsWith('\r\n') ? '\r\n' : '\n';
    const kind = next++ % 3;
    if (kind === 0 && block.includes('<allowEdit>true</allowEdit>') && block.includes('<allowRead>true</allowRead>')) {
      damages++;
      return block.replace('<allowRead>true</allowRead>', '<allowRead>false</allowRead>');
    }
    if (kind === 1 && block.includes('<allowCreate>true</allowCreate>') && READ_TRUE.test(block) && sortedChildren(block)) {
      damages++;
      return block.replace(READ_TRUE, '');
    }
    if (kind === 2) {
      damages++;
      return `${indent}<!-- sfmeta-lint-disable-next-line object-permission-dependency -- property test -->${eol}${block}`;
    }
    return block;
  });
  return { text: out, damages };
}

function toCrlfWithBom(file: string): void {
  const text = readFileSync(file, 'utf8').replace(/\r?\n/gu, '\r\n');
  writeFileSync(file, `\uFEFF${text.startsWith('\uFEFF') ? text.slice(1) : text}`);
}

describe('--fix on real projects', () => {
  for (const project of projects) {
    it(`${project.name}: minimal, well-formed, stable, and repairs what was damaged`, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), `sfmeta-fix-${project.name}-`));
      const [original, clean, damaged] = ['original', 'clean', 'damaged'].map((name) => path.join(dir, name)) as [string, string, string];
      try {
        cpSync(project.dir, original, { recursive: true });
        const files = (await lint({ cwd: original })).project;
        const candidates = files.files
          .filter((f) => f.type === 'Profile' || f.type === 'PermissionSet')
          .map((f) => path.relative(original, path.join(files.root, f.path)))
          .slice(0, MAX_DAMAGED);
        // Every other candidate becomes CRLF with a byte order mark, in each copy, so that both kinds are damaged and fixed.
        candidates.filter((_, i) => i % 2 === 1).forEach((file) => toCrlfWithBom(path.join(original, file)));
        cpSync(original, clean, { recursive: true });
        cpSync(original, damaged, { recursive: true });

        await fixAndCheck(original, clean);

        let damages = 0;
        for (const file of candidates) {
          const absolute = path.join(damaged, file);
          const result = damage(readFileSync(absolute, 'utf8'));
          writeFileSync(absolute, result.text);
          damages += result.damages;
        }
        const snapshot = path.join(dir, 'damaged-before');
        cpSync(damaged, snapshot, { recursive: true });
        const repaired = await fixAndCheck(snapshot, damaged);
        if (candidates.length > 0) expect(damages, 'something was damaged').toBeGreaterThan(0);
        expect(repaired.fixReport!.files.reduce((n, f) => n + f.fixed, 0)).toBeGreaterThanOrEqual(damages);
        const want = readTree(clean);
        const got = readTree(damaged);
        // Text first, for a readable diff of the first file that was not repaired; then every file, byte for byte.
        for (const file of treeDifferences(got, want).slice(0, 1))
          expect(got.get(file)?.toString('utf8'), `${file} is repaired`).toBe(want.get(file)?.toString('utf8'));
        expect(treeDifferences(got, want)).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
  if (CORPUS_ABSENT) it.skip(`skipped: ${CORPUS_ABSENT}; only the sample project is fixed`, () => {});
});
