// Suppressions and the baseline hide exactly what they name: an inline comment only the rules it lists, on its line or
// file; a configuration entry only its rule, files and element, until it expires; a baseline entry only as many findings
// as it counts. Directive comments are read from comments only, including one that lists its rules over several lines.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, type LintResult } from '../../src/api/index.js';
import {
  applySuppressions,
  baselineEntryKey,
  baselineKey,
  sortEntries,
  type BaselineEntry,
  type ConfigSuppression,
} from '../../src/engine/index.js';
import type { Finding } from '../../src/findings/index.js';
import { extractFile } from '../../src/model/extract.js';
import type { Directive, SourceFileRef } from '../../src/model/index.js';
import { tempDir, xml } from '../support/fixtures.js';
import { SAMPLE } from '../support/paths.js';

const FILE = 'force-app/main/default/profiles/Admin.profile-meta.xml';
const OTHER = 'force-app/main/default/profiles/Other.profile-meta.xml';

function finding(ruleId: string, line: number, { file = FILE, element = `e${line}`, messageId = 'm' } = {}): Finding {
  return {
    ruleId,
    messageId,
    severity: 'error',
    message: `${ruleId} at ${line}.`,
    location: { file, element, range: { startLine: line, startColumn: 5, endLine: line, endColumn: 9 } },
    related: [],
  };
}

function directive(kind: Directive['kind'], rules: string[], line: number, { file = FILE, reason = 'why' } = {}): Directive {
  return {
    file,
    element: `comment@${line - 1}`,
    range: { startLine: line - 1, startColumn: 5, endLine: line - 1, endColumn: 40 },
    kind,
    rules,
    reason,
    line,
  };
}

const TODAY = '2026-05-22';
const run = (findings: Finding[], input: Partial<Parameters<typeof applySuppressions>[1]>) =>
  applySuppressions(findings, { directives: [], config: [], today: TODAY, ...input });
const ids = (list: readonly Finding[]) =>
  list.map((f) => `${f.ruleId}@${f.location.file === FILE ? '' : 'other:'}${f.location.range.startLine}`);

describe('inline directives', () => {
  const findings = [finding('rule-a', 7), finding('rule-b', 7), finding('rule-a', 8), finding('rule-a', 7, { file: OTHER })];

  it('a next-line directive hides the rules it names on its line, and nothing else', () => {
    const d = directive('next-line', ['rule-a'], 7);
    const outcome = run(findings, { directives: [d] });
    expect(ids(outcome.suppressed)).toEqual(['rule-a@7']);
    expect(ids(outcome.kept)).toEqual(['rule-b@7', 'rule-a@8', 'rule-a@other:7']);
    expect(outcome.suppressed[0]!.suppression).toEqual({ kind: 'inline', justification: 'why' });
    expect(outcome.unusedDirectives).toEqual([]);
  });

  it('a directive naming several rules hides each of them, and a rule whose id it only contains stays', () => {
    const outcome = run([...findings, finding('rule-a-b', 7), finding('rule', 7)], {
      directives: [directive('next-line', ['rule-a', 'rule-b'], 7)],
    });
    expect(ids(outcome.suppressed)).toEqual(['rule-a@7', 'rule-b@7']);
    expect(ids(outcome.kept)).toEqual(['rule-a@8', 'rule-a@other:7', 'rule-a-b@7', 'rule@7']);
  });

  it('a file directive hides the rules it names in its file only', () => {
    const outcome = run(findings, { directives: [directive('file', ['rule-a'], 3)] });
    expect(ids(outcome.suppressed)).toEqual(['rule-a@7', 'rule-a@8']);
    expect(ids(outcome.kept)).toEqual(['rule-b@7', 'rule-a@other:7']);
  });

  it('a directive naming no rule hides every rule, on its line or in its file', () => {
    expect(ids(run(findings, { directives: [directive('next-line', [], 7)] }).suppressed)).toEqual(['rule-a@7', 'rule-b@7']);
    expect(ids(run(findings, { directives: [directive('file', [], 3)] }).suppressed)).toEqual(['rule-a@7', 'rule-b@7', 'rule-a@8']);
  });

  it('reports the directives that hid nothing, and says when no reason was given', () => {
    const used = directive('next-line', ['rule-b'], 7, { reason: '' });
    const wrongLine = directive('next-line', ['rule-b'], 8);
    const wrongRule = directive('file', ['rule-c'], 2);
    const outcome = run(findings, { directives: [used, wrongLine, wrongRule] });
    expect(outcome.unusedDirectives).toEqual([wrongLine, wrongRule]);
    expect(outcome.suppressed.map((f) => f.suppression)).toEqual([{ kind: 'inline', justification: '(no reason given)' }]);
  });
});

