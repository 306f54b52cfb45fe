// Finds the project root and its files, honours .forceignore, classifies every file and reads text safely.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'glob';
import ignore, { type Ignore } from 'ignore';
import type { SourceFileRef } from '../model/index.js';
import { classify } from './classify.js';

export { classify } from './classify.js';

/** Bad input the user must fix (a path that does not exist, a broken sfdx-project.json): exit code 2. */
export class ProjectError extends Error {}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface Project {
  /** Absolute path of the project root: the folder with sfdx-project.json, or the folder linted. */
  root: string;
  /** The enclosing git work tree, for repository-relative SARIF paths. */
  repositoryRoot?: string;
  kind: 'sfdx' | 'folder';
  /** Package directories (relative to the root) that were linted. */
  packageDirs: string[];
  files: SourceFileRef[];
  skipped: SkippedFile[];
}

export interface DiscoverOptions {
  /** Globs relative to the project root whose files are not linted (configuration `ignores`). */
  ignores?: string[];
}

const PROJECT_FILE = 'sfdx-project.json';
const FORCEIGNORE = '.forceignore';
const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**', '**/.sfdx/**', '**/.sf/**'];

export function findProjectRoot(start: string): string | undefined {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, PROJECT_FILE))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function findRepositoryRoot(start: string): string | undefined {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function readPackageDirs(root: string): string[] {
  const file = path.join(root, PROJECT_FILE);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ProjectError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const dirs = (json as { packageDirectories?: unknown }).packageDirectories;
  if (!Array.isArray(dirs) || dirs.length === 0) throw new ProjectError(`${file} has no "packageDirectories".`);
  return dirs.map((entry, index) => {
    const dir = (entry as { path?: unknown } | null)?.path;
    if (typeof dir !== 'string' || dir === '') throw new ProjectError(`${file}: packageDirectories[${index}].path must be a non-empty string.`);
    return toPosix(path.normalize(dir)).replace(/\/$/u, '');
  });
}

function loadForceignore(root: string): Ignore | undefined {
  const file = path.join(root, FORCEIGNORE);
  if (!existsSync(file)) return undefined;
  return ignore().add(readFileSync(file, 'utf8'));
}

export interface ProjectLocation {
  root: string;
  /** Set when the root holds sfdx-project.json. */
  sfdxRoot?: string;
  inputs: string[];
}

/** The project the inputs belong to: the nearest folder with sfdx-project.json, else the folder(s) given. */
export function locateProject(cwd: string, paths: string[]): ProjectLocation {
  const inputs = [...new Set((paths.length > 0 ? paths : ['.']).map((p) => path.resolve(cwd, p)))];
  for (const input of inputs) {
    if (!existsSync(input)) throw new ProjectError(`No such file or folder: ${input}`);
  }
  const first = inputs[0]!;
  const sfdxRoot = findProjectRoot(statSync(first).isDirectory() ? first : path.dirname(first));
  const root = sfdxRoot ?? commonDirectory(inputs.map((i) => (statSync(i).isDirectory() ? i : path.dirname(i))));
  return { root, inputs, ...(sfdxRoot ? { sfdxRoot } : {}) };
}

/** Lists and classifies the files of a located project. */
export async function discover(location: ProjectLocation, options: DiscoverOptions = {}): Promise<Project> {
  const { root, sfdxRoot, inputs } = location;
  const packageDirs = sfdxRoot ? readPackageDirs(sfdxRoot) : [''];
  const forceignore = loadForceignore(root);
  const userIgnores = options.ignores && options.ignores.length > 0 ? ignore().add(options.ignores) : undefined;

  const found = new Set<string>();
  for (const input of inputs) {
    const targets = sfdxRoot && input === sfdxRoot ? packageDirs.map((d) => path.join(root, d)) : [input];
    for (const target of targets) {
      if (!existsSync(target)) continue;
      if (statSync(target).isFile()) {
        found.add(path.resolve(target));
        continue;
      }
      const entries = await glob('**/*', { cwd: target, nodir: true, dot: true, follow: false, ignore: ALWAYS_SKIPPED, absolute: true });
      for (const entry of entries) found.add(entry);
    }
  }

  const files: SourceFileRef[] = [];
  const skipped: SkippedFile[] = [];
  for (const absolute of [...found].sort()) {
    const rel = toPosix(path.relative(root, absolute));
    if (rel.startsWith('../')) {
      skipped.push({ path: toPosix(absolute), reason: 'outside the project' });
      continue;
    }
    if (forceignore?.ignores(rel)) {
      skipped.push({ path: rel, reason: 'listed in .forceignore' });
      continue;
    }
    if (userIgnores?.ignores(rel)) {
      skipped.push({ path: rel, reason: 'matched by the configuration\'s "ignores"' });
      continue;
    }
    const packageDir = packageDirs.filter((d) => d === '' || rel === d || rel.startsWith(`${d}/`)).sort((a, b) => b.length - a.length)[0] ?? '';
    const classified = classify(rel, packageDir);
    if (classified.ok) files.push(classified.file);
    else skipped.push({ path: rel, reason: classified.reason });
  }
  const repositoryRoot = findRepositoryRoot(root);
  return { root, kind: sfdxRoot ? 'sfdx' : 'folder', packageDirs, files, skipped, ...(repositoryRoot ? { repositoryRoot } : {}) };
}

function commonDirectory(dirs: string[]): string {
  let common = dirs[0]!;
  for (const dir of dirs.slice(1)) {
    while (dir !== common && !dir.startsWith(common.endsWith(path.sep) ? common : common + path.sep)) common = path.dirname(common);
  }
  return common;
}

export type ReadResult = { ok: true; text: string } | { ok: false; message: string };

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const UTF16LE = new TextDecoder('utf-16le', { fatal: true });
const UTF16BE = new TextDecoder('utf-16be', { fatal: true });

/** Reads a file as text: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is reported, not guessed. */
export async function readText(absolute: string, maxBytes: number): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    const size = statSync(absolute).size;
    if (size > maxBytes) {
      return { ok: false, message: `The file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit; raise it with --max-file-size.` };
    }
    bytes = await readFile(absolute);
  } catch (error) {
    return { ok: false, message: `The file could not be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.` };
  }
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: UTF16LE.decode(bytes.subarray(2)) };
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: UTF16BE.decode(bytes.subarray(2)) };
    return { ok: true, text: UTF8.decode(bytes) };
  } catch {
    return { ok: false, message: 'The file is not valid UTF-8 text.' };
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} bytes`;
}
