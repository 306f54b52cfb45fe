// Every rule's cases: findings exactly on the marked lines (no more, no less), each with its related locations, message
// id, severity and a fully filled message, each pointing at an element; and every file of a case read as XML.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseDirs, checkCase, ruleIds } from '../support/harness.js';

for (const ruleId of ruleIds()) {
  describe(ruleId, () => {
    for (const caseDir of caseDirs(ruleId)) {
      it(`case ${path.basename(caseDir)}`, async () => {
        expect(await checkCase(caseDir, ruleId)).toEqual([]);
      });
    }
  });
}