describe('configuration suppressions', () => {
  const findings = [
    finding('rule-a', 7, { element: 'userPermissions[name=ModifyAllData]' }),
    finding('rule-a', 9, { element: 'userPermissions[name=ViewAllData]/enabled' }),
    finding('rule-b', 9, { element: 'userPermissions[name=ViewAllData]/enabled' }),
    finding('rule-a', 7, { file: OTHER, element: 'userPermissions[name=ModifyAllData]' }),
  ];
  const entry = (over: Partial<ConfigSuppression> = {}): ConfigSuppression => ({
    rule: 'rule-a',
    files: ['**/Admin.profile-meta.xml'],
    reason: 'ETL user',
    ...over,
  });

  it('hide the rule in the files they match, on the element they name or below it', () => {
    const all = run(findings, { config: [entry()] });
    expect(ids(all.suppressed)).toEqual(['rule-a@7', 'rule-a@9']);
    expect(all.suppressed[0]!.suppression).toEqual({ kind: 'config', justification: 'ETL user' });
    expect(ids(run(findings, { config: [entry({ element: 'userPermissions[name=ViewAllData]' })] }).suppressed)).toEqual(['rule-a@9']);
    expect(ids(run(findings, { config: [entry({ element: 'userPermissions[name=ViewAll' })] }).suppressed)).toEqual(['rule-a@9']);
    expect(ids(run(findings, { config: [entry({ files: ['force-app/**'] })] }).suppressed)).toEqual([
      'rule-a@7',
      'rule-a@9',
      'rule-a@other:7',
    ]);
  });

  it('match dot folders too', () => {
    const hidden = finding('rule-a', 3, { file: '.hidden/Admin.profile-meta.xml' });
    expect(ids(run([hidden], { config: [entry({ files: ['**/*.xml'] })] }).suppressed)).toEqual(['rule-a@other:3']);
  });

  it('apply up to and including the day they expire, and are reported as expired after it', () => {
    const onTheDay = run(findings, { config: [entry({ expires: TODAY })] });
    expect(ids(onTheDay.suppressed)).toEqual(['rule-a@7', 'rule-a@9']);
    expect(onTheDay.expiredConfig).toEqual([]);
    const expired = entry({ expires: '2026-05-21' });
    const after = run(findings, { config: [expired] });
    expect(after.suppressed).toEqual([]);
    expect(after.expiredConfig).toEqual([expired]);
    expect(after.unusedConfig).toEqual([]);
  });

  it('are reported when they hide nothing', () => {
    const unused = entry({ rule: 'rule-c' });
    const outcome = run(findings, { config: [entry(), unused] });
    expect(outcome.unusedConfig).toEqual([unused]);
    expect(outcome.expiredConfig).toEqual([]);
  });

  it('come after inline directives, and before the baseline', () => {
    const outcome = run(findings, {
      directives: [directive('next-line', ['rule-a'], 7)],
      config: [entry()],
      baseline: {
        version: 1,
        entries: [{ rule: 'rule-a', file: FILE, element: 'userPermissions[name=ViewAllData]/enabled', messageId: 'm', count: 1 }],
      },
    });
    expect(outcome.suppressed.map((f) => `${f.location.range.startLine} ${f.suppression.kind}`)).toEqual(['7 inline', '9 config']);
    expect(outcome.staleBaseline).toHaveLength(1);
  });
});

