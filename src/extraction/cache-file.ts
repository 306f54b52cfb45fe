// The cache file's format and its small parts: the header's constants, the index's tables, reading and writing at an
// offset, the cache folder, and whether a file's status is as recorded (cache.ts holds the cache itself).
import { createHash } from 'node:crypto';
import { closeSync, lstatSync, openSync, readSync, rmSync, writeFileSync, writeSync, type Stats } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CACHE_FOLDER } from '../config/defaults.js';
import { makeFolder } from '../project/fs.js';
import { changedTooRecently } from '../project/listing.js';
import type { ExtractionLevel } from '../model/extract.js';
import type { FileKey } from './jobs.js';

export const MAGIC = Buffer.from('sfmeta-lint cache\n', 'latin1');
export const FORMAT = 3;
/** The header's room: magic, its length, then JSON padded with spaces. */
export const HEADER_SIZE = 4096;
/** Appended blocks before the file is written anew (each one is listed, with its checksum, in the header). */
export const MAX_BLOCKS = 32;

export interface CacheEntry {
  level: ExtractionLevel;
  key: FileKey;
  /** The file changed just before it was read: its status alone does not prove it unchanged. */
  racy: boolean;
  /** Where the encoded facts (codec.ts) are in the cache file, when they are there. */
  at: number;
  length: number;
  /** The encoded facts, once read or when new. */
  facts?: Buffer;
}

export interface Block {
  at: number;
  length: number;
  sha1: string;
}

export interface Header {
  format: number;
  fingerprint: string;
  blocks: Block[];
  indexAt: number;
  indexLength: number;
  resultAt: number;
  resultLength: number;
  /** Checksum of the index and the findings. */
  sha1: string;
  /** Where the described content ends. */
  end: number;
}

/**
 * The index as written: one column per field (a warm run reads 15,000 rows of it, and makes an entry only for the
 * rows it needs). Paths and hashes are joined by NUL, which neither holds.
 */
export interface StoredIndex {
  paths: string;
  hashes: string;
  /** The levels named, and each row's level by its place among them. */
  levels: ExtractionLevel[];
  level: Uint8Array;
  racy: Uint8Array;
  /** Per row: size, mtimeMs, ctimeMs, ino, at, length. */
  numbers: Float64Array;
}

export const NUMBERS = 6;

/** The index as read: its columns, and each path's row. */
export interface Table {
  paths: string[];
  /** Each path's row, made when a path is not found where the last one found leads (see row()). */
  rows?: Map<string, number>;
  /** Where the next path asked for usually is: the rows are written in the project's order, and read in it. */
  next: number;
  hashes: string[];
  levels: ExtractionLevel[];
  level: Uint8Array;
  racy: Uint8Array;
  numbers: Float64Array;
}

/** What the cache holds beside the facts: the rules' findings, their edits and the project's listing. */
export interface Saved {
  digest?: string;
  payload?: Buffer;
  edits?: { key: string; payload: Buffer };
  listing?: Buffer;
}

/** The same, as read back (v8 gives back plain byte arrays). */
export interface Stored {
  digest?: string;
  payload?: Uint8Array;
  edits?: { key: string; payload: Uint8Array };
  listing?: Uint8Array;
}

/** The header of a file whose fact blocks are followed, at `at`, by the index and the cached result. */
export function makeHeader(fingerprint: string, blocks: Block[], at: number, index: Buffer, result: Buffer): Header {
  return {
    format: FORMAT,
    fingerprint,
    blocks,
    indexAt: at,
    indexLength: index.length,
    resultAt: at + index.length,
    resultLength: result.length,
    sha1: sha1(index, result),
    end: at + index.length + result.length,
  };
}

/** The header as written: magic, the JSON's length, the JSON, padded with spaces; undefined when it does not fit. */
export function headerBytes(header: Header): Buffer | undefined {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  if (MAGIC.length + 4 + json.length > HEADER_SIZE) return undefined;
  const bytes = Buffer.alloc(HEADER_SIZE, 0x20);
  MAGIC.copy(bytes);
  bytes.writeUInt32LE(json.length, MAGIC.length);
  json.copy(bytes, MAGIC.length + 4);
  return bytes;
}

