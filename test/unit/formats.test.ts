// The CI formats (junit, github, gitlab, markdown, rdjson) on a fixed project: exact structure, escaping, caps, clean runs.
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { lint, type LintResult } from '../../src/api/index.js';
import { FORMAT_NAMES, FORMATTERS } from '../../src/formatters/index.js';
import { escapeData, escapeProperty } from '../../src/formatters/github.js';
import { gitlabSeverity } from '../../src/formatters/gitlab.js';
import { xmlAttribute, xmlText } from '../../src/formatters/junit.js';
import { markdownCell } from '../../src/formatters/markdown.js';
import { makeProject, SFDX_PROJECT, xml } from '../support/fixtures.js';
import { ROOT } from '../support/paths.js';

const NEW_FORMATS = ['junit', 'github', 'gitlab', 'markdown', 'rdjson'] as const;
const D = 'force-app/main/default';
/** A file name with everything that needs escaping somewhere: | < > & " , : % and a space. */
const ODD = `${D}/layouts/Case-A|b <c> & "d", e: 100%.layout-meta.xml`;
/** A file name with a control character that XML 1.0 forbids. */
const BROKEN = `${D}/profiles/Broken\u0001.profile-meta.xml`;
const LAYOUT = `${D}/layouts/Contact-Contact Layout.layout-meta.xml`;
const SETTINGS = `${D}/settings/Communities.settings-meta.xml`;
const ONLY = [
  'contact-layout-external-user-actions',
  'digital-experiences-enabled',
  'invalid-root-element',
  'manage-external-users-granted',
  'parse-error',
];

const communities = (enabled: boolean, padding = '') =>
  xml('CommunitiesSettings', `${padding}    <enableNetworksEnabled>${enabled}</enableNetworksEnabled>`);

const FILES = (padding = ''): Record<string, string> => ({
  'sfdx-project.json': SFDX_PROJECT,
  [SETTINGS]: communities(false, padding),
  [`${D}/profiles/Portal.profile-meta.xml`]: xml(
    'Profile',
    '    <custom>true</custom>\n    <userLicense>Customer Community Login</userLicense>',
  ),
  [`${D}/profiles/Partner.profile-meta.xml`]: xml('Profile', '    <custom>true</custom>\n    <userLicense>Partner Community</userLicense>'),
  [`${D}/profiles/Admin.profile-meta.xml`]: xml(
    'Profile',
    [
      '    <custom>false</custom>',
      '    <layoutAssignments>',
      '        <layout>Contact-Contact Layout</layout>',
      '    </layoutAssignments>',
      '    <userPermissions>',
      '        <enabled>true</enabled>',
      '        <name>ManagePartners</name>',
      '    </userPermissions>',
      '    <userLicense>Salesforce</userLicense>',
    ].join('\n'),
  ),
  [LAYOUT]: xml(
    'Layout',
    [
      '    <excludeButtons>EnablePartnerPortalUser</excludeButtons>',
      '    <platformActionList>',
      '        <actionListContext>Record</actionListContext>',
      '        <platformActionListItems>',
      '            <actionName>EnablePartnerPortalUser</actionName>',
      '            <actionType>StandardButton</actionType>',
      '            <sortOrder>0</sortOrder>',
      '        </platformActionListItems>',
      '    </platformActionList>',
    ].join('\n'),
  ),
  [ODD]: xml('Profile', '    <custom>true</custom>'),
  [BROKEN]:
    '<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n    <custom>true</custom>\n',
});

const lintFixed = (padding = '') =>
  lint({ cwd: makeProject(FILES(padding)), only: ONLY, ruleSeverities: { 'invalid-root-element': 'note' } });
const format = (name: string, result: LintResult) => FORMATTERS[name]!(result, { color: false });

