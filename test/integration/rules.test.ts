// Every rule's cases: findings exactly on the marked lines (no more, no less), related locations too, each pointing at an element.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseDirs, lintCase, readExpectations, ruleIds, textAt } from '../support/harness.js';

for (const ruleId of ruleIds()) {
  describe(ruleId, () => {
    for (const caseDir of caseDirs(ruleId)) {
      it(`case ${path.basename(caseDir)}`, async () => {
        const expectations = readExpectations(caseDir);
        const run = await lintCase(caseDir, ruleId);
        expect(run.internalErrors).toEqual([]);
        const findings = run.findings.filter((f) => f.ruleId === ruleId);
        const actual = findings.map((f) => `${f.location.file}:${f.location.range.startLine} ${f.ruleId}`).sort();
        const wanted = expectations
          .filter((e) => e.kind === 'expect' && e.ruleId === ruleId)
          .map((e) => `${e.file}:${e.line} ${e.ruleId}`)
          .sort();
        expect(actual).toEqual(wanted);
        for (const e of expectations.filter((x) => x.kind === 'expect' && x.ruleId === ruleId && x.messageId)) {
          const match = findings.find(
            (f) => f.location.file === e.file && f.location.range.startLine === e.line && f.messageId === e.messageId,
          );
          expect(match, `${e.file}:${e.line} expects messageId ${e.messageId}`).toBeDefined();
          if (e.severity) expect(match?.severity, `${e.file}:${e.line} expects severity ${e.severity}`).toBe(e.severity);
        }
        const relatedActual = findings.flatMap((f) => f.related.map((r) => `${r.file}:${r.range.startLine}`)).sort();
        const relatedWanted = expectations
          .filter((e) => e.kind === 'expect-related' && e.ruleId === ruleId)
          .map((e) => `${e.file}:${e.line}`)
          .sort();
        expect([...new Set(relatedActual)]).toEqual([...new Set(relatedWanted)]);
        // A parse error points at the faulty byte (stray text, a bare &), which need not be a tag.
        for (const f of findings.filter((x) => x.ruleId !== 'parse-error')) {
          for (const at of [f.location, ...f.related]) {
            expect(
              textAt(caseDir, at.file, at.range.startLine, at.range.startColumn).startsWith('<'),
              `${at.file}:${at.range.startLine}:${at.range.startColumn} points at an element`,
            ).toBe(true);
          }
        }
      });
    }
  });
}
