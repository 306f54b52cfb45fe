// Adoption workflow end to end through the CLI: baselines, suppressions, changed-files mode, several outputs, exit codes after all of them.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, SFDX_PROJECT, xml } from '../support/fixtures.js';
import { ROOT } from '../support/paths.js';

const BIN = path.join(ROOT, 'bin', 'sfmeta-lint.js');
const SETTINGS = 'force-app/main/default/settings/Communities.settings-meta.xml';
const PROFILE = 'force-app/main/default/profiles/Portal.profile-meta.xml';

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const json = (stdout: string) =>
  JSON.parse(stdout) as {
    findings: { ruleId: string; startLine: number; file: string }[];
    suppressed: { ruleId: string; suppression: { kind: string; justification: string } }[];
  };

function adminGrant(permission: string): string {
  return `    <userPermissions>\n        <enabled>true</enabled>\n        <name>${permission}</name>\n    </userPermissions>`;
}

function project(extra: Record<string, string> = {}) {
  return makeProject({
    'sfdx-project.json': SFDX_PROJECT,
    [SETTINGS]: xml('CommunitiesSettings', '    <enableNetworksEnabled>false</enableNetworksEnabled>'),
    [PROFILE]: xml('Profile', `    <custom>true</custom>\n    <userLicense>Customer Community</userLicense>\n${adminGrant('ViewSetup')}`),
    ...extra,
  });
}

const RULES = ['--only', 'digital-experiences-enabled', '--only', 'external-profile-admin-permissions'];

describe('baseline', () => {
  it('records findings, hides them, survives reformatting, and reports only new ones', () => {
    const dir = project();
    expect(cli([...RULES], dir).code).toBe(1);
    const write = cli([...RULES, '--write-baseline'], dir);
    expect(write.code).toBe(0);
    const baseline = JSON.parse(readFileSync(path.join(dir, 'sfmeta-lint-baseline.json'), 'utf8'));
    expect(baseline.entries.map((e: { rule: string; element: string }) => `${e.rule} ${e.element}`)).toEqual([
      'external-profile-admin-permissions userPermissions[name=ViewSetup]/enabled',
      'digital-experiences-enabled enableNetworksEnabled',
    ]);
    expect(cli([...RULES], dir).code).toBe(0);

    // Reformat: lines added above must not resurrect the recorded findings.
    const file = path.join(dir, PROFILE);
    writeFileSync(file, readFileSync(file, 'utf8').replace('<custom>', '<description>Portal users</description>\n\n    <custom>'));
    const reformatted = cli([...RULES, '-f', 'json'], dir);
    expect(reformatted.code).toBe(0);
    expect(json(reformatted.stdout).suppressed.map((s) => s.suppression.kind)).toEqual(['baseline', 'baseline']);

    // A new problem is reported.
    writeFileSync(file, readFileSync(file, 'utf8').replace('</Profile>', `${adminGrant('AuthorApex')}\n</Profile>`));
    const added = cli([...RULES, '-f', 'json'], dir);
    expect(added.code).toBe(1);
    expect(json(added.stdout).findings.map((f) => f.ruleId)).toEqual(['external-profile-admin-permissions']);
    expect(cli([...RULES, '--no-baseline'], dir).code).toBe(1);
  });

  it('reports stale entries and prunes them into a sorted, stable file', () => {
    const dir = project();
    cli([...RULES, '--write-baseline', 'ci/baseline.json'], dir);
    writeFileSync(path.join(dir, SETTINGS), xml('CommunitiesSettings', '    <enableNetworksEnabled>true</enableNetworksEnabled>'));
    const stale = cli([...RULES, '--baseline', 'ci/baseline.json'], dir);
    expect(stale.code).toBe(0);
    expect(stale.stderr).toContain('1 baseline entries no longer match a finding');
    cli([...RULES, '--baseline', 'ci/baseline.json', '--prune-baseline'], dir);
    const pruned = readFileSync(path.join(dir, 'ci/baseline.json'), 'utf8');
    expect(JSON.parse(pruned).entries).toHaveLength(1);
    cli([...RULES, '--write-baseline', 'ci/again.json'], dir);
    expect(readFileSync(path.join(dir, 'ci/again.json'), 'utf8')).toBe(pruned);
    expect(cli([...RULES, '--baseline', 'ci/baseline.json'], dir).stderr).toBe('');
  });

  it('right after --write-baseline the next run is clean, with inline suppressions used and unused (issue 11)', () => {
    const rules = [...RULES, '--only', 'unused-suppression', '--fail-on', 'note'];
    const dir = project({
      [SETTINGS]: xml(
        'CommunitiesSettings',
        '    <!-- sfmeta-lint-disable-next-line digital-experiences-enabled -- enabled at deploy time -->\n    <enableNetworksEnabled>false</enableNetworksEnabled>',
      ),
      [PROFILE]: xml(
        'Profile',
        `    <!-- sfmeta-lint-disable-next-line external-profile-admin-permissions -- nothing left here -->\n    <custom>true</custom>\n    <userLicense>Customer Community</userLicense>\n${adminGrant('ViewSetup')}`,
      ),
    });
    const before = json(cli([...rules, '-f', 'json'], dir).stdout);
    expect(before.findings.map((f) => f.ruleId).sort()).toEqual(['external-profile-admin-permissions', 'unused-suppression']);
    expect(before.suppressed.map((s) => s.suppression.kind)).toEqual(['inline']);

    expect(cli([...rules, '--write-baseline'], dir).code).toBe(0);
    const baseline = JSON.parse(readFileSync(path.join(dir, 'sfmeta-lint-baseline.json'), 'utf8'));
    // The inline-suppressed finding is not recorded (the comment keeps hiding it); the unused comment is.
    expect(baseline.entries.map((e: { rule: string }) => e.rule).sort()).toEqual([
      'external-profile-admin-permissions',
      'unused-suppression',
    ]);

    const after = cli([...rules], dir);
    expect(after.code).toBe(0);
    expect(after.stderr).toBe('');
    expect(after.stdout).toMatch(/^No problems found in 2 files\. 3 findings hidden by suppressions or the baseline\.\n$/);
  });

  it('rejects a broken baseline file with exit code 2', () => {
    const dir = project({ 'sfmeta-lint-baseline.json': '{"version": 7}' });
    const run = cli([...RULES], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not a valid baseline/);
  });
});

