// The CLI under hostile conditions: stdout closed early, unwritable outputs, hostile bytes in every format, no network and no child processes.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_NAMES } from '../../src/formatters/index.js';
import { AS_NOBODY, cli, type CliRun, ensureBuilt, expectFinished, expectNoStackTrace, expectOneLineError } from '../support/cli.js';
import { makeProject as makeTree, NS, profile, PROFILES, PROLOG, SFDX_PROJECT, tempDir, treeHash } from '../support/fixtures.js';
import { BIN, SAMPLE } from '../support/paths.js';

const BROKEN = `${PROLOG}\n<Profile xmlns="${NS}">\n    <custom>true</userLicense>\n</Profile>\n`;

beforeAll(() => ensureBuilt(), 180_000);

/** Enough findings that the report is far bigger than a pipe's buffer. */
function bigProject(): string {
  const files: Record<string, string> = { 'sfdx-project.json': SFDX_PROJECT };
  for (let i = 0; i < 3000; i++) files[`${PROFILES}/P${i}.profile-meta.xml`] = BROKEN;
  return makeTree(files);
}

/** Every kind of hostile byte a report could carry: invalid UTF-8, escapes, bidi overrides, UTF-16, odd names. */
function hostileBytesProject(): string {
  const esc = '\u001b[31m';
  const dir = makeTree({
    'sfdx-project.json': SFDX_PROJECT,
    [`${PROFILES}/Latin1.profile-meta.xml`]: Buffer.concat([
      Buffer.from(`${PROLOG}\n<Profile xmlns="${NS}">\n<description>caf`),
      Buffer.from([0xe9, 0xff, 0xc3]),
      Buffer.from('</description></Profile>'),
    ]),
    [`${PROFILES}/Escape.profile-meta.xml`]: `${PROLOG}\n<Profile xmlns="${NS}">\n<${esc}x>1</${esc}x>\n</Profile>\n`,
    [`${PROFILES}/EscapeText.profile-meta.xml`]: `${PROLOG}\n<Profile xmlns="${NS}">\n<userLicense>Customer Community${esc}</userLicense>\n</Profile>\n`,
    [`${PROFILES}/EscapeRef.profile-meta.xml`]: `${PROLOG}\n<Profile xmlns="${NS}">\n<userLicense>Customer Community&#27;[31m&#10;::error::x</userLicense>\n</Profile>\n`,
    [`${PROFILES}/Bidi\u202eevil.profile-meta.xml`]: `${PROLOG}\n<Profile xmlns="${NS}">\n<a\u202e>x</b>\n</Profile>\n`,
    [`${PROFILES}/Tab\tName.profile-meta.xml`]: BROKEN,
    [`${PROFILES}/Utf16.profile-meta.xml`]: Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`${PROLOG}\n<Profile xmlns="${NS}">\n<a\ud83d\ude00>x</b>\n</Profile>\n`, 'utf16le'),
    ]),
    [`${PROFILES}/BadUtf16.profile-meta.xml`]: Buffer.from([0xff, 0xfe, 0x3c, 0x00, 0x00, 0xd8, 0x41]),
    [`${PROFILES}/Binary.profile-meta.xml`]: Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 131 + 7) & 0xff)),
  });
  return dir;
}

describe('stdout closed early', () => {
  let dir: string;
  beforeAll(() => {
    dir = bigProject();
  });

  it('`sfmeta-lint dir | head -1` prints one line and no EPIPE trace, in every format', () => {
    const errFile = path.join(tempDir(), 'stderr.txt');
    for (const format of ['stylish', 'json', 'sarif']) {
      const shell = `"${process.execPath}" "${BIN}" -f ${format} "${dir}" 2>"${errFile}" | head -1`;
      const run = spawnSync('sh', ['-c', shell], { encoding: 'utf8', timeout: 60_000 });
      expect(run.status, format).toBe(0);
      expect(run.stdout.split('\n').filter(Boolean), format).toHaveLength(1);
      const stderr = readFileSync(errFile, 'utf8');
      expect(stderr, format).toBe('');
    }
  });

  it('survives a closed stdout', () => {
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" "${dir}" >&-`], { encoding: 'utf8', timeout: 60_000 });
    expect([0, 1, 2]).toContain(run.status);
    expectNoStackTrace(run.stderr);
  });
});

