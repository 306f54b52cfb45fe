// The baseline file: found where it is asked for or by default, read strictly, built with a count per finding key,
// written sorted and stable, and pruned by the counts that no longer match.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildBaseline,
  ConfigError,
  DEFAULT_BASELINE_FILE,
  pruneBaseline,
  readBaseline,
  resolveBaseline,
  serializeBaseline,
  writeBaseline,
} from '../../src/config/index.js';
import type { BaselineEntry } from '../../src/engine/index.js';
import type { Finding } from '../../src/findings/index.js';
import { ProjectError } from '../../src/project/index.js';
import { makeProject, tempDir } from '../support/fixtures.js';

function finding(ruleId: string, file: string, element: string, line: number, messageId = 'm'): Finding {
  return {
    ruleId,
    messageId,
    severity: 'error',
    message: 'x.',
    location: { file, element, range: { startLine: line, startColumn: 1, endLine: line, endColumn: 2 } },
    related: [],
  };
}

const entry = (rule: string, file: string, element: string, count: number, messageId = 'm'): BaselineEntry => ({
  rule,
  file,
  element,
  messageId,
  count,
});

describe('resolveBaseline', () => {
  it('uses the file asked for, relative to the root, and refuses one that does not exist', () => {
    const root = makeProject({ 'ci/base.json': '{}' });
    expect(resolveBaseline(root, 'ci/base.json')).toBe(path.join(root, 'ci', 'base.json'));
    expect(() => resolveBaseline(root, 'ci/missing.json')).toThrow(ProjectError);
    expect(() => resolveBaseline(root, 'ci/missing.json')).toThrow(`Baseline file not found: ${path.join(root, 'ci', 'missing.json')}`);
  });

  it('falls back to the default file when it is there, and uses none when told so', () => {
    const root = makeProject({ [DEFAULT_BASELINE_FILE]: '{}' });
    expect(resolveBaseline(root, undefined)).toBe(path.join(root, DEFAULT_BASELINE_FILE));
    expect(resolveBaseline(root, false)).toBeUndefined();
    expect(resolveBaseline(tempDir(), undefined)).toBeUndefined();
  });
});

describe('readBaseline', () => {
  const write = (content: unknown) => {
    const file = path.join(tempDir(), 'baseline.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const valid = { version: 1, entries: [entry('rule-a', 'a.xml', 'x', 2)] };

  it('reads a valid baseline, and an empty one', () => {
    expect(readBaseline(write(valid))).toEqual(valid);
    expect(readBaseline(write({ version: 1, entries: [], extra: true }))).toEqual({ version: 1, entries: [] });
  });

  it('refuses anything else with a configuration error naming the file', () => {
    const bad: unknown[] = [
      '{ not json',
      [],
      null,
      { entries: [] },
      { version: 2, entries: [] },
      { version: '1', entries: [] },
      { version: 1 },
      { version: 1, entries: {} },
      { version: 1, entries: [null] },
      ...(['rule', 'file', 'element', 'messageId'] as const).flatMap((key) => [
        { version: 1, entries: [{ ...valid.entries[0], [key]: 7 }] },
        { version: 1, entries: [{ ...valid.entries[0], [key]: undefined }] },
      ]),
      { version: 1, entries: [{ ...valid.entries[0], count: 0 }] },
      { version: 1, entries: [{ ...valid.entries[0], count: -1 }] },
      { version: 1, entries: [{ ...valid.entries[0], count: 1.5 }] },
      { version: 1, entries: [{ ...valid.entries[0], count: '1' }] },
      { version: 1, entries: [valid.entries[0], { ...valid.entries[0], count: 0 }] },
    ];
    for (const content of bad) {
      const file = write(content);
      expect(() => readBaseline(file), JSON.stringify(content)).toThrow(ConfigError);
      expect(() => readBaseline(file), JSON.stringify(content)).toThrow(
        new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a valid baseline`),
      );
    }
    expect(() => readBaseline(write({ version: 2, entries: [] }))).toThrow(
      'not a valid baseline (expected {"version": 1, "entries": [{rule, file, element, messageId, count}]})',
    );
  });
});

describe('building, writing and pruning', () => {
  const findings = [
    finding('rule-b', 'b.xml', 'x', 1),
    finding('rule-a', 'b.xml', 'x', 9),
    finding('rule-a', 'b.xml', 'x', 12),
    finding('rule-a', 'b.xml', 'x', 12, 'n'),
    finding('rule-a', 'a.xml', 'y', 3),
  ];

  it('counts findings by rule, file, element and message id, sorted by file, rule, element and message id', () => {
    expect(buildBaseline(findings)).toEqual({
      version: 1,
      entries: [
        entry('rule-a', 'a.xml', 'y', 1),
        entry('rule-a', 'b.xml', 'x', 2),
        entry('rule-a', 'b.xml', 'x', 1, 'n'),
        entry('rule-b', 'b.xml', 'x', 1),
      ],
    });
    expect(buildBaseline([])).toEqual({ version: 1, entries: [] });
  });

  it('writes two-space JSON with a final newline, and says how many findings it holds', () => {
    const file = path.join(tempDir(), 'deep', 'baseline.json');
    expect(writeBaseline(file, findings)).toBe(5);
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(serializeBaseline(buildBaseline(findings)));
    expect(text).toBe(`${JSON.stringify(buildBaseline(findings), null, 2)}\n`);
    expect(readBaseline(file)).toEqual(buildBaseline(findings));
    expect(serializeBaseline({ version: 1, entries: [], extra: 1 } as never)).toBe('{\n  "version": 1,\n  "entries": []\n}\n');
  });

  it('prunes the stale counts and drops the entries left at zero', () => {
    const file = path.join(tempDir(), 'baseline.json');
    writeBaseline(file, findings);
    pruneBaseline(file, [entry('rule-a', 'b.xml', 'x', 1), entry('rule-b', 'b.xml', 'x', 1), entry('rule-z', 'b.xml', 'x', 4)]);
    expect(readBaseline(file).entries).toEqual([
      entry('rule-a', 'a.xml', 'y', 1),
      entry('rule-a', 'b.xml', 'x', 1),
      entry('rule-a', 'b.xml', 'x', 1, 'n'),
    ]);
    pruneBaseline(file, [entry('rule-a', 'a.xml', 'y', 1), entry('rule-a', 'b.xml', 'x', 1), entry('rule-a', 'b.xml', 'x', 1, 'n')]);
    expect(readFileSync(file, 'utf8')).toBe('{\n  "version": 1,\n  "entries": []\n}\n');
  });
});
