// What an earlier discovery found, kept so that the next one lists again only the folders that changed: the
// language server between changes (in memory), and the cache (`--cache`) between runs (a snapshot).
//
// A folder's modification time changes whenever an entry is added to it, removed from it or renamed in it, never when
// a file in it is edited: the listing of a folder whose status (mtime, ctime, inode) is as recorded is the one
// recorded. Edited files are the extraction's to notice (by their own status). Not trusted:
// - a folder changed within moments of being listed (its timestamps may not have ticked since; see changedTooRecently);
// - a folder that holds a symbolic link (its target may change without the folder changing): listed every time;
// - a folder that could not be read, or a package directory that does not exist.
// What every file is classified as depends only on its path and the project's settings (package directories,
// .forceignore, the configuration's ignores): it is kept with the listing, and all of it is dropped when those change.
// When every folder of the last discovery is as recorded, and none was left unrecorded, the discovery's result stands
// as a whole: the files, their order and their classification.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { MetadataFormat, SourceFileRef } from '../model/index.js';

/** A folder's status when it was listed. */
export interface FolderStatus {
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** A folder's entries. */
export interface FolderEntries {
  names: string[];
  /** One letter per entry: `d` a folder, `f` a file, `x` neither (see `reasons`). */
  kinds: string;
  /** Why each `x` entry is not listed, in their order. */
  reasons: string[];
}

/** A folder as listed: its status then, and its entries (absent in a listing read from a snapshot). */
export type ListedFolder = FolderStatus & Partial<FolderEntries>;

/** What a listed file is: its classification, or why it is skipped. */
export type Classified = { file: SourceFileRef } | { reason: string };

/** The result of a discovery, which stands as a whole while no folder changed. */
export interface ListingResult {
  /** What the discovery was asked (its inputs), so that a discovery of other inputs does not reuse it. */
  inputs: string;
  files: SourceFileRef[];
  skipped: { path: string; reason: string }[];
  targets?: string[];
  /** A hash of the files and their classification: what the cache keys the rules' findings on (see Listing's `digests`). */
  digest?: string;
}

export class Listing {
  /** `digests`: hash each new result's files (for the cache; the language server needs none). */
  constructor(private readonly options: { digests?: boolean } = {}) {}

  /** The project's settings the classifications were made under. */
  private key = '';
  private folders = new Map<string, ListedFolder>();
  private classified = new Map<string, Classified>();
  private result: ListingResult | undefined;
  /** Whether the last discovery recorded every folder it listed (none racy, with links, unreadable or missing). */
  private complete = false;
  /** In the discovery in progress: whether a folder was listed again, whether one was left unrecorded, which were met. */
  private relisted = false;
  private incomplete = false;
  private seen = new Set<string>();
  /** Whether the last discovery's result was the one before it (nothing new to keep). */
  reused = false;

  /** Starts a discovery under these settings: what was classified under others is forgotten. */
  begin(key: string): void {
    if (key !== this.key) {
      this.key = key;
      this.folders.clear();
      this.classified.clear();
      this.result = undefined;
      this.complete = false;
    }
    this.relisted = false;
    this.incomplete = false;
    this.reused = false;
    this.seen = new Set();
  }

  /**
   * The last discovery's result when it was asked the same and every folder it listed is as recorded (each one is
   * stat'ed): nothing was added, removed or renamed since.
   */
  verified(inputs: string): ListingResult | undefined {
    if (!this.complete || this.result?.inputs !== inputs) return undefined;
    for (const [dir, folder] of this.folders) {
      const now = statSync(dir, { throwIfNoEntry: false });
      if (!now || !sameFolderStatus(folder, now)) return undefined;
    }
    this.reused = true;
    return this.result;
  }

  /** The recorded entries of a folder whose status is as recorded. */
  folder(dir: string, status: FolderStatus): (FolderStatus & FolderEntries) | undefined {
    this.seen.add(dir);
    const known = this.folders.get(dir);
    if (known && hasEntries(known) && sameFolderStatus(known, status)) return known;
    this.relisted = true;
    return undefined;
  }

