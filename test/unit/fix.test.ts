// The fix layer on its own: semantic edits to byte-exact text edits, atomic writes, files changed on disk, the engine's
// checks on what rules report, and the edits in JSON and SARIF.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/index.js';
import { defineRule, fixes, runRules } from '../../src/engine/index.js';
import type { Change, Location } from '../../src/findings/index.js';
import { applyEdits, editsOn, encode, readSnapshot, resolveChanges, sameData, SourceText, writeAtomically } from '../../src/fix/index.js';
import { FORMATTERS } from '../../src/formatters/index.js';
import { ProjectModel } from '../../src/model/index.js';
import { LineIndex, parseXml, type XmlElement } from '../../src/xml/index.js';
import { makeProject, SFDX_PROJECT, xml } from '../support/fixtures.js';

const FILE = 'x.xml';

/** The location the model would give the element at `path` (child indexes from the root), as extraction computes it. */
function at(text: string, ...path: number[]): Location {
  const parsed = parseXml(text);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  let element: XmlElement = parsed.doc.root;
  for (const i of path) element = element.children[i]!;
  return { file: FILE, range: parsed.doc.lines.range(element.start, element.end), element: element.name };
}

function fix(text: string, changes: Change[]): string {
  const source = new SourceText(FILE, text);
  const resolved = resolveChanges(source, changes);
  if (!resolved.ok) throw new Error(resolved.reason);
  return applyEdits(source.text, resolved.edits);
}

const PROFILE = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<Profile xmlns="http://soap.sforce.com/2006/04/metadata">',
  '    <custom>true</custom>',
  '    <objectPermissions>',
  '        <allowCreate>true</allowCreate>',
  '        <object>Order_Item__c</object>',
  '    </objectPermissions>',
  '    <objectPermissions>',
  '        <allowRead>true</allowRead>',
  '        <object>Order__c</object>',
  '    </objectPermissions>',
  '    <userLicense>Salesforce</userLicense>',
  '</Profile>',
  '',
].join('\n');

describe('removing', () => {
  it('takes an element standing alone with its whole line, in LF and CRLF files', () => {
    expect(fix(PROFILE, [fixes.remove(at(PROFILE, 0))])).toBe(PROFILE.replace('    <custom>true</custom>\n', ''));
    const crlf = PROFILE.replace(/\n/gu, '\r\n');
    expect(fix(crlf, [fixes.remove(at(crlf, 0))])).toBe(crlf.replace('    <custom>true</custom>\r\n', ''));
  });

  it('takes a multi-line element with all its lines', () => {
    expect(fix(PROFILE, [fixes.remove(at(PROFILE, 1))])).toBe(
      PROFILE.replace(
        '    <objectPermissions>\n        <allowCreate>true</allowCreate>\n        <object>Order_Item__c</object>\n    </objectPermissions>\n',
        '',
      ),
    );
  });

  it('takes an element on the last line, without a line ending of its own, with the previous line ending', () => {
    const text = '<a>\n  <b/>\n</a>\n<!-- sfmeta-lint-disable x -->';
    const start = text.indexOf('<!--');
    const lines = new LineIndex(text);
    const comment = { file: FILE, range: lines.range(start, text.length), element: 'comment' };
    expect(fix(text, [fixes.remove(comment)])).toBe('<a>\n  <b/>\n</a>');
  });

  it('sharing its line, takes the element and the blanks beside it, nothing else', () => {
    const text = '<a>\n    <b>1</b> <c>2</c>   <!-- note -->\n</a>\n';
    expect(fix(text, [fixes.remove(at(text, 0))])).toBe('<a>\n    <c>2</c>   <!-- note -->\n</a>\n');
    expect(fix(text, [fixes.remove(at(text, 1))])).toBe('<a>\n    <b>1</b> <!-- note -->\n</a>\n');
  });

  it('takes a comment (an unused suppression) standing alone with its line', () => {
    const text = '<a>\n    <!-- sfmeta-lint-disable-next-line r -->\n    <b/>\n</a>\n';
    const start = text.indexOf('<!--');
    const end = text.indexOf('-->') + 3;
    const comment = { file: FILE, range: new LineIndex(text).range(start, end), element: 'comment@2' };
    expect(fix(text, [fixes.remove(comment)])).toBe('<a>\n    <b/>\n</a>\n');
  });
});

