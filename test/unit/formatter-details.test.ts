// Each formatter on small hand-made results, where every detail is known: alignment, counts and plurals, colours,
// fingerprints that stay apart, the caps of the CI formats, ordering, and what a finding without a rule descriptor gets.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Finding, RelatedLocation, Severity } from '../../src/findings/index.js';
import type { LintResult, RuleDescriptor, SuppressedFinding } from '../../src/findings/result.js';
import { github, GITHUB_ANNOTATION_LIMIT } from '../../src/formatters/github.js';
import { gitlab } from '../../src/formatters/gitlab.js';
import { json } from '../../src/formatters/json.js';
import { junit } from '../../src/formatters/junit.js';
import { markdown, MARKDOWN_MAX_ROWS } from '../../src/formatters/markdown.js';
import { rdjson } from '../../src/formatters/rdjson.js';
import { sarif } from '../../src/formatters/sarif.js';
import { stylish } from '../../src/formatters/stylish.js';

const PLAIN = { color: false };

function finding(
  ruleId: string,
  file: string,
  line: number,
  column: number,
  severity: Severity,
  { element = `e${line}`, messageId = 'm', related = [] as RelatedLocation[], message = `Problem of ${ruleId}.` } = {},
): Finding {
  return {
    ruleId,
    messageId,
    severity,
    message,
    location: { file, element, range: { startLine: line, startColumn: column, endLine: line, endColumn: column + 3 } },
    related,
  };
}

const rel = (file: string, line: number, column: number, message: string): RelatedLocation => ({
  file,
  element: `r${line}`,
  range: { startLine: line, startColumn: column, endLine: line, endColumn: column + 1 },
  message,
});

function descriptor(id: string, over: Partial<RuleDescriptor> = {}): RuleDescriptor {
  return {
    id,
    description: `Rule ${id}`,
    category: 'security',
    defaultSeverity: 'error',
    tags: ['profiles'],
    helpUri: `https://example.com/rules/${id}`,
    help: `# ${id}`,
    ...over,
  };
}

function result(findings: Finding[], over: Partial<LintResult> = {}): LintResult {
  return {
    tool: { name: 'sfmeta-lint', version: '1.2.3', informationUri: 'https://example.com' },
    root: '/repo/app',
    repositoryPrefix: 'app/',
    filesLinted: 3,
    filesSkipped: 0,
    findings,
    suppressed: [],
    internalErrors: [],
    rules: [descriptor('rule-a'), descriptor('rule-b')],
    ...over,
  };
}

const suppressed = (f: Finding): SuppressedFinding => ({ ...f, suppression: { kind: 'inline', justification: 'why' } });

