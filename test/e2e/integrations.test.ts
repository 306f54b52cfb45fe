// The integrations shipped in the repository, run as far as this machine allows: the pre-commit hook and the GitHub Action's lint step.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeProject, SFDX_PROJECT, xml } from '../support/fixtures.js';
import { listFiles } from '../support/harness.js';
import { ROOT } from '../support/paths.js';

const BIN = path.join(ROOT, 'bin', 'sfmeta-lint.js');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function badProject() {
  return makeProject({
    'sfdx-project.json': SFDX_PROJECT,
    'force-app/main/default/settings/Communities.settings-meta.xml': xml(
      'CommunitiesSettings',
      '    <enableNetworksEnabled>false</enableNetworksEnabled>',
    ),
    'force-app/main/default/profiles/Portal.profile-meta.xml': xml('Profile', '    <userLicense>Customer Community</userLicense>'),
    'README.md': '# project',
  });
}

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
    id: string;
    entry: string;
    language: string;
    files: string;
    pass_filenames: boolean;
  }[];
  const hook = hooks[0]!;

  it('declares a node hook whose entry is the package binary', () => {
    expect(hook).toMatchObject({ id: 'sfmeta-lint', language: 'node', pass_filenames: true });
    expect(Object.keys(pkg.bin)).toContain(hook.entry);
  });

  it('selects metadata files and nothing else', () => {
    const pattern = new RegExp(hook.files);
    const sample = listFiles(path.join(ROOT, 'sample-project')).map((f) => path.relative(ROOT, f));
    expect(sample.filter((f) => f.endsWith('-meta.xml')).every((f) => pattern.test(f))).toBe(true);
    expect(pattern.test('sample-project/README.md')).toBe(false);
    expect(pattern.test('sample-project/sfdx-project.json')).toBe(false);
    expect(pattern.test('src/layouts/Contact-Contact Layout.layout')).toBe(true);
  });

  it('runs as pre-commit would: the matching files as arguments, from the repository root', () => {
    const dir = badProject();
    const pattern = new RegExp(hook.files);
    const staged = listFiles(dir)
      .map((f) => path.relative(dir, f))
      .filter((f) => pattern.test(f));
    const run = spawnSync(process.execPath, [BIN, ...staged], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Communities.settings-meta.xml');
  });
});

describe('action.yml', () => {
  const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default: string }>;
    runs: { using: string; steps: { id?: string; run?: string; env?: Record<string, string>; uses?: string }[] };
  };
  const step = action.runs.steps.find((s) => s.id === 'lint')!;

  it('is a composite action whose expressions name declared inputs, and uploads SARIF', () => {
    expect(action.runs.using).toBe('composite');
    const text = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
    for (const [, name] of text.matchAll(/inputs\.([a-z-]+)/g)) expect(Object.keys(action.inputs)).toContain(name);
    expect(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
  });

  it('its lint step writes annotations, SARIF, a job summary and the exit code', () => {
    const dir = badProject();
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'sfmeta-action-'));
    const env = {
      ...process.env,
      SFMETA_PATHS: '.',
      SFMETA_FAIL_ON: action.inputs['fail-on']!.default,
      SFMETA_BASELINE: '',
      SFMETA_CHANGED_SINCE: '',
      SFMETA_VERSION: 'latest',
      SFMETA_COMMAND: `${process.execPath} ${BIN}`,
      RUNNER_TEMP: tmp,
      GITHUB_OUTPUT: path.join(tmp, 'output'),
      GITHUB_STEP_SUMMARY: path.join(tmp, 'summary.md'),
    };
    const run = spawnSync('bash', ['-c', step.run!], { cwd: dir, env, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^::error file=force-app\/main\/default\/settings\/Communities\.settings-meta\.xml,line=3,/m);
    const outputs = readFileSync(env.GITHUB_OUTPUT, 'utf8');
    expect(outputs).toContain('exit-code=1');
    const sarifFile = /sarif-file=(.*)/.exec(outputs)![1]!;
    expect(JSON.parse(readFileSync(sarifFile, 'utf8')).runs[0].results.length).toBeGreaterThan(0);
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toContain('digital-experiences-enabled');
  });
});
