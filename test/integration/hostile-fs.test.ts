// Hostile file systems: link loops, links out of the project, unreadable entries, odd names, many files, deep folders, pipes, repeated paths.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/api/index.js';
import { discover, locateProject, readText } from '../../src/project/index.js';
import { AS_NOBODY, cli, ensureBuilt, expectFinished, expectOneLineError, parseJsonOutput } from '../support/cli.js';
import { makeProject, NS, profile, PROFILES, PROLOG, SFDX_PROJECT, tempDir, treeHash } from '../support/fixtures.js';

/** A profile whose only fault is a mismatched closing tag at line 3, column 17. */
const BROKEN = `${PROLOG}\n<Profile xmlns="${NS}">\n    <custom>true</userLicense>\n</Profile>\n`;
const SECRET = 'sfmeta-lint-outside-4b1e';

beforeAll(() => ensureBuilt(), 180_000);

describe('links', () => {
  it('survives link loops and does not follow links to folders or outside the project', async () => {
    const outside = makeProject({
      'Secret.profile-meta.xml': `${PROLOG}\n<Profile xmlns="${NS}">\n    <${SECRET}>x</b>\n</Profile>\n`,
      'profiles/Other.profile-meta.xml': BROKEN,
    });
    const dir = makeProject({ 'sfdx-project.json': SFDX_PROJECT, [`${PROFILES}/Broken.profile-meta.xml`]: BROKEN });
    const profiles = path.join(dir, PROFILES);
    symlinkSync('..', path.join(profiles, 'loop'));
    symlinkSync(path.join(dir, 'force-app'), path.join(profiles, 'up'));
    symlinkSync('Self.profile-meta.xml', path.join(profiles, 'Self.profile-meta.xml'));
    symlinkSync('B.profile-meta.xml', path.join(profiles, 'A.profile-meta.xml'));
    symlinkSync('A.profile-meta.xml', path.join(profiles, 'B.profile-meta.xml'));
    symlinkSync('Missing.profile-meta.xml', path.join(profiles, 'Dangling.profile-meta.xml'));
    symlinkSync(path.join(outside, 'Secret.profile-meta.xml'), path.join(profiles, 'Secret.profile-meta.xml'));
    symlinkSync(path.join(outside, 'profiles'), path.join(dir, 'force-app', 'main', 'default', 'outside'));
    symlinkSync('Broken.profile-meta.xml', path.join(profiles, 'Alias.profile-meta.xml'));
    const before = treeHash(dir);

    const run = await lint({ cwd: dir });
    expect(run.project.files.map((f) => path.basename(f.path)).sort()).toEqual(['Alias.profile-meta.xml', 'Broken.profile-meta.xml']);
    const reasons = Object.fromEntries(run.project.skipped.map((s) => [path.basename(s.path), s.reason]));
    expect(reasons).toMatchObject({
      loop: expect.stringMatching(/folder/),
      up: expect.stringMatching(/folder/),
      'Self.profile-meta.xml': expect.stringMatching(/ELOOP/),
      'A.profile-meta.xml': expect.stringMatching(/ELOOP/),
      'Dangling.profile-meta.xml': expect.stringMatching(/ENOENT/),
      'Secret.profile-meta.xml': expect.stringMatching(/outside/),
      outside: expect.stringMatching(/outside/),
    });

    const json = cli(['-f', 'json', dir]);
    expectFinished(json, [1]);
    const report = parseJsonOutput(json.stdout);
    expect(
      report.findings
        .filter((f) => f.ruleId === 'parse-error')
        .map((f) => `${path.basename(f.file)}:${f.startLine}:${f.startColumn}`)
        .sort(),
    ).toEqual(['Alias.profile-meta.xml:3:17', 'Broken.profile-meta.xml:3:17']);
    expect(json.text + json.stderr).not.toContain(SECRET);
    expect(treeHash(dir)).toBe(before);
  });
});

