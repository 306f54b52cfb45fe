// The ways a team adopts sfmeta-lint, with the real clients: a release tag made by `npm run release` in a copy of this
// repository, installed by pre-commit (Debian's, when installed; CI installs it), by npm from git (the command
// pre-commit 4.6.1+ runs) and from the tarball `npm pack` makes at the tag; and the GitHub Action at that tag, its
// steps run from action.yml as the runner would (bash with GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STEP_SUMMARY,
// GITHUB_ACTION_PATH, and GITHUB_EVENT_PATH holding a realistic push, fork or same-repository pull_request payload).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeProject } from '../support/fixtures.js';
import { listFiles } from '../support/harness.js';
import { ROOT } from '../support/paths.js';
import { git, projectFiles, releasedRepository, sh, SLOW, TAG, temp, userEnv, VERSION, writeFiles, type Ran } from '../support/release.js';

const BIN = path.join(ROOT, 'bin', 'sfmeta-lint.js');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  scripts: Record<string, string>;
};

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
    const matches = new RegExp(hook.files);
    const sample = listFiles(path.join(ROOT, 'sample-project')).map((f) => path.relative(ROOT, f));
    expect(sample.filter((f) => f.endsWith('-meta.xml')).every((f) => matches.test(f))).toBe(true);
    expect(matches.test('sample-project/README.md')).toBe(false);
    expect(matches.test('sample-project/sfdx-project.json')).toBe(false);
    expect(matches.test('src/layouts/Contact-Contact Layout.layout')).toBe(true);
  });

  it('runs as pre-commit would: the matching files as arguments, from the repository root', () => {
    const dir = makeProject({ ...projectFiles('bad'), 'README.md': '# project' });
    const matches = new RegExp(hook.files);
    const staged = listFiles(dir)
      .map((f) => path.relative(dir, f))
      .filter((f) => matches.test(f));
    const run = spawnSync(process.execPath, [BIN, ...staged], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Communities.settings-meta.xml');
  });
});

