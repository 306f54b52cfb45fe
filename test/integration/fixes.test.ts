// Every rule's fixes and suggestions: each fix case becomes exactly its expected files, the re-lint shows the findings
// gone and nothing new, and a second --fix changes nothing. Every rule says in its README whether it fixes, and why not.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { findingKey, fixCases, readTree, runFixCase, treeDifferences } from '../support/fix-harness.js';
import { RULES_DIR } from '../support/paths.js';

/** Fix and suggestion message ids that some case applied or offered, by rule. */
const offered = new Map<string, Set<string>>();
const FIX_NOTE = /^\*\*Fix:\*\* /mu;

for (const rule of RULES) {
  const cases = fixCases(rule.meta.id);
  if (cases.length === 0) continue;
  describe(`${rule.meta.id} fixes`, () => {
    for (const c of cases) {
      it(`${c.kind} ${c.name}`, async () => {
        const run = await runFixCase(c);
        try {
          expect(run.before.internalErrors).toEqual([]);
          const seen = offered.get(c.ruleId) ?? new Set<string>();
          for (const f of run.before.findings.filter((x) => x.ruleId === c.ruleId))
            for (const x of [...(f.fix ? [f.fix] : []), ...(f.suggestions ?? [])]) seen.add(x.messageId);
          offered.set(c.ruleId, seen);
          expect(run.applied.length, 'the case has something to fix').toBeGreaterThan(0);
          if (c.kind === 'fixed') expect(run.after.fixReport?.problems).toEqual([]);

          const original = readTree(c.caseDir);
          const expected = readTree(c.expectedDir);
          expect([...run.result.keys()].sort(), 'no file appears or disappears').toEqual([...original.keys()].sort());
          for (const file of expected.keys()) expect(original.has(file), `${file} is a file of the case`).toBe(true);
          for (const [file, bytes] of run.result) {
            const wanted = expected.get(file) ?? original.get(file)!;
            // As text first, for a readable diff; then as bytes (line endings, byte order mark).
            expect(bytes.toString('utf8'), file).toBe(wanted.toString('utf8'));
            expect(bytes.equals(wanted), `${file} byte for byte`).toBe(true);
          }
          expect(expected.size, 'the expected folder holds only files that change').toBe(
            [...expected.keys()].filter((f) => !original.get(f)!.equals(expected.get(f)!)).length,
          );

          const before = new Set(run.before.findings.map(findingKey));
          const after = run.after.findings.map(findingKey);
          expect(
            after.filter((k) => !before.has(k)),
            'nothing new after the fix',
          ).toEqual([]);
          expect(
            run.applied.map(findingKey).filter((k) => after.includes(k)),
            'the fixed findings are gone',
          ).toEqual([]);
          expect(run.after.internalErrors).toEqual([]);

          if (c.kind === 'fixed') {
            const again = await run.lintAgain({ fix: true });
            expect(again.fixReport?.files, 'a second --fix changes nothing').toEqual([]);
            expect(treeDifferences(readTree(run.dir), run.result)).toEqual([]);
          }
        } finally {
          run.dispose();
        }
      });
    }
  });
}

describe('fix metadata', () => {
  for (const rule of RULES) {
    const { id, fixable, fixMessages } = rule.meta;
    it(`${id}: declares what its fix cases show, and its README says whether it fixes`, () => {
      const cases = fixCases(id);
      const readme = readFileSync(path.join(RULES_DIR, id, 'README.md'), 'utf8');
      const howToFix = readme.slice(readme.indexOf('\n## How to fix\n'), readme.indexOf('\n## Options\n'));
      expect(howToFix, `${id} README: a "**Fix:**" paragraph in How to fix`).toMatch(FIX_NOTE);
      if (!fixable) {
        expect(cases, `${id} declares no fixable but has fix cases`).toEqual([]);
        expect(fixMessages).toBeUndefined();
        return;
      }
      const kinds = new Set(cases.map((c) => c.kind));
      if (fixable !== 'suggestion') expect(kinds.has('fixed'), `${id} has a fixed/ case`).toBe(true);
      if (fixable !== 'fix') expect(kinds.has('suggested'), `${id} has a suggested/ case`).toBe(true);
      const formats = new Set(cases.map((c) => (existsSync(path.join(c.caseDir, 'sfdx-project.json')) ? 'source' : 'metadata')));
      expect([...formats].sort(), `${id} fix cases in both formats`).toEqual(['metadata', 'source']);
      for (const [messageId, template] of Object.entries(fixMessages ?? {})) {
        expect(template.endsWith('.') && template.length <= 120, `${id} fix message ${messageId}: one short sentence`).toBe(true);
        expect(template.slice(0, -1), `${id} fix message ${messageId} is one sentence`).not.toMatch(/[.!?]\s/);
      }
    });
  }

  it('every fix and suggestion message is offered by some case', () => {
    for (const rule of RULES.filter((r) => r.meta.fixMessages && fixCases(r.meta.id).length > 0)) {
      const seen = offered.get(rule.meta.id) ?? new Set();
      for (const messageId of Object.keys(rule.meta.fixMessages!)) expect(seen.has(messageId), `${rule.meta.id} ${messageId}`).toBe(true);
    }
  });
});
