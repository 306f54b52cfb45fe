// Finds the project root and its files, honours .forceignore, classifies every file and reads text safely.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import type { ProjectShape, SourceFileRef } from '../model/index.js';
import { classify } from './classify.js';
import { ProjectError } from './errors.js';
import { readJsonFile, toPosix } from './fs.js';
import { changedTooRecently, type Classified, type FolderEntries, type FolderStatus, type Listing, type ListingResult } from './listing.js';

export { classify } from './classify.js';
export { ProjectError } from './errors.js';
export { changedTooRecently, Listing } from './listing.js';
export { makeFolder, ownPackage, PACKAGE_ROOT, readJsonFile, toPosix, writeTextFile } from './fs.js';

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
  /** What sfdx-project.json declares about the target org. */
  shape: ProjectShape;
  files: SourceFileRef[];
  skipped: SkippedFile[];
  /** When only some files were asked for: their paths. Findings are reported for these; the rest is context. */
  targets?: string[];
  /**
   * A hash of `files` and `skipped` made when the listing was (see listing.ts), for keys that depend on the files;
   * absent without a listing.
   */
  filesDigest?: string;
  /** CumulusCI bundle folders (`unpackaged/pre|post|config/<bundle>`) left out of a whole-project run, relative to the root. */
  unlintedBundles?: string[];
}

export interface DiscoverOptions {
  /** Globs relative to the project root whose files are not linted (configuration `ignores`). */
  ignores?: string[];
  /** What earlier discoveries of the project found: only folders that changed since are listed again (see listing.ts). */
  listing?: Listing;
}

const PROJECT_FILE = 'sfdx-project.json';
const CUMULUSCI_FILE = 'cumulusci.yml';
/** Where CumulusCI keeps metadata deployed before, after or beside the package: https://cumulusci.readthedocs.io/en/stable/unpackaged.html */
const CUMULUSCI_BUNDLE_GROUPS = ['unpackaged/pre', 'unpackaged/post', 'unpackaged/config'] as const;
const FORCEIGNORE = '.forceignore';
const NEVER_ENTERED: ReadonlySet<string> = new Set(['node_modules', '.git', '.sfdx', '.sf']);

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

/** An API version as sfdx-project.json writes it: `62.0` (a bare number is accepted too). */
const API_VERSION = /^\d{1,3}\.0$/u;

function readSfdxProject(root: string): { packageDirs: string[]; shape: ProjectShape } {
  const file = path.join(root, PROJECT_FILE);
  const json = (readJsonFile(file, (reason) => new ProjectError(`${file} is not valid JSON: ${reason}`)) ?? {}) as {
    packageDirectories?: unknown;
    sourceApiVersion?: unknown;
    namespace?: unknown;
  };
  const version = typeof json.sourceApiVersion === 'number' ? json.sourceApiVersion.toFixed(1) : json.sourceApiVersion;
  // A malformed version is the CLI's to reject; the linter only leaves it out.
  const shape: ProjectShape = {
    ...(typeof version === 'string' && API_VERSION.test(version) ? { sourceApiVersion: version } : {}),
    ...(typeof json.namespace === 'string' && json.namespace !== '' ? { namespace: json.namespace } : {}),
  };
  return { packageDirs: packageDirs(file, json.packageDirectories), shape };
}

function packageDirs(file: string, dirs: unknown): string[] {
  if (!Array.isArray(dirs) || dirs.length === 0) throw new ProjectError(`${file} has no "packageDirectories".`);
  return dirs.map((entry, index) => {
    const dir = (entry as { path?: unknown } | null)?.path;
    if (typeof dir !== 'string' || dir === '')
      throw new ProjectError(`${file}: packageDirectories[${index}].path must be a non-empty string.`);
    const normalized = toPosix(path.normalize(dir)).replace(/\/$/u, '');
    // A hostile sfdx-project.json must not make the linter walk the disk outside the project.
    if (path.isAbsolute(dir) || normalized === '..' || normalized.startsWith('../')) {
      throw new ProjectError(`${file}: packageDirectories[${index}].path "${dir}" is outside the project.`);
    }
    return normalized;
  });
}