describe('the baseline', () => {
  const a7 = finding('rule-a', 7, { element: 'x' });
  const a8 = finding('rule-a', 8, { element: 'x' });
  const entry = (over: Partial<BaselineEntry> = {}): BaselineEntry => ({
    rule: 'rule-a',
    file: FILE,
    element: 'x',
    messageId: 'm',
    count: 1,
    ...over,
  });

  it('hides as many findings of an entry as it counts, whatever their lines', () => {
    const one = run([a7, a8], { baseline: { version: 1, entries: [entry()] } });
    expect(ids(one.suppressed)).toEqual(['rule-a@7']);
    expect(ids(one.kept)).toEqual(['rule-a@8']);
    expect(one.suppressed[0]!.suppression).toEqual({ kind: 'baseline', justification: 'Recorded in the baseline' });
    expect(one.staleBaseline).toEqual([]);
    const two = run([a7, a8], { baseline: { version: 1, entries: [entry({ count: 2 })] } });
    expect(two.kept).toEqual([]);
  });

  it('matches rule, file, element and message id, each of them', () => {
    for (const other of [{ rule: 'rule-b' }, { file: OTHER }, { element: 'y' }, { messageId: 'n' }]) {
      const outcome = run([a7], { baseline: { version: 1, entries: [entry(other)] } });
      expect(outcome.kept, JSON.stringify(other)).toEqual([a7]);
      expect(outcome.staleBaseline, JSON.stringify(other)).toEqual([entry(other)]);
    }
  });

  it('reports stale entries with the count left over, sorted, and leaves the baseline it was given alone', () => {
    const entries = [entry({ element: 'z', count: 2 }), entry({ count: 3 }), entry({ file: 'a.xml', count: 1 })];
    const given = JSON.parse(JSON.stringify(entries));
    const outcome = run([a7, a8], { baseline: { version: 1, entries } });
    expect(outcome.staleBaseline).toEqual([entry({ file: 'a.xml', count: 1 }), entry({ count: 1 }), entry({ element: 'z', count: 2 })]);
    expect(entries).toEqual(given);
  });

  it('keys a finding without its line, and an entry the same way', () => {
    expect(baselineKey(a7)).toBe(baselineKey(a8));
    expect(baselineKey(a7)).toBe(baselineEntryKey(entry({ count: 5 })));
    expect(baselineKey(a7)).not.toBe(baselineKey(finding('rule-a', 7, { element: 'x', messageId: 'n' })));
    // The parts are kept apart: an element that ends like the next part does not make another key.
    expect(baselineEntryKey(entry({ file: 'a', element: 'b' }))).not.toBe(baselineEntryKey(entry({ file: 'a\u0000b', element: '' })));
  });

  it('sorts entries by file, rule, element and message id', () => {
    const e = (file: string, rule: string, element: string, messageId: string) => entry({ file, rule, element, messageId });
    const sorted = [e('a', 'r', 'x', 'm'), e('a', 'r', 'x', 'n'), e('a', 'r', 'y', 'a'), e('a', 's', 'a', 'a'), e('b', 'a', 'a', 'a')];
    expect(sortEntries([...sorted].reverse())).toEqual(sorted);
    expect(sortEntries([sorted[2]!, sorted[0]!, sorted[1]!])).toEqual(sorted.slice(0, 3));
  });
});

