// The reference entries: read from cut blocks or from the tree, they are what a plain reading of the whole tree finds,
// at the same places; they survive the codec; the index resolves names as Salesforce does (namespaces, tokens, formats).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, lint } from '../../src/api/index.js';
import { decodeFacts, encodeFacts } from '../../src/extraction/codec.js';
import { extractFile, REFERENCE_TYPES, type ExtractionLevel } from '../../src/model/extract.js';
import { layoutObjectOf, ProjectModel, refs, type FileFacts, type Scope, type SourceFileRef } from '../../src/model/index.js';
import { encodeFlag, SECTIONS } from '../../src/model/refs.js';
import { parseXml, type XmlElement } from '../../src/xml/index.js';
import { makeProject, NS, PROLOG, SFDX_PROJECT, xml } from '../support/fixtures.js';
import { CORPUS, CORPUS_ABSENT, RULES_DIR, SAMPLE } from '../support/paths.js';

const SEED = 20_261_206;
const TYPE_OF: Record<string, string> = {
  profile: 'Profile',
  permissionset: 'PermissionSet',
  mutingpermissionset: 'MutingPermissionSet',
  permissionsetgroup: 'PermissionSetGroup',
  layout: 'Layout',
  object: 'CustomObject',
  field: 'CustomField',
};
const FILE_TYPE = /\.(profile|permissionset|mutingpermissionset|permissionsetgroup|layout|object|field)(-meta\.xml)?$/u;

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && FILE_TYPE.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

const REAL = [...files(SAMPLE), ...files(CORPUS), ...files(RULES_DIR)].map((file) => ({
  file,
  type: TYPE_OF[FILE_TYPE.exec(file)![1]!]!,
  text: readFileSync(file, 'utf8'),
}));

const fieldPermission = (i: number, flags = 'false') =>
  `    <fieldPermissions>\n        <editable>${flags}</editable>\n        <field>Account.F${i}__c</field>\n        <readable>true</readable>\n    </fieldPermissions>`;
const EDGE: Record<string, { type: string; text: string }> = {
  'a big profile': {
    type: 'Profile',
    text: `${PROLOG}\n<Profile xmlns="${NS}">\n${Array.from({ length: 300 }, (_, i) => fieldPermission(i)).join('\n')}\n    <layoutAssignments>\n        <layout>Account-Account Layout</layout>\n        <recordType>Account.Business</recordType>\n    </layoutAssignments>\n    <recordTypeVisibilities>\n        <default>true</default>\n        <recordType>Account.Business</recordType>\n        <visible>true</visible>\n    </recordTypeVisibilities>\n</Profile>\n`,
  },
  'references, comments and nil among the entries': {
    type: 'Profile',
    text: `<Profile xmlns="${NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><fieldPermissions><editable>true</editable><field>A.B__c</field></fieldPermissions><fieldPermissions><!-- c --><field>A.C__c</field><readable xsi:nil="true"/></fieldPermissions><layoutAssignments><layout>A-Sales &amp; Service</layout></layoutAssignments><fieldPermissions><field>A.D__c</field><field>A.E__c</field><editable>TRUE</editable><editable>true</editable></fieldPermissions><fieldPermissions><field/><editable>true</editable></fieldPermissions><fieldPermissions/><tabVisibilities><tab>standard-Account</tab><visibility>Odd</visibility></tabVisibilities></Profile>`,
  },
  'CRLF, a BOM and entries over several lines': {
    type: 'PermissionSet',
    text: `\uFEFF${PROLOG}\r\n<PermissionSet xmlns="${NS}">\r\n    <classAccesses><apexClass>\r\n   A  \r\n</apexClass><enabled>true</enabled></classAccesses>\r\n    <classAccesses>\r<apexClass>A</apexClass>\r<enabled>false</enabled>\r</classAccesses>\r\n</PermissionSet>\r\n`,
  },
  'non-ASCII names': {
    type: 'Layout',
    text: `<Layout xmlns="${NS}"><layoutSections><layoutColumns><layoutItems><field>Ré__c</field></layoutItems><layoutItems><field>😀__c</field></layoutItems></layoutColumns></layoutSections><customButtons>Bouton_é</customButtons></Layout>`,
  },
  'group members': {
    type: 'PermissionSetGroup',
    text: `<PermissionSetGroup xmlns="${NS}"><label>G</label><mutingPermissionSets>M</mutingPermissionSets><permissionSets>A</permissionSets><permissionSets>B</permissionSets><permissionSets>a</permissionSets></PermissionSetGroup>`,
  },
  'object children in metadata format': {
    type: 'CustomObject',
    text: `<CustomObject xmlns="${NS}"><fields><fullName>Parent__c</fullName><type>MasterDetail</type></fields><fields><fullName>Code__c</fullName><required>true</required><type>Text</type></fields><listViews><fullName>All</fullName></listViews><recordTypes><fullName>Business</fullName></recordTypes></CustomObject>`,
  },
};

