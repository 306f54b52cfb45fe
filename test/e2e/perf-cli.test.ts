// The performance features on the command line: worker threads give the same reports as inline extraction, even on
// hostile files; --debug shows where the time went; the progress line shows on a terminal only, after a second.
import { execFileSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { progressLine } from '../../src/cli/index.js';
import { cli, ensureBuilt } from '../support/cli.js';
import { makeProject as makeTree, NS, PROFILES, PROLOG, SFDX_PROJECT, tempDir } from '../support/fixtures.js';
import { ROOT, SAMPLE } from '../support/paths.js';

const report = (args: string[], workers: number) =>
  cli(['-f', 'json', '--fail-on', 'never', '--debug', ...args], { env: { SFMETA_LINT_WORKERS: String(workers) } });

describe('extraction on worker threads', () => {
  beforeAll(() => ensureBuilt(), 180_000);

  it('gives byte-identical reports to inline extraction', () => {
    const generated = tempDir('sfmeta-lint-workers-');
    execFileSync(process.execPath, [path.join(ROOT, 'bench', 'generate.mjs'), '--size', 'small', '--out', path.join(generated, 'p')], {
      stdio: 'ignore',
    });
    for (const project of [SAMPLE, path.join(generated, 'p')]) {
      const inline = report([project], 0);
      const threaded = report([project], 2);
      expect(inline.stderr).toMatch(/extracted inline/u);
      expect(threaded.stderr).toMatch(/extracted on 2 worker threads/u);
      expect(threaded.code).toBe(0);
      expect(threaded.text).toBe(inline.text);
      const sarif = (workers: number) =>
        cli(['-f', 'sarif', '--fail-on', 'never', project], { env: { SFMETA_LINT_WORKERS: String(workers) } }).text;
      expect(sarif(2)).toBe(sarif(0));
    }
  });

  it('reports hostile files from a worker as it does inline', () => {
    const dir = makeTree({
      'sfdx-project.json': SFDX_PROJECT,
      [`${PROFILES}/Good.profile-meta.xml`]: `${PROLOG}\n<Profile xmlns="${NS}">\n    <custom>true</custom>\n</Profile>\n`,
      [`${PROFILES}/Latin1.profile-meta.xml`]: Buffer.concat([
        Buffer.from(`${PROLOG}\n<Profile xmlns="${NS}">\n    <description>caf`),
        Buffer.from([0xe9]),
        Buffer.from('</description>\n</Profile>\n'),
      ]),
      [`${PROFILES}/Big.profile-meta.xml`]: `${PROLOG}\n<Profile xmlns="${NS}">\n    <description>${'x'.repeat(5000)}</description>\n</Profile>\n`,
      [`${PROFILES}/Broken.profile-meta.xml`]: `${PROLOG}\n<Profile xmlns="${NS}">\n    <custom>true</custom>\n`,
      [`${PROFILES}/Wrong.profile-meta.xml`]: `${PROLOG}\n<Layout xmlns="${NS}"/>\n`,
      [`${PROFILES}/Empty.profile-meta.xml`]: '',
      'force-app/main/default/objects/A/fields/B__c.field-meta.xml': `<CustomField xmlns="urn:wrong"><fullName>B__c</fullName></CustomField>`,
    });
    execFileSync('mkfifo', [path.join(dir, PROFILES, 'Pipe.profile-meta.xml')]);
    const args = ['--max-file-size', '4000', dir];
    const inline = report(args, 0);
    const threaded = report(args, 2);
    expect(threaded.code).toBe(0);
    expect(threaded.stderr).toMatch(/on 2 worker threads/u);
    expect(threaded.text).toBe(inline.text);
    const findings = (JSON.parse(threaded.text) as { findings: { ruleId: string; file: string; startLine: number }[] }).findings;
    expect(findings.map((f) => `${f.ruleId} ${path.basename(f.file)} ${f.startLine}`).sort()).toEqual([
      'invalid-root-element B__c.field-meta.xml 1',
      'invalid-root-element Wrong.profile-meta.xml 2',
      'parse-error Big.profile-meta.xml 1',
      'parse-error Broken.profile-meta.xml 2',
      'parse-error Empty.profile-meta.xml 1',
      'parse-error Latin1.profile-meta.xml 3',
    ]);
  });

  it('works with the cache, and reuses what the workers extracted', () => {
    const dir = tempDir('sfmeta-lint-workers-cache-');
    cpSync(SAMPLE, dir, { recursive: true });
    const inline = report([dir], 0);
    const first = report(['--cache', dir], 2);
    expect(first.text).toBe(inline.text);
    writeFileSync(
      path.join(dir, 'force-app/main/default/profiles/Admin.profile-meta.xml'),
      `${PROLOG}\n<Profile xmlns="${NS}">\n    <custom>false</custom>\n</Profile>\n`,
    );
    const changed = report(['--cache', dir], 2);
    expect(changed.stderr).toMatch(/1 extracted on 1 worker thread/u);
    expect(changed.text).toBe(report([dir], 0).text);
  });
});

describe('--debug and progress', () => {
  it('prints a timing line per phase on stderr, and leaves the report alone', () => {
    ensureBuilt();
    const plain = cli(['-f', 'json', '--fail-on', 'never', SAMPLE]);
    const debug = cli(['-f', 'json', '--fail-on', 'never', '--debug', SAMPLE]);
    expect(debug.text).toBe(plain.text);
    for (const phase of ['discover', 'read\\+extract', 'model', 'rules', 'suppressions', 'format', 'total'])
      expect(debug.stderr).toMatch(new RegExp(`^sfmeta-lint: timing ${phase} +[\\d,]+ ms`, 'mu'));
    expect(plain.stderr).toBe('');
  });

  it('shows progress after a second, at most ten times a second, and erases it', () => {
    let now = 0;
    const lines: string[] = [];
    const progress = progressLine({ stderr: (t) => lines.push(t) }, 0, () => now);
    now = 500;
    progress.update(10, 100);
    expect(lines).toEqual([]);
    now = 1000;
    progress.update(50, 100);
    now = 1050;
    progress.update(60, 100);
    now = 2000;
    progress.update(100, 100);
    progress.clear();
    expect(lines).toEqual([
      '\r\u001b[Ksfmeta-lint: 50/100 files (50 files/s)',
      '\r\u001b[Ksfmeta-lint: 100/100 files (50 files/s)',
      '\r\u001b[K',
    ]);
    const quiet: string[] = [];
    progressLine({ stderr: (t) => quiet.push(t) }, 0, () => 10).clear();
    expect(quiet).toEqual([]);
  });
});