// The messages the fixed project produces (checked in the first test), so that expectations below read as the output does.
const MSG = {
  odd: 'Expected the root element <Layout> for a Layout file, found <Profile>.',
  classic:
    'Layout Contact-Contact Layout excludes Enable Partner User (EnablePartnerPortalUser) in Salesforce Classic, so it cannot enable partner users there.',
  lightning:
    'Layout Contact-Contact Layout has a Lightning action list without Enable Customer User (EnableCustomerPortal), so it cannot enable customer users there.',
  broken: "Malformed XML: Unclosed tag 'Profile'.",
  disabled: 'Digital Experiences are disabled (enableNetworksEnabled is false), but profile Partner has the Partner Community license.',
};
const RELATED = {
  admin: `${D}/profiles/Admin.profile-meta.xml:7:5 Admin manages external users and is assigned this layout`,
  partner: `${D}/profiles/Partner.profile-meta.xml:4:5 External users are used here: profile Partner has the Partner Community license`,
};

describe('CI formats on a fixed project', async () => {
  const run = await lintFixed();
  const clean = await lint({
    cwd: makeProject({
      'sfdx-project.json': SFDX_PROJECT,
      [`${D}/profiles/Admin.profile-meta.xml`]: xml('Profile', '    <userLicense>Salesforce</userLicense>'),
    }),
    only: ONLY,
  });
  // The same results as seen from a repository whose root is two folders above the project.
  const inRepo: LintResult = { ...run, repositoryPrefix: 'repo/sub/' };
  const help = (id: string) => run.rules.find((r) => r.id === id)!.helpUri;

  it('the fixed project gives five findings of three severities in four files, one file with two', () => {
    expect(
      run.findings.map((f) => [
        f.ruleId,
        f.severity,
        f.location.file,
        f.location.range.startLine,
        f.location.range.startColumn,
        f.message,
        f.related.length,
      ]),
    ).toEqual([
      ['invalid-root-element', 'note', ODD, 2, 1, MSG.odd, 0],
      ['contact-layout-external-user-actions', 'warning', LAYOUT, 3, 5, MSG.classic, 1],
      ['contact-layout-external-user-actions', 'warning', LAYOUT, 4, 5, MSG.lightning, 1],
      ['parse-error', 'error', BROKEN, 2, 1, MSG.broken, 0],
      ['digital-experiences-enabled', 'error', SETTINGS, 3, 5, MSG.disabled, 1],
    ]);
    expect(run.rules.map((r) => r.id)).toEqual(ONLY);
    expect(run.filesLinted).toBe(7);
    expect(clean.findings).toEqual([]);
    expect(clean.filesLinted).toBe(1);
  });

  it('every format is registered', () => {
    for (const name of NEW_FORMATS) expect(FORMAT_NAMES).toContain(name);
  });

  it('is byte-identical across runs', async () => {
    const again = await lintFixed();
    for (const name of NEW_FORMATS) expect(format(name, again)).toBe(format(name, run));
  });

  it('never shows suppressed findings', () => {
    const withSuppressed: LintResult = {
      ...inRepo,
      suppressed: [
        {
          ...run.findings[4]!,
          message: 'SUPPRESSED-MARKER',
          location: { ...run.findings[4]!.location, file: 'suppressed-file.xml' },
          suppression: { kind: 'baseline', justification: 'old' },
        },
      ],
    };
    // SARIF too, by default: GitHub code scanning ignores `suppressions` and would open an alert for each.
    for (const name of [...NEW_FORMATS, 'sarif']) {
      const out = format(name, withSuppressed);
      expect(out).toBe(format(name, inRepo));
      expect(out).not.toContain('SUPPRESSED-MARKER');
      expect(out).not.toContain('suppressed-file.xml');
    }
  });

  describe('sarif', () => {
    it('links each related location from the message, at its exact file, line and column', () => {
      const results = JSON.parse(format('sarif', inRepo)).runs[0].results;
      const linked = results
        .filter((r: { relatedLocations?: unknown[] }) => r.relatedLocations)
        .map(
          (r: {
            ruleId: string;
            message: { text: string };
            relatedLocations: { id: number; physicalLocation: { artifactLocation: { uri: string }; region: object } }[];
          }) => [
            r.ruleId,
            r.message.text,
            r.relatedLocations.map((l) => [l.id, l.physicalLocation.artifactLocation.uri, l.physicalLocation.region]),
          ],
        );
      const at = (startLine: number, startColumn: number) => expect.objectContaining({ startLine, startColumn });
      expect(linked).toEqual([
        [
          'contact-layout-external-user-actions',
          `${MSG.classic} Related: [Admin manages external users and is assigned this layout](1).`,
          [[1, `repo/sub/${D}/profiles/Admin.profile-meta.xml`, at(7, 5)]],
        ],
        [
          'contact-layout-external-user-actions',
          `${MSG.lightning} Related: [Admin manages external users and is assigned this layout](1).`,
          [[1, `repo/sub/${D}/profiles/Admin.profile-meta.xml`, at(7, 5)]],
        ],
        [
          'digital-experiences-enabled',
          `${MSG.disabled} Related: [External users are used here: profile Partner has the Partner Community license](1).`,
          [[1, `repo/sub/${D}/profiles/Partner.profile-meta.xml`, at(4, 5)]],
        ],
      ]);
    });
  });

  describe('junit', () => {
    const parser = new XMLParser({
      htmlEntities: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      textNodeName: '#text',
      isArray: (name) => ['testsuite', 'testcase', 'failure', 'error'].includes(name),
    });
    // eslint-disable-next-line no-control-regex -- control characters are what this pattern is about
    const FORBIDDEN_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
    /** XMLValidator is lenient (it accepts `<` in attribute values and control characters), so check those too. */
    const wellFormed = (out: string) => {
      expect(XMLValidator.validate(out)).toBe(true);
      expect(out).not.toMatch(FORBIDDEN_XML_CHARS);
      expect(out).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+);)/);
      for (const [, value] of out.matchAll(/="([^"]*)"/g)) expect(value).not.toMatch(/[<\n\t]/);
    };

    it('is well-formed XML 1.0 with one testcase per rule per file and a failure per finding', () => {
      const out = format('junit', inRepo);
      wellFormed(out);
      expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
      const failure = (severity: string, position: string, message: string, rule: string, related: string[] = []) => ({
        message,
        type: severity,
        '#text': [`${position} ${severity} ${message}`, ...related.map((r) => `↳ repo/sub/${r}`), `Rule: ${rule} (${help(rule)})`].join(
          '\n',
        ),
      });
      const counts = { tests: '5', failures: '4', errors: '0', skipped: '0' };
      expect(parser.parse(out)).toEqual({
        '?xml': { version: '1.0', encoding: 'UTF-8' },
        testsuites: {
          name: 'sfmeta-lint',
          ...counts,
          testsuite: [
            {
              name: 'sfmeta-lint',
              ...counts,
              testcase: [
                {
                  classname: `repo/sub/${ODD}`,
                  name: 'invalid-root-element',
                  failure: [failure('note', '2:1', MSG.odd, 'invalid-root-element')],
                },
                {
                  classname: `repo/sub/${LAYOUT}`,
                  name: 'contact-layout-external-user-actions',
                  failure: [
                    failure('warning', '3:5', MSG.classic, 'contact-layout-external-user-actions', [RELATED.admin]),
                    failure('warning', '4:5', MSG.lightning, 'contact-layout-external-user-actions', [RELATED.admin]),
                  ],
                },
                // The forbidden control character in the file name is replaced, not passed through.
                {
                  classname: `repo/sub/${D}/profiles/Broken\uFFFD.profile-meta.xml`,
                  name: 'parse-error',
                  failure: [failure('error', '2:1', MSG.broken, 'parse-error')],
                },
                {
                  classname: `repo/sub/${SETTINGS}`,
                  name: 'digital-experiences-enabled',
                  failure: [failure('error', '3:5', MSG.disabled, 'digital-experiences-enabled', [RELATED.partner])],
                },
                // The one rule that ran without a finding passed.
                { classname: 'sfmeta-lint', name: 'manage-external-users-granted' },
              ],
            },
          ],
        },
      });
      // The raw escaping of the odd file name in an attribute.
      expect(out).toContain(`classname="repo/sub/${D}/layouts/Case-A|b &lt;c&gt; &amp; &quot;d&quot;, e: 100%.layout-meta.xml"`);
    });

    it('a clean run passes one testcase per rule', () => {
      const out = format('junit', clean);
      wellFormed(out);
      expect(out).toBe(
        [
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<testsuites name="sfmeta-lint" tests="5" failures="0" errors="0" skipped="0">',
          '  <testsuite name="sfmeta-lint" tests="5" failures="0" errors="0" skipped="0">',
          ...ONLY.map((id) => `    <testcase classname="sfmeta-lint" name="${id}"/>`),
          '  </testsuite>',
          '</testsuites>',
          '',
        ].join('\n'),
      );
    });

    it('reports internal errors as errored testcases, escaped', () => {
      const out = format('junit', { ...clean, internalErrors: [{ ruleId: 'parse-error', message: 'boom <&> "q"\u0002\nnext' }] });
      wellFormed(out);
      const suite = parser.parse(out).testsuites.testsuite[0];
      expect(suite).toMatchObject({ tests: '5', failures: '0', errors: '1' });
      expect(suite.testcase.map((c: { name: string }) => c.name)).toEqual([
        'contact-layout-external-user-actions',
        'digital-experiences-enabled',
        'invalid-root-element',
        'manage-external-users-granted',
        'parse-error',
      ]);
      expect(suite.testcase[4].error).toEqual([
        {
          message: 'boom <&> "q"\uFFFD\nnext',
          type: 'internal-error',
          '#text': 'Internal error in rule parse-error: boom <&> "q"\uFFFD\nnext',
        },
      ]);
    });

    it('escapes text and attributes, replacing what XML 1.0 forbids', () => {
      expect(xmlText('a<b>&c "d" \'e\'')).toBe('a&lt;b&gt;&amp;c "d" \'e\'');
      expect(xmlAttribute('a<b>&c "d" \'e\'\n\t\r')).toBe('a&lt;b&gt;&amp;c &quot;d&quot; &apos;e&apos;&#10;&#9;&#13;');
      expect(xmlText('\u0000\u0008\u000B\u000C\u001F\uFFFE\uFFFF')).toBe('\uFFFD'.repeat(7));
      expect(xmlText('lone \uD800 and \uDC00, pair 😀, tab\tand newline\n')).toBe('lone \uFFFD and \uFFFD, pair 😀, tab\tand newline\n');
      for (const value of ['x\u0001y', '\uD83D', ']]>', '<!-- -->', '&amp;']) {
        wellFormed(`<a b="${xmlAttribute(value)}">${xmlText(value)}</a>`);
      }
    });
  });

  describe('github', () => {
    it('prints one workflow command per finding with escaped properties and data, then a summary', () => {
      expect(format('github', inRepo)).toBe(
        [
          `::notice file=repo/sub/${D}/layouts/Case-A|b <c> & "d"%2C e%3A 100%25.layout-meta.xml,line=2,col=1,endLine=4,endColumn=11,title=invalid-root-element::${MSG.odd}`,
          `::warning file=repo/sub/${LAYOUT},line=3,col=5,endLine=3,endColumn=61,title=contact-layout-external-user-actions::${MSG.classic}%0A↳ repo/sub/${RELATED.admin}`,
          `::warning file=repo/sub/${LAYOUT},line=4,col=5,endLine=11,endColumn=26,title=contact-layout-external-user-actions::${MSG.lightning}%0A↳ repo/sub/${RELATED.admin}`,
          `::error file=repo/sub/${BROKEN.replace('\u0001', '\uFFFD')},line=2,col=1,endLine=2,endColumn=2,title=parse-error::${MSG.broken}`,
          `::error file=repo/sub/${SETTINGS},line=3,col=5,endLine=3,endColumn=57,title=digital-experiences-enabled::${MSG.disabled}%0A↳ repo/sub/${RELATED.partner}`,
          'sfmeta-lint: 5 problems (2 errors, 2 warnings, 1 note) in 7 files.',
          '',
        ].join('\n'),
      );
    });

    it('a clean run prints only the summary', () => {
      expect(format('github', clean)).toBe('sfmeta-lint: No problems found in 1 file.\n');
    });

    it('follows the escaping rules of @actions/core', () => {
      expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
      expect(escapeProperty('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext%3A a%2C b');
    });

    it('internal errors are error annotations', () => {
      expect(format('github', { ...clean, internalErrors: [{ ruleId: 'parse-error', message: 'boom\nat x' }] })).toBe(
        '::error title=sfmeta-lint internal error::Internal error in rule parse-error: boom%0Aat x\nsfmeta-lint: No problems found in 1 file.\nsfmeta-lint: 1 internal error.\n',
      );
    });
  });

  describe('gitlab', () => {
    it('is a Code Quality array with stable, unique fingerprints and mapped severities', () => {
      const issues = JSON.parse(format('gitlab', inRepo));
      const issue = (check_name: string, description: string, severity: string, file: string, begin: number, end: number) => ({
        description,
        check_name,
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        severity,
        location: { path: `repo/sub/${file}`, lines: { begin, end } },
      });
      expect(issues).toEqual([
        issue('invalid-root-element', MSG.odd, 'info', ODD, 2, 4),
        issue('contact-layout-external-user-actions', MSG.classic, 'minor', LAYOUT, 3, 3),
        issue('contact-layout-external-user-actions', MSG.lightning, 'minor', LAYOUT, 4, 11),
        issue('parse-error', MSG.broken, 'major', BROKEN, 2, 2),
        issue('digital-experiences-enabled', MSG.disabled, 'major', SETTINGS, 3, 3),
      ]);
      expect(new Set(issues.map((i: { fingerprint: string }) => i.fingerprint)).size).toBe(5);
    });

    it('fingerprints do not change when lines are added above a finding', async () => {
      const shifted = await lintFixed('    <enableOotbProfExtUserOpsEnable>true</enableOotbProfExtUserOpsEnable>\n\n\n');
      const before = JSON.parse(format('gitlab', run));
      const after = JSON.parse(format('gitlab', shifted));
      expect(after[4].location.lines.begin).toBe(before[4].location.lines.begin + 3);
      expect(after.map((i: { fingerprint: string }) => i.fingerprint)).toEqual(before.map((i: { fingerprint: string }) => i.fingerprint));
    });

    it('fingerprints stay unique when two findings share rule, file and element', () => {
      const twice: LintResult = { ...run, findings: [run.findings[4]!, run.findings[4]!] };
      const [a, b] = JSON.parse(format('gitlab', twice));
      expect(a.fingerprint).not.toBe(b.fingerprint);
      expect(a.fingerprint).toBe(JSON.parse(format('gitlab', run))[4].fingerprint);
    });

    it('maps error to critical only for rules with a security severity of 9.0 or more', () => {
      const finding = run.findings[4]!;
      expect(gitlabSeverity(finding, undefined)).toBe('major');
      expect(gitlabSeverity(finding, 8.9)).toBe('major');
      expect(gitlabSeverity(finding, 9.0)).toBe('critical');
      expect(gitlabSeverity({ ...finding, severity: 'warning' }, 9.5)).toBe('minor');
      expect(gitlabSeverity({ ...finding, severity: 'note' }, 9.5)).toBe('info');
      const critical: LintResult = {
        ...run,
        rules: run.rules.map((r) => (r.id === 'digital-experiences-enabled' ? { ...r, securitySeverity: 9.5 } : r)),
      };
      expect(JSON.parse(format('gitlab', critical))[4].severity).toBe('critical');
    });

    it('a clean run is an empty array', () => {
      expect(format('gitlab', clean)).toBe('[]\n');
    });
  });

  describe('markdown', () => {
    it('has a heading, a counts line and an escaped table, most severe first', () => {
      const rule = (id: string) => `[\`${id}\`](${help(id)})`;
      expect(format('markdown', inRepo)).toBe(
        [
          '## sfmeta-lint',
          '',
          '❌ 5 problems (2 errors, 2 warnings, 1 note) in 7 files.',
          '',
          '| severity | location | rule | message |',
          '| --- | --- | --- | --- |',
          `| error | repo/sub/${D}/profiles/Broken\uFFFD.profile-meta.xml:2 | ${rule('parse-error')} | ${MSG.broken} |`,
          `| error | repo/sub/${SETTINGS}:3 | ${rule('digital-experiences-enabled')} | ${MSG.disabled} |`,
          `| warning | repo/sub/${LAYOUT}:3 | ${rule('contact-layout-external-user-actions')} | ${MSG.classic} |`,
          `| warning | repo/sub/${LAYOUT}:4 | ${rule('contact-layout-external-user-actions')} | ${MSG.lightning} |`,
          `| note | repo/sub/${D}/layouts/Case-A\\|b &lt;c&gt; &amp; "d", e: 100%.layout-meta.xml:2 | ${rule('invalid-root-element')} | Expected the root element &lt;Layout&gt; for a Layout file, found &lt;Profile&gt;. |`,
          '',
        ].join('\n'),
      );
    });

    it('a clean run is a friendly line', () => {
      expect(format('markdown', clean)).toBe('## sfmeta-lint\n\n✅ No problems found in 1 file.\n');
    });

    it('escapes table cells', () => {
      expect(markdownCell('a|b <img> & *c* _d_ `e` [f](g) ~h~ \\ i\nj\r\nk\tl\u0001')).toBe(
        'a\\|b &lt;img&gt; &amp; \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\~h\\~ \\\\ i<br>j<br>k l\uFFFD',
      );
    });

    it('shows internal errors after the counts', () => {
      expect(format('markdown', { ...clean, internalErrors: [{ ruleId: 'parse-error', message: 'boom <x>' }] })).toBe(
        '## sfmeta-lint\n\n✅ No problems found in 1 file.\n\n> **Internal error** in rule parse-error: boom &lt;x&gt;  \n',
      );
    });
  });

  describe('rdjson', () => {
    it('is a reviewdog DiagnosticResult with ranges, severities and rule codes', () => {
      const diagnostic = (
        message: string,
        file: string,
        start: [number, number],
        end: [number, number],
        severity: string,
        rule: string,
      ) => ({
        message,
        location: {
          path: `repo/sub/${file}`,
          range: { start: { line: start[0], column: start[1] }, end: { line: end[0], column: end[1] } },
        },
        severity,
        code: { value: rule, url: help(rule) },
      });
      expect(JSON.parse(format('rdjson', inRepo))).toEqual({
        source: { name: 'sfmeta-lint', url: run.tool.informationUri },
        severity: 'ERROR',
        diagnostics: [
          diagnostic(MSG.odd, ODD, [2, 1], [4, 11], 'INFO', 'invalid-root-element'),
          diagnostic(
            `${MSG.classic}\n↳ repo/sub/${RELATED.admin}`,
            LAYOUT,
            [3, 5],
            [3, 61],
            'WARNING',
            'contact-layout-external-user-actions',
          ),
          diagnostic(
            `${MSG.lightning}\n↳ repo/sub/${RELATED.admin}`,
            LAYOUT,
            [4, 5],
            [11, 26],
            'WARNING',
            'contact-layout-external-user-actions',
          ),
          diagnostic(MSG.broken, BROKEN, [2, 1], [2, 2], 'ERROR', 'parse-error'),
          diagnostic(`${MSG.disabled}\n↳ repo/sub/${RELATED.partner}`, SETTINGS, [3, 5], [3, 57], 'ERROR', 'digital-experiences-enabled'),
        ],
      });
    });

    it('the overall severity is the most severe diagnostic, INFO when there are none', () => {
      expect(JSON.parse(format('rdjson', { ...run, findings: run.findings.slice(0, 3) })).severity).toBe('WARNING');
      expect(JSON.parse(format('rdjson', clean))).toEqual({
        source: { name: 'sfmeta-lint', url: run.tool.informationUri },
        severity: 'INFO',
        diagnostics: [],
      });
    });
  });
});

