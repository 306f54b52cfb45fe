// The cache (--cache) is never wrong: a file's facts are reused only for the same content, the findings only for the
// same inputs, and a broken or foreign cache file is rebuilt without a word. It is also fast to be right: an unchanged
// file is not read again, and a file whose times changed but not its content is re-hashed, not re-parsed.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { FactsCache, isRacy } from '../../src/extraction/cache.js';
import { lint, type LintOptions } from '../../src/api/index.js';
import { DEFAULT_CACHE_FILE, DEFAULT_CACHE_FOLDER } from '../../src/config/defaults.js';
import { FORMATTERS } from '../../src/formatters/index.js';
import { cli, ensureBuilt } from '../support/cli.js';
import { makeProject, NS, PROFILES, PROLOG, SFDX_PROJECT, tempDir } from '../support/fixtures.js';
import { ROOT, SAMPLE } from '../support/paths.js';

const CACHE = DEFAULT_CACHE_FILE;
const SALES = `${PROFILES}/Sales.profile-meta.xml`;
const sales = (enabled: string) =>
  `${PROLOG}\n<Profile xmlns="${NS}">\n    <custom>true</custom>\n    <userLicense>Salesforce</userLicense>\n    <userPermissions>\n        <enabled>${enabled}</enabled>\n        <name>ModifyAllData</name>\n    </userPermissions>\n</Profile>\n`;

/** The JSON report and the extraction note of one lint() run. */
async function run(cwd: string, options: LintOptions = {}): Promise<{ json: string; note: string; rules: string; warnings: string[] }> {
  const notes: Record<string, string> = {};
  const result = await lint({
    cwd,
    baseline: false,
    today: '2026-01-01',
    ...options,
    onTiming: (phase, _ms, note) => (notes[phase] = note ?? ''),
  });
  return {
    json: FORMATTERS['json']!(result, { color: false }),
    note: notes['read+extract'] ?? '',
    rules: notes['rules'] ?? '',
    warnings: result.warnings,
  };
}

/** Whether every block of facts in a cache file matches its checksum in the header (see src/api/cache.ts). */
function intact(file: string): boolean {
  const bytes = readFileSync(file);
  const magic = 'sfmeta-lint cache\n'.length;
  const header = JSON.parse(bytes.toString('utf8', magic + 4, magic + 4 + bytes.readUInt32LE(magic))) as {
    blocks: { at: number; length: number; sha1: string }[];
  };
  return header.blocks.every(
    (b) =>
      createHash('sha1')
        .update(bytes.subarray(b.at, b.at + b.length))
        .digest('base64') === b.sha1,
  );
}

