// Property-based fuzzing: real metadata files, truncated, bit-flipped, with tags deleted or duplicated, always end as findings or a
// parse error exactly where the fault is (none when the file is still well-formed), in bounded time, and every report stays valid. A fixed seed and a short run here; `node scripts/fuzz.mjs` runs long.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/api/index.js';
import type { Finding } from '../../src/findings/index.js';
import { FORMATTERS } from '../../src/formatters/index.js';
import { classify, readText } from '../../src/project/index.js';
import { VIEW_TYPES } from '../../src/model/index.js';
import { LineIndex, parseXml, stripBom } from '../../src/xml/index.js';
import { XMLValidator } from 'fast-xml-parser';
import { SFDX_PROJECT, tempDir } from '../support/fixtures.js';
import { mutate, mutations, plantStrayClose, type Mutation } from '../support/mutations.js';
import { CORPUS, CORPUS_ABSENT, SAMPLE } from '../support/paths.js';

/** SFMETA_FUZZ_RUNS sets the number of parses (and a tenth as many whole lint runs); SFMETA_FUZZ_SEED the seed. */
const LONG_RUNS = Number(process.env['SFMETA_FUZZ_RUNS'] ?? 0);
const SEED = Number(process.env['SFMETA_FUZZ_SEED'] ?? 20_260_522);
const PARSE_RUNS = LONG_RUNS || 1000;
const LINT_RUNS = LONG_RUNS ? Math.ceil(LONG_RUNS / 10) : 100;
const TIMEOUT = LONG_RUNS ? 24 * 3600_000 : 60_000;
/** Far above what a healthy parse takes (milliseconds); a hang or a quadratic blow-up crosses it. */
const PARSE_LIMIT_MS = 5_000;
const LINT_LIMIT_MS = 15_000;

interface Source {
  /** Where the file comes from (for messages). */
  origin: string;
  /** Where the mutated copy goes in the fuzz project, relative to its root. */
  target: string;
  absolute: string;
}

function xmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.xml') && !e.parentPath.split(path.sep).includes('node_modules'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function sources(): { list: Source[]; notes: string[] } {
  const list: Source[] = [];
  const notes: string[] = [];
  if (existsSync(SAMPLE)) {
    for (const file of xmlFiles(SAMPLE))
      list.push({ origin: `sample-project/${path.relative(SAMPLE, file)}`, target: path.relative(SAMPLE, file), absolute: file });
  } else notes.push('sample-project/ is absent: its files are not fuzzed');
  if (!CORPUS_ABSENT) {
    for (const file of xmlFiles(CORPUS))
      list.push({
        origin: `corpus/${path.relative(CORPUS, file)}`,
        target: path.join('force-app', 'fuzz', path.relative(CORPUS, file)),
        absolute: file,
      });
  } else notes.push(`${CORPUS_ABSENT}; its files are not fuzzed`);
  return { list: list.map((s) => ({ ...s, target: s.target.split(path.sep).join('/') })), notes };
}

const HOSTILE = [
  '<',
  '>',
  '&',
  '&#0;',
  '&#x1b;',
  '&lol;',
  ']]>',
  '<![CDATA[',
  '<!--',
  '-->',
  '<?xml version="1.0"?>',
  '<!DOCTYPE x [<!ENTITY a "b">]>',
  '\u0000',
  '\uFEFF',
  '\r',
  '\u202e',
  '"',
  'xmlns="urn:x"',
  '</a>',
  '<a>',
  '(hidden)',
];

/** A range is valid when it lies inside the text and does not run backwards. */
function expectValidRange(
  text: string,
  range: { startLine: number; startColumn: number; endLine: number; endColumn: number },
  label: string,
): void {
  const lines = new LineIndex(text);
  const last = lines.position(text.length).line;
  expect(range.startLine, label).toBeGreaterThanOrEqual(1);
  expect(range.startLine, label).toBeLessThanOrEqual(last);
  expect(range.startColumn, label).toBeGreaterThanOrEqual(1);
  expect(lines.offset(range.startLine, range.startColumn), label).toBeLessThanOrEqual(text.length);
  expect(range.endLine * 1e9 + range.endColumn, label).toBeGreaterThanOrEqual(range.startLine * 1e9 + range.startColumn);
}