function readForceignore(root: string): string | undefined {
  const file = path.join(root, FORCEIGNORE);
  if (!existsSync(file)) return undefined;
  return readFileSync(file, 'utf8');
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
  const { packageDirs, shape } = sfdxRoot ? readSfdxProject(sfdxRoot) : { packageDirs: [''], shape: {} };
  const forceignoreText = readForceignore(root);
  const forceignore = forceignoreText !== undefined ? ignore().add(forceignoreText) : undefined;
  const userIgnores = options.ignores && options.ignores.length > 0 ? ignore().add(options.ignores) : undefined;

  const realRoot = realpathSync(root);
  const { listing } = options;
  listing?.begin(JSON.stringify([root, realRoot, packageDirs, forceignoreText ?? null, options.ignores ?? []]));
  const seenAt = Date.now();
  const asked = JSON.stringify(inputs);
  const wholeProject = !sfdxRoot || inputs.includes(sfdxRoot);
  const repositoryRoot = findRepositoryRoot(root);
  const unlintedBundles = sfdxRoot && wholeProject ? cumulusciBundles(sfdxRoot, packageDirs) : [];
  const project = (listed: ListingResult | { files: SourceFileRef[]; skipped: SkippedFile[]; targets?: string[] }): Project => ({
    root,
    kind: sfdxRoot ? 'sfdx' : 'folder',
    packageDirs,
    shape,
    files: [...listed.files],
    skipped: [...listed.skipped],
    ...(listed.targets ? { targets: [...listed.targets] } : {}),
    ...(repositoryRoot ? { repositoryRoot } : {}),
    ...(unlintedBundles.length > 0 ? { unlintedBundles } : {}),
    ...('digest' in listed && listed.digest !== undefined ? { filesDigest: listed.digest } : {}),
  });
  // No folder changed since the last discovery: its files, their order and their classification stand.
  const verified = listing?.verified(asked);
  if (verified) return project(verified);

  const unlisted = new Map<string, string>();
  const walk = async (start: string): Promise<string[]> => listFiles(start, realRoot, unlisted, listing, seenAt);
  // In an SFDX project the whole project is the context, so cross-file rules stay right; paths given
  // below its root are the targets whose findings are reported.
  const found = new Set<string>();
  if (sfdxRoot) for (const dir of packageDirs) for (const entry of await walk(path.join(root, dir))) found.add(entry);
  const targeted = new Set<string>();
  for (const input of inputs) {
    if (input === sfdxRoot) continue;
    for (const entry of await walk(input)) {
      found.add(entry);
      targeted.add(toPosix(path.relative(root, entry)));
    }
  }
  // Nothing listed again: the files, their order and their classification are the last discovery's.
  const unchanged = listing?.unchanged(asked);
  if (unchanged) return project(unchanged);

  const files: SourceFileRef[] = [];
  const skipped: SkippedFile[] = [...unlisted].map(([absolute, reason]) => ({ path: toPosix(path.relative(root, absolute)), reason }));
  // Longest first, so that a file belongs to the innermost package directory that holds it.
  const byLength = [...packageDirs].sort((a, b) => b.length - a.length);
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const classifyListed = (rel: string): Classified => {
    if (forceignore?.ignores(rel)) return { reason: 'listed in .forceignore' };
    if (userIgnores?.ignores(rel)) return { reason: 'matched by the configuration\'s "ignores"' };
    const packageDir = byLength.find((d) => d === '' || rel === d || (rel.startsWith(d) && rel.charCodeAt(d.length) === 47)) ?? '';
    const classified = classify(rel, packageDir);
    return classified.ok ? { file: classified.file } : { reason: classified.reason };
  };
  for (const absolute of [...found].sort()) {
    // Every file found lies under the root but for links and inputs outside it; those take the general path.
    const rel = absolute.startsWith(prefix) ? toPosix(absolute.slice(prefix.length)) : toPosix(path.relative(root, absolute));
    if (rel.startsWith('../')) {
      skipped.push({ path: toPosix(absolute), reason: 'outside the project' });
      continue;
    }
    const classified = listing ? listing.classification(rel, () => classifyListed(rel)) : classifyListed(rel);
    if ('file' in classified) files.push(classified.file);
    else skipped.push({ path: rel, reason: classified.reason });
  }
  const targets = wholeProject ? undefined : files.map((f) => f.path).filter((p) => targeted.has(p));
  const listed = { files, skipped, ...(targets ? { targets } : {}) };
  return project(listing ? listing.finish({ inputs: asked, ...listed }) : listed);
}

/**
 * The bundle folders of a CumulusCI project that its package directories do not hold. Each is its own deployment, often
 * with namespace tokens and partial components, so it is not merged into the package's model: it is linted on its own,
 * `sfmeta-lint unpackaged/post/<bundle>`, which reads the package as context.
 */