/** Files are made a moment before the first cached run, so that their status can be trusted (see isRacy). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 250));

describe('--cache', () => {
  let sample: string;
  let fresh: string;
  beforeAll(async () => {
    sample = tempDir('sfmeta-lint-cache-');
    cpSync(SAMPLE, sample, { recursive: true });
    fresh = (await run(sample)).json;
    await settle();
  });

  it('reads every unchanged file from the cache, and gives the same report', async () => {
    const first = await run(sample, { cache: true });
    expect(first.json).toBe(fresh);
    expect(first.note).toMatch(/, 0 from the cache,/u);
    expect(existsSync(path.join(sample, CACHE))).toBe(true);
    const second = await run(sample, { cache: true });
    expect(second.json).toBe(fresh);
    expect(second.note).toMatch(/\(0\.0 MB read\), (\d+) from the cache, 0 extracted/u);
    expect(second.rules).toMatch(/from the cache/u);
  });

  it('gives the model when asked, also when the findings came from the cache', async () => {
    const plain = await lint({ cwd: sample, baseline: false });
    await lint({ cwd: sample, baseline: false, cache: true });
    const cached = await lint({ cwd: sample, baseline: false, cache: true });
    expect(cached.model.profiles.all.map((p) => p.fullName)).toEqual(plain.model.profiles.all.map((p) => p.fullName));
    expect(JSON.stringify(cached.model.layouts.all)).toBe(JSON.stringify(plain.model.layouts.all));
  });

  it('does not reuse findings when the rule settings change', async () => {
    await run(sample, { cache: true });
    const options: LintOptions = { ruleSeverities: { 'privileged-permission-granted': 'off', 'guest-profile-user-permissions': 'note' } };
    expect((await run(sample, { ...options, cache: true })).json).toBe((await run(sample, options)).json);
    const only: LintOptions = { only: ['parse-error', 'contact-layout-external-user-actions'] };
    expect((await run(sample, { ...only, cache: true })).json).toBe((await run(sample, only)).json);
    writeFileSync(
      path.join(sample, 'sfmeta-lint.config.json'),
      JSON.stringify({ rules: { 'duplicate-component': 'error', 'unused-suppression': 'off' } }),
    );
    try {
      expect((await run(sample, { cache: true })).json).toBe((await run(sample)).json);
    } finally {
      writeFileSync(path.join(sample, 'sfmeta-lint.config.json'), '{}');
    }
    expect((await run(sample, { cache: true })).json).toBe((await run(sample)).json);
  });
});

describe('--cache is never wrong', () => {
  it('sees a change that keeps the size and the modification time', async () => {
    const dir = makeProject({ 'sfdx-project.json': SFDX_PROJECT, [SALES]: sales('fals') });
    const file = path.join(dir, SALES);
    // A modification time a Date can hold exactly, so that it can be put back exactly.
    const mtime = new Date(Date.now() - 60_000);
    utimesSync(file, mtime, mtime);
    await settle();
    const before = await run(dir, { cache: true });
    expect(before.json).not.toContain('ModifyAllData');
    expect((await run(dir, { cache: true })).note).toMatch(/1 from the cache/u);

    const { size, mtimeMs } = statSync(file);
    writeFileSync(file, sales('true'));
    utimesSync(file, mtime, mtime);
    expect(statSync(file).size).toBe(size);
    expect(statSync(file).mtimeMs).toBe(mtimeMs);

    const after = await run(dir, { cache: true });
    expect(after.note).toMatch(/0 from the cache, 1 extracted/u);
    expect(after.json).toContain('privileged-permission-granted');
    expect(after.json).toBe((await run(dir)).json);
  });

  it('sees a change made right after a run (its timestamps may not have moved)', async () => {
    const dir = makeProject({ 'sfdx-project.json': SFDX_PROJECT, [SALES]: sales('fals') });
    const file = path.join(dir, SALES);
    await run(dir, { cache: true });
    const { atime, mtime } = statSync(file);
    writeFileSync(file, sales('true'));
    utimesSync(file, atime, mtime);
    expect((await run(dir, { cache: true })).json).toContain('privileged-permission-granted');
  });

  it('re-hashes a touched file instead of parsing it again', async () => {
    const dir = makeProject({ 'sfdx-project.json': SFDX_PROJECT, [SALES]: sales('true') });
    await settle();
    const first = await run(dir, { cache: true });
    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(dir, SALES), later, later);
    const touched = await run(dir, { cache: true });
    expect(touched.note).toMatch(/1 re-hashed and unchanged, 0 extracted/u);
    expect(touched.json).toBe(first.json);
  });

  it('marks files changed just before they were read as racy', () => {
    const key = { size: 1, mtimeMs: 1_000_000.5, ctimeMs: 1_000_000.5, ino: 1, hash: 'x' };
    expect(isRacy(key, 1_000_050)).toBe(true);
    expect(isRacy(key, 1_001_000)).toBe(false);
    // Whole-second times: a coarse clock, a wider margin.
    expect(isRacy({ ...key, mtimeMs: 1_000_000, ctimeMs: 1_000_000 }, 1_001_000)).toBe(true);
  });

  it('rebuilds a cache file that is foreign, truncated or corrupt, without a warning', async () => {
    const dir = tempDir('sfmeta-lint-cache-');
    cpSync(SAMPLE, dir, { recursive: true });
    const expected = (await run(dir)).json;
    const cacheFile = path.join(dir, CACHE);
    const damage: [string, () => void][] = [
      ['empty', () => writeFileSync(cacheFile, '')],
      ['foreign', () => writeFileSync(cacheFile, '{"not": "a cache"}\n')],
      ['binary noise', () => writeFileSync(cacheFile, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)))],
      ['truncated', () => truncateSync(cacheFile, Math.floor(statSync(cacheFile).size / 2))],
      [
        'one byte flipped',
        () => {
          const bytes = readFileSync(cacheFile);
          bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0x55;
          writeFileSync(cacheFile, bytes);
        },
      ],
      [
        'a directory',
        () => {
          rmSync(cacheFile, { force: true });
          mkdirSync(cacheFile);
        },
      ],
    ];
    for (const [label, spoil] of damage) {
      await run(dir, { cache: true });
      spoil();
      const spoiled = await run(dir, { cache: true });
      expect(spoiled.json, label).toBe(expected);
      if (label === 'a directory') {
        expect(spoiled.warnings.join(' '), label).toMatch(/could not write the cache/u);
        expect(
          readdirSync(path.dirname(cacheFile)).filter((f) => f.endsWith('.tmp')),
          label,
        ).toEqual([]);
        rmSync(cacheFile, { recursive: true });
      } else {
        expect(spoiled.warnings, label).toEqual([]);
        expect(readFileSync(cacheFile).subarray(0, 17).toString('latin1'), label).toBe('sfmeta-lint cache');
      }
    }
  });

  it('reads damaged facts back from the files, and appends changes until a new file is due', async () => {
    const dir = tempDir('sfmeta-lint-cache-');
    cpSync(SAMPLE, dir, { recursive: true });
    const cacheFile = path.join(dir, CACHE);
    const profile = path.join(dir, 'force-app/main/default/profiles/Admin.profile-meta.xml');
    const original = readFileSync(profile, 'utf8');
    await settle();
    await run(dir, { cache: true });
    const written = statSync(cacheFile).size;
    // A byte of the facts area flipped: a run with nothing changed does not read it; one that must, reads the files again.
    const bytes = readFileSync(cacheFile);
    bytes[4096 + 10] = bytes[4096 + 10]! ^ 0x55;
    writeFileSync(cacheFile, bytes);
    expect((await run(dir, { cache: true })).json).toBe((await run(dir)).json);
    try {
      for (let i = 0; i < 40; i++) {
        writeFileSync(profile, original.replace('</Profile>', `    <description>edit ${i}</description>\n</Profile>`));
        const edited = await run(dir, { cache: true });
        expect(edited.json, `edit ${i}`).toBe((await run(dir)).json);
        expect(edited.warnings).toEqual([]);
        if (i === 0) expect(intact(cacheFile), 'rebuilt after the damage').toBe(true);
      }
      // Appends, then a compact new file: the cache never grows without bound.
      expect(statSync(cacheFile).size).toBeLessThan(written * 3);
      expect(intact(cacheFile)).toBe(true);
    } finally {
      writeFileSync(profile, original);
    }
    expect((await run(dir, { cache: true })).json).toBe((await run(dir)).json);
  });

  it("writes a first run's facts while the rules run, and leaves no temporary file: also when facts come late, or the process ends first", async () => {
    const dir = tempDir('sfmeta-lint-cache-');
    cpSync(SAMPLE, dir, { recursive: true });
    const expected = (await run(dir)).json;
    expect((await run(dir, { cache: true })).json).toBe(expected);
    expect(readdirSync(path.join(dir, DEFAULT_CACHE_FOLDER)).sort()).toEqual(['.gitignore', path.basename(CACHE)]);
    expect(intact(path.join(dir, CACHE))).toBe(true);
    expect((await run(dir, { cache: true })).note).toMatch(/, 0 extracted/u);

    const key = { size: 1, mtimeMs: 1, ctimeMs: 1, ino: 1, hash: 'h' };
    const folder = tempDir('sfmeta-lint-cache-');
    const file = path.join(folder, 'x.cache');
    // Facts set after the write began: that file is given up, and the cache is written whole.
    const { cache } = FactsCache.open(file, 'build A');
    cache.set('a', { level: 'full', key, racy: false, facts: Buffer.from([1, 2, 3]) });
    cache.writeAhead();
    cache.set('b', { level: 'full', key, racy: false, facts: Buffer.from([4, 5]) });
    await cache.settled();
    expect(cache.save()).toBeUndefined();
    const reread = FactsCache.open(file, 'build A').cache;
    expect(reread.factsOf(reread.get('a')!)).toEqual(Buffer.from([1, 2, 3]));
    expect(reread.factsOf(reread.get('b')!)).toEqual(Buffer.from([4, 5]));
    expect(intact(file)).toBe(true);
    expect(readdirSync(folder)).toEqual(['x.cache']);

    // Saved before the write ended (no settled()): the cache is written whole, and the begun file goes once its write ends.
    const early = FactsCache.open(path.join(folder, 'z.cache'), 'build A').cache;
    early.set('a', { level: 'full', key, racy: false, facts: Buffer.alloc(4_000_000, 9) });
    early.writeAhead();
    expect(early.save()).toBeUndefined();
    for (let waited = 0; readdirSync(folder).length > 2 && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(folder).sort()).toEqual(['x.cache', 'z.cache']);
    const saved = FactsCache.open(path.join(folder, 'z.cache'), 'build A').cache;
    expect(saved.factsOf(saved.get('a')!).equals(Buffer.alloc(4_000_000, 9))).toBe(true);

    // A process that ends before it saves the cache removes the file it began.
    ensureBuilt();
    const script = [
      "import { readdirSync } from 'node:fs';",
      `import { FactsCache } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/extraction/cache.js')).href)};`,
      `const { cache } = FactsCache.open(${JSON.stringify(path.join(folder, 'y.cache'))}, 'build A');`,
      `cache.set('a', { level: 'full', key: ${JSON.stringify(key)}, racy: false, facts: Buffer.alloc(100000, 7) });`,
      'cache.writeAhead();',
      // The file was begun (else this test would prove nothing), then the process ends without saving.
      `if (!readdirSync(${JSON.stringify(folder)}).some((f) => f.endsWith('.tmp'))) process.exit(3);`,
      'process.exit(0);',
    ].join('\n');
    execFileSync(process.execPath, ['--input-type=module', '-e', script]);
    expect(readdirSync(folder).sort()).toEqual(['x.cache', 'z.cache']);
  });

  it('ignores a cache written by another build', () => {
    const dir = makeProject({ 'x.cache': '' });
    const file = path.join(dir, 'x.cache');
    const { cache } = FactsCache.open(file, 'build A');
    cache.set('a', {
      level: 'full',
      key: { size: 1, mtimeMs: 1, ctimeMs: 1, ino: 1, hash: 'h' },
      racy: false,
      facts: Buffer.from([1, 2, 3]),
    });
    expect(cache.save()).toBeUndefined();
    const same = FactsCache.open(file, 'build A').cache;
    expect(same.factsOf(same.get('a')!)).toEqual(Buffer.from([1, 2, 3]));
    const other = FactsCache.open(file, 'build B');
    expect(other.cache.get('a')).toBeUndefined();
    expect(other.note).toMatch(/another build/u);
  });
});

describe('--cache on the command line', () => {
  let repo: string;
  beforeAll(() => {
    ensureBuilt();
    repo = tempDir('sfmeta-lint-cache-cli-');
    cpSync(SAMPLE, repo, { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
        cwd: repo,
        stdio: 'ignore',
      });
    git('init', '-q');
    // No line for the default cache: its folder ignores itself.
    writeFileSync(path.join(repo, '.gitignore'), 'alt.cache\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'sample');
  }, 180_000);

  it('writes the cache to the project root, or to --cache-location, and --no-cache turns it off', () => {
    const plain = cli(['-f', 'json', '--fail-on', 'never', repo]);
    const cached = cli(['-f', 'json', '--fail-on', 'never', '--cache', repo]);
    expect(cached.text).toBe(plain.text);
    expect(existsSync(path.join(repo, CACHE))).toBe(true);
    expect(readFileSync(path.join(repo, DEFAULT_CACHE_FOLDER, '.gitignore'), 'utf8')).toMatch(/^\*$/mu);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: repo, encoding: 'utf8' })).toBe('');
    const alt = path.join(repo, 'alt.cache');
    expect(cli(['-f', 'json', '--fail-on', 'never', '--cache', '--cache-location', alt, repo]).text).toBe(plain.text);
    expect(existsSync(alt)).toBe(true);
    const before = statSync(alt).mtimeMs;
    const off = cli(['-f', 'json', '--fail-on', 'never', '--cache', '--cache-location', alt, '--no-cache', '--debug', repo]);
    expect(off.text).toBe(plain.text);
    expect(off.stderr).not.toMatch(/cache/u);
    expect(statSync(alt).mtimeMs).toBe(before);
  });

  it('replaces the cache file of earlier builds by its folder, and leaves a folder the user named alone', () => {
    const folder = path.join(repo, DEFAULT_CACHE_FOLDER);
    rmSync(folder, { recursive: true });
    writeFileSync(folder, 'sfmeta-lint cache\n(an old cache file)');
    const cached = cli(['-f', 'json', '--fail-on', 'never', '--cache', repo]);
    expect(cached.stderr).not.toMatch(/could not write/u);
    expect(existsSync(path.join(repo, CACHE))).toBe(true);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: repo, encoding: 'utf8' })).toBe('');
    // A folder of the user's own: no .gitignore there, the cache file is theirs to ignore.
    const own = path.join(repo, 'alt.cache-folder');
    cli(['-f', 'json', '--fail-on', 'never', '--cache', '--cache-location', path.join(own, 'c'), repo]);
    expect(readdirSync(own)).toEqual(['c']);
    rmSync(own, { recursive: true });
  });

  it('serves --changed-since and file arguments, with the same reports as without it', () => {
    const profile = path.join(repo, 'force-app/main/default/profiles');
    const changed = path.join(
      profile,
      readdirSync(profile)
        .filter((f) => f.endsWith('.profile-meta.xml'))
        .sort()[0]!,
    );
    const original = readFileSync(changed, 'utf8');
    writeFileSync(changed, original.replace('</Profile>', '    <description>changed</description>\n</Profile>'));
    try {
      for (const args of [['--changed-since', 'HEAD', repo], [changed], [repo, '--staged']]) {
        const plain = cli(['-f', 'json', '--fail-on', 'never', ...args], { cwd: repo });
        cli(['-f', 'json', '--fail-on', 'never', '--cache', ...args], { cwd: repo });
        const cached = cli(['-f', 'json', '--fail-on', 'never', '--cache', '--debug', ...args], { cwd: repo });
        expect(cached.text, args.join(' ')).toBe(plain.text);
        expect(cached.stderr, args.join(' ')).toMatch(/from the cache/u);
      }
    } finally {
      writeFileSync(changed, original);
    }
  });
});
