// --fix, --fix-dry-run and --fix-type end to end (built bin): what is written, what is reported on stderr, exit codes.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.js';
import { makeProject, SFDX_PROJECT, xml } from '../support/fixtures.js';

const BIN = path.join(ROOT, 'bin', 'sfmeta-lint.js');

function cli(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const PROFILE = 'force-app/main/default/profiles/Portal.profile-meta.xml';
const portal = xml(
  'Profile',
  [
    '    <custom>true</custom>',
    '    <userLicense>Customer Community</userLicense>',
    '    <userPermissions>',
    '        <enabled>true</enabled>',
    '        <name>ViewSetup</name>',
    '    </userPermissions>',
  ].join('\n'),
);
const ONLY = ['--only', 'external-profile-admin-permissions'];

function project(): string {
  return makeProject({ 'sfdx-project.json': SFDX_PROJECT, [PROFILE]: portal });
}

describe('sfmeta-lint --fix', () => {
  it('refuses conflicting or incomplete fix flags with one line and exit 2', () => {
    const dir = project();
    expect(cli(['--fix', '--fix-dry-run'], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--fix and --fix-dry-run cannot be used together'),
    });
    expect(cli(['--fix-type', 'security'], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--fix-type needs --fix or --fix-dry-run'),
    });
    expect(cli(['--fix', '--fix-type', 'secrity'], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('did you mean security'),
    });
    expect(cli(['--fix', '--write-baseline'], dir).code).toBe(2);
    expect(readFileSync(path.join(dir, PROFILE), 'utf8')).toBe(portal);
    const help = cli(['--help'], dir).stdout;
    for (const flag of ['--fix ', '--fix-dry-run', '--fix-type <category>']) expect(help).toContain(flag);
    const rules = JSON.parse(cli(['--list-rules', '--format', 'json'], dir).stdout) as { id: string; fixable?: string }[];
    expect(rules.find((r) => r.id === 'external-profile-admin-permissions')?.fixable).toBe('fix');
    expect(rules.find((r) => r.id === 'parse-error')?.fixable).toBeUndefined();
  });

  it('--fix-dry-run writes nothing, says what --fix would do, and with --format json gives each finding its edits', () => {
    const dir = project();
    const run = cli(['--fix-dry-run', '--format', 'json', ...ONLY], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`sfmeta-lint: would fix 1 problem in ${PROFILE}\nsfmeta-lint: would fix 1 problem in 1 file\n`);
    expect(readFileSync(path.join(dir, PROFILE), 'utf8')).toBe(portal);
    const json = JSON.parse(run.stdout);
    expect(json.findings[0].fix.edits).toEqual([
      { file: PROFILE, startLine: 6, startColumn: 18, endLine: 6, endColumn: 22, text: 'false' },
    ]);
    expect(json.fixes).toEqual({ write: false, files: [{ file: PROFILE, fixed: 1, written: false }], passes: 1, problems: [] });
  });

  it('--fix writes the fix, reports it on stderr, exits on what remains, and a second --fix changes nothing', () => {
    const dir = project();
    const run = cli(['--fix', ...ONLY], dir);
    expect(run.stderr).toBe(`sfmeta-lint: fixed 1 problem in ${PROFILE}\nsfmeta-lint: fixed 1 problem in 1 file\n`);
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(dir, PROFILE), 'utf8')).toBe(portal.replace('<enabled>true</enabled>', '<enabled>false</enabled>'));
    const again = cli(['--fix', ...ONLY], dir);
    expect(again.stderr).toBe('sfmeta-lint: fixed 0 problems in 0 files\n');
    expect(again.code).toBe(0);
  });

  it('--fix-type keeps to its categories, and baselined findings are not fixed', () => {
    const dir = project();
    const other = cli(['--fix', '--fix-type', 'deployability', ...ONLY], dir);
    expect(other.code).toBe(1);
    expect(readFileSync(path.join(dir, PROFILE), 'utf8')).toBe(portal);
    expect(cli(['--write-baseline', ...ONLY], dir).code).toBe(0);
    const baselined = cli(['--fix', ...ONLY], dir);
    expect(baselined.code).toBe(0);
    expect(baselined.stderr).toContain('fixed 0 problems in 0 files');
    expect(readFileSync(path.join(dir, PROFILE), 'utf8')).toBe(portal);
    expect(cli(['--fix', '--no-baseline', '--fix-type', 'security', ...ONLY], dir).code).toBe(0);
    expect(readFileSync(path.join(dir, PROFILE), 'utf8')).toContain('<enabled>false</enabled>');
  });
});