function cumulusciBundles(root: string, packageDirs: string[]): string[] {
  if (!existsSync(path.join(root, CUMULUSCI_FILE))) return [];
  const inPackage = (dir: string) => packageDirs.some((p) => p === '' || dir === p || dir.startsWith(`${p}/`));
  return CUMULUSCI_BUNDLE_GROUPS.flatMap((group) => {
    const folder = path.join(root, group);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
    return readdirSync(folder, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `${group}/${e.name}`)
      .filter((dir) => !inPackage(dir))
      .sort();
  });
}

/**
 * The files under `start` (or `start` itself), without recursion. Links to files inside the project are
 * listed; links to folders or outside the project, and what cannot be read, go to `unlisted` with a reason.
 * With a listing, a folder whose status is as recorded is not read again (see listing.ts).
 */
function listFiles(start: string, realRoot: string, unlisted: Map<string, string>, listing: Listing | undefined, seenAt: number): string[] {
  // A folder that does not exist yet, or a file given by path: no folder's status tells when that changes.
  if (!existsSync(start)) {
    listing?.unrecorded();
    return [];
  }
  if (!statSync(start).isDirectory()) {
    listing?.unrecorded();
    return [path.resolve(start)];
  }
  const files: string[] = [];
  const pending = [path.resolve(start)];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    const status = listing ? statSync(dir, { throwIfNoEntry: false }) : undefined;
    const folder = (status && listing!.folder(dir, status)) || readFolder(dir, realRoot, unlisted, listing, status, seenAt);
    if (!folder) continue;
    const { names, kinds } = folder;
    // `dir` is absolute and normalized, and a name has no separator: no need for path.join.
    const base = dir.endsWith(path.sep) ? dir : dir + path.sep;
    let reason = 0;
    for (let i = 0; i < names.length; i++) {
      const kind = kinds.charCodeAt(i);
      if (kind === KIND_FILE) files.push(base + names[i]);
      else if (kind === KIND_FOLDER) pending.push(base + names[i]);
      else unlisted.set(base + names[i], folder.reasons[reason++]!);
    }
  }
  return files;
}

const KIND_FILE = 'f'.charCodeAt(0);
const KIND_FOLDER = 'd'.charCodeAt(0);

/** Reads a folder's entries; records them in the listing when they can be trusted next time. */
function readFolder(
  dir: string,
  realRoot: string,
  unlisted: Map<string, string>,
  listing: Listing | undefined,
  status: Stats | undefined,
  seenAt: number,
): (FolderStatus & FolderEntries) | undefined {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    unlisted.set(dir, `the folder could not be read (${errorCode(error)})`);
    listing?.record(dir, undefined);
    return undefined;
  }
  const names: string[] = [];
  let kinds = '';
  const reasons: string[] = [];
  let links = false;
  for (const entry of entries) {
    const full = dir.endsWith(path.sep) ? dir + entry.name : dir + path.sep + entry.name;
    let reason: string | undefined;
    if (entry.isDirectory()) {
      if (NEVER_ENTERED.has(entry.name)) continue;
      kinds += 'd';
    } else if (entry.name.includes('\uFFFD') && !existsSync(full)) {
      reason = 'the name is not valid UTF-8';
    } else if (entry.isFile()) {
      kinds += 'f';
    } else if (entry.isSymbolicLink()) {
      links = true;
      reason = linkProblem(full, realRoot);
      if (!reason) kinds += 'f';
    } else {
      reason = 'not a regular file';
    }
    if (reason !== undefined) {
      kinds += 'x';
      reasons.push(reason);
    }
    names.push(entry.name);
  }
  const folder = { mtimeMs: status?.mtimeMs ?? 0, ctimeMs: status?.ctimeMs ?? 0, ino: status?.ino ?? 0, names, kinds, reasons };
  if (listing) listing.record(dir, status && !links && !changedTooRecently(status, seenAt) ? folder : undefined);
  return folder;
}

function linkProblem(link: string, realRoot: string): string | undefined {
  try {
    const target = realpathSync(link);
    if (!target.startsWith(realRoot + path.sep)) return 'a link to outside the project (not followed)';
    if (!statSync(target).isFile()) return 'a link to a folder (not followed)';
    return undefined;
  } catch (error) {
    return `a broken link (${errorCode(error)})`;
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

function commonDirectory(dirs: string[]): string {
  let common = dirs[0]!;
  for (const dir of dirs.slice(1)) {
    while (dir !== common && !dir.startsWith(common.endsWith(path.sep) ? common : common + path.sep)) common = path.dirname(common);
  }
  return common;
}

export { decodeText, readBytesSync, readText, readTextSync, type ReadBytesResult, type ReadResult } from './read.js';
export { changedSince, stagedFiles } from './git.js';
