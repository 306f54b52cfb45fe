// Broken and hostile XML: every file ends as a finding at the line and column of the fault (or lints clean), in bounded time, with no crash.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lint, type LintRun } from '../../src/api/index.js';
import { readText } from '../../src/project/index.js';
import { MAX_DEPTH, parseXml } from '../../src/xml/index.js';
import { cli, ensureBuilt, expectFinished, parseJsonOutput } from '../support/cli.js';
import { makeProject, NS, profile, PROFILES, PROLOG, SFDX_PROJECT, tempDir, treeHash } from '../support/fixtures.js';

interface Case {
  file: string;
  content: string | Uint8Array;
  /** The finding expected for the file; none means it must lint without a parse or root finding. */
  expect?: { rule: 'parse-error' | 'invalid-root-element'; line?: number; column?: number; message?: RegExp };
}

const OPEN = `<Profile xmlns="${NS}">`;
const SECRET = 'sfmeta-lint-secret-7f3a';
const DEPTH = 100_000;

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);

/** Deterministic bytes that look like a PNG. */
function binary(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let x = 0x2545f491;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return bytes;
}

function cases(secretFile: string): Case[] {
  const p = (name: string) => `${PROFILES}/${name}.profile-meta.xml`;
  const mismatched = `${PROLOG}\n${OPEN}\n    <custom>true</userLicense>\n</Profile>\n`;
  const lol = [
    '<!ENTITY lol "lol">',
    ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
  ];
  return [
    {
      file: p('Truncated'),
      content: `${PROLOG}\n${OPEN}\n    <custom>true</custom>\n    <userPermissions>\n        <enabled>tr`,
      expect: { rule: 'parse-error', line: 5, column: 9, message: /Unclosed tag 'enabled'/ },
    },
    {
      file: p('TruncatedInTag'),
      content: `${PROLOG}\n${OPEN}\n    <custom>true</cus`,
      expect: { rule: 'parse-error', line: 3, column: 22 },
    },
    { file: p('Mismatched'), content: mismatched, expect: { rule: 'parse-error', line: 3, column: 17, message: /custom.*userLicense/ } },
    {
      file: p('Unclosed'),
      content: `${PROLOG}\n${OPEN}\n    <custom>true\n</Profile>\n`,
      expect: { rule: 'parse-error', line: 4, column: 1, message: /custom/ },
    },
    {
      file: p('TwoRoots'),
      content: `${PROLOG}\n${OPEN}\n</Profile>\n${OPEN}</Profile>\n`,
      expect: { rule: 'parse-error', line: 4, column: 1, message: /root/ },
    },
    { file: p('GitAdd'), content: `git add${PROLOG}\n${OPEN}</Profile>\n`, expect: { rule: 'parse-error', line: 1, column: 1 } },
    {
      file: 'force-app/main/default/objects/Account/fields/Rating__c.field-meta.xml',
      content: `${PROLOG}\n<CustomField xmlns="${NS}">\n    <fullName>Rating__c</fullName>\n    <trackHistory>false</trueHistory>\n</CustomField>\n`,
      expect: { rule: 'parse-error', line: 4, column: 24, message: /trackHistory.*trueHistory/ },
    },
    {
      file: p('BillionLaughs'),
      content: `${PROLOG}\n<!DOCTYPE lolz [\n ${lol.join('\n ')}\n]>\n${OPEN}<description>&lol9;</description></Profile>\n`,
      expect: { rule: 'parse-error', line: 2, column: 1, message: /DOCTYPE/ },
    },
    {
      file: p('ExternalEntity'),
      content: `${PROLOG}\n<!doctype Profile [<!ENTITY xxe SYSTEM "file://${secretFile}">]>\n${OPEN}<description>&xxe;</description></Profile>\n`,
      expect: { rule: 'parse-error', line: 2, column: 1, message: /DOCTYPE/ },
    },
    {
      file: p('DeepNesting'),
      content: `${PROLOG}\n${OPEN}\n${'<a>\n'.repeat(DEPTH)}${'</a>\n'.repeat(DEPTH)}</Profile>\n`,
      expect: { rule: 'parse-error', line: MAX_DEPTH + 2, column: 1, message: /nested more than/ },
    },
    {
      file: p('DeepUnclosed'),
      content: `${PROLOG}\n${OPEN}${'<a>'.repeat(DEPTH)}`,
      expect: { rule: 'parse-error', line: 2, column: OPEN.length + 3 * (DEPTH - 1) + 1, message: /Unclosed tag 'a' \(100001 tags/ },
    },
    { file: p('LongLine'), content: profile(`    <description>${'x'.repeat(10 * 1024 * 1024)}</description>`) },
    {
      file: p('InvalidUtf8'),
      content: Buffer.concat([
        Buffer.from(`${PROLOG}\n${OPEN}\n    <description>caf`),
        Buffer.from([0xe9]),
        Buffer.from(' au lait</description>\n</Profile>\n'),
      ]),
      expect: { rule: 'parse-error', line: 3, column: 21, message: /UTF-8.*0xE9 at line 3, column 21/ },
    },
    { file: p('Utf16LE'), content: utf16le(mismatched), expect: { rule: 'parse-error', line: 3, column: 17 } },
    { file: p('Utf16BE'), content: utf16be(profile('    <custom>true</custom>')) },
    { file: p('Utf8Bom'), content: `\uFEFF${mismatched}`, expect: { rule: 'parse-error', line: 3, column: 17 } },
    { file: p('Utf8BomValid'), content: `\uFEFF${profile('    <custom>true</custom>')}` },
    {
      file: p('NulBytes'),
      content: `${PROLOG}\n${OPEN}\n    <custom>tr\u0000ue</custom>\n</Profile>\n`,
      expect: { rule: 'parse-error', line: 3, column: 15, message: /NUL/ },
    },
    { file: p('Binary'), content: binary(4096), expect: { rule: 'parse-error' } },
    { file: p('Empty'), content: '', expect: { rule: 'parse-error', line: 1, column: 1, message: /empty/ } },
    { file: p('Whitespace'), content: ' \n\t \r\n  ', expect: { rule: 'parse-error', line: 1, column: 1, message: /empty/ } },
    { file: p('FeffInside'), content: profile('    <custom>tr\uFEFFue</custom>\uFEFF\n    <description>\uFEFF</description>') },
    {
      file: p('FeffBeforeRoot'),
      content: `${PROLOG}\n\uFEFF${OPEN}</Profile>\n`,
      expect: { rule: 'parse-error', line: 2, column: 1, message: /\\ufeff/ },
    },
    { file: p('Hidden'), content: '(hidden)', expect: { rule: 'parse-error', line: 1, column: 1, message: /hidden/ } },
    {
      file: p('WrongRoot'),
      content: `${PROLOG}\n<PermissionSet xmlns="${NS}">\n</PermissionSet>\n`,
      expect: { rule: 'invalid-root-element', line: 2, column: 1, message: /PermissionSet/ },
    },
    {
      file: p('WrongNamespace'),
      content: `${PROLOG}\n<Profile xmlns="http://example.com/not-metadata">\n</Profile>\n`,
      expect: { rule: 'invalid-root-element', line: 2, column: 1, message: /namespace/ },
    },
    {
      file: p('TextAfterRoot'),
      content: `${PROLOG}\n${OPEN}\n</Profile>\n>>>>>>> feature/partners\n`,
      expect: { rule: 'parse-error', line: 4, column: 1, message: /Extra text at the end/ },
    },
    {
      file: p('TextAfterEmptyRoot'),
      content: `${PROLOG}\n<Profile xmlns="${NS}"/>\n>>>>>>> feature/partners\n`,
      expect: { rule: 'parse-error', line: 3, column: 1, message: /after the root/ },
    },
    {
      file: p('ConflictMarkers'),
      content: `${PROLOG}\n${OPEN}\n<<<<<<< HEAD\n    <custom>true</custom>\n=======\n</Profile>\n`,
      expect: { rule: 'parse-error', line: 3 },
    },
    { file: p('CrLf'), content: mismatched.replace(/\n/g, '\r\n'), expect: { rule: 'parse-error', line: 3, column: 17 } },
    { file: p('LoneCr'), content: mismatched.replace(/\n/g, '\r'), expect: { rule: 'parse-error', line: 3, column: 17 } },
    {
      file: p('Proto'),
      content: `${PROLOG}\n${OPEN}\n    <__proto__>x</__proto__>\n</Profile>\n`,
      expect: { rule: 'parse-error', line: 3, column: 6 },
    },
    {
      file: p('AnsiName'),
      content: `${PROLOG}\n${OPEN}\n    <\u001b[31mred>x</\u001b[31mred>\n</Profile>\n`,
      expect: { rule: 'parse-error', line: 3 },
    },
    {
      file: p('LongName'),
      content: `${PROLOG}\n${OPEN}\n    <a${'n'.repeat(1_000_000)}>x</b>\n</Profile>\n`,
      expect: { rule: 'parse-error', line: 3 },
    },
    {
      file: p('OnlyProlog'),
      content: `${PROLOG}\n<!-- nothing else -->\n`,
      expect: { rule: 'parse-error', line: 1, column: 1, message: /no root/ },
    },
  ];
}

describe('hostile XML', () => {
  let project: string;
  let secretFile: string;
  let all: Case[];
  let run: LintRun;
  let hashBefore: string;
  let lintMs: number;

  beforeAll(async () => {
    secretFile = path.join(tempDir(), 'secret.txt');
    writeFileSync(secretFile, SECRET);
    all = cases(secretFile);
    project = makeProject({ 'sfdx-project.json': SFDX_PROJECT, ...Object.fromEntries(all.map((c) => [c.file, c.content])) });
    hashBefore = treeHash(project);
    const started = Date.now();
    run = await lint({ cwd: project });
    lintMs = Date.now() - started;
  }, 120_000);

  it('lints the whole hostile project in bounded time without internal errors', () => {
    expect(lintMs).toBeLessThan(60_000);
    expect(run.internalErrors).toEqual([]);
    expect(run.project.files).toHaveLength(all.length);
  });

  it('reports each broken file once, at the line and column of the fault', () => {
    const problems: string[] = [];
    for (const c of all) {
      const found = run.findings.filter(
        (f) => f.location.file === c.file && (f.ruleId === 'parse-error' || f.ruleId === 'invalid-root-element'),
      );
      const label = path.basename(c.file);
      if (!c.expect) {
        if (found.length > 0) problems.push(`${label}: unexpected ${found[0]!.ruleId}: ${found[0]!.message}`);
        continue;
      }
      if (found.length !== 1) {
        problems.push(`${label}: expected one ${c.expect.rule}, found ${found.length}`);
        continue;
      }
      const [f] = found as [(typeof found)[number]];
      const at = `${f.location.range.startLine}:${f.location.range.startColumn}`;
      if (f.ruleId !== c.expect.rule) problems.push(`${label}: expected ${c.expect.rule}, found ${f.ruleId}`);
      if (c.expect.line !== undefined && f.location.range.startLine !== c.expect.line)
        problems.push(`${label}: line ${at}, expected ${c.expect.line}`);
      if (c.expect.column !== undefined && f.location.range.startColumn !== c.expect.column)
        problems.push(`${label}: column ${at}, expected ${c.expect.column}`);
      if (c.expect.message && !c.expect.message.test(f.message))
        problems.push(`${label}: message "${f.message}" does not match ${c.expect.message}`);
      if (f.message.length > 300) problems.push(`${label}: message is ${f.message.length} characters long`);
      // eslint-disable-next-line no-control-regex -- control characters are what this pattern is about
      if (/[\u0000-\u001f\u007f-\u009f]/u.test(f.message)) problems.push(`${label}: message holds control characters`);
    }
    expect(problems).toEqual([]);
  });

  it('places a read fault (invalid UTF-8) at the first invalid byte, as readText does', async () => {
    const c = all.find((x) => x.file.endsWith('InvalidUtf8.profile-meta.xml'))!;
    const f = run.findings.find((x) => x.location.file === c.file && x.ruleId === 'parse-error');
    const read = await readText(path.join(project, c.file), 1024 * 1024);
    expect(read.ok).toBe(false);
    expect(f?.location.range).toEqual(!read.ok && read.range);
    expect(f?.location.range).toEqual({ startLine: 3, startColumn: 21, endLine: 3, endColumn: 22 });
  });

  it('never reads an external entity', () => {
    expect(JSON.stringify(run.findings)).not.toContain(SECRET);
  });

  it('runs the CLI to exit code 1 with valid JSON and SARIF, and modifies nothing', () => {
    ensureBuilt();
    const json = cli(['-f', 'json', project], { timeout: 120_000 });
    expectFinished(json, [1]);
    const report = parseJsonOutput(json.stdout);
    expect(report.internalErrors).toEqual([]);
    expect(json.text).not.toContain(SECRET);
    const expected = all
      .filter((c) => c.expect)
      .map((c) => c.file)
      .sort();
    expect(
      [
        ...new Set(report.findings.filter((f) => f.ruleId === 'parse-error' || f.ruleId === 'invalid-root-element').map((f) => f.file)),
      ].sort(),
    ).toEqual(expected);
    const sarif = cli(['-f', 'sarif', project], { timeout: 120_000 });
    expectFinished(sarif, [1]);
    const log = parseJsonOutput(sarif.stdout) as unknown as { version: string; runs: { results: unknown[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results.length).toBeGreaterThanOrEqual(expected.length);
    const stylish = cli([project], { timeout: 120_000 });
    expectFinished(stylish, [1]);
    expect(stylish.stdout.includes(0x1b), 'no ANSI codes when stdout is not a terminal').toBe(false);
    expect(treeHash(project)).toBe(hashBefore);
  }, 300_000);

  it('reports a file over --max-file-size without reading it', async () => {
    const dir = makeProject({
      'sfdx-project.json': SFDX_PROJECT,
      [`${PROFILES}/Big.profile-meta.xml`]: profile(`    <description>${'x'.repeat(5000)}</description>`),
    });
    const small = await lint({ cwd: dir, maxFileSize: 1000 });
    expect(small.findings.map((f) => [f.ruleId, f.message])).toEqual([
      ['parse-error', expect.stringMatching(/over the 1000 bytes limit.*--max-file-size/)],
    ]);
    ensureBuilt();
    const run = cli(['--max-file-size', '1000', '-f', 'json', dir]);
    expectFinished(run, [1]);
    expect(parseJsonOutput(run.stdout).findings.map((f) => f.ruleId)).toEqual(['parse-error']);
    expect((await lint({ cwd: dir })).findings.filter((f) => f.ruleId === 'parse-error')).toEqual([]);
  });
});

describe('parseXml limits', () => {
  it(`accepts ${MAX_DEPTH} levels and refuses one more, where it starts`, () => {
    const nest = (n: number) => `${'<a>'.repeat(n)}${'</a>'.repeat(n)}`;
    expect(parseXml(nest(MAX_DEPTH)).ok).toBe(true);
    const deeper = parseXml(nest(MAX_DEPTH + 1));
    expect(deeper.ok).toBe(false);
    if (!deeper.ok) expect(deeper.problem.range).toMatchObject({ startLine: 1, startColumn: 3 * MAX_DEPTH + 1 });
  });

  it('parses or refuses pathological shapes in bounded time', () => {
    const shapes = {
      deep: `${'<a>'.repeat(DEPTH)}${'</a>'.repeat(DEPTH)}`,
      deepUnclosed: '<a>'.repeat(DEPTH),
      manyLt: `<a>${'<'.repeat(1_000_000)}</a>`,
      manyOpen: '<a'.repeat(1_000_000),
      manyComments: `<a>${'<!--'.repeat(1_000_000)}</a>`,
      manyCdata: `<a>${'<![CDATA['.repeat(1_000_000)}</a>`,
      manyAmp: `<a>${'&'.repeat(1_000_000)}</a>`,
      manyEntities: `<a>${'&amp;'.repeat(1_000_000)}</a>`,
      manyAttrsQuote: `<a ${'x="'.repeat(1_000_000)}/>`,
      manyElements: `<a>${'<b/>'.repeat(500_000)}</a>`,
    };
    for (const [name, text] of Object.entries(shapes)) {
      const started = Date.now();
      const result = parseXml(text);
      expect(Date.now() - started, name).toBeLessThan(15_000);
      if (!result.ok) {
        expect(result.problem.range.startLine, name).toBeGreaterThanOrEqual(1);
        expect(Number.isFinite(result.problem.range.startColumn), name).toBe(true);
        expect(result.problem.message.length, name).toBeLessThan(300);
      }
    }
  }, 120_000);
});

describe('readText', () => {
  const read = async (bytes: Uint8Array) => {
    const file = path.join(tempDir(), 'x.profile-meta.xml');
    writeFileSync(file, bytes);
    return readText(file, 1024 * 1024);
  };
  const utf8 = (...parts: (string | number[])[]) =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

  it('places invalid UTF-8 at the first invalid byte, in lines and UTF-16 columns', async () => {
    const cases: [string, Buffer, number, number, string][] = [
      ['lone continuation byte', utf8('<a>\n  x', [0x80], '</a>'), 2, 4, '80'],
      ['Latin-1 é', utf8('<a>\r\n<b>caf', [0xe9], '</b>'), 2, 7, 'E9'],
      ['after an emoji (two UTF-16 units)', utf8('😀é', [0xff]), 1, 4, 'FF'],
      ['truncated three-byte sequence at the end', utf8('<a>', [0xe2, 0x82]), 1, 4, 'E2'],
      ['overlong encoding', utf8('ab', [0xc0, 0x80]), 1, 3, 'C0'],
      ['surrogate', utf8('a\nb', [0xed, 0xa0, 0x80]), 2, 2, 'ED'],
      ['above U+10FFFF', utf8([0xf4, 0x90, 0x80, 0x80]), 1, 1, 'F4'],
      ['after a BOM', utf8([0xef, 0xbb, 0xbf], 'ab', [0xfe]), 1, 3, 'FE'],
    ];
    for (const [label, bytes, line, column, hex] of cases) {
      const result = await read(bytes);
      expect(result, label).toEqual({
        ok: false,
        message: `The file is not valid UTF-8 text: byte 0x${hex} at line ${line}, column ${column} does not form a character.`,
        range: { startLine: line, startColumn: column, endLine: line, endColumn: column + 1 },
      });
    }
  });

  it('agrees with a strict UTF-8 decoder on any bytes', async () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 24 }), fc.string({ maxLength: 8 }), async (noise, text) => {
        const bytes = Buffer.concat([Buffer.from(text), noise]);
        if (bytes[0] === 0xff || bytes[0] === 0xfe) return;
        let valid = true;
        try {
          strict.decode(bytes);
        } catch {
          valid = false;
        }
        const result = await read(bytes);
        expect(result.ok).toBe(valid);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('decodes UTF-16 with a byte order mark and refuses broken UTF-16', async () => {
    expect(await read(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<a>é😀</a>', 'utf16le')]))).toEqual({
      ok: true,
      text: '<a>é😀</a>',
    });
    expect(await read(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('<a>é</a>', 'utf16le').swap16()]))).toEqual({
      ok: true,
      text: '<a>é</a>',
    });
    expect(await read(Buffer.from([0xff, 0xfe, 0x3c, 0x00, 0x00, 0xd8, 0x41, 0x00]))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/UTF-16/),
    });
  });
});