describe('output files', () => {
  it('exits 2 with one line when the output folder cannot be created, and writes nothing else', () => {
    const dir = makeTree({ 'sfdx-project.json': SFDX_PROJECT, [`${PROFILES}/Broken.profile-meta.xml`]: BROKEN, 'a-file': 'x' });
    const before = treeHash(dir);
    expectOneLineError(cli(['-o', path.join(dir, 'a-file', 'sub', 'out.json'), '-f', 'json', dir]), /ENOTDIR|a-file/);
    expectOneLineError(cli(['-o', path.join(dir, 'force-app'), dir]), /EISDIR|force-app/);
    expect(treeHash(dir)).toBe(before);
  });

  it('exits 2 with one line when the output folder is on a file system that refuses it (/proc)', () => {
    const dir = makeTree({ 'sfdx-project.json': SFDX_PROJECT, [`${PROFILES}/Broken.profile-meta.xml`]: BROKEN });
    // Node's mkdirSync({ recursive: true }) spins forever when mkdir says ENOENT under an existing parent (procfs).
    const run = cli(['-o', '/proc/sfmeta-lint/out.json', dir], { timeout: 5_000 });
    expect(run.result.error ?? run.result.signal ?? null, 'the CLI finishes').toBeNull();
    expectOneLineError(run, /ENOENT/);
  });

  it('exits 2 with one line when the output folder is not writable', (ctx) => {
    if (!AS_NOBODY) ctx.skip('running as root without setpriv: chmod does not stop root from writing');
    const out = tempDir();
    mkdirSync(path.join(out, 'locked'));
    const dir = makeTree({ 'sfdx-project.json': SFDX_PROJECT, [`${PROFILES}/Broken.profile-meta.xml`]: BROKEN });
    // mkdtemp folders are private to their creator; open them (never the shared temp folder itself) to `nobody`.
    for (const d of [out, dir]) chmodSync(d, 0o755);
    chmodSync(path.join(out, 'locked'), 0o555);
    expectOneLineError(cli(['-o', path.join(out, 'locked', 'sub', 'out.json'), dir], { prefix: AS_NOBODY }), /EACCES/);
    expectOneLineError(cli(['-o', path.join(out, 'locked', 'out.json'), dir], { prefix: AS_NOBODY }), /EACCES/);
  });
});

describe('hostile bytes in reports', () => {
  let dir: string;
  beforeAll(() => {
    dir = hostileBytesProject();
  });

  for (const format of FORMAT_NAMES) {
    it(`${format}: valid UTF-8, no ANSI codes when stdout is not a terminal${['json', 'sarif'].includes(format) ? ', valid JSON' : ''}`, () => {
      const run = cli(['-f', format, dir]);
      expectFinished(run, [0, 1]);
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(run.stdout)).not.toThrow();
      expect(run.stdout.includes(0x1b), 'no ESC byte').toBe(false);
      expect(run.text).not.toMatch(/[\u0080-\u009f]/u);
      if (format === 'json' || format === 'sarif') {
        const parsed = JSON.parse(run.text) as Record<string, unknown>;
        expect(JSON.stringify(parsed)).not.toContain('\u001b');
      }
      if (format === 'github') {
        // A workflow command per finding: no line of the output may start a command the project wrote.
        expect(run.text).not.toMatch(/^::error::x/m);
      }
    });
  }

  it('reports every hostile file, or skips it with a reason', async () => {
    const { lint } = await import('../../src/api/index.js');
    const run = await lint({ cwd: dir });
    expect(run.internalErrors).toEqual([]);
    const reported = new Set(run.findings.filter((f) => f.ruleId === 'parse-error').map((f) => path.basename(f.location.file)));
    for (const name of ['Latin1', 'Escape', 'EscapeText', 'EscapeRef', 'Bidi\u202eevil', 'Tab\tName', 'Utf16', 'BadUtf16', 'Binary']) {
      expect(reported.has(`${name}.profile-meta.xml`), name).toBe(true);
    }
  });

  it('keeps escapes and line breaks in file names out of every report', () => {
    const named = makeTree({
      'sfdx-project.json': SFDX_PROJECT,
      [`${PROFILES}/Esc\u001b[31mName.profile-meta.xml`]: BROKEN,
      [`${PROFILES}/Line\n::warning::INJECTED.profile-meta.xml`]: BROKEN,
    });
    const leaking: string[] = [];
    for (const format of FORMAT_NAMES) {
      const run = cli(['-f', format, named]);
      expectFinished(run, [1]);
      if (run.stdout.includes(0x1b) || /^::warning::INJECTED/m.test(run.text)) leaking.push(format);
    }
    expect(leaking, 'formats that print control characters from file names').toEqual([]);
  });
});