interface Plain {
  section: number;
  name: string;
  flags: number;
  range: unknown;
  keyRange: unknown;
  name2?: string;
  key2Range?: unknown;
  flagRanges: unknown[];
}

/** The entries as a plain reading of the whole tree finds them: the specification of what extraction must give. */
function plainEntries(type: string, text: string): Plain[] | undefined {
  const parsed = parseXml(text);
  if (!parsed.ok) return undefined;
  const { root, lines } = parsed.doc;
  const out: Plain[] = [];
  const leaf = (e: XmlElement) => e.children.length === 0 && !e.nil;
  const walk = (element: XmlElement, at: string[]) => {
    for (const child of element.children) {
      const here = [...at, child.name];
      const section = SECTIONS.find((s) => s.roots.includes(type) && s.path.join('/') === here.join('/'));
      if (!section) {
        if (SECTIONS.some((s) => s.roots.includes(type) && s.path.join('/').startsWith(`${here.join('/')}/`))) walk(child, here);
        continue;
      }
      const range = lines.range(child.start, child.end);
      if (!section.key) {
        if (leaf(child) && child.text !== '')
          out.push({ section: section.id, name: child.text, flags: 0, range, keyRange: range, flagRanges: [] });
        continue;
      }
      // The first element of each name counts; it names something when it is a leaf with text.
      const first = (name: string | undefined) => {
        const element = name === undefined ? undefined : child.children.find((g) => g.name === name);
        return element && leaf(element) ? element : undefined;
      };
      const key = first(section.key);
      if (!key || key.text === '') continue;
      const second = first(section.key2);
      const key2 = second && second.text !== '' ? second : undefined;
      let flags = key2 ? refs.key2Bit(section.id) : 0;
      const flagRanges: unknown[] = [];
      section.flags.forEach((flag, f) => {
        const element = first(flag.name);
        const value = element ? encodeFlag(section.id, f, element.text, 0, element.text.length) : 0;
        flags |= value;
        if (flag.located && value !== 0) flagRanges[f] = lines.range(element!.start, element!.end);
      });
      out.push({
        section: section.id,
        name: key.text,
        flags,
        range,
        keyRange: lines.range(key.start, key.end),
        ...(key2 ? { name2: key2.text, key2Range: lines.range(key2.start, key2.end) } : {}),
        flagRanges,
      });
    }
  };
  walk(root, []);
  return out;
}

function extracted(facts: FileFacts): Plain[] | undefined {
  if (facts.problem) return undefined;
  if (!facts.refs) return [];
  return refs.allEntries(facts.refs).map(({ index: _index, ...entry }) => ({ ...entry, flagRanges: [...entry.flagRanges] }));
}

function ref(type: string): SourceFileRef {
  return { path: 'x/y', type, fullName: 'Account-Account Layout', packageDir: '', format: 'source' };
}

/** Every way of extracting a file's entries gives the plain reading's entries. */
function expectAgrees(type: string, text: string, label: string): void {
  const want = plainEntries(type, text);
  const file = ref(type);
  const ways: [ExtractionLevel, boolean][] = [
    ['full+refs', true],
    ['full+refs', false],
    ['check+refs', true],
  ];
  for (const [level, skipUnread] of ways) {
    const facts = extractFile(file, text, level, { skipUnread });
    // A file with the wrong root element has no view and no entries.
    if (type === 'CustomField' || facts.problem?.kind === 'root') continue;
    expect(JSON.stringify(extracted(facts)), `${label} ${level} ${skipUnread}`).toBe(JSON.stringify(want));
  }
}

