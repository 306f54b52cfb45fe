// Regression over real public SFDX projects in ../shared/corpus: no crash, no internal error, every file classified or skipped with a reason.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/index.js';
import { listFiles } from '../support/harness.js';
import { CORPUS, CORPUS_ABSENT } from '../support/paths.js';

const projects = !CORPUS_ABSENT
  ? readdirSync(CORPUS)
      .filter((d) => statSync(path.join(CORPUS, d)).isDirectory())
      .sort()
  : [];

describe.skipIf(CORPUS_ABSENT !== undefined)('corpus (../shared/corpus)', () => {
  for (const name of projects) {
    it(`lints ${name} without internal errors`, async () => {
      const root = path.join(CORPUS, name);
      const run = await lint({ cwd: root });
      expect(run.internalErrors).toEqual([]);
      expect(run.findings.filter((f) => f.ruleId === 'parse-error')).toEqual([]);
      const seen = new Set([...run.project.files.map((f) => f.path), ...run.project.skipped.map((s) => s.path)]);
      const inPackages = listFiles(root)
        .map((f) => path.relative(root, f).split(path.sep).join('/'))
        .filter((f) => run.project.packageDirs.some((d) => f.startsWith(`${d}/`)));
      for (const file of inPackages) expect(seen.has(file), `${file} is classified or skipped`).toBe(true);
      for (const finding of run.findings) {
        expect(finding.location.range.startLine).toBeGreaterThan(0);
        expect(run.project.files.some((f) => f.path === finding.location.file)).toBe(true);
      }
    });
  }
});

if (CORPUS_ABSENT) {
  describe('corpus (../shared/corpus)', () => {
    it.skip(`skipped: ${CORPUS_ABSENT}`, () => {});
  });
}