describe('unreadable files and folders', () => {
  const setup = () => {
    const dir = makeProject({
      'sfdx-project.json': SFDX_PROJECT,
      [`${PROFILES}/Locked.profile-meta.xml`]: BROKEN,
      [`${PROFILES}/Open.profile-meta.xml`]: BROKEN,
      'force-app/main/default/layouts/Contact-Contact Layout.layout-meta.xml': BROKEN,
    });
    chmodSync(path.join(dir, PROFILES, 'Locked.profile-meta.xml'), 0o000);
    chmodSync(path.join(dir, 'force-app/main/default/layouts'), 0o000);
    return dir;
  };

  it('finishes with findings for what it can read and no crash', () => {
    const dir = setup();
    const before = treeHash(dir);
    const run = cli(['-f', 'json', dir]);
    expectFinished(run, [1]);
    expect(parseJsonOutput(run.stdout).findings.some((f) => f.file.endsWith('Open.profile-meta.xml'))).toBe(true);
    expect(treeHash(dir)).toBe(before);
  });

  it('reports an unreadable file as a finding, passes over an unreadable folder and lints the rest', (ctx) => {
    if (!AS_NOBODY)
      ctx.skip('running as root, and nobody cannot run the CLI here (no setpriv, or an unreadable checkout): chmod 000 does not stop root');
    const dir = setup();
    // mkdtemp folders are private to their creator; open this one (never the shared temp folder itself) to `nobody`.
    chmodSync(dir, 0o755);
    const run = cli(['-f', 'json', dir], { prefix: AS_NOBODY });
    expectFinished(run, [1]);
    const report = parseJsonOutput(run.stdout);
    expect(
      report.findings
        .filter((f) => f.ruleId === 'parse-error')
        .map((f) => `${path.basename(f.file)} ${f.message}`)
        .sort(),
    ).toEqual([
      'Locked.profile-meta.xml The file could not be read: EACCES.',
      expect.stringMatching(/^Open.profile-meta.xml Malformed XML/),
    ]);
  });
});

describe('names', () => {
  it('lints files whose names hold spaces, tabs, Unicode, % and URL-encoding, each at the right place', () => {
    const names = [
      'Custom%3A Sales Profile',
      'Tab\tName',
      'Ünïcødé 日本語 😀',
      '100% Done',
      'Name%2B%20x',
      'Dots.in.name',
      '-leading-dash',
      'Quote\'s "both"',
    ];
    const dir = makeProject({
      'sfdx-project.json': SFDX_PROJECT,
      ...Object.fromEntries(names.map((n) => [`${PROFILES}/${n}.profile-meta.xml`, BROKEN])),
    });
    const json = cli(['-f', 'json', dir]);
    expectFinished(json, [1]);
    const found = parseJsonOutput(json.stdout).findings.filter((f) => f.ruleId === 'parse-error');
    expect(found.map((f) => `${f.file}:${f.startLine}:${f.startColumn}`).sort()).toEqual(
      names.map((n) => `${PROFILES}/${n}.profile-meta.xml:3:17`).sort(),
    );
    const sarif = cli(['-f', 'sarif', dir]);
    expectFinished(sarif, [1]);
    const uris = (
      parseJsonOutput(sarif.stdout) as unknown as {
        runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
      }
    ).runs[0]!.results.map((r) => decodeURIComponent(r.locations[0]!.physicalLocation.artifactLocation.uri));
    for (const n of names)
      expect(
        uris.some((u) => u.endsWith(`${PROFILES}/${n}.profile-meta.xml`)),
        n,
      ).toBe(true);
  });

  it('skips a name that is not valid UTF-8 instead of failing on it', async () => {
    const dir = makeProject({ 'sfdx-project.json': SFDX_PROJECT, [`${PROFILES}/Open.profile-meta.xml`]: BROKEN });
    const badName = Buffer.concat([
      Buffer.from(path.join(dir, PROFILES) + path.sep),
      Buffer.from([0x42, 0xff, 0x2e]),
      Buffer.from('profile-meta.xml'),
    ]);
    writeFileSync(badName, BROKEN);
    const run = await lint({ cwd: dir });
    expect(run.project.files.map((f) => path.basename(f.path))).toEqual(['Open.profile-meta.xml']);
    expect(run.project.skipped.some((s) => /not valid UTF-8/.test(s.reason))).toBe(true);
    expectFinished(cli([dir]), [1]);
  });
});