describe('suppressions', () => {
  it('inline comments hide a finding on the next line or in the file; JSON lists it, SARIF only when asked', () => {
    const dir = project({
      [SETTINGS]: xml(
        'CommunitiesSettings',
        '    <!-- sfmeta-lint-disable-next-line digital-experiences-enabled -- enabled at deploy time -->\n    <enableNetworksEnabled>false</enableNetworksEnabled>',
      ),
    });
    const run = cli([...RULES, '-f', 'json'], dir);
    const doc = json(run.stdout);
    expect(doc.findings.map((f) => f.ruleId)).toEqual(['external-profile-admin-permissions']);
    expect(doc.suppressed).toMatchObject([
      { ruleId: 'digital-experiences-enabled', suppression: { kind: 'inline', justification: 'enabled at deploy time' } },
    ]);
    // GitHub code scanning ignores `suppressions`: by default SARIF leaves suppressed findings out.
    const sarif = JSON.parse(cli([...RULES, '-f', 'sarif'], dir).stdout);
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['external-profile-admin-permissions']);
    const kept = JSON.parse(cli([...RULES, '-f', 'sarif', '--sarif-include-suppressed'], dir).stdout);
    const suppressed = kept.runs[0].results.filter((r: { suppressions?: unknown[] }) => r.suppressions);
    expect(suppressed).toMatchObject([
      { ruleId: 'digital-experiences-enabled', suppressions: [{ kind: 'inSource', justification: 'enabled at deploy time' }] },
    ]);
  });

  it('config suppressions need a reason, apply until they expire, and are reported when unused', () => {
    const config = (expires: string) =>
      JSON.stringify({
        suppressions: [
          {
            rule: 'external-profile-admin-permissions',
            files: ['**/profiles/Portal.*'],
            element: 'userPermissions[name=ViewSetup]',
            reason: 'Portal admins, JIRA-42',
            expires,
          },
          { rule: 'digital-experiences-enabled', files: ['**/nothing/**'], reason: 'never matches' },
        ],
      });
    const dir = project({ 'sfmeta-lint.config.json': config('2999-01-01') });
    const active = cli([...RULES, '-f', 'json'], dir);
    expect(json(active.stdout).suppressed.map((s) => s.suppression)).toEqual([{ kind: 'config', justification: 'Portal admins, JIRA-42' }]);
    expect(active.stderr).toContain('the configured suppression of digital-experiences-enabled (never matches) matched no finding');

    const expired = project({ 'sfmeta-lint.config.json': config('2020-01-01') });
    const run = cli([...RULES, '-f', 'json'], expired);
    expect(json(run.stdout).findings.map((f) => f.ruleId)).toContain('external-profile-admin-permissions');
    expect(run.stderr).toContain('expired on 2020-01-01');

    const noReason = project({ 'sfmeta-lint.config.json': JSON.stringify({ suppressions: [{ rule: 'digital-experiences-enabled' }] }) });
    const bad = cli([...RULES], noReason);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/suppressions\[0\]\.reason: is required/);
  });
});