describe('stylish', () => {
  const findings = [
    finding('rule-a', 'a.xml', 3, 5, 'error', { related: [rel('b.xml', 7, 9, 'Granted here')] }),
    finding('rule-b', 'a.xml', 12, 10, 'warning'),
    finding('rule-a', 'c.xml', 1, 1, 'note'),
  ];

  it('groups by file, aligns positions and related lines, and counts with plurals', () => {
    expect(stylish(result(findings), PLAIN)).toBe(
      [
        'a.xml',
        '  3:5    error    Problem of rule-a.  rule-a',
        '                  ↳ b.xml:7:9  Granted here',
        '  12:10  warning  Problem of rule-b.  rule-b',
        '',
        'c.xml',
        '  1:1  note     Problem of rule-a.  rule-a',
        '',
        '3 problems (1 error, 1 warning, 1 note) in 3 files.',
        '',
      ].join('\n'),
    );
  });

  it('says when nothing was found, and how many findings are hidden', () => {
    expect(stylish(result([], { filesLinted: 1 }), PLAIN)).toBe('No problems found in 1 file.\n');
    expect(stylish(result([], { filesLinted: 0, suppressed: [suppressed(findings[0]!)] }), PLAIN)).toBe(
      'No problems found in 0 files. 1 finding hidden by suppressions or the baseline.\n',
    );
    const two = stylish(result([findings[1]!], { suppressed: [suppressed(findings[0]!), suppressed(findings[2]!)] }), PLAIN);
    expect(two.split('\n').slice(-2)).toEqual([
      '1 problem (0 errors, 1 warning, 0 notes) in 3 files. 2 findings hidden by suppressions or the baseline.',
      '',
    ]);
  });

  it('counts each severity apart', () => {
    const many = [...findings, finding('rule-b', 'c.xml', 2, 1, 'error'), finding('rule-b', 'c.xml', 3, 1, 'note')];
    expect(stylish(result(many), PLAIN)).toContain('\n5 problems (2 errors, 1 warning, 2 notes) in 3 files.\n');
  });

  it('lists internal errors before the summary', () => {
    const out = stylish(result([], { internalErrors: [{ ruleId: 'rule-a', message: 'boom' }] }), PLAIN);
    expect(out).toBe('Internal error in rule rule-a: boom\nNo problems found in 3 files.\n');
  });

  it('colours the file, positions, severities and the summary by the worst severity', () => {
    const esc = (code: number) => `\u001b[${code}m`;
    const out = stylish(result([findings[0]!]), { color: true });
    expect(out).toBe(
      [
        `${esc(4)}a.xml${esc(24)}`,
        `  ${esc(2)}3:5${esc(22)}  ${esc(31)}error  ${esc(39)}  Problem of rule-a.  ${esc(2)}rule-a${esc(22)}`,
        `                ${esc(2)}↳ b.xml:7:9  Granted here${esc(22)}`,
        '',
        `${esc(31)}1 problem (1 error, 0 warnings, 0 notes) in 3 files.${esc(39)}`,
        '',
      ].join('\n'),
    );
    const summary = (list: Finding[]) => stylish(result(list), { color: true }).trimEnd().split('\n').at(-1);
    expect(summary([findings[1]!])).toBe(`${esc(33)}1 problem (0 errors, 1 warning, 0 notes) in 3 files.${esc(39)}`);
    expect(summary([findings[2]!])).toBe(`${esc(1)}1 problem (0 errors, 0 warnings, 1 note) in 3 files.${esc(22)}`);
    expect(summary([])).toBe(`${esc(1)}No problems found in 3 files.${esc(22)}`);
  });
});

describe('json', () => {
  it('keeps related locations, suppressions and internal errors (without stacks)', () => {
    const f = finding('rule-a', 'a.xml', 3, 5, 'error', { related: [rel('b.xml', 7, 9, 'Granted here')] });
    const doc = JSON.parse(
      json(
        result([], { suppressed: [suppressed(f)], internalErrors: [{ ruleId: 'rule-b', message: 'boom', stack: 'Error: boom\n at x' }] }),
        PLAIN,
      ),
    );
    expect(doc.suppressed).toEqual([
      {
        ruleId: 'rule-a',
        messageId: 'm',
        severity: 'error',
        message: 'Problem of rule-a.',
        file: 'a.xml',
        startLine: 3,
        startColumn: 5,
        endLine: 3,
        endColumn: 8,
        element: 'e3',
        related: [{ file: 'b.xml', startLine: 7, startColumn: 9, endLine: 7, endColumn: 10, element: 'r7', message: 'Granted here' }],
        suppression: { kind: 'inline', justification: 'why' },
      },
    ]);
    expect(doc.internalErrors).toEqual([{ ruleId: 'rule-b', message: 'boom' }]);
    expect(doc.summary).toEqual({ errors: 0, warnings: 0, notes: 0 });
  });
});