describe('size and shape', () => {
  it('lints 10,000 files in bounded time', () => {
    const files: Record<string, string> = { 'sfdx-project.json': SFDX_PROJECT };
    for (let i = 0; i < 10_000; i++) files[`${PROFILES}/P${i}.profile-meta.xml`] = profile('    <custom>true</custom>');
    files[`${PROFILES}/P10000.profile-meta.xml`] = BROKEN;
    const dir = makeProject(files);
    const json = cli(['-f', 'json', dir], { timeout: 120_000 });
    expectFinished(json, [1]);
    const report = parseJsonOutput(json.stdout);
    expect(report.filesLinted).toBe(10_001);
    expect(report.findings.filter((f) => f.ruleId === 'parse-error').map((f) => f.file)).toEqual([`${PROFILES}/P10000.profile-meta.xml`]);
    expect(json.ms).toBeLessThan(90_000);
  }, 180_000);

  it('walks very deep folders without recursion trouble', () => {
    // Metadata format without sfdx-project.json: paths are relative to the folder linted.
    const deep = `${'d/'.repeat(700)}profiles/Deep.profile`;
    const dir = makeProject({ [`src/${deep}`]: BROKEN });
    const json = cli(['-f', 'json', 'src'], { cwd: dir });
    expectFinished(json, [1]);
    expect(parseJsonOutput(json.stdout).findings.map((f) => `${f.file}:${f.startLine}`)).toEqual([`${deep}:3`]);
  });

  it('never blocks on a named pipe with a metadata suffix', async (ctx) => {
    const dir = makeProject({ 'sfdx-project.json': SFDX_PROJECT, [`${PROFILES}/Open.profile-meta.xml`]: BROKEN });
    const fifo = path.join(dir, PROFILES, 'Pipe.profile-meta.xml');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      ctx.skip('mkfifo is not available here');
    }
    const run = await lint({ cwd: dir });
    expect(run.project.skipped).toContainEqual({ path: `${PROFILES}/Pipe.profile-meta.xml`, reason: 'not a regular file' });
    // Named on the command line, it is opened without blocking and refused.
    const direct = await lint({ cwd: dir, paths: [fifo] });
    expect(direct.findings.some((f) => /not a regular file/.test(f.message))).toBe(true);
    expectFinished(cli(['-f', 'json', dir], { timeout: 30_000 }), [1]);
  });

  it('reports a file deleted between discovery and reading, without a crash', async () => {
    const dir = makeProject({ 'sfdx-project.json': SFDX_PROJECT, [`${PROFILES}/Gone.profile-meta.xml`]: BROKEN });
    const project = await discover(locateProject(dir, []));
    unlinkSync(path.join(dir, project.files[0]!.path));
    expect(await readText(path.join(dir, project.files[0]!.path), 1000)).toEqual({
      ok: false,
      message: 'The file could not be read: ENOENT.',
    });
  });
});

describe('paths', () => {
  it('exits 2 with one line for a path that does not exist', () => {
    const dir = tempDir();
    expectOneLineError(cli([path.join(dir, 'no', 'such', 'project')]), /No such file or folder/);
  });

  it('lints each file once when paths are repeated or overlap', () => {
    const dir = makeProject({ 'sfdx-project.json': SFDX_PROJECT, [`${PROFILES}/Broken.profile-meta.xml`]: BROKEN });
    const file = `${PROFILES}/Broken.profile-meta.xml`;
    for (const args of [
      ['.', '.'],
      ['.', 'force-app', `./${file}`, file],
      ['force-app', 'force-app/main', `force-app/../${file}`],
    ]) {
      const json = cli(['-f', 'json', ...args], { cwd: dir });
      expectFinished(json, [1]);
      expect(
        parseJsonOutput(json.stdout)
          .findings.filter((f) => f.ruleId === 'parse-error')
          .map((f) => f.file),
        args.join(' '),
      ).toEqual([file]);
    }
  });

  it('refuses package directories outside the project with one line', () => {
    for (const bad of ['../..', '/', '../outside']) {
      // The project sits in a folder of its own, so that the `outside` beside it is this test's, not the system temp folder's.
      const dir = makeProject(
        { 'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: bad }] }) },
        path.join(tempDir(), 'project'),
      );
      mkdirSync(path.join(dir, '..', 'outside'));
      expectOneLineError(cli([dir]), /outside the project/);
    }
  });
});
