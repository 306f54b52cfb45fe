// The language server's parts that need no client: the sessions, incremental and full re-analysis (what a change costs
// and reports), project roots, the README sections of a hover, and where "disable for this line" is offered.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { lint } from '../../src/api/index.js';
import type { Finding } from '../../src/findings/index.js';
import { codeActions } from '../../src/lsp/actions.js';
import { FullAnalysisSession } from '../../src/lsp/full-session.js';
import { IncrementalAnalysisSession } from '../../src/lsp/incremental-session.js';
import type { AnalysisSession } from '../../src/lsp/session.js';
import { section } from '../../src/lsp/hover.js';
import { projectRoots, rootOf } from '../../src/lsp/roots.js';
import { ROOT } from '../support/paths.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function temp(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sfmeta-lint-lsp-unit-'));
  dirs.push(dir);
  return dir;
}

const LAYOUT = 'force-app/main/default/layouts/Contact-Contact Layout.layout-meta.xml';
const SALES = 'force-app/main/default/profiles/Custom%3A Sales Profile.profile-meta.xml';
const SECURITY = 'force-app/main/default/settings/Security.settings-meta.xml';
const TRUSTED_IP = 'trusted-ip-range-too-broad';

describe.each([
  ['IncrementalAnalysisSession', (root: string): AnalysisSession => new IncrementalAnalysisSession(root)],
  ['FullAnalysisSession', (root: string): AnalysisSession => new FullAnalysisSession(root)],
])('%s', (_name, createSession) => {
  let root: string;
  let session: AnalysisSession;
  const at = (file: string) => path.join(root, file);
  const codes = (file: string) => session.findings(at(file)).map((f) => f.ruleId);
  /** A change on disk the session is not told of: whether the next update sees it tells whether it analysed again. */
  const hiddenEdit = () => writeFileSync(path.join(root, 'sfmeta-lint.config.json'), JSON.stringify({ rules: { [TRUSTED_IP]: 'off' } }));

  beforeEach(async () => {
    root = temp();
    cpSync(path.join(ROOT, 'sample-project'), root, { recursive: true });
    session = createSession(root);
    const progress: number[] = [];
    const opened = await session.open((done) => progress.push(done));
    expect(progress.at(-1)).toBeGreaterThan(0);
    // Every file with findings, each with lint()'s findings.
    const run = await lint({ cwd: root });
    const byFile = new Map<string, Finding[]>();
    for (const f of run.findings) byFile.set(at(f.location.file), [...(byFile.get(at(f.location.file)) ?? []), f]);
    expect(new Map(opened.changed)).toEqual(byFile);
  });

  it('a buffer opened with the text on disk, or closed unchanged, costs no analysis', async () => {
    hiddenEdit();
    expect((await session.update([{ file: at(SECURITY), buffer: readFileSync(at(SECURITY), 'utf8') }])).changed.size).toBe(0);
    expect((await session.update([{ file: at(SECURITY), buffer: null }])).changed.size).toBe(0);
    expect(codes(SECURITY)).toContain(TRUSTED_IP);
  });

  it('saving an open file (its buffer stands for it) changes nothing; a rescan sees a change on disk', async () => {
    await session.update([{ file: at(SECURITY), buffer: readFileSync(at(SECURITY), 'utf8') }]);
    expect((await session.update([{ file: at(SECURITY), disk: 'changed' }])).changed.size).toBe(0);
    hiddenEdit();
    const rescanned = await session.update([{ rescan: true }]);
    expect(rescanned.changed.get(at(SECURITY))?.map((f) => f.ruleId)).not.toContain(TRUSTED_IP);
  });

  it('an edited buffer counts, reports the other files it affects, and a closed one gives the disk back', async () => {
    const original = readFileSync(at(SALES), 'utf8');
    const edited = original.replace(
      '<enabled>true</enabled>\n        <name>ManagePartners</name>',
      '<enabled>false</enabled>\n        <name>ManagePartners</name>',
    );
    const layoutBefore = session.findings(at(LAYOUT));
    const update = await session.update([{ file: at(SALES), buffer: edited }]);
    expect(update.changed.has(at(LAYOUT))).toBe(true);
    expect(update.changed.get(at(LAYOUT))).toEqual(session.findings(at(LAYOUT)));
    expect(session.findings(at(LAYOUT))).not.toEqual(layoutBefore);
    const closed = await session.update([{ file: at(SALES), buffer: null }]);
    expect(closed.changed.get(at(LAYOUT))).toEqual(layoutBefore);
  });

  it('a file whose findings are all gone is reported with none; files outside the project change nothing', async () => {
    writeFileSync(path.join(root, 'sfmeta-lint.config.json'), JSON.stringify({ rules: { 'site-clickjack-protection': 'off' } }));
    const update = await session.update([{ file: path.join(root, 'sfmeta-lint.config.json'), disk: 'changed' }]);
    expect(update.changed.get(at('force-app/main/default/sites/Partners.site-meta.xml'))).toEqual([]);
    expect((await session.update([{ file: path.join(temp(), 'x.xml'), buffer: '<x/>' }])).changed.size).toBe(0);
  });

  it('a broken configuration is a problem that keeps the findings; the next good one clears it', async () => {
    const before = session.findings(at(SECURITY));
    const config = path.join(root, 'sfmeta-lint.config.json');
    writeFileSync(config, '{ "rules": ');
    const broken = await session.update([{ file: config, disk: 'changed' }]);
    expect(broken.problem).toContain('sfmeta-lint.config.json');
    expect(broken.changed.size).toBe(0);
    expect(session.findings(at(SECURITY))).toEqual(before);
    writeFileSync(config, '{}');
    // Any change is worth another try after a failure, even one that would not matter otherwise.
    const fixed = await session.update([{ file: at(SECURITY), buffer: readFileSync(at(SECURITY), 'utf8') }]);
    expect(fixed.problem).toBeUndefined();
  });
});

