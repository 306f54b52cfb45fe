// The fast paths of extraction give exactly what the plain paths give: checkXml (no tree) finds the same problem or
// the same root as parseXml; parseXml with `skip` builds the same tree minus whole root children, at the same offsets;
// the facts codec gives back equal facts. Checked on every real file and on fuzzed variants of them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeFacts, encodeFacts } from '../../src/extraction/codec.js';
import { extractFile, type ExtractionLevel } from '../../src/model/extract.js';
import { VIEW_TYPES } from '../../src/model/views.js';
import { grantedBits, type SourceFileRef } from '../../src/model/index.js';
import { discover, locateProject } from '../../src/project/index.js';
import { XMLValidator } from 'fast-xml-parser';
import { checkXml, parseXml, quickScanAccepts, stripBom, type XmlElement } from '../../src/xml/index.js';
import { NS, PROLOG } from '../support/fixtures.js';
import { mutateText, mutations } from '../support/mutations.js';
import { CORPUS, CORPUS_ABSENT, SAMPLE } from '../support/paths.js';

const SEED = 20_261_122;

/** What the mutations insert: the shapes the quick scan cares about. */
const INSERTS = [
  '<',
  '>',
  '&',
  '&amp;',
  ']]>',
  '<![CDATA[x]]>',
  '<!-- c -->',
  '<?pi x?>',
  '"',
  "'",
  ' a="1"',
  '/',
  '<a>',
  '</a>',
  '<a/>',
  'text',
  '\r\n',
  '\uFEFF',
  '<constructor/>',
  '<toString>',
  '<fieldPermissions>',
  '</fieldPermissions>',
];
const changes = mutations(INSERTS, 3);

function xmlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.xml') && !e.parentPath.split(path.sep).includes('node_modules'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

const FILES = [...xmlFiles(SAMPLE), ...xmlFiles(CORPUS)];
const TEXTS = FILES.map((f) => readFileSync(f, 'utf8'));

const fieldPermission = (i: number) =>
  `    <fieldPermissions>\n        <editable>false</editable>\n        <field>Account.F${i}__c</field>\n        <readable>true</readable>\n    </fieldPermissions>`;
const BIG_PROFILE = `${PROLOG}\n<Profile xmlns="${NS}">\n    <classAccesses>\n        <apexClass>A</apexClass>\n        <enabled>true</enabled>\n    </classAccesses>\n${Array.from({ length: 300 }, (_, i) => fieldPermission(i)).join('\n')}\n    <objectPermissions>\n        <allowRead>true</allowRead>\n        <object>Account</object>\n    </objectPermissions>\n${Array.from({ length: 50 }, (_, i) => fieldPermission(i + 300)).join('\n')}\n    <userLicense>Salesforce</userLicense>\n    <userPermissions>\n        <enabled>true</enabled>\n        <name>ViewSetup</name>\n    </userPermissions>\n</Profile>\n`;