describe('setting a value', () => {
  it('replaces only the content, keeping attributes, quoting and comments', () => {
    const text = "<a>\n  <enabled a='1'>true</enabled><!-- keep -->\n</a>\n";
    expect(fix(text, [fixes.setText(at(text, 0), 'false')])).toBe("<a>\n  <enabled a='1'>false</enabled><!-- keep -->\n</a>\n");
  });

  it('gives a self-closing element a value and an end tag', () => {
    const text = '<a>\n  <enabled xsi:nil="true"/>\n</a>\n';
    expect(fix(text, [fixes.setText(at(text, 0), 'false')])).toBe('<a>\n  <enabled xsi:nil="true">false</enabled>\n</a>\n');
  });

  it('escapes markup in the value, and changes nothing when the value is already there', () => {
    const text = '<a>\n  <name>x</name>\n</a>\n';
    expect(fix(text, [fixes.setText(at(text, 0), 'R&D <1>')])).toBe('<a>\n  <name>R&amp;D &lt;1&gt;</name>\n</a>\n');
    expect(resolveChanges(new SourceText(FILE, text), [fixes.setText(at(text, 0), 'x')])).toEqual({ ok: true, edits: [] });
  });

  it('reaches a child the model does not locate, by its path', () => {
    const text = '<a>\n  <p>\n    <enabled>true</enabled>\n    <name>Old</name>\n  </p>\n</a>\n';
    expect(fix(text, [fixes.setText(at(text, 0), 'New', 'name')])).toBe(text.replace('Old', 'New'));
  });
});

describe('inserting', () => {
  const entry = (object: string) => fixes.element('objectPermissions', [fixes.leaf('allowRead', 'true'), fixes.leaf('object', object)]);

  it('puts an entry among those of its name by its key, in code-unit order as retrieves sort (Order_Item__c before Order__c)', () => {
    const out = fix(PROFILE, [fixes.insert(at(PROFILE), entry('Order_Line__c'), { kind: 'sorted', key: 'object' })]);
    expect(out).toBe(
      PROFILE.replace(
        '    <objectPermissions>\n        <allowRead>true</allowRead>\n        <object>Order__c</object>',
        '    <objectPermissions>\n        <allowRead>true</allowRead>\n        <object>Order_Line__c</object>\n    </objectPermissions>\n    <objectPermissions>\n        <allowRead>true</allowRead>\n        <object>Order__c</object>',
      ),
    );
  });

  it('puts an element of a new name where the names sort, and a flag among the flags of its entry', () => {
    const withPermission = fix(PROFILE, [
      fixes.insert(at(PROFILE), fixes.element('userPermissions', [fixes.leaf('enabled', 'true'), fixes.leaf('name', 'ViewSetup')]), {
        kind: 'sorted',
        key: 'name',
      }),
    ]);
    expect(withPermission).toBe(
      PROFILE.replace(
        '    <userLicense>Salesforce</userLicense>\n',
        '    <userLicense>Salesforce</userLicense>\n    <userPermissions>\n        <enabled>true</enabled>\n        <name>ViewSetup</name>\n    </userPermissions>\n',
      ),
    );
    const withFlag = fix(PROFILE, [fixes.insert(at(PROFILE, 1), fixes.leaf('allowRead', 'true'))]);
    expect(withFlag).toBe(
      PROFILE.replace('<allowCreate>true</allowCreate>\n', '<allowCreate>true</allowCreate>\n        <allowRead>true</allowRead>\n'),
    );
  });

  it('orders numeric keys as numbers (sortOrder 10 after 9)', () => {
    const text = '<l>\n\t<i>\n\t\t<s>9</s>\n\t</i>\n\t<i>\n\t\t<s>11</s>\n\t</i>\n</l>\n';
    const out = fix(text, [fixes.insert(at(text), fixes.element('i', [fixes.leaf('s', '10')]), { kind: 'sorted', key: 's' })]);
    expect(out).toBe('<l>\n\t<i>\n\t\t<s>9</s>\n\t</i>\n\t<i>\n\t\t<s>10</s>\n\t</i>\n\t<i>\n\t\t<s>11</s>\n\t</i>\n</l>\n');
  });

  it("follows the file's indentation and line endings, into a parent with no element child", () => {
    const text = '<a>\r\n\t<b>\r\n\t</b>\r\n</a>\r\n';
    const out = fix(text, [fixes.insert(at(text, 0), fixes.leaf('c', '1'))]);
    expect(out).toBe('<a>\r\n\t<b>\r\n\t\t<c>1</c>\r\n\t</b>\r\n</a>\r\n');
    const inline = '<a>\n  <b></b>\n</a>\n';
    expect(fix(inline, [fixes.insert(at(inline, 0), fixes.leaf('c', '1'))])).toBe('<a>\n  <b>\n    <c>1</c>\n  </b>\n</a>\n');
  });

  it('keeps the order of insertions at one place, and refuses a self-closing parent', () => {
    const text = '<a>\n  <z/>\n</a>\n';
    const out = fix(text, [fixes.insert(at(text), fixes.leaf('b', '1')), fixes.insert(at(text), fixes.leaf('c', '2'))]);
    expect(out).toBe('<a>\n  <b>1</b>\n  <c>2</c>\n  <z/>\n</a>\n');
    const closed = '<a>\n  <b/>\n</a>\n';
    const resolved = resolveChanges(new SourceText(FILE, closed), [fixes.insert(at(closed, 0), fixes.leaf('c', '1'))]);
    expect(resolved).toEqual({ ok: false, reason: '<b/> is self-closing; nothing is inserted into it' });
  });
});