describe('project roots', () => {
  it('the folder with sfdx-project.json at or above the workspace folder, else those below, else a metadata-format folder', () => {
    const root = temp();
    writeFileSync(path.join(root, 'sfdx-project.json'), '{}');
    mkdirSync(path.join(root, 'force-app', 'main'), { recursive: true });
    expect(projectRoots(path.join(root, 'force-app', 'main'))).toEqual([root]);

    const repo = temp();
    for (const sub of ['apps/a', 'apps/b', 'node_modules/c', 'apps/a/nested']) {
      mkdirSync(path.join(repo, sub), { recursive: true });
      writeFileSync(path.join(repo, sub, 'sfdx-project.json'), '{}');
    }
    expect(projectRoots(repo)).toEqual([path.join(repo, 'apps/a'), path.join(repo, 'apps/b')]);
    expect(rootOf(path.join(repo, 'apps/a/force-app/x.xml'), projectRoots(repo))).toBe(path.join(repo, 'apps/a'));
    expect(rootOf(path.join(repo, 'other.xml'), projectRoots(repo))).toBeUndefined();

    const mdapi = temp();
    mkdirSync(path.join(mdapi, 'src'));
    writeFileSync(path.join(mdapi, 'src', 'package.xml'), '<Package/>');
    expect(projectRoots(mdapi)).toEqual([mdapi]);
    expect(projectRoots(temp())).toEqual([]);
  });
});

describe('hover sections', () => {
  it("takes a README section's body up to the next section", () => {
    const readme = readFileSync(path.join(ROOT, 'src/rules/site-clickjack-protection/README.md'), 'utf8');
    const why = section(readme, 'Why')!;
    expect(readme).toContain(`## Why\n\n${why}\n\n## `);
    expect(why).not.toContain('## ');
    expect(section(readme, 'Nothing like it')).toBeUndefined();
  });
});

describe('"disable for this line"', () => {
  const finding = (line: number): Finding => ({
    ruleId: 'some-rule',
    messageId: 'm',
    severity: 'warning',
    message: 'Something.',
    location: { file: 'a.xml', range: { startLine: line, startColumn: 1, endLine: line, endColumn: 2 }, element: 'x' },
    related: [],
  });
  const titles = (text: string, line: number) =>
    codeActions([finding(line)], {
      file: 'a.xml',
      textOf: () => text,
      uriOf: (f) => `file:///${f}`,
      diagnostic: () => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: '' }),
    }).map((a) => a.title);

  it('is offered above a line that starts with a tag, keeping CRLF and tabs', () => {
    const text = '<?xml version="1.0"?>\r\n<Root>\r\n\t<a>1</a>\r\n</Root>\r\n';
    const [action] = codeActions([finding(3)], {
      file: 'a.xml',
      textOf: () => text,
      uriOf: (f) => `file:///${f}`,
      diagnostic: () => ({ range: { start: { line: 2, character: 1 }, end: { line: 2, character: 2 } }, message: '' }),
    });
    expect(action!.edit!.changes!['file:///a.xml']).toEqual([
      {
        range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
        newText: '\t<!-- sfmeta-lint-disable-next-line some-rule -- reason -->\r\n',
      },
    ]);
  });

  it('is not offered above the XML declaration, nor where the line starts inside text', () => {
    expect(titles('<?xml version="1.0"?><Root/>\n', 1)).toEqual(['Show documentation for some-rule']);
    expect(titles('<Root>text\nmore <b/></Root>\n', 2)).toEqual(['Show documentation for some-rule']);
    expect(titles('<Root/>\n', 1)).toEqual(['Disable some-rule for this line', 'Show documentation for some-rule']);
  });
});