describe('CI formats with many findings', async () => {
  // 55 layouts with the wrong root element: 55 errors, more than GitHub annotates and more than the Markdown table shows.
  const files: Record<string, string> = { 'sfdx-project.json': SFDX_PROJECT };
  for (let i = 0; i < 55; i++)
    files[`${D}/layouts/Contact-L${String(i).padStart(2, '0')}.layout-meta.xml`] = xml('Profile', '    <custom>true</custom>');
  const many = await lint({ cwd: makeProject(files), only: ['invalid-root-element'] });

  it('has 55 errors', () => {
    expect(many.findings).toHaveLength(55);
    expect(many.findings.every((f) => f.severity === 'error')).toBe(true);
  });

  it('github prints every command, then says how many GitHub does not show', () => {
    const lines = format('github', many).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error file='))).toHaveLength(55);
    expect(lines.slice(55)).toEqual([
      'sfmeta-lint: 55 problems (55 errors, 0 warnings, 0 notes) in 55 files.',
      'sfmeta-lint: 45 more findings not shown as annotations (GitHub shows at most 10 errors, 10 warnings and 10 notices per step); every finding is listed above.',
    ]);
  });

  it('github counts the limit per level', () => {
    const mixed: LintResult = {
      ...many,
      findings: many.findings.map((f, i) => ({ ...f, severity: i < 12 ? 'warning' : i < 21 ? 'note' : 'error' })),
    };
    const lines = format('github', mixed).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(12);
    expect(lines.filter((l) => l.startsWith('::notice '))).toHaveLength(9);
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(34);
    // 2 warnings and 24 errors over the limit; the 9 notes all fit.
    expect(lines.at(-1)).toBe(
      'sfmeta-lint: 26 more findings not shown as annotations (GitHub shows at most 10 errors, 10 warnings and 10 notices per step); every finding is listed above.',
    );
  });

  it('markdown caps the table at 50 rows and counts the rest', () => {
    const out = format('markdown', many);
    expect(out.split('\n').filter((l) => l.startsWith('| error | '))).toHaveLength(50);
    expect(out).toContain(`| error | ${D}/layouts/Contact-L49.layout-meta.xml:2 |`);
    expect(out).not.toContain('Contact-L50');
    expect(out.endsWith('\n\n…and 5 more findings.\n')).toBe(true);
  });

  it('junit puts the findings in one testcase per file', () => {
    const out = format('junit', many);
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out).toContain('<testsuites name="sfmeta-lint" tests="55" failures="55" errors="0" skipped="0">');
  });
});