  /** Records a folder just listed; `undefined` when it must be listed again next time. */
  record(dir: string, folder: ListedFolder | undefined): void {
    this.seen.add(dir);
    this.relisted = true;
    if (folder) this.folders.set(dir, folder);
    else {
      this.folders.delete(dir);
      this.incomplete = true;
    }
  }

  /** A place the discovery cannot vouch for by folder statuses (a missing package directory, a file given by path). */
  unrecorded(): void {
    this.incomplete = true;
  }

  classification(relative: string, classify: () => Classified): Classified {
    let known = this.classified.get(relative);
    if (!known) {
      known = classify();
      this.classified.set(relative, known);
    }
    return known;
  }

  /** The last discovery's result, when this one listed nothing again and was asked the same. */
  unchanged(inputs: string): ListingResult | undefined {
    if (this.relisted || this.incomplete || this.result?.inputs !== inputs) return undefined;
    this.reused = true;
    return this.result;
  }

  /** Records the discovery's result, and forgets folders and files it did not meet (deleted since). */
  finish(result: Omit<ListingResult, 'digest'>): ListingResult {
    this.complete = !this.incomplete;
    if (this.result && this.result.inputs === result.inputs && !this.relisted && !this.incomplete) return this.result;
    for (const dir of this.folders.keys()) if (!this.seen.has(dir)) this.folders.delete(dir);
    const listed = new Set([...result.files.map((f) => f.path), ...result.skipped.map((s) => s.path)]);
    for (const relative of this.classified.keys()) if (!listed.has(relative)) this.classified.delete(relative);
    this.result = { ...result, ...(this.options.digests !== false ? { digest: listingDigest(result.files, result.skipped) } : {}) };
    return this.result;
  }

  /**
   * The listing as bytes for the cache: the settings, every folder's status and the result, without the folders'
   * entries (a run that finds a folder changed lists everything again). Undefined when the result cannot stand as a
   * whole next time.
   */
  toSnapshot(): Buffer | undefined {
    const result = this.result;
    if (!this.complete || !result) return undefined;
    const types: string[] = [];
    const packageDirs: string[] = [];
    const code = (table: string[], value: string) => {
      const at = table.indexOf(value);
      return at >= 0 ? at : table.push(value) - 1;
    };
    const { files } = result;
    // Paths as a folder (one of few) and a name; full names and parents, which mostly follow from them, as codes.
    const folders: string[] = [];
    const folderIndex = new Map<string, number>();
    const where: number[] = [];
    const names: string[] = [];
    const fullNames: (string | number)[] = [];
    const parents: (string | number | null)[] = [];
    let lastParent: string | undefined;
    for (const file of files) {
      const slash = file.path.lastIndexOf('/');
      const folder = file.path.slice(0, slash + 1);
      const name = file.path.slice(slash + 1);
      let at = folderIndex.get(folder);
      if (at === undefined) folderIndex.set(folder, (at = folders.push(folder) - 1));
      where.push(at);
      names.push(name);
      const stem = stemOf(name);
      fullNames.push(
        file.fullName === stem
          ? SAME_AS_STEM
          : file.parent !== undefined && file.fullName === `${file.parent}.${stem}`
            ? PARENT_DOT_STEM
            : file.fullName,
      );
      parents.push(file.parent === undefined ? null : file.parent === lastParent ? SAME_AS_BEFORE : file.parent);
      lastParent = file.parent;
    }
    const snapshot: Snapshot = {
      version: SNAPSHOT_VERSION,
      key: this.key,
      dirs: [...this.folders.keys()],
      statuses: [...this.folders.values()].flatMap((f) => [f.mtimeMs, f.ctimeMs, f.ino]),
      inputs: result.inputs,
      digest: result.digest ?? listingDigest(result.files, result.skipped),
      skipped: result.skipped,
      ...(result.targets ? { targets: result.targets } : {}),
      folders,
      where,
      names,
      fullNames,
      types: files.map((f) => code(types, f.type)),
      typeNames: types,
      packageDirs: files.map((f) => code(packageDirs, f.packageDir)),
      packageDirNames: packageDirs,
      formats: files.map((f) => (f.format === 'source' ? 's' : 'm')).join(''),
      parents,
    };
    return Buffer.from(JSON.stringify(snapshot), 'utf8');
  }