/** Shapes the quick scan must either handle exactly or hand to the parser. */
const EDGE_CASES: Record<string, string> = {
  'root named like an Object method': `<toString xmlns="${NS}"><a>1</a></toString>`,
  'refused name inside': `<Profile xmlns="${NS}"><constructor>1</constructor></Profile>`,
  'refused name in a skipped child': `<Profile xmlns="${NS}"><fieldPermissions><__proto__>1</__proto__></fieldPermissions><custom>true</custom></Profile>`,
  'refused name, self-closing': `<Profile xmlns="${NS}"><fieldPermissions><constructor/></fieldPermissions><custom/><prototype /></Profile>`,
  'refused attribute name': `<Profile xmlns="${NS}" prototype="1"><custom>true</custom></Profile>`,
  'refused name in the declaration': `<?xml version="1.0" constructor="x"?><Profile xmlns="${NS}"/>`,
  'deep skipped child': `<Profile>${'<fieldPermissions>'}${'<a>'.repeat(300)}${'</a>'.repeat(300)}</fieldPermissions></Profile>`,
  'deep skipped child within the limit': `<Profile><fieldPermissions>${'<a>'.repeat(100)}${'</a>'.repeat(100)}</fieldPermissions><custom>true</custom></Profile>`,
  'root text around a skipped child': `<Profile>abc<fieldPermissions><field>x</field></fieldPermissions>def<custom>true</custom></Profile>`,
  'comment in a skipped child': `<Profile><fieldPermissions><!-- c --><field>x</field></fieldPermissions><custom>true</custom></Profile>`,
  'entity in a skipped child': `<Profile><fieldPermissions><field>a &amp; b</field></fieldPermissions><custom>true</custom></Profile>`,
  'CDATA in a skipped child': `<Profile><fieldPermissions><field><![CDATA[<x>]]></field></fieldPermissions><custom>true</custom></Profile>`,
  'attribute in a skipped child': `<Profile><fieldPermissions a="1"><field>x</field></fieldPermissions><classAccesses><x b='>'/></classAccesses></Profile>`,
  'self-closing skipped children': `<Profile><fieldPermissions/><fieldPermissions /><custom>true</custom><pageAccesses/></Profile>`,
  'skipped children back to back': `<Profile><a>1</a><fieldPermissions><f>1</f></fieldPermissions><fieldPermissions><f>2</f></fieldPermissions><b>2</b></Profile>`,
  'CRLF and a BOM': `\uFEFF${PROLOG}\r\n<Profile xmlns="${NS}">\r\n    <fieldPermissions>\r\n        <field>x</field>\r\n    </fieldPermissions>\r\n    <custom>true</custom>\r\n</Profile>\r\n`,
  'lone CR': `<Profile xmlns="${NS}">\r<fieldPermissions>\r<field>x</field>\r</fieldPermissions>\r<custom>true</custom>\r</Profile>`,
  'namespace with an entity': `<Profile xmlns="urn:a&amp;b"><custom>true</custom></Profile>`,
  'namespace twice, spaced': `<Profile xmlns = " urn:a "   xmlns='${NS}'\n><custom>true</custom></Profile>`,
  'self-closing root': `${PROLOG}<Profile xmlns="${NS}"/>`,
  'self-closing root with a space': `<Profile xmlns="${NS}" />`,
  'declaration with quotes holding ?>': `<?xml version="1.0" encoding="?>"?><Profile xmlns="${NS}"/>`,
  'text after the root': `<Profile xmlns="${NS}"><custom>true</custom></Profile>\ntrailing`,
  'second root': `<Profile xmlns="${NS}"/><Profile/>`,
  'comment and instruction after the root': `<Profile xmlns="${NS}"/>\n<!-- end --><?pi x?>\n`,
  'comment before the root': `<!-- <NotRoot> -->\n<Profile xmlns="${NS}"><custom>true</custom></Profile>`,
  'non-ASCII names': `<Profíle xmlns="${NS}"><fïeld>1</fïeld></Profíle>`,
  'tab before attributes': `<Profile\txmlns="${NS}"><fieldPermissions><field>x</field></fieldPermissions></Profile>`,
  'empty file': '  \n',
  DOCTYPE: `<!DOCTYPE x [<!ENTITY a "b">]><Profile>&a;</Profile>`,
  unclosed: `<Profile xmlns="${NS}"><fieldPermissions><field>x</field>`,
  mismatched: `<Profile xmlns="${NS}"><fieldPermissions><field>x</fieldx></fieldPermissions></Profile>`,
  'a big profile': BIG_PROFILE,
};

function rootOf(result: ReturnType<typeof parseXml>) {
  if (!result.ok) return result;
  const { root } = result.doc;
  return {
    ok: true,
    root: {
      name: root.name,
      start: root.start,
      end: root.end,
      ...(root.attrs['xmlns'] !== undefined ? { namespace: root.attrs['xmlns'] } : {}),
    },
  };
}

function expectCheckAgrees(text: string, label: string): void {
  const full = rootOf(parseXml(text));
  const check = checkXml(text);
  expect(check.ok ? { ok: true, root: check.root } : check, label).toEqual(full);
}

/** The tree with `skip` is the whole tree minus some root children that `skip` names, each left out whole and counted. */
function expectSkipAgrees(text: string, skip: (name: string) => boolean, label: string): void {
  const whole = parseXml(text);
  const cut = parseXml(text, { skip });
  expect(cut.ok, label).toBe(whole.ok);
  if (!whole.ok || !cut.ok) {
    expect(cut, label).toEqual(whole);
    return;
  }
  const a = whole.doc.root;
  const b = cut.doc.root;
  const { children: aChildren, ...aRest } = a;
  const { children: bChildren, ...bRest } = b;
  expect(bRest, label).toEqual(aRest);
  const left: Record<string, number> = {};
  let j = 0;
  for (const child of aChildren) {
    if (j < bChildren.length && sameElement(child, bChildren[j]!)) {
      j++;
      continue;
    }
    expect(skip(child.name), `${label}: ${child.name} left out`).toBe(true);
    left[child.name] = (left[child.name] ?? 0) + 1;
  }
  expect(j, `${label}: every built child is in the whole tree, in order`).toBe(bChildren.length);
  expect(Object.fromEntries(cut.doc.skipped ?? new Map()), label).toEqual(left);
}

function sameElement(a: XmlElement, b: XmlElement): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const SKIP_MOST = (name: string) => name !== 'userPermissions' && name !== 'objectPermissions' && name !== 'custom';
const SKIP_ALL = () => true;