describe('sarif', () => {
  const run = (findings: Finding[], over: Partial<LintResult> = {}) => JSON.parse(sarif(result(findings, over), PLAIN)).runs[0];
  const prints = (findings: Finding[]) =>
    run(findings).results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['sfmetaLint/v1']);

  it('numbers findings with the same rule, message, file and element, and keeps other keys apart', () => {
    const [a, b, c, d, e, f] = prints([
      finding('rule-a', 'a.xml', 3, 5, 'error', { element: 'x' }),
      finding('rule-a', 'a.xml', 9, 5, 'error', { element: 'x' }),
      finding('rule-a', 'a.xml', 4, 5, 'error', { element: '' }),
      finding('rule-a', 'a.xml', 5, 5, 'error', { element: '' }),
      finding('rule-a', 'a.xml', 6, 5, 'error', { element: 'x', messageId: 'n' }),
      finding('rule-b', 'a.xml', 7, 5, 'error', { element: 'x' }),
    ]);
    expect(a).toMatch(/^[0-9a-f]{32}:1$/);
    expect(b).toBe(a!.replace(/:1$/, ':2'));
    expect(new Set([a, c, d, e, f].map((p: string) => p.split(':')[0])).size).toBe(5);
    expect([c, d].map((p: string) => p.split(':')[1])).toEqual(['1', '1']);
    // The parts of the key are kept apart: rule "a" with message "bc" is not rule "ab" with message "c".
    const [g, h] = prints([
      finding('a', 'f.xml', 1, 1, 'error', { messageId: 'bc' }),
      finding('ab', 'f.xml', 1, 1, 'error', { messageId: 'c' }),
    ]);
    expect(g!.split(':')[0]).not.toBe(h!.split(':')[0]);
  });

  it('keeps its fingerprint scheme: a changed scheme makes code scanning see every alert as new', () => {
    const base = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
    expect(
      prints([finding('rule-a', 'a.xml', 3, 5, 'error', { element: 'x' }), finding('rule-a', 'a.xml', 4, 5, 'error', { element: '' })]),
    ).toEqual([`${base('rule-a', 'm', 'a.xml', 'x')}:1`, `${base('rule-a', 'm', 'a.xml', '4')}:1`]);
  });

  it('describes security rules with the security tag and their severity, others without', () => {
    const rules = run([], {
      rules: [descriptor('rule-a', { securitySeverity: 8, tags: ['profiles', 'security'] }), descriptor('rule-b', { tags: ['xml'] })],
    }).tool.driver.rules;
    expect(rules[0].properties).toMatchObject({ tags: ['profiles', 'security'], category: 'security', 'security-severity': '8.0' });
    expect(rules[1].properties.tags).toEqual(['xml']);
    expect(rules[1].properties).not.toHaveProperty('security-severity');
    const tagged = run([], { rules: [descriptor('rule-a', { securitySeverity: 9.5, tags: [] })] }).tool.driver.rules[0].properties;
    expect(tagged).toMatchObject({ tags: ['security'], 'security-severity': '9.5' });
  });

  it('names the repository root, and lists related locations only where there are some', () => {
    const log = run([
      finding('rule-a', 'a.xml', 3, 5, 'error', { related: [rel('b.xml', 7, 9, 'Granted here')] }),
      finding('rule-b', 'a.xml', 4, 5, 'error'),
    ]);
    expect(log.originalUriBaseIds).toEqual({ '%SRCROOT%': { description: { text: 'The repository root' } } });
    // Ids from 1, as the result message's links name them.
    expect(log.results[0].relatedLocations).toMatchObject([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'app/b.xml', uriBaseId: '%SRCROOT%' }, region: { startLine: 7, startColumn: 9 } },
      },
    ]);
    expect(log.results[1]).not.toHaveProperty('relatedLocations');
  });

  it('reports internal errors as an unsuccessful run, and a finding of an unknown rule with ruleIndex -1', () => {
    const failed = run([finding('rule-z', 'a.xml', 1, 1, 'error')], { internalErrors: [{ ruleId: 'rule-b', message: 'boom' }] });
    expect(failed.invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [{ level: 'error', message: { text: 'Internal error in rule rule-b: boom' } }],
      },
    ]);
    expect(failed.results[0].ruleIndex).toBe(-1);
    expect(run([]).invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });
});