describe('package.json and its bin', () => {
  it('has no script npm runs when it installs or packs from git', () => {
    // pacote prepares a git dependency that has any of these (and, for `npm install -g`, links it to a temporary clone
    // that is then deleted); `npm pack` prints the banner of its scripts on stdout, which pre-commit <= 4.6.0 takes as
    // the tarball's name. Release tags carry dist/ instead.
    for (const name of ['build', 'prepare', 'prepack', 'postpack', 'preinstall', 'install', 'postinstall'])
      expect(Object.keys(pkg.scripts), name).not.toContain(name);
    expect(pkg.scripts['compile']).toMatch(/tsc -p \./u);
    expect(pkg.scripts['release']).toBe('node scripts/release.mjs');
  });

  it('its bin, in a copy that is not compiled (a commit that is not a release tag), says so with exit code 2', () => {
    const copy = temp('no-dist');
    writeFiles(copy, { 'package.json': JSON.stringify({ type: 'module' }), 'bin/sfmeta-lint.js': readFileSync(BIN, 'utf8') });
    const run = spawnSync(process.execPath, [path.join(copy, 'bin', 'sfmeta-lint.js'), '--version'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^sfmeta-lint: this copy is not compiled \(no dist\/\): install a release tag/u);
  });
});

describe('installs from a release tag', () => {
  let repo: string;
  let released: Ran;
  beforeAll(async () => {
    const started = Date.now();
    ({ repo, released } = await releasedRepository());
    console.log(`snapshot and release: ${Date.now() - started} ms`);
  }, SLOW);

  it(
    '`npm run release` tags a commit carrying dist/, and leaves the branch without it',
    async () => {
      expect(released.status, released.all).toBe(0);
      expect(released.all).toContain(`Tagged ${TAG}`);
      const inTag = (await git(repo, 'ls-tree', '-r', '--name-only', TAG)).split('\n');
      expect(inTag).toContain('dist/cli/index.js');
      expect(inTag).toContain('dist/api/index.d.ts');
      expect(inTag.filter((f) => f.endsWith('.map'))).toEqual([]);
      expect(inTag.filter((f) => f.startsWith('src/')).length).toBeGreaterThan(100);
      // The branch got the version bump and no dist/; the tag's commit is its child, and the working tree is untouched.
      expect(await git(repo, 'ls-tree', '-r', '--name-only', 'main', '--', 'dist')).toBe('');
      expect(JSON.parse(await git(repo, 'show', 'main:package.json')).version).toBe(VERSION);
      expect(await git(repo, 'rev-parse', `${TAG}^{commit}^`)).toBe(await git(repo, 'rev-parse', 'main'));
      expect(await git(repo, 'status', '--porcelain', '--untracked-files=no')).toBe('');
      expect(await git(repo, 'cat-file', '-t', TAG)).toBe('tag');
      // The same version again, or a change not committed: refused, with the reason.
      const again = await sh('node', ['scripts/release.mjs', VERSION], { cwd: repo });
      expect([again.status, again.stderr.trim()]).toEqual([2, `release: the tag ${TAG} already exists`]);
      writeFileSync(path.join(repo, 'src', 'stray.ts'), 'export {};\n');
      const dirty = await sh('node', ['scripts/release.mjs', '9.9.9'], { cwd: repo });
      rmSync(path.join(repo, 'src', 'stray.ts'));
      expect(dirty.status).toBe(2);
      expect(dirty.stderr).toContain('src/stray.ts');
    },
    SLOW,
  );

  // Once the release exists, the installs below are independent: they run side by side (mostly waiting on npm).
  it.concurrent(
    '`npm pack` at the tag prints only the tarball name (what pre-commit <= 4.6.0 reads), and the tarball works',
    async () => {
      const checkout = temp('tag');
      await git(checkout, 'clone', '-q', '--branch', TAG, repo, '.');
      const out = temp('pack');
      const packed = await sh('npm', ['pack', '--pack-destination', out], { cwd: checkout });
      expect(packed.status, packed.all).toBe(0);
      expect(packed.stdout).toBe(`sfmeta-lint-${VERSION}.tgz\n`);
      const listing = (await sh('tar', ['-tzf', path.join(out, packed.stdout.trim())])).stdout;
      expect(listing).toContain('package/dist/cli/index.js');
    },
    SLOW,
  );

  it.concurrent(
    'installs with the command of pre-commit 4.6.1+ (`npm install -g git+file://…#tag`), and the bin runs the tag',
    async () => {
      const prefix = temp('prefix');
      const started = Date.now();
      const install = await sh('npm', ['install', '--allow-git=root', '-g', `git+file://${repo}#${TAG}`], {
        env: userEnv({ npm_config_prefix: prefix }),
      });
      console.log(`npm install -g git+file://…#${TAG}: ${Date.now() - started} ms`);
      expect(install.status, install.all).toBe(0);
      const bin = path.join(prefix, 'bin', 'sfmeta-lint');
      expect((await sh(bin, ['--version'])).stdout.trim()).toBe(VERSION);
      const bad = makeProject(projectFiles('bad'));
      const run = await sh(bin, [], { cwd: bad });
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('digital-experiences-enabled');
      expect((await sh(bin, [], { cwd: makeProject(projectFiles('good')) })).status).toBe(0);
    },
    SLOW,
  );

  it.concurrent(
    'real pre-commit installs the hook from the tag, blocks a bad project, passes a good one, and leaves git status clean',
    async (ctx) => {
      const version = await sh('pre-commit', ['--version']);
      if (version.status !== 0) {
        if (process.env['SFMETA_CI']) throw new Error('SFMETA_CI is set (.ci/run), but pre-commit is not installed');
        ctx.skip('pre-commit is not installed (apt-get install pre-commit, or pipx install pre-commit)');
      }
      console.log(version.stdout.trim());
      const user = temp('user');
      const env = userEnv({ PRE_COMMIT_HOME: temp('pre-commit-home') });
      await git(user, 'init', '-q');
      writeFiles(
        user,
        Object.fromEntries(Object.entries(projectFiles('bad')).map(([name, content]) => [`salesforce app/${name}`, content])),
      );
      writeFileSync(
        path.join(user, '.pre-commit-config.yaml'),
        `repos:\n  - repo: ${repo}\n    rev: ${TAG}\n    hooks:\n      - id: sfmeta-lint\n        args: [--cache]\n`,
      );
      await git(user, 'add', '-A');
      await git(user, 'commit', '-q', '-m', 'bad project');
      let started = Date.now();
      const install = await sh('pre-commit', ['install-hooks'], { cwd: user, env });
      console.log(`pre-commit install-hooks: ${Date.now() - started} ms`);
      expect(install.status, install.all).toBe(0);
      started = Date.now();
      const blocked = await sh('pre-commit', ['run', '--all-files'], { cwd: user, env });
      console.log(`pre-commit run --all-files: ${Date.now() - started} ms`);
      expect(blocked.status, blocked.all).toBe(1);
      expect(blocked.stdout).toMatch(/sfmeta-lint\.+Failed/u);
      expect(blocked.stdout).toMatch(/Communities\.settings-meta\.xml\n\s+3:5\s+error\s+Digital Experiences are disabled/u);
      // The cache the hook wrote is in a folder that ignores itself.
      expect(existsSync(path.join(user, 'salesforce app', '.sfmeta-lint-cache', 'cache'))).toBe(true);
      expect(await git(user, 'status', '--porcelain')).toBe('');
      writeFiles(user, {
        'salesforce app/force-app/main/default/settings/Communities.settings-meta.xml':
          projectFiles('good')['force-app/main/default/settings/Communities.settings-meta.xml']!,
      });
      await git(user, 'commit', '-q', '-am', 'fixed');
      const passed = await sh('pre-commit', ['run', '--all-files'], { cwd: user, env });
      expect(passed.status, passed.all).toBe(0);
      expect(passed.stdout).toMatch(/sfmeta-lint\.+Passed/u);
      expect(await git(user, 'status', '--porcelain')).toBe('');
    },
    SLOW,
  );

  describe.concurrent('the GitHub Action (action.yml, its steps run as the runner would)', () => {
    interface Step {
      id?: string;
      if?: string;
      uses?: string;
      run?: string;
      shell?: string;
      env?: Record<string, string>;
      with?: Record<string, string>;
      'continue-on-error'?: boolean;
    }
    const text = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
    const action = parse(text) as {
      inputs: Record<string, { default: string }>;
      outputs: Record<string, { value: string }>;
      runs: { using: string; steps: Step[] };
    };
    const steps = action.runs.steps;
    const REPOSITORY = 'octo-org/salesforce';
    let actionPath: string;
    /** The first run of the whole action, at the tag: it installs sfmeta-lint in the action folder. */
    let installed: Job;
    let installMs: number;

    /** The webhook payloads the runner points GITHUB_EVENT_PATH at (trimmed to the fields a tool would read). */
    function event(name: 'push' | 'pull_request', headRepo?: string | null): string {
      const repository = { full_name: REPOSITORY, private: false };
      const payload =
        name === 'push'
          ? {
              ref: 'refs/heads/main',
              before: '9049f1265b7d61be4a8904a9a27120d2064dab3b',
              after: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
              repository,
            }
          : {
              action: 'synchronize',
              number: 42,
              pull_request: {
                number: 42,
                head: {
                  ref: 'feature-x',
                  sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
                  repo: headRepo === null ? null : { full_name: headRepo, fork: headRepo !== REPOSITORY },
                },
                base: { ref: 'main', sha: '9049f1265b7d61be4a8904a9a27120d2064dab3b', repo: { full_name: REPOSITORY, fork: false } },
              },
              repository,
              sender: { login: 'contributor' },
            };
      const file = path.join(temp('event'), 'event.json');
      writeFileSync(file, JSON.stringify(payload));
      return file;
    }

    interface Job {
      inputs: Record<string, string>;
      outputs: Record<string, Record<string, string>>;
      outcomes: Record<string, string>;
      ran: string[];
      log: string;
      summary: string;
      failed: boolean;
    }

    /** `${{ … }}` as the runner evaluates it, for the forms action.yml uses; anything else fails the test. */
    function evaluate(expression: string, job: Job): string {
      return expression.replace(/\$\{\{\s*(.*?)\s*\}\}/gu, (_, expr: string) => {
        let m: RegExpExecArray | null;
        if ((m = /^inputs\.([\w-]+)$/u.exec(expr))) return job.inputs[m[1]!] ?? action.inputs[m[1]!]!.default;
        if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/u.exec(expr))) return job.outputs[m[1]!]?.[m[2]!] ?? '';
        if ((m = /^steps\.([\w-]+)\.outcome$/u.exec(expr))) return job.outcomes[m[1]!] ?? '';
        if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+) == '([^']*)'$/u.exec(expr)))
          return String((job.outputs[m[1]!]?.[m[2]!] ?? '') === m[3]);
        if (expr === 'runner.os') return 'Linux';
        throw new Error(`the test runner does not evaluate \${{ ${expr} }}`);
      });
    }

    /**
     * Runs action.yml's steps in order, as the runner does: each `run:` through `bash --noprofile --norc -eo pipefail`,
     * with fresh GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STEP_SUMMARY files, `env:` evaluated, `if:` honoured (a failed step
     * skips the rest unless they say otherwise). `uses:` steps are stood in for: actions/cache does nothing here, and
     * the upload ends as `upload` says (GitHub's API is not reachable from a test).
     */
    async function runAction(options: {
      workspace: string;
      /** Where the runner put the action (default: the release tag's tree). */
      actionPath?: string;
      inputs?: Record<string, string>;
      eventName: string;
      eventPath: string;
      from?: string;
      upload?: 'success' | 'failure';
    }): Promise<Job> {
      const job: Job = { inputs: options.inputs ?? {}, outputs: {}, outcomes: {}, ran: [], log: '', summary: '', failed: false };
      const start = options.from ? steps.findIndex((s) => s.id === options.from) : 0;
      for (const step of steps.slice(start)) {
        const id = step.id ?? step.uses!;
        const condition = step.if ? evaluate(step.if, job) : 'true';
        if (job.failed || condition !== 'true') {
          job.outcomes[id] = 'skipped';
          continue;
        }
        job.ran.push(id);
        let ok: boolean;
        if (step.uses) {
          ok = step.uses.startsWith('github/codeql-action/upload-sarif@') ? (options.upload ?? 'success') === 'success' : true;
          if (step.uses.startsWith('github/codeql-action/upload-sarif@'))
            expect(existsSync(evaluate(step.with!['sarif_file']!, job)), 'the SARIF file to upload exists').toBe(true);
        } else {
          expect(step.shell).toBe('bash');
          const files = temp('step');
          const fileOf = (name: string) => path.join(files, name);
          for (const name of ['output', 'env', 'summary']) writeFileSync(fileOf(name), '');
          writeFileSync(fileOf('script.sh'), step.run!);
          const env = userEnv({
            CI: 'true',
            GITHUB_ACTIONS: 'true',
            GITHUB_ACTION_PATH: options.actionPath ?? actionPath,
            GITHUB_WORKSPACE: options.workspace,
            GITHUB_REPOSITORY: REPOSITORY,
            GITHUB_EVENT_NAME: options.eventName,
            GITHUB_EVENT_PATH: options.eventPath,
            GITHUB_OUTPUT: fileOf('output'),
            GITHUB_ENV: fileOf('env'),
            GITHUB_STEP_SUMMARY: fileOf('summary'),
            RUNNER_TEMP: files,
            ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v), job)])),
          });
          const run = await sh('bash', ['--noprofile', '--norc', '-eo', 'pipefail', fileOf('script.sh')], { cwd: options.workspace, env });
          job.log += `[${id}] ${run.all}\n`;
          job.summary += readFileSync(fileOf('summary'), 'utf8');
          job.outputs[id] = Object.fromEntries(
            readFileSync(fileOf('output'), 'utf8')
              .split('\n')
              .filter(Boolean)
              .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
          );
          ok = run.status === 0;
        }
        job.outcomes[id] = ok ? 'success' : 'failure';
        if (!ok && !step['continue-on-error']) job.failed = true;
      }
      return job;
    }

    function workspace(status: 'bad' | 'good'): string {
      const dir = temp('workspace');
      writeFiles(dir, projectFiles(status));
      return dir;
    }

    beforeAll(async () => {
      // `uses: owner/sfmeta-lint@<tag>`: the runner downloads the tag's tree into the action path.
      actionPath = temp('action');
      await git(actionPath, 'clone', '-q', '--branch', TAG, repo, '.');
      const started = Date.now();
      installed = await runAction({ workspace: workspace('bad'), eventName: 'push', eventPath: event('push') });
      installMs = Date.now() - started;
    }, SLOW);

    it('runs each script from the action folder and passes every value through env:, never ${{ }} inside run:', () => {
      expect(action.runs.using).toBe('composite');
      for (const step of steps.filter((s) => s.run)) {
        expect(step.run, step.id).not.toContain('${{');
        const script = /^bash "\$GITHUB_ACTION_PATH\/(action\/[a-z-]+\.sh)"$/u.exec(step.run!.trim());
        expect(script, step.run).not.toBeNull();
        expect(existsSync(path.join(ROOT, script![1]!)), script![1]).toBe(true);
      }
      expect(text).not.toMatch(/npx|sfmeta-lint@/u);
      for (const [, name] of text.matchAll(/inputs\.([a-z-]+)/gu)) expect(Object.keys(action.inputs)).toContain(name);
      const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
      expect(upload.uses).toBe('github/codeql-action/upload-sarif@v4');
      expect(upload['continue-on-error']).toBe(true);
      expect(action.outputs['exit-code']!.value).toBe('${{ steps.lint.outputs.exit-code }}');
    });

    it('installs the tag it was used at (production dependencies only; the tag carries dist/), then lints', () => {
      const job = installed;
      console.log(`action at the tag, whole run with npm ci: ${installMs} ms`);
      expect(job.ran).toEqual(['prepare', 'actions/cache@v5', 'install', 'lint', 'upload', 'finish']);
      const lockHash = createHash('sha256')
        .update(readFileSync(path.join(actionPath, 'package-lock.json')))
        .digest('hex');
      expect(job.outputs['prepare']).toMatchObject({ 'lock-hash': lockHash });
      expect(job.outputs['prepare']!['npm-cache']).toMatch(/\S/u);
      expect(job.log).toContain(`[install] `);
      expect(job.log).toMatch(new RegExp(`\\n${VERSION.replaceAll('.', '\\.')}\\n`, 'u'));
      expect(existsSync(path.join(actionPath, 'node_modules', 'fast-xml-parser'))).toBe(true);
      expect(existsSync(path.join(actionPath, 'node_modules', 'typescript')), 'no dev dependencies').toBe(false);
      expect(job.log).toMatch(/^::error file=force-app\/main\/default\/settings\/Communities\.settings-meta\.xml,line=3,/mu);
      expect(job.outputs['lint']).toMatchObject({ 'exit-code': '1', upload: 'true' });
      expect(job.summary).toContain('digital-experiences-enabled');
      // Findings at or above fail-on fail the job in the last step, after the upload.
      expect(job.outcomes['finish']).toBe('failure');
      expect(job.log).toContain("::error title=sfmeta-lint::sfmeta-lint found problems at or above 'error'.");
    });

    it('skips the upload on a pull request from a fork (or a deleted fork), with a line in the summary', async () => {
      for (const head of ['contributor/salesforce', null]) {
        const job = await runAction({
          workspace: workspace('bad'),
          eventName: 'pull_request',
          eventPath: event('pull_request', head),
          from: 'lint',
        });
        expect(job.outputs['lint']).toMatchObject({ 'exit-code': '1', upload: 'false' });
        expect(job.outcomes['upload']).toBe('skipped');
        expect(job.summary).toContain(`comes from the fork ${head ?? '(a deleted fork)'}`);
        expect(job.outcomes['finish']).toBe('failure');
      }
      const same = await runAction({
        workspace: workspace('bad'),
        eventName: 'pull_request',
        eventPath: event('pull_request', REPOSITORY),
        from: 'lint',
      });
      expect(same.outputs['lint']).toMatchObject({ upload: 'true' });
      expect(same.outcomes['upload']).toBe('success');
    });

    it('reports a failed upload (code scanning off) in the summary and does not fail a clean job', async () => {
      const job = await runAction({
        workspace: workspace('good'),
        eventName: 'push',
        eventPath: event('push'),
        from: 'lint',
        upload: 'failure',
      });
      expect(job.outputs['lint']).toMatchObject({ 'exit-code': '0', upload: 'true' });
      expect(job.outcomes).toMatchObject({ upload: 'failure', finish: 'success' });
      expect(job.failed).toBe(false);
      expect(job.summary).toContain('the SARIF upload failed');
      expect(job.summary).toContain('`security-events: write`');
    });

    it('takes paths one per line (names with spaces), and upload-sarif: false', async () => {
      const dir = workspace('bad');
      const lines =
        '\n  force-app/main/default/settings/Communities.settings-meta.xml  \r\nforce-app/main/default/profiles/Portal Users.profile-meta.xml\n';
      const job = await runAction({
        workspace: dir,
        eventName: 'push',
        eventPath: event('push'),
        from: 'lint',
        inputs: { paths: lines, 'upload-sarif': 'false' },
      });
      expect(job.outputs['lint']).toMatchObject({ 'exit-code': '1', upload: 'false' });
      expect(job.log).toMatch(/^::notice file=force-app\/main\/default\/profiles\/Portal Users\.profile-meta\.xml,/mu);
      expect(job.summary).toContain('`upload-sarif: false`');
      expect(job.log).not.toMatch(/No such file/u);
    });

    it('stops at the lint step when sfmeta-lint cannot run: one error, no upload, exit-code 2', async () => {
      for (const inputs of [{ 'fail-on': 'sometimes' }, { paths: 'no-such-folder' }]) {
        const job = await runAction({ workspace: workspace('bad'), eventName: 'push', eventPath: event('push'), from: 'lint', inputs });
        expect(job.outputs['lint']).toMatchObject({ 'exit-code': '2', upload: 'false' });
        expect(job.outcomes).toMatchObject({ lint: 'failure', upload: 'skipped', finish: 'skipped' });
        expect(job.summary).toContain('sfmeta-lint could not run');
        expect(job.log.match(/::error/gu)).toHaveLength(1);
      }
    });

    it(
      'at a ref without dist/ (a branch), compiles it in the action folder',
      async (ctx) => {
        if (!process.env['SFMETA_CI']) ctx.skip('a full npm ci and a compile (30 s or more): .ci/run runs it (SFMETA_CI=1)');
        const branch = temp('action-branch');
        await git(branch, 'clone', '-q', '--branch', 'main', repo, '.');
        const started = Date.now();
        const job = await runAction({ workspace: workspace('good'), actionPath: branch, eventName: 'push', eventPath: event('push') });
        console.log(`action at a branch, npm ci and compile: ${Date.now() - started} ms`);
        expect(job.log).toContain('has no compiled dist/');
        expect(existsSync(path.join(branch, 'dist', 'cli', 'index.js'))).toBe(true);
        expect(job.outputs['lint']).toMatchObject({ 'exit-code': '0' });
        expect(job.failed).toBe(false);
      },
      SLOW,
    );
  });
});