const { list: SOURCES, notes: NOTES } = sources();
const source = fc.nat({ max: Math.max(SOURCES.length - 1, 0) });
/** The sources of a type some rule reads: a lint run checks only those, so the lint property draws them most of the time. */
const READ = SOURCES.flatMap((s, i) => {
  const classified = classify(s.target, s.target.split('/')[0]!);
  return classified.ok && (VIEW_TYPES as readonly string[]).includes(classified.file.type) ? [i] : [];
});
const lintSource =
  READ.length === 0 ? source : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...READ) }, { weight: 1, arbitrary: source });
const changes = mutations(HOSTILE, 4);
const pick = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
/** Random damage, whose verdict a reader works out on its own; or a planted fault, whose place is known beforehand. */
type Variant = { kind: 'mutated'; mutations: Mutation[] } | { kind: 'planted'; pick: number };
const variant: fc.Arbitrary<Variant> = fc.oneof(
  { weight: 3, arbitrary: changes.map((ms): Variant => ({ kind: 'mutated', mutations: ms })) },
  { weight: 1, arbitrary: pick.map((p): Variant => ({ kind: 'planted', pick: p })) },
);

describe.skipIf(SOURCES.length === 0)(`fuzzing (seed ${SEED})`, () => {
  for (const note of NOTES) it.skip(`skipped: ${note}`, () => {});
  const content = new Map<number, Buffer>();
  const read = (i: number) => content.get(i) ?? content.set(i, readFileSync(SOURCES[i]!.absolute)).get(i)!;
  /** A source's text with a stray closing tag planted after one of its start tags, and where that is. */
  const planted = (i: number, p: number) => {
    const text = stripBom(read(i).toString('utf8'));
    return parseXml(text).ok ? plantStrayClose(text, p) : undefined;
  };

  it(
    `parseXml ends with a document or a located problem, in bounded time, and refuses what is broken (${PARSE_RUNS} runs)`,
    () => {
      fc.assert(
        fc.property(source, changes, pick, (i, ms, p) => {
          const text = stripBom(new TextDecoder('utf-8').decode(mutate(read(i), ms)));
          const started = performance.now();
          const result = parseXml(text);
          const label = `${SOURCES[i]!.origin} ${JSON.stringify(ms)}`;
          expect(performance.now() - started, label).toBeLessThan(PARSE_LIMIT_MS);
          // Two-sided: what fast-xml-parser's own validator refuses is refused (parseXml may refuse more: DOCTYPE, depth, NUL).
          if (XMLValidator.validate(text, { allowBooleanAttributes: false }) !== true) expect(result.ok, label).toBe(false);
          if (!result.ok) {
            expect(result.problem.message.length, label).toBeGreaterThan(0);
            expect(result.problem.message.length, label).toBeLessThan(300);
            // eslint-disable-next-line no-control-regex -- control characters are what this pattern is about
            expect(result.problem.message, label).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/u);
            expectValidRange(text, result.problem.range, label);
          }
          // A well-formed file with a stray closing tag planted: refused, exactly there.
          const plant = planted(i, p);
          if (!plant) return;
          const refused = parseXml(plant.text);
          expect(refused.ok, `${SOURCES[i]!.origin} planted ${p}`).toBe(false);
          if (!refused.ok)
            expect([refused.problem.range.startLine, refused.problem.range.startColumn], `${SOURCES[i]!.origin} planted ${p}`).toEqual([
              plant.line,
              plant.column,
            ]);
        }),
        { seed: SEED, numRuns: PARSE_RUNS },
      );
    },
    TIMEOUT,
  );

  describe('lint()', () => {
    let root: string;
    /** The parse errors of the project as it is (the sample project has a deliberately broken file): they stay as they are. */
    let before: string[];
    const key = (f: Finding) => `${f.location.file}:${f.location.range.startLine}:${f.location.range.startColumn}`;
    beforeAll(async () => {
      root = tempDir('sfmeta-lint-fuzz-');
      if (existsSync(SAMPLE)) cpSync(SAMPLE, root, { recursive: true });
      else writeFileSync(path.join(root, 'sfdx-project.json'), SFDX_PROJECT);
      before = (await lint({ cwd: root })).findings.filter((f) => f.ruleId === 'parse-error').map(key);
    });

    it(
      `reports one parse error exactly at the fault, none on a well-formed file, and valid reports, in bounded time (${LINT_RUNS} runs)`,
      async () => {
        let checked = 0;
        let broken = 0;
        await fc.assert(
          fc.asyncProperty(lintSource, variant, async (i, v) => {
            const { origin, target, absolute } = SOURCES[i]!;
            const file = path.join(root, target);
            const plant = v.kind === 'planted' ? planted(i, v.pick) : undefined;
            if (v.kind === 'planted' && !plant) return;
            const bytes = plant ? Buffer.from(plant.text) : mutate(read(i), v.kind === 'mutated' ? v.mutations : []);
            const label = `${origin} ${JSON.stringify(v)}`;
            cpSync(absolute, file);
            writeFileSync(file, bytes);
            try {
              const started = performance.now();
              const run = await lint({ cwd: root });
              expect(performance.now() - started, label).toBeLessThan(LINT_LIMIT_MS);
              expect(run.internalErrors, label).toEqual([]);
              const parseErrors = run.findings.filter((f) => f.ruleId === 'parse-error');
              expect(parseErrors.filter((f) => f.location.file !== target).map(key), label).toEqual(
                before.filter((k) => !k.startsWith(`${target}:`)),
              );
              const mine = parseErrors.filter((f) => f.location.file === target);
              const ref = run.project.files.find((f) => f.path === target);
              // Only the types some rule reads are read at all: a file of another type is never checked.
              if (!ref || !(VIEW_TYPES as readonly string[]).includes(ref.type)) {
                expect(mine, label).toEqual([]);
                return;
              }
              checked++;
              // Where the fault is, found apart from the run: readText for the bytes, parseXml for the text, or the planted tag.
              const readBack = await readText(file, 64 * 1024 * 1024);
              const parsed = readBack.ok ? parseXml(readBack.text) : undefined;
              const expected = plant
                ? { startLine: plant.line, startColumn: plant.column }
                : !readBack.ok
                  ? readBack.range
                  : parsed && !parsed.ok
                    ? parsed.problem.range
                    : undefined;
              if (!expected && (readBack.ok ? parsed?.ok : false)) {
                expect(mine, `${label}: well-formed, so no parse error`).toEqual([]);
              } else {
                broken++;
                expect(mine, `${label}: broken, so one parse error`).toHaveLength(1);
                const at = mine[0]!.location.range;
                if (expected) expect(at, label).toMatchObject(expected);
                if (readBack.ok) expectValidRange(stripBom(readBack.text), at, label);
              }
              for (const [name, format] of Object.entries(FORMATTERS)) {
                const out = format(run, { color: false });
                // No lone surrogate: the report survives a round trip through UTF-8 unchanged.
                expect(Buffer.from(out, 'utf8').toString('utf8') === out, `${name}: ${label}`).toBe(true);
                expect(out.includes('\u001b'), `${name}: ${label}`).toBe(false);
                if (name === 'json' || name === 'sarif') JSON.parse(out);
              }
            } finally {
              if (existsSync(path.join(SAMPLE, target))) cpSync(path.join(SAMPLE, target), file);
              else rmSync(file, { force: true });
            }
          }),
          { seed: SEED, numRuns: LINT_RUNS },
        );
        // Otherwise the property holds vacuously: most runs must read the damaged file, and find it broken.
        expect(checked).toBeGreaterThan(LINT_RUNS / 2);
        expect(broken).toBeGreaterThan(LINT_RUNS / 4);
      },
      TIMEOUT,
    );
  });
});

if (SOURCES.length === 0) {
  describe('fuzzing', () => {
    it.skip(`skipped: ${NOTES.join('; ')}`, () => {});
  });
}