describe('gitlab', () => {
  const issues = (findings: Finding[]) => JSON.parse(gitlab(result(findings), PLAIN)) as { fingerprint: string }[];

  it('gives every finding its own fingerprint, keyed without the line unless there is no element', () => {
    const prints = issues([
      finding('rule-a', 'a.xml', 3, 5, 'error', { element: 'x' }),
      finding('rule-a', 'a.xml', 9, 5, 'error', { element: 'x' }),
      finding('rule-a', 'a.xml', 4, 5, 'error', { element: '' }),
      finding('rule-a', 'a.xml', 5, 5, 'error', { element: '' }),
    ]).map((i) => i.fingerprint);
    expect(new Set(prints).size).toBe(4);
    const again = issues([finding('rule-a', 'a.xml', 30, 5, 'error', { element: 'x' })]).map((i) => i.fingerprint);
    expect(again).toEqual([prints[0]]);
    const noElement = issues([finding('rule-a', 'a.xml', 4, 5, 'error', { element: '' })]).map((i) => i.fingerprint);
    expect(noElement).toEqual([prints[2]]);
    expect(issues([finding('rule-a', 'a.xml', 5, 5, 'error', { element: '' })]).map((i) => i.fingerprint)).toEqual([prints[3]]);
    const [g] = issues([finding('a', 'f.xml', 1, 1, 'error', { messageId: 'bc' })]);
    const [h] = issues([finding('ab', 'f.xml', 1, 1, 'error', { messageId: 'c' })]);
    expect(g!.fingerprint).not.toBe(h!.fingerprint);
  });

  it('keeps its fingerprint scheme: a changed scheme makes GitLab see every finding as new', () => {
    const key = ['rule-a', 'm', 'app/a.xml', 'x'].join('\u0000');
    const expected = (n: number) => createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32);
    const twice = [
      finding('rule-a', 'a.xml', 3, 5, 'error', { element: 'x' }),
      finding('rule-a', 'a.xml', 8, 5, 'error', { element: 'x' }),
    ];
    expect(issues(twice).map((i) => i.fingerprint)).toEqual([expected(1), expected(2)]);
  });
});

describe('github', () => {
  it('counts the findings beyond the annotations GitHub shows, internal errors taking error slots', () => {
    const errors = Array.from({ length: GITHUB_ANNOTATION_LIMIT - 1 }, (_, i) => finding('rule-a', 'a.xml', i + 1, 1, 'error'));
    const out = (internal: number) =>
      github(result(errors, { internalErrors: Array.from({ length: internal }, () => ({ ruleId: 'rule-b', message: 'boom' })) }), PLAIN);
    expect(out(0)).not.toContain('not shown as annotations');
    expect(out(1)).not.toContain('not shown as annotations');
    expect(out(2)).toContain('sfmeta-lint: 1 more finding not shown as annotations');
    expect(out(3)).toContain('sfmeta-lint: 2 more findings not shown as annotations');
  });
});