describe('rule options in overrides', () => {
  const profile = (license: string, permission: string) =>
    xml('Profile', `    <custom>true</custom>\n    <userLicense>${license}</userLicense>\n${adminGrant(permission)}`);
  const PARTNER = 'force-app/main/default/profiles/Partner.profile-meta.xml';
  const option = (files: string[], allow: string[]) => ({
    files,
    rules: { 'external-profile-admin-permissions': ['error', { additionalPermissions: allow }] },
  });

  it('apply to the files they match, and --print-config shows them (issue 11)', () => {
    const dir = makeProject({
      'sfdx-project.json': SFDX_PROJECT,
      [PROFILE]: profile('Customer Community', 'ManageInternalUsers'),
      [PARTNER]: profile('Partner Community', 'ManageInternalUsers'),
      'sfmeta-lint.config.json': JSON.stringify({ overrides: [option(['**/profiles/Portal.*'], ['ManageInternalUsers'])] }),
    });
    const run = json(cli(['--only', 'external-profile-admin-permissions', '-f', 'json'], dir).stdout);
    expect(run.findings.map((f) => `${f.file}:${f.startLine}`)).toEqual([`${PROFILE}:6`]);

    const inForce = (file: string) =>
      JSON.parse(cli(['--print-config', file], dir).stdout).rules['external-profile-admin-permissions'] as object;
    expect(inForce(PROFILE)).toEqual({ severity: 'error', options: { additionalPermissions: ['ManageInternalUsers'] } });
    expect(inForce(PARTNER)).toEqual({ severity: 'error', options: { additionalPermissions: [] } });
  });

  it('a later override replaces the options; a severity alone keeps them; the command line sets the severity everywhere', () => {
    const dir = makeProject({
      'sfdx-project.json': SFDX_PROJECT,
      [PROFILE]: profile('Customer Community', 'ManageInternalUsers'),
      [PARTNER]: profile('Partner Community', 'ManageRoles'),
      'sfmeta-lint.config.json': JSON.stringify({
        overrides: [
          option(['**/profiles/*'], ['ManageInternalUsers']),
          option(['**/profiles/Partner.*'], ['ManageRoles']),
          { files: ['**/profiles/Partner.*'], rules: { 'external-profile-admin-permissions': 'warning' } },
        ],
      }),
    });
    const findings = (...args: string[]) =>
      json(cli(['--only', 'external-profile-admin-permissions', '-f', 'json', ...args], dir).stdout).findings.map(
        (f) => `${f.file} ${(f as unknown as { severity: string }).severity}`,
      );
    expect(findings()).toEqual([`${PARTNER} warning`, `${PROFILE} error`]);
    expect(findings('--rule', 'external-profile-admin-permissions=note')).toEqual([`${PARTNER} note`, `${PROFILE} note`]);
    expect(findings('--disable-rule', 'external-profile-admin-permissions')).toEqual([]);
  });

  it('decide a cross-file finding by its primary location: the rule runs once per option set', () => {
    const set = (name: string, ...grants: string[]) =>
      xml('PermissionSet', [`    <label>${name}</label>`, ...grants.map(adminGrant)].join('\n'));
    const group = (name: string) =>
      xml(
        'PermissionSetGroup',
        `    <label>${name}</label>\n    <permissionSets>Data_Steward</permissionSets>\n    <permissionSets>User_Admin</permissionSets>\n    <status>Updated</status>`,
      );
    const GROUPS = 'force-app/main/default/permissionsetgroups';
    const dir = makeProject({
      'sfdx-project.json': SFDX_PROJECT,
      'force-app/main/default/permissionsets/Data_Steward.permissionset-meta.xml': set('Data Steward', 'ModifyAllData', 'ViewAllData'),
      'force-app/main/default/permissionsets/User_Admin.permissionset-meta.xml': set('User Admin', 'ManageUsers'),
      [`${GROUPS}/Ops_Group.permissionsetgroup-meta.xml`]: group('Ops Group'),
      [`${GROUPS}/Break_Glass.permissionsetgroup-meta.xml`]: group('Break Glass'),
      // The option names Break_Glass, but applies only on Ops_Group's file: Break_Glass's own file keeps the default.
      'sfmeta-lint.config.json': JSON.stringify({
        overrides: [
          { files: [`${GROUPS}/Ops_Group.*`], rules: { 'super-admin-equivalent': ['error', { allow: ['Ops_Group', 'Break_Glass'] }] } },
        ],
      }),
    });
    const run = json(cli(['--only', 'super-admin-equivalent', '-f', 'json'], dir).stdout);
    expect(run.findings.map((f) => `${f.ruleId} ${f.file}`)).toEqual([
      `super-admin-equivalent ${GROUPS}/Break_Glass.permissionsetgroup-meta.xml`,
    ]);
  });
});