describe('directive comments', () => {
  const ref: SourceFileRef = { path: FILE, type: 'Profile', fullName: 'Admin', packageDir: 'force-app', format: 'source' };
  const read = (body: string) => {
    const full = extractFile(ref, xml('Profile', body), 'full');
    expect(extractFile(ref, xml('Profile', body), 'check').directives, 'both extraction levels read the same directives').toEqual(
      full.directives,
    );
    return (full.directives ?? []).map(({ kind, rules, reason, line, range }) => ({
      kind,
      rules,
      reason,
      line,
      lines: [range.startLine, range.endLine],
    }));
  };

  it('reads the rules and the reason of a next-line or file directive', () => {
    expect(read('    <!-- sfmeta-lint-disable-next-line rule-a, rule-b -- ETL user -->\n    <custom>true</custom>')).toEqual([
      { kind: 'next-line', rules: ['rule-a', 'rule-b'], reason: 'ETL user', line: 4, lines: [3, 3] },
    ]);
    expect(read('    <!-- sfmeta-lint-disable rule-a -->\n    <!--sfmeta-lint-disable-->')).toEqual([
      { kind: 'file', rules: ['rule-a'], reason: '', line: 4, lines: [3, 3] },
      { kind: 'file', rules: [], reason: '', line: 5, lines: [4, 4] },
    ]);
  });

  it('applies a directive over several lines to the line after the comment ends', () => {
    expect(
      read(
        '    <!-- sfmeta-lint-disable-next-line rule-a,\n         rule-b\n         -- granted by the release script -->\n    <custom>true</custom>',
      ),
    ).toEqual([{ kind: 'next-line', rules: ['rule-a', 'rule-b'], reason: 'granted by the release script', line: 6, lines: [3, 5] }]);
  });

  it('reads no directive from a longer keyword, an ordinary comment or CDATA text', () => {
    expect(read('    <!-- sfmeta-lint-disable-next-lines rule-a -->\n    <!-- sfmeta-lint-disabled rule-a -->')).toEqual([]);
    expect(read('    <!-- see sfmeta-lint-disable rule-a in the README -->')).toEqual([]);
    expect(read('    <description><![CDATA[<!-- sfmeta-lint-disable -->]]></description>')).toEqual([]);
  });
});

describe('directives in a real run', () => {
  /** A file of the sample project where two rules report, and a copy of the project to edit. */
  async function setting() {
    const root = tempDir();
    cpSync(SAMPLE, root, { recursive: true });
    const base = await lint({ cwd: root });
    const file = base.findings
      .map((f) => f.location.file)
      .find((f) => new Set(findingsIn(base.findings, f).map((x) => x.ruleId)).size >= 2)!;
    expect(file, 'a sample file where two rules report').toBeDefined();
    const [x, y] = [...new Set(findingsIn(base.findings, file).map((f) => f.ruleId))] as [string, string];
    return { root, base, file, x, y };
  }
  const findingsIn = (list: readonly Finding[], file: string) => list.filter((f) => f.location.file === file);
  const key = (f: Finding) => `${f.ruleId} ${f.location.file} ${f.location.element} ${f.messageId}`;
  /** The run hides exactly `hidden` of the base run's findings, and reports the rest. */
  const expectHidden = (run: LintResult, base: LintResult, hidden: readonly Finding[]) => {
    expect(run.suppressed.map(key).sort()).toEqual([...base.suppressed, ...hidden].map(key).sort());
    expect(run.findings.map(key).sort()).toEqual(
      base.findings
        .filter((f) => !hidden.includes(f))
        .map(key)
        .sort(),
    );
  };
  /** Inserts lines before line `before` (1-based) of a file. */
  const insert = (root: string, file: string, before: number, lines: string[]) => {
    const all = readFileSync(path.join(root, file), 'utf8').split('\n');
    all.splice(before - 1, 0, ...lines);
    writeFileSync(path.join(root, file), all.join('\n'));
  };

  it('a file directive hides the rule it names in its file, and nothing else', async () => {
    const { root, base, file, x } = await setting();
    insert(root, file, 3, [`<!-- sfmeta-lint-disable ${x} -- reviewed -->`]);
    const run = await lint({ cwd: root });
    const hidden = findingsIn(base.findings, file).filter((f) => f.ruleId === x);
    expectHidden(run, base, hidden);
  });

  it('a next-line directive over several lines hides its rules on the line after the comment, and nothing else', async () => {
    const { root, base, file, x, y } = await setting();
    const target = findingsIn(base.findings, file).find((f) => f.ruleId === y)!;
    insert(root, file, target.location.range.startLine, [
      `    <!-- sfmeta-lint-disable-next-line ${y},`,
      `         ${x}`,
      '         -- reviewed -->',
    ]);
    const run = await lint({ cwd: root });
    const hidden = base.findings.filter(
      (f) => f.location.file === file && [x, y].includes(f.ruleId) && f.location.range.startLine === target.location.range.startLine,
    );
    expectHidden(run, base, hidden);
    const moved = run.suppressed.find((f) => key(f) === key(target))!;
    expect(moved.location.range.startLine).toBe(target.location.range.startLine + 3);
  });
});