describe('reference entries', () => {
  it('are what a plain reading of the whole tree finds, on every real file', () => {
    expect(REAL.length).toBeGreaterThan(100);
    for (const { file, type, text } of REAL) expectAgrees(type, text, file);
  });

  it('are so on the edge cases', () => {
    for (const [label, { type, text }] of Object.entries(EDGE)) expectAgrees(type, text, label);
    const facts = extractFile(ref('Profile'), EDGE['references, comments and nil among the entries']!.text, 'full+refs');
    expect(refs.allEntries(facts.refs!).map((e) => e.name)).toEqual([
      'A.B__c',
      'A.C__c',
      'A-Sales & Service',
      'A.D__c',
      'standard-Account',
    ]);
    // The first name element counts, even an empty one: that entry names nothing.
    expect(refs.allEntries(facts.refs!).some((e) => e.name === 'A.E__c')).toBe(false);
  });

  it('are so on fuzzed files', () => {
    const sources = [...REAL.filter((r) => r.type !== 'CustomField'), ...Object.values(EDGE)];
    fc.assert(
      fc.property(fc.nat({ max: sources.length - 1 }), mutations, (i, ms) => {
        expectAgrees(sources[i]!.type, mutate(sources[i]!.text, ms), `${i} ${JSON.stringify(ms)}`);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('take about a byte of places per entry in a regular profile, and find repeated entries', () => {
    const text = `<Profile xmlns="${NS}">\n${Array.from({ length: 1000 }, (_, i) => fieldPermission(i % 900, i % 2 ? 'true' : 'false')).join('\n')}\n</Profile>\n`;
    const facts = extractFile(ref('Profile'), text, 'full+refs');
    expect(facts.refs!.places.length).toBeLessThan(1100);
    // Entries 900..999 repeat 0..99.
    const pairs = Array.from(facts.refs!.repeats);
    expect(pairs.length).toBe(200);
    expect(pairs.slice(0, 2)).toEqual([900, 0]);
  });

  it("keep their level's problem and suppression comments", () => {
    for (const { file, type, text } of REAL) {
      for (const [plainLevel, refLevel] of [
        ['check', 'check+refs'],
        ['full', 'full+refs'],
      ] as const) {
        const plain = extractFile(ref(type), text, plainLevel);
        const withRefs = extractFile(ref(type), text, refLevel);
        const { refs: _r, field: _f, ...rest } = withRefs;
        expect(JSON.stringify(rest), file).toBe(JSON.stringify(plain));
      }
    }
  });

  it('read what makes a source-format field required', () => {
    const text = `<CustomField xmlns="${NS}"><fullName>A__c</fullName>\n<required>true</required>\n<type>MasterDetail</type></CustomField>`;
    for (const level of ['check+refs', 'full+refs'] as const) {
      const { field } = extractFile({ ...ref('CustomField'), fullName: 'X.A__c' }, text, level);
      expect(field?.required?.range).toEqual({ startLine: 2, startColumn: 1, endLine: 2, endColumn: 26 });
      expect(field?.masterDetail?.range.startLine).toBe(3);
    }
    expect(
      extractFile(ref('CustomField'), `<CustomField xmlns="${NS}"><required>false</required></CustomField>`, 'check+refs').field,
    ).toBeUndefined();
  });

  it('survive the codec', () => {
    for (const { file, type, text } of REAL.filter((r) => REFERENCE_TYPES.includes(r.type))) {
      const facts = extractFile(ref(type), text, 'full+refs');
      const decoded = decodeFacts(encodeFacts(facts), ref(type));
      expect(JSON.stringify(decoded), file).toBe(JSON.stringify(facts));
      if (facts.refs) expect(decoded.refs!.names).toBeInstanceOf(Uint8Array);
    }
  });
});

describe('the reference index', () => {
  const file = (pathName: string, type: string, fullName: string, extra: Partial<SourceFileRef> = {}): SourceFileRef => ({
    path: pathName,
    type,
    fullName,
    packageDir: 'force-app',
    format: 'source',
    ...extra,
  });
  const files = [
    file('force-app/objects/Job__c/Job__c.object-meta.xml', 'CustomObject', 'Job__c'),
    file('force-app/objects/Job__c/fields/Pay__c.field-meta.xml', 'CustomField', 'Job__c.Pay__c', { parent: 'Job__c' }),
    file('force-app/objects/Account/fields/Tier__c.field-meta.xml', 'CustomField', 'Account.Tier__c', { parent: 'Account' }),
    file('force-app/objects/Shift__c/fields/Start__c.field-meta.xml', 'CustomField', 'Shift__c.Start__c', { parent: 'Shift__c' }),
    file('force-app/classes/JobService.cls-meta.xml', 'ApexClass', 'JobService'),
    file('force-app/layouts/Job__c-Job Layout.layout-meta.xml', 'Layout', 'Job__c-Job Layout'),
  ];
  const model = new ProjectModel(files, [], { namespace: 'vol' });
  const index = model.references;
  const section = (name: string) => refs.SECTION[name]!;
  const resolve = (name: string, owner: string, member: string) => index.target(section(name), owner, member);

  it('checks children of custom objects the project defines by default, and the rest only when it is complete', () => {
    expect(resolve('fieldPermissions', 'Job__c', 'Pay__c')).toMatchObject({ scope: 'owned', type: 'CustomField' });
    expect(index.defines(resolve('fieldPermissions', 'Job__c', 'Pay__c'))).toBe(true);
    expect(index.defines(resolve('fieldPermissions', 'Job__c', 'Rate__c'))).toBe(false);
    expect(resolve('fieldPermissions', 'Account', 'Tier__c').scope).toBe('tracked');
    // The project holds Shift__c's fields but not its definition: it may be the org's.
    expect(resolve('fieldPermissions', 'Shift__c', 'End__c').scope).toBe('tracked');
    expect(resolve('classAccesses', '', 'OldService').scope).toBe('tracked');
    expect(resolve('layoutAssignments', 'Job__c', 'Old Layout')).toMatchObject({ scope: 'owned', type: 'Layout' });
  });

  it('never checks standard, managed or untracked components', () => {
    expect(resolve('fieldPermissions', 'Job__c', 'Name').scope).toBe('standard');
    expect(resolve('fieldPermissions', 'Job__c', 'other__Rate__c').scope).toBe('managed');
    expect(resolve('fieldPermissions', 'Contact', 'Tier__c').scope).toBe('untracked');
    expect(resolve('recordTypeVisibilities', 'Job__c', 'Master').scope).toBe('standard');
    expect(resolve('recordTypeVisibilities', 'Job__c', 'Urgent').scope).toBe('untracked');
    expect(resolve('pageAccesses', '', 'Anything').scope).toBe('untracked');
    expect(resolve('classAccesses', '', 'SiteLoginController').scope).toBe('standard');
    expect(resolve('tabVisibilities', '', 'standard-Account').scope).toBe('standard');
    expect(resolve('layoutAssignments', 'Account', 'Account Layout').scope).toBe('standard');
  });

  it("reads the project's own namespace and CumulusCI's tokens as no namespace", () => {
    expect(index.defines(resolve('fieldPermissions', 'vol__Job__c', 'vol__Pay__c'))).toBe(true);
    expect(resolve('fieldPermissions', '%%%NAMESPACE%%%Job__c', '%%%NAMESPACE%%%Pay__c')).toMatchObject({
      scope: 'owned',
      name: 'Job__c.Pay__c',
    });
    expect(index.defines(resolve('fieldPermissions', '%%%NAMESPACED_ORG%%%Job__c', 'Pay__c'))).toBe(true);
    expect(resolve('fieldPermissions', 'Job__c', '%%%OTHER_TOKEN%%%Pay__c').scope).toBe('token');
    expect(index.defines(resolve('classAccesses', '', 'vol__JobService'))).toBe(true);
  });

  it('names the file where a missing component would be', () => {
    expect(index.expectedFile(resolve('fieldPermissions', 'Job__c', 'Rate__c'))).toEqual({
      path: 'force-app/objects/Job__c/fields/Rate__c.field-meta.xml',
      inside: false,
    });
    expect(index.expectedFile(resolve('classAccesses', '', 'Old'))?.path).toBe('force-app/classes/Old.cls-meta.xml');
    expect(index.expectedFile(resolve('layoutAssignments', 'Job__c', 'Old Layout'))?.path).toBe(
      'force-app/layouts/Job__c-Old Layout.layout-meta.xml',
    );
  });
});

describe('the index reads names from their bytes as from their text', () => {
  const projects = [
    ...(existsSync(CORPUS) ? readdirSync(CORPUS).map((d) => path.join(CORPUS, d)) : []),
    ...['missing-reference', 'required-field-permission', 'duplicate-permission-entry', 'record-type-visibility-defaults'].flatMap((id) =>
      existsSync(path.join(RULES_DIR, id, 'cases'))
        ? readdirSync(path.join(RULES_DIR, id, 'cases')).map((c) => path.join(RULES_DIR, id, 'cases', c))
        : [],
    ),
  ].filter((dir) => existsSync(dir) && !dir.endsWith('.md'));
  const ALL = new Set<Scope>(['owned', 'tracked']);

  it('finds the same missing entries and counts the same scopes, on every project', async () => {
    let runs = 0;
    for (const root of projects) {
      // Every folder, not only the package directories: CumulusCI's unpackaged metadata uses namespace tokens.
      const folders = readdirSync(root, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => path.join(root, e.name));
      const { model } = await analyze({ cwd: root, paths: [root, ...folders], only: ['missing-reference'] });
      const index = model.references;
      const counts: Record<string, number> = { owned: 0, tracked: 0, standard: 0, managed: 0, untracked: 0, token: 0 };
      for (const referrer of index.referrers) {
        const layoutObject = referrer.type === 'Layout' ? layoutObjectOf(referrer.name) : undefined;
        for (const { refs: table } of referrer.files) {
          for (let run = 0; run < table.sections.length; run++) {
            const section = table.sections[run]!;
            const targets = index.names(table, run).map((member) => index.target(section, table.owners[run]!, member, layoutObject));
            const slow = targets.flatMap((t, i) => (ALL.has(t.scope) && !index.defines(t) ? [i] : []));
            expect(index.missing(table, run, layoutObject, ALL), `${root} ${referrer.name} run ${run}`).toEqual(slow);
            if (refs.SECTIONS[section]!.type !== 'UserPermission') for (const t of targets) counts[t.scope]!++;
            runs++;
          }
        }
      }
      expect(index.census(), root).toEqual(counts);
    }
    // Not vacuous: the sample project and the cases alone give some 80 names to check; the corpus adds thousands.
    expect(runs).toBeGreaterThan(CORPUS_ABSENT ? 50 : 500);
  });
});

// --- Mutations (as in perf-extraction.test.ts), aimed at the entries. ---

const INSERTS = [
  '<',
  '>',
  '&amp;',
  '<!-- c -->',
  ' a="1"',
  '<a/>',
  '</a>',
  'text',
  '\r\n',
  '<field>X__c</field>',
  '<fieldPermissions>',
  '</fieldPermissions>',
  '<default>true</default>',
];

type Mutation =
  { kind: 'insert'; at: number; what: number } | { kind: 'deleteTag'; index: number } | { kind: 'duplicateTag'; index: number };

const unit = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutations = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: unit, what: fc.nat({ max: INSERTS.length - 1 }) }),
    fc.record({ kind: fc.constant('deleteTag' as const), index: unit }),
    fc.record({ kind: fc.constant('duplicateTag' as const), index: unit }),
  ) as fc.Arbitrary<Mutation>,
  { minLength: 1, maxLength: 3 },
);

function mutate(input: string, list: Mutation[]): string {
  let text = input;
  for (const m of list) {
    if (m.kind === 'insert') {
      const at = Math.floor(m.at * (text.length + 1));
      text = text.slice(0, at) + INSERTS[m.what]! + text.slice(at);
      continue;
    }
    const found = [...text.matchAll(/<[^<>]*>/gu)];
    if (found.length === 0) continue;
    const tag = found[Math.floor(m.index * found.length)]!;
    text = text.slice(0, tag.index) + (m.kind === 'duplicateTag' ? tag[0] + tag[0] : '') + text.slice(tag.index + tag[0].length);
  }
  return text;
}

describe('a fix on a file whose reference entries changed on disk', () => {
  it('is not applied: the entries are part of what the run read', async () => {
    const field = 'force-app/main/default/objects/Invoice__c/fields/Number__c.field-meta.xml';
    const profileFile = 'force-app/main/default/profiles/Billing.profile-meta.xml';
    const entry = (name: string) =>
      [
        '    <fieldPermissions>',
        '        <editable>true</editable>',
        `        <field>Invoice__c.${name}</field>`,
        '        <readable>true</readable>',
        '    </fieldPermissions>',
      ].join('\n');
    const text = xml('Profile', [entry('Memo__c'), entry('Number__c'), '    <userLicense>Salesforce</userLicense>'].join('\n'));
    const dir = makeProject({
      'sfdx-project.json': SFDX_PROJECT,
      [field]: xml('CustomField', '    <fullName>Number__c</fullName>\n    <required>true</required>\n    <type>Text</type>'),
      [profileFile]: text,
    });
    // Only a fieldPermissions entry, which no typed view holds, changes between the run's read and the fix.
    const changed = text.replace('Invoice__c.Memo__c', 'Invoice__c.Notes__c');
    const run = await lint({
      cwd: dir,
      fix: true,
      only: ['required-field-permission'],
      onTiming: (phase) => {
        if (phase === 'suppressions') writeFileSync(path.join(dir, profileFile), changed);
      },
    });
    expect(run.fixReport!.problems).toEqual([`${profileFile} was not fixed: it changed on disk since it was read; run again to fix it.`]);
    expect(readFileSync(path.join(dir, profileFile), 'utf8')).toBe(changed);
  });
});