  /** A listing read back from `toSnapshot`; anything unreadable gives an empty listing (everything is listed). */
  static fromSnapshot(bytes: Uint8Array): Listing {
    const listing = new Listing();
    let snapshot: Snapshot;
    try {
      snapshot = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as Snapshot;
    } catch {
      return listing;
    }
    if (snapshot.version !== SNAPSHOT_VERSION) return listing;
    listing.key = snapshot.key;
    snapshot.dirs.forEach((dir, i) => {
      const at = 3 * i;
      listing.folders.set(dir, { mtimeMs: snapshot.statuses[at]!, ctimeMs: snapshot.statuses[at + 1]!, ino: snapshot.statuses[at + 2]! });
    });
    let lastParent: string | undefined;
    const files = snapshot.names.map((name, i): SourceFileRef => {
      const code = snapshot.parents[i];
      const parent = code === SAME_AS_BEFORE ? lastParent : code === null ? undefined : (code as string);
      lastParent = parent;
      const fullName = snapshot.fullNames[i];
      return {
        path: snapshot.folders[snapshot.where[i]!] + name,
        type: snapshot.typeNames[snapshot.types[i]!]!,
        fullName:
          fullName === SAME_AS_STEM ? stemOf(name) : fullName === PARENT_DOT_STEM ? `${parent}.${stemOf(name)}` : (fullName as string),
        packageDir: snapshot.packageDirNames[snapshot.packageDirs[i]!]!,
        format: (snapshot.formats[i] === 's' ? 'source' : 'metadata') as MetadataFormat,
        ...(parent !== undefined ? { parent } : {}),
      };
    });
    listing.result = {
      inputs: snapshot.inputs,
      files,
      skipped: snapshot.skipped,
      ...(snapshot.targets ? { targets: snapshot.targets } : {}),
      digest: snapshot.digest,
    };
    listing.complete = true;
    return listing;
  }
}

const SNAPSHOT_VERSION = 2;
const SAME_AS_STEM = 0;
const PARENT_DOT_STEM = 1;
const SAME_AS_BEFORE = 0;

/** A file name without `-meta.xml` and its suffix: what most full names are. */
function stemOf(name: string): string {
  const base = name.endsWith('-meta.xml') ? name.slice(0, -'-meta.xml'.length) : name;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

interface Snapshot {
  version: number;
  key: string;
  dirs: string[];
  statuses: number[];
  inputs: string;
  digest: string;
  skipped: { path: string; reason: string }[];
  targets?: string[];
  /** The files' folders (relative, with the trailing slash), each file's folder among them, and its name. */
  folders: string[];
  where: number[];
  names: string[];
  /** The full name, or SAME_AS_STEM, or PARENT_DOT_STEM. */
  fullNames: (string | number)[];
  types: number[];
  typeNames: string[];
  packageDirs: number[];
  packageDirNames: string[];
  formats: string;
  /** The parent, or SAME_AS_BEFORE (the previous file's), or null for none. */
  parents: (string | number | null)[];
}

function hasEntries(folder: ListedFolder): folder is FolderStatus & FolderEntries {
  return folder.names !== undefined;
}

function sameFolderStatus(recorded: FolderStatus, now: FolderStatus): boolean {
  return recorded.mtimeMs === now.mtimeMs && recorded.ctimeMs === now.ctimeMs && recorded.ino === now.ino;
}

function listingDigest(files: readonly SourceFileRef[], skipped: readonly { path: string; reason: string }[]): string {
  return createHash('sha1').update(JSON.stringify(files)).update(JSON.stringify(skipped)).digest('base64');
}

/**
 * Whether a file or folder seen at `seenAt` (ms) had changed so shortly before that a later change could leave its
 * timestamps as they are: within one tick of a coarse clock. File systems with whole-second times get two seconds.
 */
export function changedTooRecently(status: { mtimeMs: number; ctimeMs: number }, seenAt: number): boolean {
  const coarse = status.mtimeMs % 1000 === 0 && status.ctimeMs % 1000 === 0;
  return Math.max(status.mtimeMs, status.ctimeMs) >= seenAt - (coarse ? 2000 : 100);
}
