// The rules are documented and tested the same way: README sections, cases that fire and stay quiet, every message exercised, generated files fresh.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { caseDirs, readExpectations, ruleIds } from '../support/harness.js';
import { ROOT, RULES_DIR } from '../support/paths.js';

const README_SECTIONS = ['## Why', '## Fails', '## Passes', '## How to fix', '## Options', '## Limits'];
/** Messages say what is wrong in one short line; the why and the fix are in the README. */
const MAX_MESSAGE_LENGTH = 120;
/** A template that only passes on a message the model wrote (parse-error, invalid-root-element). */
const PASS_THROUGH = /^\{\{\w+\}\}$/;
const SEVERITY_WORDS = /\b(?:error|warning|critical)\b/gi;

describe('rule registry', () => {
  it('registers every rule folder, in order, with matching ids', () => {
    expect(RULES.map((r) => r.meta.id)).toEqual(ruleIds());
  });
});

for (const rule of RULES) {
  const { id } = rule.meta;
  describe(`rule ${id}`, () => {
    it('has well-formed metadata', () => {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.meta.description).not.toMatch(/\.$/);
      expect(rule.meta.description.length).toBeLessThan(120);
      expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
      expect(Object.keys(rule.meta.defaultOptions).sort()).toEqual(Object.keys(rule.meta.options).sort());
      for (const [messageId, template] of Object.entries(rule.meta.messages)) {
        expect(
          template.length,
          `${id} message ${messageId} is ${template.length} characters; at most ${MAX_MESSAGE_LENGTH} (move the why and the fix to the README)`,
        ).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
        expect(PASS_THROUGH.test(template) || template.endsWith('.'), `${id} message ${messageId} ends with a period`).toBe(true);
        expect(template.slice(0, -1), `${id} message ${messageId} is one sentence`).not.toMatch(/[.!?]\s/);
        expect(template.match(SEVERITY_WORDS)?.length ?? 0, `${id} message ${messageId} uses two severity words`).toBeLessThanOrEqual(1);
      }
    });

    it('has a README with the standard sections', () => {
      const readme = path.join(RULES_DIR, id, 'README.md');
      expect(existsSync(readme)).toBe(true);
      const text = readFileSync(readme, 'utf8');
      expect(text.startsWith(`# ${id}`)).toBe(true);
      for (const section of README_SECTIONS) expect(text, `${id} README lacks "${section}"`).toContain(section);
      const order = README_SECTIONS.map((section) => text.indexOf(`\n${section}\n`));
      expect(order, `${id} README sections in the order ${README_SECTIONS.join(', ')}`).toEqual([...order].sort((a, b) => a - b));
    });

    it('has cases that fire, cases that stay quiet, and exercise every message', () => {
      const cases = caseDirs(id).map((dir) => readExpectations(dir).filter((e) => e.kind === 'expect' && e.ruleId === id));
      expect(
        cases.some((c) => c.length > 0),
        'a case that fires',
      ).toBe(true);
      expect(
        cases.some((c) => c.length === 0),
        'a case that stays quiet',
      ).toBe(true);
      expect(
        cases.some((c) => c.length >= 2),
        'a case with two findings',
      ).toBe(true);
      const used = new Set(
        cases
          .flat()
          .map((e) => e.messageId)
          .filter(Boolean),
      );
      for (const messageId of Object.keys(rule.meta.messages))
        expect(used.has(messageId), `a case expects message ${messageId}`).toBe(true);
    });
  });
}

describe('declared needs', () => {
  // Only the types some enabled rule `needs` are parsed: a rule that reads a type it does not declare
  // would find nothing when it runs alone. Running each rule alone must give what it gives among all.
  it('every rule finds the same alone as with all rules on the sample project', async () => {
    const { lint } = await import('../../src/api/index.js');
    const sample = path.join(ROOT, 'sample-project');
    const all = await lint({ cwd: sample, baseline: false });
    const key = (f: { ruleId: string; location: { file: string; element: string }; messageId: string; severity: string }) =>
      `${f.ruleId} ${f.location.file} ${f.location.element} ${f.messageId} ${f.severity}`;
    for (const rule of RULES) {
      if (rule.meta.id === 'unused-suppression') continue; // whether a comment is used depends on which other rules ran
      const alone = await lint({ cwd: sample, baseline: false, only: [rule.meta.id] });
      const expected = [...all.findings, ...all.suppressed]
        .filter((f) => f.ruleId === rule.meta.id)
        .map(key)
        .sort();
      const actual = [...alone.findings, ...alone.suppressed].map(key).sort();
      expect(actual, rule.meta.id).toEqual(expected);
    }
  });
});
