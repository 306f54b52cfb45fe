// The engine runs the rules that are on (globally or through an override), with their options, applies severities per
// file and the caps rules ask for, fills messages safely, sorts the findings and turns a failing rule into an internal error.
import { describe, expect, it } from 'vitest';
import {
  activeRules,
  defineRule,
  formatMessage,
  neededTypes,
  related,
  runRules,
  type EngineConfig,
  type Report,
  type Rule,
} from '../../src/engine/index.js';
import type { Location } from '../../src/findings/index.js';
import type { ProjectModel } from '../../src/model/index.js';

const PATHS = [
  'a.xml',
  'b.xml',
  'elsewhere.xml',
  'force-app/.hidden/x.xml',
  'force-app/x.xml',
  'legacy/keep/z.xml',
  'legacy/y.xml',
  'off/a.xml',
  'on/x.xml',
  'other.xml',
];
// Rules here read nothing; the engine reads the file list for options that overrides set per file.
const MODEL = { files: PATHS.map((path) => ({ path })) } as unknown as ProjectModel;

function at(file: string, line: number, column = 5): Location {
  return { file, element: `e${line}`, range: { startLine: line, startColumn: column, endLine: line, endColumn: column + 4 } };
}

/** A rule that reports what it is given, and records the options and rule ids it saw. */
function rule(id: string, reports: Report[], extra: Partial<Rule['meta']> = {}): Rule<object> & { seen: unknown[] } {
  const seen: unknown[] = [];
  return {
    seen,
    meta: {
      id,
      description: 'A test rule',
      category: 'correctness',
      defaultSeverity: 'warning',
      tags: [],
      messages: { m: 'Thing {{name}} is wrong.', plain: 'Plain.' },
      options: {},
      defaultOptions: {},
      needs: [],
      ...extra,
    },
    check({ options, ruleIds, settings, report }) {
      seen.push({ options, ruleIds, settings });
      for (const r of reports) report(r);
    },
  };
}

const config = (over: Partial<EngineConfig> = {}): EngineConfig => ({ rules: {}, overrides: [], ...over });
const report = (file: string, line: number, over: Partial<Report> = {}): Report => ({
  messageId: 'm',
  data: { name: 'X' },
  location: at(file, line),
  ...over,
});

describe('activeRules', () => {
  const a = rule('rule-a', [], { defaultSeverity: 'error', defaultOptions: { size: 1, names: ['a'] } });
  const b = rule('rule-b', []);

  it('keeps the rules that are on, at their configured or default severity, with options over the defaults', () => {
    const active = activeRules([a, b], config({ rules: { 'rule-a': { severity: 'warning', options: { names: ['b'] } } } }));
    expect(active.map((x) => [x.rule.meta.id, x.severity, x.options])).toEqual([
      ['rule-a', 'warning', { size: 1, names: ['b'] }],
      ['rule-b', 'warning', {}],
    ]);
  });

  it('leaves out a rule that is off, unless an override turns it on somewhere (then at its default severity)', () => {
    const off = config({ rules: { 'rule-a': { severity: 'off' } } });
    expect(activeRules([a, b], off).map((x) => x.rule.meta.id)).toEqual(['rule-b']);
    const onSomewhere = { ...off, overrides: [{ files: ['x/**'], rules: { 'rule-a': { severity: 'note' as const } } }] };
    expect(activeRules([a, b], onSomewhere).map((x) => [x.rule.meta.id, x.severity])).toEqual([
      ['rule-a', 'error'],
      ['rule-b', 'warning'],
    ]);
    const offThere = { ...off, overrides: [{ files: ['x/**'], rules: { 'rule-a': { severity: 'off' as const } } }] };
    expect(activeRules([a, b], offThere).map((x) => x.rule.meta.id)).toEqual(['rule-b']);
    const otherRule = { ...off, overrides: [{ files: ['x/**'], rules: { 'rule-b': { severity: 'error' as const } } }] };
    expect(activeRules([a, b], otherRule).map((x) => x.rule.meta.id)).toEqual(['rule-b']);
  });

  it('gathers the types the active rules need', () => {
    const needsA = rule('rule-a', [], { needs: ['Profile', 'Layout'] });
    const needsB = rule('rule-b', [], { needs: ['Profile', 'Network'] });
    expect([...neededTypes(activeRules([needsA, needsB], config()))].sort()).toEqual(['Layout', 'Network', 'Profile']);
  });
});

