// The CLI end to end (built bin): exit codes, formats, output files, rule flags, --list-rules, --explain, errors without stack traces.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { DEFAULT_CACHE_FILE } from '../../src/config/defaults.js';
import { RULES } from '../../src/rules/index.js';
import { makeProject, SFDX_PROJECT, xml } from '../support/fixtures.js';
import { ROOT } from '../support/paths.js';

const BIN = path.join(ROOT, 'bin', 'sfmeta-lint.js');

function cli(args: string[], cwd = ROOT, env: Record<string, string | undefined> = { NO_COLOR: '1' }) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !['NO_COLOR', 'FORCE_COLOR', 'TERM'].includes(name)));
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...inherited, ...env } });
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

  it('lists rules, as a table or as JSON, and explains one', () => {
    const list = cli(['--list-rules']);
    expect(list.code).toBe(0);
    for (const rule of RULES) expect(list.stdout).toContain(rule.meta.id);
    const asJson = cli(['--list-rules', '--format', 'json']);
    expect(asJson.code).toBe(0);
    const listed = JSON.parse(asJson.stdout) as { id: string; defaultSeverity: string; options: object; docs: string }[];
    expect(listed.map((r) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    for (const [i, r] of listed.entries()) {
      expect(r).toMatchObject({ defaultSeverity: RULES[i]!.meta.defaultSeverity, options: RULES[i]!.meta.options });
      expect(r.docs).toMatch(new RegExp(`^https://.*/${r.id}/README\\.md$`));
    }
    expect(cli(['--list-rules', '--format', 'sarif']).code).toBe(2);
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
      [['--explain', 'no-such-rule'], /--explain no-such-rule: unknown rule/],
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
      expect(run.stderr.split('\n'), `${args.join(' ')}: one line`).toHaveLength(2);
      expect(run.stdout).toBe('');
    }
  });

  it('an unknown option or a bad value is one line naming it, with a suggestion where one is close, and exit 2', () => {
    const dir = project();
    const cases: [string[], string][] = [
      [['--formt', 'json'], "unknown option '--formt'; did you mean --format?"],
      [['--no-colour'], "unknown option '--no-colour'; did you mean --no-color?"],
      [
        ['--fail-on', 'warn'],
        "option '--fail-on <level>' argument 'warn' is invalid. Expected one of error, warning, note, never; did you mean warning?",
      ],
      [
        ['--fail-on', 'sometimes'],
        "option '--fail-on <level>' argument 'sometimes' is invalid. Expected one of error, warning, note, never.",
      ],
      [
        ['-f', 'sarf'],
        'Unknown format "sarf": expected one of stylish, json, sarif, junit, github, gitlab, markdown, rdjson; did you mean sarif?',
      ],
      [
        ['--rule', 'digital-experiences-enabled=warn'],
        '--rule digital-experiences-enabled=warn: the severity must be one of off, note, warning, error; did you mean warning?',
      ],
      [
        ['--rule', 'digital-experience-enabled'],
        'Unknown rule: digital-experience-enabled; did you mean digital-experiences-enabled? (see --list-rules)',
      ],
      [['--only', 'parse-eror'], 'Unknown rule: parse-eror; did you mean parse-error? (see --list-rules)'],
      [
        ['--disable-rule', 'duplicate-components'],
        'Unknown rule: duplicate-components; did you mean duplicate-component? (see --list-rules)',
      ],
      [
        ['--explain', 'guest-profile-user-permission'],
        '--explain guest-profile-user-permission: unknown rule; did you mean guest-profile-user-permissions? (see --list-rules)',
      ],
      [['--only', 'zzzz'], 'Unknown rule: zzzz (see --list-rules)'],
      [['helth'], 'No such file or folder: helth; did you mean the health command?'],
      [
        ['health', '--format', 'jsn'],
        "option '-f, --format <name>' argument 'jsn' is invalid. Expected one of text, json, markdown; did you mean json?",
      ],
    ];
    for (const [args, line] of cases) {
      const run = cli(args, dir);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toBe(`sfmeta-lint: ${line}\n`);
      expect(run.stdout, args.join(' ')).toBe('');
    }
  });

  it('--help and --version do not load the linter', () => {
    const hooks = path.join(makeProject({}), 'hooks.mjs');
    const log = `${hooks}.log`;
    writeFileSync(
      hooks,
      `import { appendFileSync } from 'node:fs';\nexport async function resolve(specifier, context, next) {\n  const result = await next(specifier, context);\n  appendFileSync(${JSON.stringify(log)}, result.url + '\\n');\n  return result;\n}\n`,
    );
    const register = path.join(path.dirname(hooks), 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    for (const flag of ['--help', '--version']) {
      writeFileSync(log, '');
      const run = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, BIN, flag], { encoding: 'utf8' });
      expect(run.status, flag).toBe(0);
      const loaded = readFileSync(log, 'utf8');
      expect(loaded, flag).toContain('/dist/cli/index.js');
      for (const heavy of ['/dist/api/', '/dist/rules/', '/dist/engine/', '/dist/model/', '/dist/extraction/', '/node_modules/glob/'])
        expect(loaded, `${flag} loads ${heavy}`).not.toContain(heavy);
    }
  });

  it('--staged and --changed-since outside a git repository: "not a git repository" and exit 2', () => {
    const dir = project();
    for (const args of [['--staged'], ['--changed-since', 'main']]) {
      const run = cli(args, dir);
      expect(run.code, args[0]).toBe(2);
      expect(run.stderr, args[0]).toBe(`sfmeta-lint: ${args[0]} needs git, and ${dir} is not a git repository (nor inside one).\n`);
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

describe('habits', () => {
  const warningProject = () =>
    makeProject({
      'sfdx-project.json': SFDX_PROJECT,
      'force-app/main/default/settings/Communities.settings-meta.xml': disabled,
      'force-app/main/default/profiles/Portal.profile-meta.xml': portalProfile,
      'sfmeta-lint.config.json': JSON.stringify({ rules: { 'digital-experiences-enabled': 'warning' } }),
    });

  it('-q never prints "No problems found" when findings fail the run, and says what it leaves out', () => {
    const dir = warningProject();
    for (const args of [
      ['--fail-on', 'warning'],
      ['--max-warnings', '0'],
    ]) {
      const run = cli(['-q', ...args], dir);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stdout, args.join(' ')).not.toContain('No problems found');
      expect(run.stdout, args.join(' ')).toMatch(/ 3:5 +warning +Digital Experiences are disabled/);
      expect(run.stdout).toMatch(/\n1 problem \(0 errors, 1 warning, 0 notes\) in 2 files\. \d+ more findings not shown \(--quiet\)\.\n$/);
    }
    const passing = cli(['-q'], dir);
    expect(passing.code).toBe(0);
    expect(passing.stdout).toMatch(/^No problems shown in 2 files\. \d+ more findings not shown \(--quiet\)\.\n$/);
  });

  it('colour follows --color/--no-color, then FORCE_COLOR, then NO_COLOR and TERM=dumb', () => {
    const dir = project();
    const coloured = (args: string[], env: Record<string, string>) => cli(args, dir, env).stdout.includes('\u001b[');
    // stdout is a pipe here: no colour unless asked for.
    expect(coloured([], {})).toBe(false);
    expect(coloured(['--color'], {})).toBe(true);
    expect(coloured(['--color'], { NO_COLOR: '1', TERM: 'dumb' })).toBe(true);
    expect(coloured([], { FORCE_COLOR: '1' })).toBe(true);
    expect(coloured([], { FORCE_COLOR: '' })).toBe(true);
    expect(coloured([], { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    expect(coloured([], { FORCE_COLOR: '0' })).toBe(false);
    expect(coloured(['--no-color'], { FORCE_COLOR: '1' })).toBe(false);
    // Reports written to files never carry colour.
    cli(['--color', '-o', 'out.txt'], dir, {});
    expect(readFileSync(path.join(dir, 'out.txt'), 'utf8')).not.toContain('\u001b[');
  });

  it('on a terminal, NO_COLOR and TERM=dumb turn colour off, and FORCE_COLOR or --color turn it back on', async () => {
    const dir = project();
    const coloured = async (args: string[], env: Record<string, string>) => {
      let out = '';
      const io = { stdout: (t: string) => void (out += t), stderr: () => undefined, isTTY: true, stderrIsTTY: false, env, cwd: dir };
      await main(args, io);
      return out.includes('\u001b[');
    };
    expect(await coloured([], {})).toBe(true);
    expect(await coloured([], { NO_COLOR: '1' })).toBe(false);
    expect(await coloured([], { NO_COLOR: '' })).toBe(true);
    expect(await coloured([], { TERM: 'dumb' })).toBe(false);
    expect(await coloured([], { TERM: 'dumb', FORCE_COLOR: '1' })).toBe(true);
    expect(await coloured(['--color'], { NO_COLOR: '1' })).toBe(true);
    expect(await coloured(['--no-color'], {})).toBe(false);
  });

  it('expands glob arguments relative to the current folder, quoted or not', () => {
    const dir = makeProject({
      'sfdx-project.json': SFDX_PROJECT,
      'force-app/main/default/profiles/Broken.profile-meta.xml': '<Profile>',
      'force-app/main/default/layouts/Broken-Layout.layout-meta.xml': '<Layout>',
    });
    const files = (stdout: string) => (JSON.parse(stdout) as { findings: { file: string }[] }).findings.map((f) => f.file);
    const quoted = cli(['-f', 'json', 'force-app/**/profiles/*'], dir);
    expect(quoted.code).toBe(1);
    expect(files(quoted.stdout)).toEqual(['force-app/main/default/profiles/Broken.profile-meta.xml']);
    // Unquoted, sh has no `**`: it finds nothing and passes the pattern on, which sfmeta-lint expands itself.
    const unquoted = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" -f json force-app/**/layouts/*.xml`], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(files(unquoted.stdout)).toEqual(['force-app/main/default/layouts/Broken-Layout.layout-meta.xml']);
    const none = cli(['force-app/**/flows/*'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('sfmeta-lint: No file or folder matches force-app/**/flows/*\n');
  });

  it('init writes a starter config with $schema and the .gitignore line, and never overwrites a config', () => {
    const dir = makeProject({ 'sfdx-project.json': SFDX_PROJECT, '.gitignore': 'node_modules', 'force-app/main/default/x.txt': '' });
    const sub = path.join(dir, 'force-app');
    const init = cli(['init'], sub);
    expect(init.code).toBe(0);
    const config = JSON.parse(readFileSync(path.join(dir, 'sfmeta-lint.config.json'), 'utf8'));
    const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    expect(config).toEqual({
      $schema: `https://raw.githubusercontent.com/sfmeta-lint/sfmeta-lint/v${version}/schema/sfmeta-lint.config.schema.json`,
      rules: {},
      ignores: [],
      overrides: [],
      suppressions: [],
    });
    const ignored = `node_modules\n# sfmeta-lint --cache\n/${DEFAULT_CACHE_FILE}\n`;
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe(ignored);
    // The starter config is valid: the project lints with it.
    expect(cli([], dir).code).toBe(0);
    const again = cli(['init'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      `sfmeta-lint: ${path.join(dir, 'sfmeta-lint.config.json')} already holds a configuration; init leaves it as it is.\n`,
    );
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe(ignored);

    // Installed as a package: the schema beside it, which editors read offline; an ignored cache is left alone.
    const installed = makeProject({ 'sfdx-project.json': SFDX_PROJECT, '.gitignore': `${DEFAULT_CACHE_FILE}\n` });
    mkdirSync(path.join(installed, 'node_modules/sfmeta-lint/schema'), { recursive: true });
    writeFileSync(path.join(installed, 'node_modules/sfmeta-lint/schema/sfmeta-lint.config.schema.json'), '{}');
    expect(cli(['init'], installed).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(installed, 'sfmeta-lint.config.json'), 'utf8')).$schema).toBe(
      './node_modules/sfmeta-lint/schema/sfmeta-lint.config.schema.json',
    );
    expect(readFileSync(path.join(installed, '.gitignore'), 'utf8')).toBe(`${DEFAULT_CACHE_FILE}\n`);
    // A configuration in package.json counts too.
    const inPackage = makeProject({ 'sfdx-project.json': SFDX_PROJECT, 'package.json': '{"sfmetaLint": {}}' });
    expect(cli(['init'], inPackage).code).toBe(2);
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