/** The index of `entries` (in the order given), as written. */
export function storedIndex(entries: ReadonlyMap<string, CacheEntry>): StoredIndex {
  const levels: ExtractionLevel[] = [];
  const level = new Uint8Array(entries.size);
  const racy = new Uint8Array(entries.size);
  const numbers = new Float64Array(entries.size * NUMBERS);
  const paths: string[] = [];
  const hashes: string[] = [];
  let row = 0;
  for (const [file, entry] of entries) {
    const { key } = entry;
    if (!levels.includes(entry.level)) levels.push(entry.level);
    level[row] = levels.indexOf(entry.level);
    racy[row] = entry.racy ? 1 : 0;
    numbers.set([key.size, key.mtimeMs, key.ctimeMs, key.ino, entry.at, entry.length], row * NUMBERS);
    paths.push(file);
    hashes.push(key.hash);
    row++;
  }
  return { paths: paths.join('\0'), hashes: hashes.join('\0'), levels, level, racy, numbers };
}

/** A path's row in the index: where the last one found leads, else looked up. */
export function rowOf(table: Table, file: string): number | undefined {
  if (table.paths[table.next] === file) return table.next++;
  table.rows ??= new Map(table.paths.map((path, row) => [path, row]));
  const row = table.rows.get(file);
  if (row !== undefined) table.next = row + 1;
  return row;
}

export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Written once into the tool's own cache folder, never over a file already there: git then ignores the whole folder. */
export const FOLDER_GITIGNORE = '# Created by sfmeta-lint automatically.\n*\n';

/** The cache's facts could not be read back intact (a damaged or concurrently replaced file). */
export class CacheDamaged extends Error {}

export function sha1(...parts: Uint8Array[]): string {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return hash.digest('base64');
}

export function readAt(fd: number, at: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, at + done);
    if (n === 0) throw new CacheDamaged('the cache file is shorter than its header says');
    done += n;
  }
  return buffer;
}

export function writeAll(fd: number, bytes: Uint8Array, at: number): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done, at + done);
}

/** Most bytes gathered into one write: a few writes for the whole cache, without a copy of all of it. */
const WRITE_CHUNK = 4 * 1024 * 1024;

/**
 * Writes `parts` one after another from `at`, gathered into chunks; returns their total length. One chunk buffer is
 * reused: a new one per chunk would leave the whole cache's size in garbage outside the heap, which the collector is
 * slow to reclaim (on the large benchmark project, 85 MB of peak memory).
 */
export function writeParts(fd: number, parts: readonly Uint8Array[], at: number): number {
  let offset = at;
  let chunk: Buffer | undefined;
  let size = 0;
  const flush = () => {
    writeAll(fd, chunk!.subarray(0, size), offset);
    offset += size;
    size = 0;
  };
  for (const part of parts) {
    if (part.length >= WRITE_CHUNK) {
      if (size > 0) flush();
      writeAll(fd, part, offset);
      offset += part.length;
      continue;
    }
    if (size + part.length > WRITE_CHUNK) flush();
    chunk ??= Buffer.allocUnsafe(WRITE_CHUNK);
    chunk.set(part, size);
    size += part.length;
  }
  if (size > 0) flush();
  return offset - at;
}

/**
 * Creates the folder of the cache file. The tool's own folder (the default, `.sfmeta-lint-cache/`) gets a `.gitignore`
 * with `*`, as Ruff's and pytest's cache folders do, so the cache never shows up as untracked in the user's repository.
 * A folder the user named is left as it is: a `*` there could hide their own files.
 */
export function makeCacheFolder(dir: string): void {
  if (path.basename(dir) !== DEFAULT_CACHE_FOLDER) {
    makeFolder(dir);
    return;
  }
  removeFileCache(dir);
  makeFolder(dir);
  try {
    writeFileSync(path.join(dir, '.gitignore'), FOLDER_GITIGNORE, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** Earlier builds kept the cache as a file named like today's folder: replace it, or every run could not write the cache. */
export function removeFileCache(dir: string): void {
  let fd: number;
  try {
    if (!lstatSync(dir).isFile()) return;
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  let head: Buffer;
  try {
    head = readAt(fd, 0, MAGIC.length);
  } catch {
    return;
  } finally {
    closeSync(fd);
  }
  if (head.equals(MAGIC)) rmSync(dir);
}

/** Whether a file's status shows it unchanged since `entry` was recorded (size, both times and inode). */
export function sameStatus(entry: CacheEntry, stats: Pick<Stats, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>): boolean {
  return !entry.racy && sameFileStatus(entry.key, stats);
}

/** Whether a file's status is as recorded: size, both times and inode (the language server's workspace asks too). */
export function sameFileStatus(
  recorded: Pick<Stats, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>,
  now: Pick<Stats, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>,
): boolean {
  return recorded.size === now.size && recorded.mtimeMs === now.mtimeMs && recorded.ctimeMs === now.ctimeMs && recorded.ino === now.ino;
}

/** Whether a file read at `readAt` (ms) had changed so shortly before that a later change could leave its status the same. */
export function isRacy(key: FileKey, readAt: number): boolean {
  return changedTooRecently(key, readAt);
}
