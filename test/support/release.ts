// Makes a release of this working tree the way a maintainer does (`npm run release` in a clone), and runs the clients
// that install it (npm, pre-commit, the Action's scripts) as a user's shell would, without blocking the test worker.
import { spawn, type SpawnOptions } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { makeProject, SFDX_PROJECT, tempDir, xml } from './fixtures.js';
import { ROOT } from './paths.js';

/** The release the tests make in a copy of this repository; another version than package.json's, to see which code runs. */
export const VERSION = '0.0.1-test';
export const TAG = `v${VERSION}`;
export const SLOW = 240_000;

/** A new temp folder, removed after the test file (fixtures.ts keeps the one list of them). */
export function temp(label: string): string {
  return tempDir(`sfmeta-lint-${label}-`);
}

/** The environment of a user's shell: none of the npm_* settings `npm test` exports (a prefix, a local prefix). */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/iu.test(key) && key !== 'INIT_CWD') env[key] = value;
  return {
    ...env,
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
    GIT_CONFIG_NOSYSTEM: '1',
    ...extra,
  };
}

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
  all: string;
}

/** Runs a command without blocking the test worker (installs take tens of seconds). */
export function sh(command: string, args: string[], options: SpawnOptions = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: userEnv(), timeout: SLOW, ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' ? resolve({ status: null, stdout, stderr: error.message, all: error.message }) : reject(error),
    );
    child.on('close', (status) => resolve({ status, stdout, stderr, all: `${stdout}\n${stderr}` }));
  });
}

export async function git(cwd: string, ...args: string[]): Promise<string> {
  const run = await sh('git', ['-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout.trim();
}

/** A project with one error (Digital Experiences off while a profile has a community license), or the same one fixed. */
export function projectFiles(status: 'bad' | 'good'): Record<string, string> {
  return {
    'sfdx-project.json': SFDX_PROJECT,
    'force-app/main/default/settings/Communities.settings-meta.xml': xml(
      'CommunitiesSettings',
      `    <enableNetworksEnabled>${status === 'good'}</enableNetworksEnabled>`,
    ),
    'force-app/main/default/profiles/Portal Users.profile-meta.xml': xml('Profile', '    <userLicense>Customer Community</userLicense>'),
  };
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  makeProject(files, dir);
}

/**
 * A copy of this working tree (tracked files and new ones, as they are now) as a fresh git repository, with the
 * shared node_modules linked in for the compiler: what a maintainer has in a clone before `npm run release`.
 */
export async function snapshot(): Promise<string> {
  const dir = temp('repo');
  const files = (await sh('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT })).stdout
    .split('\0')
    .filter((f) => f && f !== 'node_modules' && existsSync(path.join(ROOT, f)));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    copyFileSync(path.join(ROOT, file), path.join(dir, file));
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  await git(dir, 'init', '-q', '-b', 'main');
  await git(dir, 'add', '-A', '--', '.', ':!node_modules');
  await git(dir, 'commit', '-q', '-m', 'snapshot');
  return dir;
}

/** A snapshot with the release `TAG` made in it by `npm run release`; `released` is that command's run. */
export async function releasedRepository(): Promise<{ repo: string; released: Ran }> {
  const repo = await snapshot();
  const released = await sh('npm', ['run', 'release', '--', VERSION], { cwd: repo });
  return { repo, released };
}