describe('resolving against the wrong text', () => {
  it('refuses a location where no element is any more, one for another file, and changes that overlap', () => {
    const location = at(PROFILE, 0);
    const moved = `\n${PROFILE}`;
    const stale = resolveChanges(new SourceText(FILE, moved), [fixes.remove(location)]);
    expect(stale.ok).toBe(false);
    const other = resolveChanges(new SourceText('y.xml', PROFILE), [fixes.remove(location)]);
    expect(other).toEqual({ ok: false, reason: 'the change is for x.xml, not y.xml' });
    const twice = resolveChanges(new SourceText(FILE, PROFILE), [fixes.remove(location), fixes.setText(location, 'false')]);
    expect(twice).toEqual({ ok: false, reason: 'two changes of the fix overlap' });
  });

  it('counts offsets without the byte order mark, as the model does', () => {
    const text = `\uFEFF${PROFILE}`;
    const location = at(text, 0);
    const source = new SourceText(FILE, text);
    const resolved = resolveChanges(source, [fixes.setText(location, 'false')]);
    expect(resolved.ok && source.textEdit(resolved.edits[0]!).range).toEqual({ startLine: 3, startColumn: 13, endLine: 3, endColumn: 17 });
  });
});

describe('resolving an element parsed on its own', () => {
  /** Every element's path (child indexes from the root) in `text`. */
  function paths(text: string): number[][] {
    const parsed = parseXml(text);
    if (!parsed.ok) throw new Error(parsed.problem.message);
    const out: number[][] = [];
    const visit = (element: XmlElement, path: number[]): void => {
      out.push(path);
      element.children.forEach((c, i) => visit(c, [...path, i]));
    };
    visit(parsed.doc.root, []);
    return out;
  }

  it('gives the edits the whole tree gives, for every kind of change on every element', () => {
    const texts = [PROFILE, PROFILE.replaceAll('\n', '\r\n'), `\uFEFF${PROFILE}`, PROFILE.replace('<custom>true</custom>', '<custom/>')];
    let compared = 0;
    for (const text of texts) {
      for (const path of paths(text)) {
        const location = at(text, ...path);
        const changes: Change[][] = [
          [fixes.remove(location)],
          [fixes.setText(location, 'false')],
          [fixes.remove(location, 'object')],
          [fixes.insert(location, fixes.leaf('allowEdit', 'true'))],
          [fixes.insert(at(text), fixes.leaf('custom', 'true'), { kind: 'before', sibling: location })],
          [fixes.insert(at(text), fixes.leaf('custom', 'true'), { kind: 'after', sibling: location })],
        ];
        for (const change of changes) {
          const whole = resolveChanges(new SourceText(FILE, text), change);
          expect(resolveChanges(new SourceText(FILE, text, true), change)).toEqual(whole);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(200);
  });

  it('finds nothing in a text that is not well-formed, as the whole tree would', () => {
    const broken = `<!-- unsaved -->\n${PROFILE}`;
    const location = at(PROFILE, 0);
    const moved = { ...location, range: { ...location.range, startLine: 4, endLine: 4 } };
    const resolved = resolveChanges(new SourceText(FILE, broken, true), [fixes.setText(moved, 'false')]);
    expect(resolved).toEqual({ ok: false, reason: `${FILE} is not well-formed XML` });
  });
});

describe('comparing facts (the on-disk check)', () => {
  it('finds the same data whatever the order of keys, typed arrays by type and bytes, an undefined key as absent', () => {
    const facts = { file: { path: 'a', type: 'Profile' }, refs: { first: Int32Array.of(0, 2), owners: ['Account', ''] }, view: [1, 'x'] };
    const reordered = {
      view: [1, 'x'],
      refs: { owners: ['Account', ''], first: Int32Array.of(0, 2) },
      file: { type: 'Profile', path: 'a' },
    };
    expect(sameData(facts, reordered)).toBe(true);
    expect(sameData(facts, { ...reordered, problem: undefined })).toBe(true);
    expect(sameData({ ...facts, problem: null }, { ...facts, problem: undefined })).toBe(false);
    expect(sameData(facts, { ...facts, refs: { ...facts.refs, first: Int32Array.of(0, 3) } })).toBe(false);
    expect(sameData(facts, { ...facts, refs: { ...facts.refs, first: Uint32Array.of(0, 2) } })).toBe(false);
    expect(sameData(facts, { ...facts, view: [1, 'y'] })).toBe(false);
    expect(sameData(facts, { ...facts, view: [1, 'x', 2] })).toBe(false);
    expect(sameData(facts, { ...facts, extra: 0 })).toBe(false);
    expect(sameData({ a: 1, b: undefined }, { a: 1, c: undefined, b: undefined })).toBe(true);
    expect(sameData({ a: null, b: 1 }, { a: undefined, c: 1 })).toBe(false);
  });
});

describe('writing', () => {
  const folder = () => mkdtempSync(path.join(tmpdir(), 'sfmeta-fix-write-'));

  it('replaces the file atomically, with its mode, BOM and encoding', () => {
    const dir = folder();
    try {
      const file = path.join(dir, 'a.xml');
      writeFileSync(file, '\uFEFF<a>1</a>\r\n');
      chmodSync(file, 0o640);
      const read = readSnapshot(file, 1_000_000);
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(read.snapshot.text).toBe('<a>1</a>\r\n');
      expect(writeAtomically(read.snapshot, '<a>2</a>\r\n')).toBeUndefined();
      expect(readFileSync(file, 'utf8')).toBe('\uFEFF<a>2</a>\r\n');
      expect(statSync(file).mode & 0o777).toBe(0o640);
      expect(encode('<a/>', 'utf16le')).toEqual(Buffer.from('\uFEFF<a/>', 'utf16le'));
      expect(encode('<a/>', 'utf16be')).toEqual(Buffer.from([0xfe, 0xff, 0, 0x3c, 0, 0x61, 0, 0x2f, 0, 0x3e]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves alone a file that changed on disk after it was read', () => {
    const dir = folder();
    try {
      const file = path.join(dir, 'a.xml');
      writeFileSync(file, '<a>1</a>\n');
      const read = readSnapshot(file, 1_000_000);
      if (!read.ok) throw new Error(read.message);
      writeFileSync(file, '<a>someone else</a>\n');
      expect(writeAtomically(read.snapshot, '<a>2</a>\n')).toBe('it changed on disk since it was read; run again to fix it');
      expect(readFileSync(file, 'utf8')).toBe('<a>someone else</a>\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes through a symbolic link to the file it points to, and keeps the link', () => {
    const dir = folder();
    try {
      const target = path.join(dir, 'target.xml');
      const link = path.join(dir, 'link.xml');
      writeFileSync(target, '<a>1</a>\n');
      symlinkSync(target, link);
      const read = readSnapshot(link, 1_000_000);
      if (!read.ok) throw new Error(read.message);
      expect(writeAtomically(read.snapshot, '<a>2</a>\n')).toBeUndefined();
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readFileSync(target, 'utf8')).toBe('<a>2</a>\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const GUEST = xml(
  'Profile',
  [
    '    <custom>true</custom>',
    '    <objectPermissions>',
    '        <allowCreate>true</allowCreate>',
    '        <allowDelete>true</allowDelete>',
    '        <allowEdit>true</allowEdit>',
    '        <allowRead>true</allowRead>',
    '        <modifyAllRecords>false</modifyAllRecords>',
    '        <object>Case</object>',
    '        <viewAllRecords>true</viewAllRecords>',
    '    </objectPermissions>',
    '    <userLicense>Guest User License</userLicense>',
  ].join('\n'),
);
const GUEST_FILE = 'force-app/main/default/profiles/Site Guest.profile-meta.xml';

describe('lint with fix', () => {
  it('leaves alone a file that changed on disk after the run read it, with a message', async () => {
    const dir = makeProject({ 'sfdx-project.json': SFDX_PROJECT, [GUEST_FILE]: GUEST });
    const changed = GUEST.replace('<custom>true</custom>', '<custom>true</custom>\n    <description>edited meanwhile</description>');
    const run = await lint({
      cwd: dir,
      fix: true,
      only: ['guest-profile-object-access'],
      // After the run read the files and before the fixes are applied: another program saves the file.
      onTiming: (phase) => {
        if (phase === 'suppressions') writeFileSync(path.join(dir, GUEST_FILE), changed);
      },
    });
    expect(run.fixReport!.files).toEqual([]);
    expect(run.fixReport!.problems).toEqual([`${GUEST_FILE} was not fixed: it changed on disk since it was read; run again to fix it.`]);
    expect(readFileSync(path.join(dir, GUEST_FILE), 'utf8')).toBe(changed);
  });

  it('applies overlapping fixes in later passes, and fixes neither suppressed findings nor other categories', async () => {
    const suppressed = GUEST.replace(
      '        <allowDelete>true</allowDelete>',
      '        <!-- sfmeta-lint-disable-next-line guest-profile-object-access -- reviewed -->\n        <allowDelete>true</allowDelete>',
    );
    const dir = makeProject({ 'sfdx-project.json': SFDX_PROJECT, [GUEST_FILE]: suppressed });
    const deployability = await lint({ cwd: dir, fix: true, fixTypes: ['deployability'] });
    expect(deployability.fixReport!.files).toEqual([]);
    const run = await lint({ cwd: dir, fix: true, fixTypes: ['security'] });
    expect(run.fixReport!.files).toEqual([{ file: GUEST_FILE, fixed: 1, written: true }]);
    const text = readFileSync(path.join(dir, GUEST_FILE), 'utf8');
    expect(text).toContain('<allowEdit>false</allowEdit>');
    expect(text).toContain('<allowDelete>true</allowDelete>');
    // View All is a suggestion: offered, never applied.
    expect(text).toContain('<viewAllRecords>true</viewAllRecords>');
    expect(run.findings.find((f) => f.messageId === 'viewAll')?.suggestions?.[0]?.messageId).toBe('revoke');
  });

  it('needs more than one pass when two fixes touch one element', async () => {
    const file = 'force-app/main/default/permissionsets/Ops.permissionset-meta.xml';
    const permissionSet = xml(
      'PermissionSet',
      [
        '    <label>Ops</label>',
        '    <objectPermissions>',
        '        <allowCreate>false</allowCreate>',
        '        <allowDelete>true</allowDelete>',
        '        <allowEdit>false</allowEdit>',
        '        <allowRead>true</allowRead>',
        '        <modifyAllRecords>true</modifyAllRecords>',
        '        <object>Case</object>',
        '        <viewAllRecords>false</viewAllRecords>',
        '    </objectPermissions>',
      ].join('\n'),
    );
    const dir = makeProject({ 'sfdx-project.json': SFDX_PROJECT, [file]: permissionSet });
    const dry = await lint({ cwd: dir, fixDryRun: true, only: ['object-permission-dependency'] });
    expect(readFileSync(path.join(dir, file), 'utf8')).toBe(permissionSet);
    expect(dry.fixReport).toMatchObject({ write: false, passes: 2, files: [{ file, fixed: 2, written: false }] });
    expect(dry.findings).toHaveLength(2);
    const run = await lint({ cwd: dir, fix: true, only: ['object-permission-dependency'] });
    expect(run.fixReport).toMatchObject({ write: true, passes: 2 });
    expect(run.findings).toEqual([]);
    expect(readFileSync(path.join(dir, file), 'utf8')).toBe(
      permissionSet
        .replace('<allowEdit>false</allowEdit>', '<allowEdit>true</allowEdit>')
        .replace('<viewAllRecords>false', '<viewAllRecords>true'),
    );
  });

  it('fixes only the files asked for, and resolves one finding at a time against an editor buffer', async () => {
    const other = 'force-app/main/default/profiles/Other Guest.profile-meta.xml';
    const dir = makeProject({ 'sfdx-project.json': SFDX_PROJECT, [GUEST_FILE]: GUEST, [other]: GUEST });
    const run = await lint({ cwd: dir, paths: [path.join(dir, other)], fix: true, only: ['guest-profile-object-access'] });
    expect(run.fixReport!.files.map((f) => f.file)).toEqual([other]);
    expect(readFileSync(path.join(dir, GUEST_FILE), 'utf8')).toBe(GUEST);
    const finding = (await lint({ cwd: dir, only: ['guest-profile-object-access'] })).findings.find(
      (f) => f.location.file === GUEST_FILE && f.fix,
    );
    const buffer = `<!-- unsaved -->\n${GUEST}`;
    expect(editsOn(finding!.fix!, GUEST_FILE, GUEST)).toEqual([
      { file: GUEST_FILE, range: { startLine: 6, startColumn: 22, endLine: 6, endColumn: 26 }, text: 'false' },
    ]);
    expect(typeof editsOn(finding!.fix!, GUEST_FILE, buffer)).toBe('string');
  });

  it('JSON and SARIF carry each finding its edits; SARIF marks suggestions and validates against the schema', async () => {
    const dir = makeProject({ 'sfdx-project.json': SFDX_PROJECT, [GUEST_FILE]: GUEST });
    const run = await lint({ cwd: dir, fixEdits: true, only: ['guest-profile-object-access'] });
    const json = JSON.parse(FORMATTERS['json']!(run, { color: false }));
    const edit = json.findings.find((f: { messageId: string }) => f.messageId === 'writeAccess').fix;
    expect(edit).toEqual({
      messageId: 'revoke',
      message: 'Turn Delete (allowDelete) on Case off (false).',
      edits: [{ file: GUEST_FILE, startLine: 6, startColumn: 22, endLine: 6, endColumn: 26, text: 'false' }],
    });
    const log = JSON.parse(FORMATTERS['sarif']!(run, { color: false }));
    const results = log.runs[0].results;
    expect(results[0].fixes[0]).toEqual({
      description: { text: 'Turn Delete (allowDelete) on Case off (false).' },
      artifactChanges: [
        {
          artifactLocation: { uri: 'force-app/main/default/profiles/Site%20Guest.profile-meta.xml', uriBaseId: '%SRCROOT%' },
          replacements: [
            { deletedRegion: { startLine: 6, startColumn: 22, endLine: 6, endColumn: 26 }, insertedContent: { text: 'false' } },
          ],
        },
      ],
      properties: { kind: 'fix' },
    });
    expect(results.find((r: { fixes: { properties: { kind: string } }[] }) => r.fixes[0]!.properties.kind === 'suggestion')).toBeDefined();
    const require = createRequire(import.meta.url);
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('the engine', () => {
  const model = new ProjectModel([], [], {});
  const somewhere: Location = { file: 'a.xml', range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }, element: '' };
  const reporting = (meta: Partial<Parameters<typeof defineRule>[0]['meta']>, report: Record<string, unknown>) =>
    defineRule({
      meta: {
        id: 'test-rule',
        description: 'A test rule',
        category: 'correctness',
        defaultSeverity: 'error',
        tags: [],
        messages: { m: 'Message.' },
        needs: [],
        ...meta,
      },
      check: ({ report: r }) => r({ messageId: 'm', location: somewhere, ...report }),
    });
  const errorsOf = (rule: ReturnType<typeof reporting>) =>
    runRules(model, [rule as never], { rules: {}, overrides: [] }).internalErrors.map((e) => e.message);
  const fix = { messageId: 'f', changes: [fixes.remove(somewhere)] };

  it('refuses a fix or a suggestion the rule does not declare, as ESLint does', () => {
    expect(errorsOf(reporting({}, { fix }))).toEqual(["rule test-rule reported a fix but does not declare meta.fixable 'fix'"]);
    expect(errorsOf(reporting({ fixable: 'fix', fixMessages: { f: 'F.' } }, { suggestions: [fix] }))).toEqual([
      "rule test-rule reported a suggestion but does not declare meta.fixable 'suggestion'",
    ]);
    expect(errorsOf(reporting({ fixable: 'fix', fixMessages: {} }, { fix }))).toEqual([
      'rule test-rule reported a fix with unknown messageId "f"',
    ]);
  });

  it('gives a finding its fix and suggestions, titled from the fix messages', () => {
    const rule = reporting(
      { fixable: 'fix-and-suggestion', fixMessages: { f: 'Fix {{what}}.' } },
      {
        fix: { ...fix, data: { what: 'it' } },
        suggestions: [fix],
      },
    );
    const [finding] = runRules(model, [rule as never], { rules: {}, overrides: [] }).findings;
    expect(finding!.fix).toEqual({ messageId: 'f', message: 'Fix it.', changes: fix.changes });
    expect(finding!.suggestions).toEqual([{ messageId: 'f', message: 'Fix {{what}}.', changes: fix.changes }]);
  });
});
