// What an earlier discovery found, kept so that the next one lists again only the folders that changed: the
// language server between changes, and the cache (`--cache`) between runs.
//
// A folder's modification time changes whenever an entry is added to it, removed from it or renamed in it, never when
// a file in it is edited: the listing of a folder whose status (mtime, ctime, inode) is as recorded is the one
// recorded. Edited files are the extraction's to notice (by their own status). Not trusted:
// - a folder changed within moments of being listed (its timestamps may not have ticked since; see changedTooRecently);
// - a folder that holds a symbolic link (its target may change without the folder changing): listed every time;
// - a folder that could not be read.
// What every file is classified as depends only on its path and the project's settings (package directories,
// .forceignore, the configuration's ignores): it is kept with the listing, and all of it is dropped when those change.
import type { SourceFileRef } from '../model/index.js';

/** A folder as listed: its status then, and its entries. */
export interface ListedFolder {
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  /** The entries' names. */
  names: string[];
  /** One letter per entry: `d` a folder, `f` a file, `x` neither (see `reasons`). */
  kinds: string;
  /** Why each `x` entry is not listed, in their order. */
  reasons: string[];
}

/** What a listed file is: its classification, or why it is skipped. */
export type Classified = { file: SourceFileRef } | { reason: string };

/** The result of the last discovery, reused as a whole when no folder changed. */
export interface ListingResult {
  /** What the discovery was asked (its inputs), so that a discovery of other inputs does not reuse it. */
  inputs: string;
  files: SourceFileRef[];
  skipped: { path: string; reason: string }[];
  targets?: string[];
}

export interface ListingData {
  key: string;
  folders: [string, ListedFolder][];
  classified: [string, Classified][];
  result?: ListingResult;
}

export class Listing {
  /** The project's settings the classifications were made under. */
  private key = '';
  private folders = new Map<string, ListedFolder>();
  private classified = new Map<string, Classified>();
  private result: ListingResult | undefined;
  /** Whether the discovery in progress listed a folder again (or met one it had not seen). */
  private relisted = false;
  private seen = new Set<string>();
  /** Whether anything was recorded since the listing was made or read. */
  changed = false;

  static from(data: ListingData): Listing {
    const listing = new Listing();
    listing.key = data.key;
    listing.folders = new Map(data.folders);
    listing.classified = new Map(data.classified);
    listing.result = data.result;
    return listing;
  }

  toData(): ListingData {
    return {
      key: this.key,
      folders: [...this.folders],
      classified: [...this.classified],
      ...(this.result ? { result: this.result } : {}),
    };
  }

  /** Starts a discovery under these settings: what was classified under others is forgotten. */
  begin(key: string): void {
    if (key !== this.key) {
      this.key = key;
      this.folders.clear();
      this.classified.clear();
      this.result = undefined;
      this.changed = true;
    }
    this.relisted = false;
    this.seen = new Set();
  }

  /** The recorded entries of a folder whose status is as recorded. */
  folder(dir: string, status: { mtimeMs: number; ctimeMs: number; ino: number }): ListedFolder | undefined {
    this.seen.add(dir);
    const known = this.folders.get(dir);
    if (known && known.mtimeMs === status.mtimeMs && known.ctimeMs === status.ctimeMs && known.ino === status.ino) return known;
    this.relisted = true;
    return undefined;
  }

  /** Records a folder just listed; `undefined` when it must be listed again next time. */
  record(dir: string, folder: ListedFolder | undefined): void {
    this.seen.add(dir);
    this.relisted = true;
    this.changed = true;
    if (folder) this.folders.set(dir, folder);
    else this.folders.delete(dir);
  }

  /** A folder that could not be listed: it is listed (or tried) again next time. */
  unreadable(dir: string): void {
    this.record(dir, undefined);
  }

  classification(relative: string, classify: () => Classified): Classified {
    let known = this.classified.get(relative);
    if (!known) {
      known = classify();
      this.classified.set(relative, known);
      this.changed = true;
    }
    return known;
  }

  /** The last discovery's result, when this one listed nothing again and was asked the same. */
  unchanged(inputs: string): ListingResult | undefined {
    return !this.relisted && this.result?.inputs === inputs ? this.result : undefined;
  }

  /** Records the discovery's result, and forgets folders and files it did not meet (deleted since). */
  finish(result: ListingResult): void {
    if (this.result === result) return;
    this.result = result;
    this.changed = true;
    for (const dir of this.folders.keys()) if (!this.seen.has(dir)) this.folders.delete(dir);
    const listed = new Set([...result.files.map((f) => f.path), ...result.skipped.map((s) => s.path)]);
    for (const relative of this.classified.keys()) if (!listed.has(relative)) this.classified.delete(relative);
  }
}

/**
 * Whether a file or folder seen at `seenAt` (ms) had changed so shortly before that a later change could leave its
 * timestamps as they are: within one tick of a coarse clock. File systems with whole-second times get two seconds.
 */
export function changedTooRecently(status: { mtimeMs: number; ctimeMs: number }, seenAt: number): boolean {
  const coarse = status.mtimeMs % 1000 === 0 && status.ctimeMs % 1000 === 0;
  return Math.max(status.mtimeMs, status.ctimeMs) >= seenAt - (coarse ? 2000 : 100);
}