/** The quick scan stands in for the validator only where the validator agrees: it must never accept what the validator refuses. */
function expectSound(text: string, label: string): boolean {
  const bare = stripBom(text);
  const accepted = quickScanAccepts(bare);
  if (accepted) expect(XMLValidator.validate(bare, { allowBooleanAttributes: false }), label).toBe(true);
  return accepted;
}

describe('the quick well-formedness scan', () => {
  it('accepts only what the validator accepts, and accepts the real files', () => {
    const accepted = FILES.filter((file, i) => expectSound(TEXTS[i]!, file));
    // Real metadata is plain: nearly every file is proved well-formed without the validator.
    expect(accepted.length).toBeGreaterThan(FILES.length * 0.95);
    for (const [label, text] of Object.entries(EDGE_CASES)) expectSound(text, label);
    for (const text of [
      '<a>&amp;&lt;&#38;&#x26;</a>',
      '<a b="1" c=\'2\'/>',
      '<a\n  b = "x>y"\n>t</a>',
      '<?xml version="1.0"?>\n<!-- c -->\n<a><![CDATA[<&>]]></a>\n<!-- d -->\n',
    ]) {
      expect(expectSound(text, text), text).toBe(true);
    }
    for (const text of [
      '<a>&nbsp;</a>',
      '<a>&</a>',
      '<a b="1"c="2"/>',
      '<a b="1" b="2"/>',
      '<a></b>',
      '<a></a >',
      '\n<?xml version="1.0"?><a/>',
      '<a/><b/>',
      '<a/>x',
      'x<a/>',
      '<a><?pi?></a>',
      '<a b/>',
      '<a =""/>',
    ]) {
      expect(expectSound(text, text), text).toBe(false);
    }
  });

  it('accepts only what the validator accepts, on fuzzed files', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.nat({ max: FILES.length - 1 }), changes, (i, ms) => {
        if (expectSound(mutateText(TEXTS[i]!, ms), `${FILES[i]} ${JSON.stringify(ms)}`)) accepted++;
        else refused++;
      }),
      { seed: SEED, numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});

describe('checkXml', () => {
  it('finds the same problem, or the same root, as parseXml on every real file', () => {
    expect(FILES.length).toBeGreaterThan(0);
    FILES.forEach((file, i) => expectCheckAgrees(TEXTS[i]!, file));
  });

  it('agrees with parseXml on the edge cases', () => {
    for (const [label, text] of Object.entries(EDGE_CASES)) expectCheckAgrees(text, label);
  });

  it('agrees with parseXml on fuzzed files', () => {
    fc.assert(
      fc.property(fc.nat({ max: FILES.length - 1 }), changes, (i, ms) => {
        expectCheckAgrees(mutateText(TEXTS[i]!, ms), `${FILES[i]} ${JSON.stringify(ms)}`);
      }),
      { seed: SEED, numRuns: 600 },
    );
  });
});

describe('parseXml with skip', () => {
  it('leaves out whole root children only, at unchanged offsets, on every real file', () => {
    FILES.forEach((file, i) => {
      expectSkipAgrees(TEXTS[i]!, SKIP_MOST, file);
      expectSkipAgrees(TEXTS[i]!, SKIP_ALL, file);
    });
  });

  it('does so on the edge cases, and leaves out what it can', () => {
    for (const [label, text] of Object.entries(EDGE_CASES)) {
      expectSkipAgrees(text, SKIP_MOST, label);
      expectSkipAgrees(text, SKIP_ALL, label);
    }
    const big = parseXml(BIG_PROFILE, { skip: SKIP_MOST });
    expect(big.ok && Object.fromEntries(big.doc.skipped!)).toEqual({ classAccesses: 1, fieldPermissions: 350, userLicense: 1 });
    expect(big.ok && big.doc.root.children.map((c) => c.name)).toEqual(['objectPermissions', 'userPermissions']);
  });

  it('does so on fuzzed files', () => {
    const sources = [...TEXTS.filter((t) => /<(Profile|PermissionSet|Layout)\b/u.test(t)), BIG_PROFILE];
    fc.assert(
      fc.property(fc.nat({ max: sources.length - 1 }), changes, fc.boolean(), (i, ms, all) => {
        expectSkipAgrees(mutateText(sources[i]!, ms), all ? SKIP_ALL : SKIP_MOST, `${i} ${JSON.stringify(ms)}`);
      }),
      { seed: SEED, numRuns: 600 },
    );
  });
});

/** Enough real files that the comparisons below mean something: the sample project alone, or with the corpus beside it. */
const ENOUGH_FILES = CORPUS_ABSENT ? 30 : 100;

describe('extraction levels and the facts codec', () => {
  if (CORPUS_ABSENT) it.skip(`skipped: the corpus projects; ${CORPUS_ABSENT}`, () => {});
  const projects = [
    SAMPLE,
    ...(!CORPUS_ABSENT
      ? readdirSync(CORPUS)
          .map((d) => path.join(CORPUS, d))
          .filter((d) => statSync(d).isDirectory())
      : []),
  ];
  const extracted: { file: string; text: string; ref: SourceFileRef }[] = [];
  beforeAll(async () => {
    for (const root of projects) {
      const project = await discover(locateProject(root, []));
      for (const ref of project.files) {
        if (!(VIEW_TYPES as readonly string[]).includes(ref.type)) continue;
        const file = path.join(project.root, ref.path);
        extracted.push({ file, text: readFileSync(file, 'utf8'), ref });
      }
    }
    expect(extracted.length).toBeGreaterThan(ENOUGH_FILES);
  });

  it("check level gives the full level's problem and suppression comments, without the view", () => {
    for (const { file, text, ref } of extracted) {
      const full = extractFile(ref, text, 'full');
      const check = extractFile(ref, text, 'check');
      expect(check, file).toEqual({
        file: ref,
        ...(full.problem ? { problem: full.problem } : {}),
        ...(full.directives ? { directives: full.directives } : {}),
      });
    }
  });

  it('gives the same typed views as when the whole tree is built (the views read nothing that is skipped)', () => {
    let compared = 0;
    for (const { file, text, ref } of extracted) {
      const skipping = extractFile(ref, text, 'full');
      const whole = extractFile(ref, text, 'full', { skipUnread: false });
      expect(JSON.stringify(skipping), file).toBe(JSON.stringify(whole));
      compared++;
    }
    const ref = { path: 'profiles/Big.profile-meta.xml', type: 'Profile', fullName: 'Big', packageDir: '', format: 'source' as const };
    expect(extractFile(ref, BIG_PROFILE, 'full')).toEqual(extractFile(ref, BIG_PROFILE, 'full', { skipUnread: false }));
    expect(compared).toBeGreaterThan(ENOUGH_FILES);
  });

  it('records the flags each objectPermissions entry grants, in its order (what rules read before decoding the entries)', () => {
    let granting = 0;
    for (const { file, text, ref } of extracted) {
      const view = extractFile(ref, text, 'full').view;
      if (!view || !('objectFlagsGranted' in view)) continue;
      expect(Array.from(view.objectFlagsGranted), file).toEqual(view.objectPermissions.map(grantedBits));
      granting += view.objectFlagsGranted.filter((bits) => bits !== 0).length;
    }
    expect(granting).toBeGreaterThan(0);
  });

  it('counts the fieldPermissions it does not build', () => {
    const ref = { path: 'profiles/Big.profile-meta.xml', type: 'Profile', fullName: 'Big', packageDir: '', format: 'source' as const };
    const facts = extractFile(ref, BIG_PROFILE, 'full');
    expect(facts.view && 'fieldPermissionCount' in facts.view && facts.view.fieldPermissionCount).toBe(350);
  });

  it("decodes to equal facts, keys in the same order, with the caller's file object", () => {
    for (const level of ['full', 'check'] as ExtractionLevel[]) {
      for (const { file, text, ref } of extracted) {
        const facts = extractFile(ref, text, level);
        const copy = { ...ref };
        const decoded = decodeFacts(encodeFacts(facts), copy);
        expect(JSON.stringify(decoded), file).toBe(JSON.stringify(facts));
        expect(decoded.file).toBe(copy);
        if (decoded.view) expect(decoded.view.file).toBe(copy);
      }
    }
  });

  it('keeps odd values exactly', () => {
    const ref = { path: 'a/b', type: 'Profile', fullName: 'b', packageDir: '', format: 'source' as const };
    const odd = {
      file: ref,
      view: {
        n: [0, -0, -1, 1.5, 2 ** 40, -(2 ** 40), Number.NaN, Infinity],
        s: ['', 'a/b', 'a/b/c', '/x', 'é😀', 'a/b'],
        u: undefined,
        z: null,
        t: true,
        f: false,
        o: { startLine: 1, startColumn: 2, endLine: 0, endColumn: 3 },
      },
    };
    const decoded = decodeFacts(encodeFacts(odd as never), ref) as unknown as typeof odd;
    expect(decoded).toEqual(odd);
    expect(Object.is(decoded.view.n[1], -0)).toBe(true);
    expect(() => decodeFacts(Buffer.from([99]), ref)).toThrow();
    expect(() => decodeFacts(encodeFacts(odd as never).subarray(0, 20), ref)).toThrow();
  });
});