describe('nothing in metadata can steer a CI log', () => {
  // GitHub Actions reads `::command::` at the start of any log line (after spaces), so no output may let text from the
  // project, its file names or its configuration start a line.
  const LEAK = /^\s*::warning::INJECTED/m;
  const leaks = (run: CliRun) => LEAK.test(run.text) || LEAK.test(run.stderr);
  const REPORTS: string[][] = [
    ...FORMAT_NAMES.map((format) => ['-f', format]),
    ...['text', 'json', 'markdown'].flatMap((format) => [
      ['health', '-f', format],
      ['doctor', 'external-users', '-f', format],
    ]),
  ];

  it('text values: a line break in an element, as &#10; or &#13;, stays inside its line in every report', () => {
    const dir = tempDir();
    cpSync(SAMPLE, dir, { recursive: true });
    for (const [i, file] of listXml(dir).entries()) {
      const text = readFileSync(file, 'utf8');
      const newline = i % 2 === 0 ? '&#10;' : '&#13;';
      // Values that rules quote (names, labels, licenses); true/false stay, so that the rules still fire.
      writeFileSync(file, text.replace(/>(?!true<|false<)([A-Za-z][^<\n]*)</g, `>$1${newline}::warning::INJECTED<`));
    }
    const leaking: string[] = [];
    let quoted = 0;
    for (const args of REPORTS) {
      const run = cli([...args, dir]);
      expectFinished(run, [0, 1]);
      if (leaks(run)) leaking.push(args.join(' '));
      if (run.text.includes('INJECTED')) quoted++;
    }
    expect(leaking).toEqual([]);
    // The injected text did reach the reports (in messages and related messages), made harmless.
    expect(quoted).toBeGreaterThan(REPORTS.length / 2);
  });

  it('file names: a line break in the name of a file, primary or related, stays inside its line in every report', () => {
    const dir = makeTree({
      'sfdx-project.json': SFDX_PROJECT,
      'force-app/main/default/settings/Communities.settings-meta.xml': `${PROLOG}\n<CommunitiesSettings xmlns="${NS}">\n    <enableNetworksEnabled>false</enableNetworksEnabled>\n</CommunitiesSettings>\n`,
      // An external profile, named from its file: the settings finding quotes it and points at it as related.
      [`${PROFILES}/Portal\n::warning::INJECTED.profile-meta.xml`]: profile(
        '    <custom>true</custom>\n    <userLicense>Customer Community</userLicense>',
      ),
      [`${PROFILES}/Broken\r::warning::INJECTED.profile-meta.xml`]: BROKEN,
    });
    const leaking: string[] = [];
    for (const args of REPORTS) {
      const run = cli([...args, dir]);
      expectFinished(run, [0, 1]);
      if (leaks(run)) leaking.push(args.join(' '));
    }
    expect(leaking).toEqual([]);
    const stylish = cli([dir]);
    expect(stylish.text).toMatch(/↳ force-app\/main\/default\/profiles\/Portal\uFFFD::warning::INJECTED\.profile-meta\.xml:4:5/);
  });

  it('rule options and related messages: an option echoed in a message or a related message stays inside its line', async () => {
    const { defineRule, runRules } = await import('../../src/engine/index.js');
    const { ProjectModel } = await import('../../src/model/index.js');
    const { FORMATTERS } = await import('../../src/formatters/index.js');
    const { describeRule, TOOL } = await import('../../src/api/index.js');
    const range = { startLine: 2, startColumn: 1, endLine: 2, endColumn: 5 };
    const echo = defineRule<{ label: string }>({
      meta: {
        id: 'echo-option',
        description: 'Echoes an option',
        category: 'correctness',
        defaultSeverity: 'error',
        tags: [],
        messages: { echo: 'The option says {{label}}.' },
        options: { label: { type: 'string', description: 'Any text' } },
        defaultOptions: { label: '' },
        needs: [],
      },
      check({ options, report }) {
        report({
          messageId: 'echo',
          data: { label: options.label },
          location: { file: 'force-app/a.xml', range, element: 'a' },
          related: [{ file: 'force-app/b.xml', range, element: 'b', message: `Set to ${options.label}` }],
        });
        throw new Error(`crashed on ${options.label}`);
      },
    });
    const injected = 'x\n::warning::INJECTED\r::warning::INJECTED\u2028y';
    const model = new ProjectModel([], []);
    const { findings, internalErrors } = runRules(model, [echo], {
      rules: { 'echo-option': { severity: 'error', options: { label: injected } } },
      overrides: [],
    });
    expect(findings).toHaveLength(1);
    const result = {
      tool: TOOL,
      root: '/project',
      repositoryPrefix: '',
      filesLinted: 2,
      filesSkipped: 0,
      findings,
      suppressed: findings.map((f) => ({ ...f, suppression: { kind: 'config' as const, justification: injected } })),
      internalErrors,
      rules: [describeRule(echo as never)],
    };
    const leaking = Object.entries(FORMATTERS)
      .filter(([, format]) => LEAK.test(format(result, { color: false, includeSuppressed: true })))
      .map(([name]) => name);
    expect(leaking).toEqual([]);
    expect(findings[0]!.message).toBe('The option says x\uFFFD::warning::INJECTED\uFFFD::warning::INJECTED\uFFFDy.');
  });

  it('configuration text echoed on stderr (a suppression reason, an unknown key) stays on one line', () => {
    const dir = makeTree({
      'sfdx-project.json': SFDX_PROJECT,
      [`${PROFILES}/Broken.profile-meta.xml`]: BROKEN,
      'sfmeta-lint.config.json': JSON.stringify({
        suppressions: [{ rule: 'parse-error', files: ['nothing/**'], reason: 'old\n::warning::INJECTED' }],
      }),
    });
    const unused = cli([dir]);
    expectFinished(unused, [1]);
    expect(unused.stderr).toContain('matched no finding');
    expect(leaks(unused)).toBe(false);
    const badKey = makeTree({
      'sfdx-project.json': SFDX_PROJECT,
      'sfmeta-lint.config.json': JSON.stringify({ rules: { 'x\n::warning::INJECTED': 'error' } }),
    });
    const run = cli([badKey]);
    expectOneLineError(run, /unknown rule/);
    expect(leaks(run)).toBe(false);
  });
});