describe('formatMessage', () => {
  it('fills each placeholder, spaced or not, and leaves an unknown one as it is', () => {
    expect(formatMessage('{{a}} and {{ b }} and {{c}}.', { a: 'A', b: 2 })).toBe('A and 2 and {{c}}.');
    expect(formatMessage('No data {{a}}.')).toBe('No data {{a}}.');
  });

  it('makes the data safe: no line break or control character from a file reaches the message', () => {
    expect(formatMessage('Name {{a}}.', { a: 'x\n::error::y\u001b[31m' })).toBe('Name x\uFFFD::error::y\uFFFD[31m.');
  });
});

describe('runRules', () => {
  it('reports what the rules report, with the rule id, message id, filled message and location, sorted', () => {
    const a = rule('rule-a', [report('b.xml', 3), report('a.xml', 9, { messageId: 'plain', data: {} }), report('a.xml', 2)]);
    const b = rule('rule-b', [report('a.xml', 2, { location: at('a.xml', 2, 1) }), report('a.xml', 9)]);
    const { findings, internalErrors } = runRules(MODEL, [a, b], config());
    expect(internalErrors).toEqual([]);
    expect(findings.map((f) => [f.location.file, f.location.range.startLine, f.location.range.startColumn, f.ruleId, f.message])).toEqual([
      ['a.xml', 2, 1, 'rule-b', 'Thing X is wrong.'],
      ['a.xml', 2, 5, 'rule-a', 'Thing X is wrong.'],
      ['a.xml', 9, 5, 'rule-a', 'Plain.'],
      ['a.xml', 9, 5, 'rule-b', 'Thing X is wrong.'],
      ['b.xml', 3, 5, 'rule-a', 'Thing X is wrong.'],
    ]);
    expect(findings[2]).toEqual({
      ruleId: 'rule-a',
      messageId: 'plain',
      severity: 'warning',
      message: 'Plain.',
      location: at('a.xml', 9),
      related: [],
    });
  });

  it('gives each rule its options, the settings and every rule id', () => {
    const a = rule('rule-a', [], { defaultOptions: { n: 1 } });
    const b = rule('rule-b', []);
    runRules(MODEL, [a, b], config({ rules: { 'rule-a': { severity: 'error', options: { n: 2 } } } }), { securityBaseline: undefined });
    expect(a.seen).toEqual([{ options: { n: 2 }, ruleIds: ['rule-a', 'rule-b'], settings: { securityBaseline: undefined } }]);
    expect(b.seen).toEqual([{ options: {}, ruleIds: ['rule-a', 'rule-b'], settings: { securityBaseline: undefined } }]);
  });

  it('applies the severity of the last override that matches the file, and drops findings turned off there', () => {
    const a = rule('rule-a', [
      report('force-app/x.xml', 1),
      report('legacy/y.xml', 2),
      report('legacy/keep/z.xml', 3),
      report('other.xml', 4),
    ]);
    const { findings } = runRules(
      MODEL,
      [a],
      config({
        rules: { 'rule-a': { severity: 'error' } },
        overrides: [
          { files: ['force-app/**'], rules: { 'rule-a': { severity: 'note' } } },
          { files: ['legacy/**'], rules: { 'rule-a': { severity: 'off' } } },
          { files: ['legacy/keep/**'], rules: { 'rule-a': { severity: 'warning' } } },
          { files: ['other.xml'], rules: { 'rule-b': { severity: 'off' } } },
        ],
      }),
    );
    expect(findings.map((f) => [f.location.file, f.severity])).toEqual([
      ['force-app/x.xml', 'note'],
      ['legacy/keep/z.xml', 'warning'],
      ['other.xml', 'error'],
    ]);
  });

  it('matches override globs in dot folders too', () => {
    const a = rule('rule-a', [report('force-app/.hidden/x.xml', 1)]);
    const { findings } = runRules(
      MODEL,
      [a],
      config({ overrides: [{ files: ['force-app/**'], rules: { 'rule-a': { severity: 'note' } } }] }),
    );
    expect(findings.map((f) => f.severity)).toEqual(['note']);
  });

  it('runs a rule that is off except in an override only where the override turns it on', () => {
    const a = rule('rule-a', [report('on/x.xml', 1), report('elsewhere.xml', 2)]);
    const { findings } = runRules(
      MODEL,
      [a],
      config({ rules: { 'rule-a': { severity: 'off' } }, overrides: [{ files: ['on/**'], rules: { 'rule-a': { severity: 'error' } } }] }),
    );
    expect(findings.map((f) => [f.location.file, f.severity])).toEqual([['on/x.xml', 'error']]);
  });

  it('lowers a finding to its cap, never raises it, and drops it where the rule is off', () => {
    const a = rule('rule-a', [
      report('a.xml', 1, { cap: 'note' }),
      report('a.xml', 2, { cap: 'warning' }),
      report('a.xml', 3, { cap: 'error' }),
      report('off/a.xml', 4, { cap: 'note' }),
    ]);
    const run = (severity: 'error' | 'warning' | 'note') =>
      runRules(
        MODEL,
        [a],
        config({ rules: { 'rule-a': { severity } }, overrides: [{ files: ['off/**'], rules: { 'rule-a': { severity: 'off' } } }] }),
      ).findings.map((f) => f.severity);
    expect(run('error')).toEqual(['note', 'warning', 'error']);
    expect(run('warning')).toEqual(['note', 'warning', 'warning']);
    expect(run('note')).toEqual(['note', 'note', 'note']);
  });

  it('makes related messages safe and keeps their locations', () => {
    const a = rule('rule-a', [report('a.xml', 1, { related: [related(at('b.xml', 7), 'Granted\nhere\u202e.')] })]);
    expect(runRules(MODEL, [a], config()).findings[0]!.related).toEqual([
      { file: 'b.xml', element: 'e7', range: at('b.xml', 7).range, message: 'Granted\uFFFDhere\uFFFD.' },
    ]);
  });

  it('turns an unknown message id or a throwing rule into an internal error naming the rule, and runs the others', () => {
    const unknown = rule('rule-a', [report('a.xml', 1, { messageId: 'nope' })]);
    const throwing: Rule<object> = {
      ...rule('rule-b', []),
      check: () => {
        throw new TypeError('bad\nvalue');
      },
    };
    const stringly: Rule<object> = {
      ...rule('rule-c', []),
      check: () => {
        throw 'plain string';
      },
    };
    const fine = rule('rule-d', [report('a.xml', 1)]);
    const { findings, internalErrors } = runRules(MODEL, [unknown, throwing, stringly, fine], config());
    expect(findings.map((f) => f.ruleId)).toEqual(['rule-d']);
    expect(internalErrors.map(({ ruleId, message }) => ({ ruleId, message }))).toEqual([
      { ruleId: 'rule-a', message: 'rule rule-a reported unknown messageId "nope"' },
      { ruleId: 'rule-b', message: 'bad\uFFFDvalue' },
      { ruleId: 'rule-c', message: 'plain string' },
    ]);
    expect(internalErrors[1]!.stack).toMatch(/TypeError: bad/);
  });
});

describe('defineRule and related', () => {
  it('gives a rule without options empty ones, and keeps declared ones', () => {
    const { options: _o, defaultOptions: _d, ...meta } = rule('rule-a', []).meta;
    const plain = defineRule({ meta, check() {} });
    expect([plain.meta.options, plain.meta.defaultOptions]).toEqual([{}, {}]);
    const withOptions = defineRule({
      meta: { ...meta, options: { n: { type: 'number', description: 'n' } }, defaultOptions: { n: 3 } },
      check() {},
    });
    expect(withOptions.meta.defaultOptions).toEqual({ n: 3 });
  });

  it('related() copies a location and adds the message', () => {
    expect(related({ ...at('a.xml', 3), extra: 1 } as Location, 'here')).toEqual({ ...at('a.xml', 3), message: 'here' });
  });
});
