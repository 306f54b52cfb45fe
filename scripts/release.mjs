#!/usr/bin/env node
// `npm run release -- <version>`: tags a release whose commit carries the compiled dist/.
//
// Installs from git never build: pre-commit (`npm pack` up to 4.6.0, `npm install -g git+file://…` from 4.6.1),
// `npm install git+https://…#vX` and the GitHub Action all take the files of the commit as they are. main keeps
// dist/ out of git (generated JavaScript merges badly), so each release is a commit of its own: the release's source
// tree (HEAD) plus dist/, a child of HEAD that no branch points to, reached by its annotated tag `v<version>`.
// The working tree, the index and the current branch are left as they are, except for a version bump commit when
// package.json names another version.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
  console.error(`release: ${message}`);
  process.exit(2);
}

function git(args, options = {}) {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['pipe', 'pipe', 'inherit'], ...options }).trim();
}

function readJson(file) {
  return JSON.parse(readFileSync(path.join(root, file), 'utf8'));
}

function writeJson(file, value) {
  writeFileSync(path.join(root, file), `${JSON.stringify(value, null, 2)}\n`);
}

/** Every file under dist/, as git paths; source maps stay out, as they do from the npm package ("files"). */
function distFiles(dir = 'dist') {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return distFiles(file);
    return file.endsWith('.map') ? [] : [file];
  });
}

const version = process.argv[2];
if (!version || !/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/u.test(version)) fail('usage: npm run release -- <version>   (for example 0.2.0)');
const tag = `v${version}`;
if (spawnSync('git', ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}`], { cwd: root }).status === 0)
  fail(`the tag ${tag} already exists`);
// dist/ is compiled from the working tree: it must be HEAD's source, with nothing changed or added.
const dirty = git(['status', '--porcelain', '--untracked-files=no']);
const strays = git(['status', '--porcelain', '--untracked-files=all', '--', 'src', 'bin', 'schema', 'tsconfig.json']);
if (dirty || strays) fail(`commit or remove these changes first:\n${dirty || strays}`);

const pkg = readJson('package.json');
if (pkg.version !== version) {
  const lock = readJson('package-lock.json');
  pkg.version = version;
  lock.version = version;
  lock.packages[''].version = version;
  writeJson('package.json', pkg);
  writeJson('package-lock.json', lock);
  git(['commit', '--quiet', '-m', `Version ${version}`, '--', 'package.json', 'package-lock.json']);
}

execFileSync('npm', ['run', 'compile', '--silent'], { cwd: root, stdio: 'inherit' });
const files = distFiles();
if (!files.includes('dist/cli/index.js')) fail('the build wrote no dist/cli/index.js');

// A throw-away index: HEAD's tree plus dist/, written as a tree without touching the real index.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'sfmeta-lint-release-'));
try {
  const env = { ...process.env, GIT_INDEX_FILE: path.join(scratch, 'index') };
  git(['read-tree', 'HEAD'], { env });
  git(['add', '--force', '--pathspec-from-file=-', '--'], { env, input: files.join('\n') });
  const tree = git(['write-tree'], { env });
  const commit = git([
    'commit-tree',
    tree,
    '-p',
    'HEAD',
    '-m',
    `Release ${tag}\n\nThe source of ${git(['rev-parse', 'HEAD'])} and its compiled dist/.`,
  ]);
  git(['tag', '--annotate', '--message', `sfmeta-lint ${version}`, tag, commit]);
  console.log(`Tagged ${tag} (${commit.slice(0, 12)}): ${files.length} files of dist/ on top of ${git(['rev-parse', '--short', 'HEAD'])}.`);
  console.log(`Publish it with: git push origin HEAD ${tag}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