describe('markdown', () => {
  const table = (findings: Finding[], over: Partial<LintResult> = {}) => markdown(result(findings, over), PLAIN);

  it('opens with a mark for the worst severity', () => {
    expect(table([finding('rule-a', 'a.xml', 1, 1, 'note'), finding('rule-a', 'a.xml', 2, 1, 'error')])).toContain('\n❌ 2 problems');
    expect(table([finding('rule-a', 'a.xml', 1, 1, 'note'), finding('rule-a', 'a.xml', 2, 1, 'warning')])).toContain('\n⚠️ 2 problems');
    expect(table([finding('rule-a', 'a.xml', 1, 1, 'note')])).toContain('\nℹ️ 1 problem');
    expect(table([])).toContain('\n✅ No problems found in 3 files.');
  });

  it('puts the most severe first, otherwise keeps the report order', () => {
    const rows = table([
      finding('rule-a', 'a.xml', 1, 1, 'note'),
      finding('rule-a', 'a.xml', 2, 1, 'error'),
      finding('rule-a', 'a.xml', 3, 1, 'note'),
      finding('rule-a', 'a.xml', 4, 1, 'warning'),
      finding('rule-a', 'a.xml', 5, 1, 'error'),
    ])
      .split('\n')
      .filter((l) => /^\| (error|warning|note) \|/.test(l))
      .map((l) => l.split(' | ')[1]);
    expect(rows).toEqual(['app/a.xml:2', 'app/a.xml:5', 'app/a.xml:4', 'app/a.xml:1', 'app/a.xml:3']);
  });

  it('shows a plain rule id as code, and escapes any other', () => {
    const rules = [descriptor('rule-x|Odd'), descriptor('Odd|rule-x')];
    const out = table([finding('rule-x|Odd', 'a.xml', 1, 1, 'error'), finding('Odd|rule-x', 'a.xml', 2, 1, 'error')], { rules });
    expect(out).toContain('[rule-x\\|Odd](https://example.com/rules/rule-x|Odd)');
    expect(out).toContain('[Odd\\|rule-x](https://example.com/rules/Odd|rule-x)');
    expect(table([finding('rule-a', 'a.xml', 1, 1, 'error')])).toContain('| [`rule-a`](https://example.com/rules/rule-a) |');
    expect(table([finding('rule-z', 'a.xml', 1, 1, 'error')])).toContain('| error | app/a.xml:1 | `rule-z` | Problem of rule-z. |');
  });

  it('caps the table and counts the rest', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => finding('rule-a', 'a.xml', i + 1, 1, 'error'));
    expect(table(many(MARKDOWN_MAX_ROWS))).not.toContain('…and');
    expect(table(many(MARKDOWN_MAX_ROWS + 1))).toContain('\n\n…and 1 more finding.\n');
    expect(table(many(MARKDOWN_MAX_ROWS + 2))).toContain('\n\n…and 2 more findings.\n');
  });
});

describe('rdjson', () => {
  const doc = (findings: Finding[]) => JSON.parse(rdjson(result(findings), PLAIN));

  it('rates the document by its most severe diagnostic', () => {
    expect(doc([]).severity).toBe('INFO');
    expect(doc([finding('rule-a', 'a.xml', 1, 1, 'warning'), finding('rule-a', 'a.xml', 2, 1, 'note')]).severity).toBe('WARNING');
    expect(
      doc([
        finding('rule-a', 'a.xml', 1, 1, 'note'),
        finding('rule-a', 'a.xml', 2, 1, 'error'),
        finding('rule-a', 'a.xml', 3, 1, 'warning'),
      ]).severity,
    ).toBe('ERROR');
  });

  it('links the rule when it has a descriptor', () => {
    const [known, unknown] = doc([finding('rule-a', 'a.xml', 1, 1, 'error'), finding('rule-z', 'a.xml', 2, 1, 'error')]).diagnostics;
    expect(known.code).toEqual({ value: 'rule-a', url: 'https://example.com/rules/rule-a' });
    expect(unknown.code).toEqual({ value: 'rule-z' });
  });
});

describe('junit', () => {
  it('sorts the failing testcases by file, then rule, and names the rule without a link when it has none', () => {
    const out = junit(
      result([
        finding('rule-b', 'b.xml', 1, 1, 'error'),
        finding('rule-z', 'a.xml', 2, 1, 'error'),
        finding('rule-a', 'b.xml', 3, 1, 'warning'),
        finding('rule-b', 'a.xml', 4, 1, 'error'),
      ]),
      PLAIN,
    );
    const cases = [...out.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(cases).toEqual(['app/a.xml rule-b', 'app/a.xml rule-z', 'app/b.xml rule-a', 'app/b.xml rule-b']);
    expect(out).toContain('Rule: rule-z</failure>');
    expect(out).toContain('Rule: rule-a (https://example.com/rules/rule-a)</failure>');
  });
});
