// How the tests themselves skip: a skip gives its reason (a missing tool or file), and a known defect is an `it.fails`
// that names its issue, so that neither can pass for a test that ran.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../support/harness.js';
import { ROOT } from '../support/paths.js';

// This file is left out: its patterns would find themselves.
const TESTS = listFiles(path.join(ROOT, 'test')).filter((f) => f.endsWith('.ts') && f !== import.meta.filename);

describe('test hygiene', () => {
  it('every runtime skip gives a reason, and every skipped test says why in its name', () => {
    const problems: string[] = [];
    for (const file of TESTS) {
      const text = readFileSync(file, 'utf8');
      const where = (index: number) => `${path.relative(ROOT, file)}:${text.slice(0, index).split('\n').length}`;
      for (const m of text.matchAll(/\bctx\.skip\(\s*\)/g)) problems.push(`${where(m.index)}: ctx.skip() without a reason`);
      for (const m of text.matchAll(/\b(?:it|test|describe)\.skip\(\s*(['`"])(.*?)\1/g))
        if (!m[2]!.startsWith('skipped: ')) problems.push(`${where(m.index)}: a skipped test named without "skipped: <reason>"`);
      for (const m of text.matchAll(/\b(?:it|test)\.fails\(\s*(['`"])(.*?)\1/g))
        if (!/#\d+/.test(m[2]!)) problems.push(`${where(m.index)}: it.fails without the issue number (#N) in its name`);
      for (const m of text.matchAll(/\b(?:it|test|describe)\.(?:only|todo)\(/g)) problems.push(`${where(m.index)}: .only or .todo left in`);
    }
    expect(problems).toEqual([]);
  });

  it('ignores no tracked file: a pattern in .gitignore that matches one drops it from any copy made with `git add -A`', (ctx) => {
    // `reports/` once matched src/reports/, and the Action's compile at a branch failed without the doctor.
    if (!existsSync(path.join(ROOT, '.git'))) ctx.skip('not a git checkout (no .git)');
    const ignored = spawnSync('git', ['ls-files', '--cached', '--ignored', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
    expect(ignored.status, ignored.stderr).toBe(0);
    expect(ignored.stdout.split('\n').filter(Boolean)).toEqual([]);
  });
});