function listXml(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.xml'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('isolation', () => {
  it('makes no network connection and starts no process while linting', () => {
    const hook = path.join(tempDir(), 'forbid.mjs');
    writeFileSync(
      hook,
      `import cp from 'node:child_process';
import net from 'node:net';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
const forbid = (what) => () => { process.stderr.write('FORBIDDEN ' + what + '\\n'); process.exit(99); };
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) cp[name] = forbid('child_process.' + name);
net.Socket.prototype.connect = forbid('net.connect');
net.connect = net.createConnection = forbid('net.connect');
dns.lookup = dns.resolve = forbid('dns');
globalThis.fetch = forbid('fetch');
syncBuiltinESMExports();
`,
    );
    const project = SAMPLE;
    const target = makeTree({ 'sfdx-project.json': SFDX_PROJECT, [`${PROFILES}/Broken.profile-meta.xml`]: BROKEN });
    for (const args of [
      ['-f', 'sarif', target],
      ['-f', 'json', project],
    ]) {
      const run = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
      expect(run.stderr).not.toContain('FORBIDDEN');
      expect([0, 1], run.stderr).toContain(run.status);
    }
  });

  it('turns a crash outside main() into one line and exit code 2', () => {
    const hook = path.join(tempDir(), 'crash.mjs');
    // Throws from a later tick once the CLI has started writing, as a stream or timer bug would.
    writeFileSync(
      hook,
      `const write = process.stdout.write.bind(process.stdout);\nprocess.stdout.write = (...a) => { setImmediate(() => { throw new TypeError('boom\\nsecond line'); }); return write(...a); };\n`,
    );
    const dir = makeTree({ 'sfdx-project.json': SFDX_PROJECT, [`${PROFILES}/Broken.profile-meta.xml`]: BROKEN });
    const run = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, BIN, dir], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('sfmeta-lint: internal error: boom\n');
  });
});
