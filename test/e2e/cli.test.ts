// The CLI end to end (built bin): exit codes, formats, output files, rule flags, --list-rules, --explain, errors without stack traces.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { makeProject, SFDX_PROJECT, xml } from '../support/fixtures.js';
import { ROOT } from '../support/paths.js';

const BIN = path.join(ROOT, 'bin', 'sfmeta-lint.js');

function cli(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const disabled = xml('CommunitiesSettings', '    <enableNetworksEnabled>false</enableNetworksEnabled>');
const portalProfile = xml('Profile', '    <custom>true</custom>\n    <userLicense>Customer Community</userLicense>');

function project(communities = disabled) {
  return makeProject({
    'sfdx-project.json': SFDX_PROJECT,
    'force-app/main/default/settings/Communities.settings-meta.xml': communities,
    'force-app/main/default/profiles/Portal.profile-meta.xml': portalProfile,
  });
}

describe('sfmeta-lint CLI', () => {
  it('prints the version and help and exits 0', () => {
    const version = cli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    for (const flag of [
      '--format',
      '--output-file',
      '--config',
      '--fail-on',
      '--max-warnings',
      '--rule',
      '--disable-rule',
      '--list-rules',
      '--explain',
      '--quiet',
      '--no-color',
    ]) {
      expect(help.stdout).toContain(flag);
    }
  });

  it('exits 1 on an error finding, with stylish output at the exact line', () => {
    const dir = project();
    const run = cli([], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('force-app/main/default/settings/Communities.settings-meta.xml');
    expect(run.stdout).toMatch(/ 3:5 +error +Digital Experiences are disabled/);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('exits 0 when nothing reaches --fail-on, and honours --max-warnings', () => {
    const dir = project();
    expect(cli(['--fail-on', 'never'], dir).code).toBe(0);
    expect(cli(['--rule', 'digital-experiences-enabled=warning'], dir).code).toBe(0);
    expect(cli(['--rule', 'digital-experiences-enabled=warning', '--fail-on', 'warning'], dir).code).toBe(1);
    expect(cli(['--rule', 'digital-experiences-enabled=warning', '--max-warnings', '0'], dir).code).toBe(1);
    expect(cli(['--rule', 'digital-experiences-enabled=warning', '--max-warnings', '5'], dir).code).toBe(0);
    expect(cli(['--disable-rule', 'digital-experiences-enabled'], dir).code).toBe(0);
  });

  it('exits 0 on a clean project', () => {
    const dir = project(xml('CommunitiesSettings', '    <enableNetworksEnabled>true</enableNetworksEnabled>'));
    const run = cli(['--only', 'digital-experiences-enabled'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No problems found');
  });

  it('writes json and sarif to an output file, creating its folder', () => {
    const dir = project();
    const json = cli(['--format', 'json', '--output-file', 'out/report.json'], dir);
    expect(json.code).toBe(1);
    expect(json.stdout).toBe('');
    const doc = JSON.parse(readFileSync(path.join(dir, 'out', 'report.json'), 'utf8'));
    expect(doc.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('digital-experiences-enabled');
    const sarif = cli(['-f', 'sarif'], dir);
    expect(JSON.parse(sarif.stdout).version).toBe('2.1.0');
  });

  it('lists rules and explains one', () => {
    const list = cli(['--list-rules']);
    expect(list.code).toBe(0);
    for (const rule of RULES) expect(list.stdout).toContain(rule.meta.id);
    const explain = cli(['--explain', 'digital-experiences-enabled']);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toBe(readFileSync(path.join(ROOT, 'src/rules/digital-experiences-enabled/README.md'), 'utf8'));
  });

  it('exits 2 with one line and no stack trace on usage and configuration errors', () => {
    const dir = project();
    const cases: [string[], RegExp, string?][] = [
      [['does-not-exist'], /No such file or folder/],
      [['--format', 'xml'], /Unknown format "xml"/],
      [['--rule', 'no-such-rule'], /Unknown rule: no-such-rule/],
      [['--explain', 'no-such-rule'], /Unknown rule: no-such-rule/],
      [['--fail-on', 'sometimes'], /fail-on/],
      [['--max-warnings', '-3'], /max-warnings/],
      [[], /not valid JSON/, '{ "rules": '],
      [
        [],
        /rules\.digital-experiences-enabld: unknown rule; did you mean digital-experiences-enabled\?/,
        '{ "rules": { "digital-experiences-enabld": "error" } }',
      ],
      [[], /severity must be one of/, '{ "rules": { "digital-experiences-enabled": "loud" } }'],
      [[], /unknown key/, '{ "rulez": {} }'],
    ];
    for (const [args, message, config] of cases) {
      const cwd = config === undefined ? dir : makeProject({ 'sfdx-project.json': SFDX_PROJECT, 'sfmeta-lint.config.json': config });
      const run = cli(args, cwd);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('reads configuration from the project root: severities, overrides and ignores', () => {
    const dir = makeProject({
      'sfdx-project.json': SFDX_PROJECT,
      'force-app/main/default/settings/Communities.settings-meta.xml': disabled,
      'force-app/main/default/profiles/Portal.profile-meta.xml': portalProfile,
      '.sfmetalintrc.json': JSON.stringify({ rules: { 'digital-experiences-enabled': 'warning' } }),
    });
    const run = cli(['--format', 'json'], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).findings.find((f: { ruleId: string }) => f.ruleId === 'digital-experiences-enabled').severity).toBe(
      'warning',
    );

    const overridden = makeProject({
      'sfdx-project.json': SFDX_PROJECT,
      'force-app/main/default/settings/Communities.settings-meta.xml': disabled,
      'force-app/main/default/profiles/Portal.profile-meta.xml': portalProfile,
      'package.json': JSON.stringify({
        name: 'x',
        sfmetaLint: { overrides: [{ files: ['**/settings/**'], rules: { 'digital-experiences-enabled': 'off' } }] },
      }),
    });
    expect(cli(['--format', 'json'], overridden).stdout).not.toContain('"digital-experiences-enabled"');
  });

  it('creates no files in the project it lints', () => {
    const dir = project();
    cli(['--format', 'sarif'], dir);
    expect(existsSync(path.join(dir, '.sfmeta-lint-cache'))).toBe(false);
  });
});

describe('sfmeta-lint health and doctor', () => {
  it('health prints the Health Check table and honours --min-score', () => {
    const dir = makeProject({
      'sfdx-project.json': SFDX_PROJECT,
      'force-app/main/default/settings/Security.settings-meta.xml': xml(
        'SecuritySettings',
        '    <passwordPolicies>\n        <minimumPasswordLength>5</minimumPasswordLength>\n    </passwordPolicies>',
      ),
    });
    const text = cli(['health'], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Minimum password length +5 /);
    const doc = JSON.parse(cli(['health', '--format', 'json'], dir).stdout);
    expect(doc.score).toBeLessThan(100);
    expect(cli(['health', '--min-score', '100'], dir).code).toBe(1);
    expect(cli(['health', '--format', 'xml'], dir).code).toBe(2);
  });

  it('doctor walks the external-user path, exits 1 on a failing step and 2 on an unknown topic', () => {
    const dir = project();
    const run = cli(['doctor', 'external-users'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Digital Experiences');
    const json = JSON.parse(cli(['doctor', 'external-users', '--format', 'json'], dir).stdout);
    expect(json.failed).toBe(true);
    const unknown = cli(['doctor', 'internal-users'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown doctor topic/);
  });
});
