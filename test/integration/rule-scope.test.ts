// A rule's `scope` is a promise the incremental analysis relies on: run on one file's facts (`file`) or one referrer of
// the reference index (`referrer`) at a time, the rule gives, all told, exactly what it gives on the whole model, each
// finding located in the part it ran on. Checked on every rule case of every rule (a case is a small project) and on
// the sample project. And no rule reads the list of files but through the reference index, which the incremental
// analysis rebuilds when files come or go.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/api/index.js';
import { runEachRule } from '../../src/engine/index.js';
import { compareFindings, type Finding } from '../../src/findings/index.js';
import { ProjectModel } from '../../src/model/index.js';
import { RULES } from '../../src/rules/index.js';
import { RULES_DIR, SAMPLE } from '../support/paths.js';

const SCOPED = RULES.filter((rule) => rule.meta.scope !== undefined);
const PROJECTS = [
  SAMPLE,
  ...readdirSync(RULES_DIR)
    .filter((id) => statSync(path.join(RULES_DIR, id)).isDirectory())
    .flatMap((id) => {
      const cases = path.join(RULES_DIR, id, 'cases');
      try {
        return readdirSync(cases).map((name) => path.join(cases, name));
      } catch {
        return [];
      }
    })
    .filter((dir) => statSync(dir).isDirectory()),
];

const sorted = (findings: Finding[]) => [...findings].sort(compareFindings);

describe('rule scopes', () => {
  it('are declared only where the rule reads nothing else', () => {
    expect(SCOPED.length).toBeGreaterThan(0);
    for (const { meta } of SCOPED) {
      expect(meta.needs, meta.id).toEqual([]);
      expect(meta.scope === 'file' ? meta.checksFiles : meta.references, meta.id).toBe(true);
    }
  });

  it('no rule reads the list of files itself (it reads the types it needs, or the reference index)', () => {
    const readers = RULES.filter((rule) =>
      /\bmodel\.files\b|\{[^}]*\bfiles\b[^}]*\}\s*=\s*model\b/u.test(readFileSync(path.join(RULES_DIR, rule.meta.id, 'index.ts'), 'utf8')),
    );
    expect(readers.map((rule) => rule.meta.id)).toEqual([]);
  });

  it.each(PROJECTS.map((dir) => [path.relative(path.dirname(RULES_DIR), dir), dir]))(
    'hold on %s',
    async (_name, dir) => {
      const analysis = await analyze({ cwd: dir });
      const { project, config, settings } = analysis;
      const facts = analysis.facts();
      const whole = new ProjectModel(project.files, facts, project.shape);
      for (const rule of SCOPED) {
        const id = rule.meta.id;
        const only = new Set([id]);
        const expected = runEachRule(whole, RULES, config, settings, { only }).get(id);
        if (!expected) continue;
        const parts: Finding[] = [];
        if (rule.meta.scope === 'file') {
          for (const fact of facts) {
            const model = new ProjectModel(project.files, [fact], project.shape);
            const found = runEachRule(model, RULES, config, settings, { only }).get(id)!.findings;
            for (const f of found) expect(f.location.file, id).toBe(fact.file.path);
            parts.push(...found);
          }
        } else {
          const index = whole.references;
          for (const referrer of index.referrers) {
            const model = new ProjectModel(project.files, [], project.shape, index.withReferrers([referrer]));
            const found = runEachRule(model, RULES, config, settings, { only }).get(id)!.findings;
            const files = new Set(referrer.files.map((f) => f.file.path));
            for (const f of found) expect(files.has(f.location.file), `${id}: ${f.location.file}`).toBe(true);
            parts.push(...found);
          }
        }
        expect(sorted(parts), id).toEqual(sorted(expected.findings));
      }
    },
    60_000,
  );
});