describe('CI formats on sample-project', async () => {
  const run = await lint({ cwd: path.join(ROOT, 'sample-project') });

  it('agree with the findings', () => {
    expect(run.findings.length).toBeGreaterThan(3);
    const junit = format('junit', run);
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(junit.match(/<failure /g)).toHaveLength(run.findings.length);
    const pairs = new Set(run.findings.map((f) => `${f.location.file}\u0000${f.ruleId}`));
    expect(junit).toContain(`failures="${pairs.size}"`);
    expect(
      format('github', run)
        .split('\n')
        .filter((l) => /^::(error|warning|notice) file=sample-project\//.test(l)),
    ).toHaveLength(run.findings.length);
    const gitlab = JSON.parse(format('gitlab', run));
    expect(gitlab).toHaveLength(run.findings.length);
    expect(new Set(gitlab.map((i: { fingerprint: string }) => i.fingerprint)).size).toBe(run.findings.length);
    expect(gitlab.every((i: { location: { path: string } }) => /^sample-project\/(force-app|legacy-app)\//.test(i.location.path))).toBe(
      true,
    );
    expect(JSON.parse(format('rdjson', run)).diagnostics).toHaveLength(run.findings.length);
    expect(
      format('markdown', run)
        .split('\n')
        .filter((l) => /^\| (error|warning|note) \| /.test(l)),
    ).toHaveLength(Math.min(50, run.findings.length));
  });
});