describe('changed files', () => {
  const git = (dir: string, ...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      stdio: 'pipe',
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' },
    });

  it('--changed-since and --staged report only changed files but keep the project as context', () => {
    const dir = project();
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'start');
    expect(json(cli([...RULES, '-f', 'json', '--changed-since', 'HEAD'], dir).stdout).findings).toEqual([]);

    // Only the profile changes; the settings finding (caused by the profile being external) is cross-file.
    const file = path.join(dir, PROFILE);
    writeFileSync(file, readFileSync(file, 'utf8').replace('<custom>', '<description>x</description>\n    <custom>'));
    const changed = json(cli([...RULES, '-f', 'json', '--changed-since', 'HEAD'], dir).stdout);
    expect(changed.findings.map((f) => f.ruleId).sort()).toEqual(['digital-experiences-enabled', 'external-profile-admin-permissions']);
    expect(json(cli([...RULES, '-f', 'json', '--staged'], dir).stdout).findings).toEqual([]);
    git(dir, 'add', PROFILE);
    expect(json(cli([...RULES, '-f', 'json', '--staged'], dir).stdout).findings.length).toBe(2);

    const badRef = cli([...RULES, '--changed-since', 'no-such-ref'], dir);
    expect(badRef.code).toBe(2);
    expect(badRef.stderr).toMatch(/^sfmeta-lint: git diff/);
  });

  it('files given as arguments are the targets and the project the context (pre-commit style)', () => {
    const dir = project();
    const run = json(cli([...RULES, '-f', 'json', SETTINGS], dir).stdout);
    // The settings finding needs the profile (context) to know external users exist.
    expect(run.findings.map((f) => `${f.ruleId} ${f.file}`)).toEqual([`digital-experiences-enabled ${SETTINGS}`]);
  });
});

describe('outputs and exit codes', () => {
  it('writes several formats in one run', () => {
    const dir = project();
    const run = cli(
      [...RULES, '-f', 'json', '-o', '/dev/null', '-f', 'stylish', '--output', 'sarif=out/r.sarif', '--output', 'json=out/r.json'],
      dir,
    );
    expect(run.stdout).toContain('problems');
    expect(JSON.parse(readFileSync(path.join(dir, 'out/r.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(json(readFileSync(path.join(dir, 'out/r.json'), 'utf8')).findings).toHaveLength(2);
    expect(cli(['-f', 'json', '-f', 'sarif'], dir).code).toBe(2);
  });

  it('--fail-on and --max-warnings apply after the baseline and suppressions', () => {
    const dir = project();
    cli([...RULES, '--write-baseline'], dir);
    expect(cli([...RULES, '--fail-on', 'note', '--max-warnings', '0'], dir).code).toBe(0);
  });
});
