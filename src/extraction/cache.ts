// The cache (`--cache`): one file holding each file's extracted facts, keyed on the hash of its bytes, plus the
// rules' findings of the last run keyed on everything they depend on. It is never wrong:
// - a file's facts are used only for the same content hash, extraction level, tool build, extractor and encoding;
// - the hash is recomputed unless the file's size, mtime, ctime and inode are all as recorded, and they are not
//   trusted for a file changed within moments of being read (its timestamps may not have ticked since);
// - a cache file that is missing, foreign, truncated or corrupt (SHA-1 checksums of every part) is ignored and
//   rebuilt; a cache that cannot be written is a warning, never a failed run.
//
// It is also cheap to use. The file is a fixed-size header, then blocks of encoded facts, then the index (path, level,
// status, hash and place of each file's facts) and the saved findings. A run that finds nothing changed reads only the
// header, the index and the findings; the facts are read (and checked) only when the rules must run again. A run that
// changed a few files appends their facts, a new index and findings, then rewrites the header last: until then the
// file still describes its old, intact content. Once dead space outweighs live facts, the file is written anew.
import { closeSync, fstatSync, openSync, renameSync, rmSync, type Stats } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { ExtractionLevel } from '../model/extract.js';
import type { FileKey } from './jobs.js';
import {
  asBuffer,
  CacheDamaged,
  FORMAT,
  HEADER_SIZE,
  headerBytes,
  MAGIC,
  makeCacheFolder,
  makeHeader,
  MAX_BLOCKS,
  NUMBERS,
  readAt,
  rowOf,
  sameStatus,
  sha1,
  storedIndex,
  writeAll,
  writeParts,
  type Block,
  type CacheEntry,
  type Header,
  type Saved,
  type Stored,
  type StoredIndex,
  type Table,
} from './cache-file.js';
import { Arrivals, startWriteAhead, type WriteAhead } from './cache-ahead.js';

export { CacheDamaged, isRacy, sameFileStatus, sameStatus, type CacheEntry } from './cache-file.js';

export class FactsCache {
  /** Entries made from the index's rows when asked for, or new; they stand for the rows of the same paths. */
  private readonly entries = new Map<string, CacheEntry>();
  /** The index as read, for the rows not made into entries yet (see every()). */
  private table: Table | undefined;
  /** The project's files in order, as last given to retain(). */
  private order: readonly string[] = [];
  private saved: Saved = {};
  private changed = false;
  /** The file as read: its header and identity, for appending to it; undefined to write a new file. */
  private base: { header: Header; ino: number; size: number } | undefined;
  /** Every block's bytes, from the header's end to the described end, once read and checked. */
  private blocks: Buffer | undefined;
  /** In a first run: the checksum of the new facts as they came, and how many came (see writeAhead()). */
  private fresh: Arrivals | undefined;
  /** In a first run: the new file, its facts being written while the rules run; stale once more facts come. */
  private ahead: { file: WriteAhead; stale: boolean } | undefined;

  private constructor(
    readonly file: string,
    private readonly fingerprint: string,
  ) {}

  /** Opens the cache file; anything but a valid cache of this build gives an empty cache (and why, for --debug). */
  static open(file: string, fingerprint: string): { cache: FactsCache; note?: string } {
    const cache = new FactsCache(file, fingerprint);
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return {
        cache,
        note: code === 'ENOENT' ? 'no cache file yet' : `the cache file could not be read (${code ?? (error as Error).message})`,
      };
    }
    try {
      const note = cache.load(fd);
      if (note) {
        cache.reset();
        return { cache, note };
      }
    } catch (error) {
      cache.reset();
      return { cache, note: `the cache file is damaged (${(error as Error).message}); it is rebuilt` };
    } finally {
      closeSync(fd);
    }
    return { cache };
  }

  private load(fd: number): string | undefined {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return 'the cache location is not a file';
    if (stats.size < HEADER_SIZE) return 'not a sfmeta-lint cache file; it is replaced';
    const head = readAt(fd, 0, HEADER_SIZE);
    if (!head.subarray(0, MAGIC.length).equals(MAGIC)) return 'not a sfmeta-lint cache file; it is replaced';
    const headerLength = head.readUInt32LE(MAGIC.length);
    if (MAGIC.length + 4 + headerLength > HEADER_SIZE) return 'the cache file is damaged; it is rebuilt';
    const header = JSON.parse(head.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength)) as Header;
    if (header.format !== FORMAT || header.fingerprint !== this.fingerprint)
      return 'the cache was written by another build of sfmeta-lint; it is rebuilt';
    if (header.end > stats.size) return 'the cache file is truncated; it is rebuilt';
    const index = readAt(fd, header.indexAt, header.indexLength);
    const result = readAt(fd, header.resultAt, header.resultLength);
    if (sha1(index, result) !== header.sha1) return 'the cache file is damaged (checksum); it is rebuilt';
    const stored = v8.deserialize(index) as StoredIndex;
    if (header.resultLength > 0) {
      const { digest, payload, edits, listing } = v8.deserialize(result) as Stored;
      this.saved = {
        ...(digest !== undefined && payload ? { digest, payload: asBuffer(payload) } : {}),
        ...(edits ? { edits: { key: edits.key, payload: asBuffer(edits.payload) } } : {}),
        ...(listing ? { listing: asBuffer(listing) } : {}),
      };
    }
    const paths = stored.paths === '' ? [] : stored.paths.split('\0');
    const hashes = stored.hashes === '' ? [] : stored.hashes.split('\0');
    const { numbers } = stored;
    if (hashes.length !== paths.length || numbers.length !== paths.length * NUMBERS) throw new Error('the index is inconsistent');
    for (let row = 0; row < paths.length; row++) {
      const at = numbers[row * NUMBERS + 4]!;
      if (at < HEADER_SIZE || at + numbers[row * NUMBERS + 5]! > header.end) throw new Error('an entry lies outside the file');
    }
    this.table = {
      paths,
      next: 0,
      hashes,
      levels: stored.levels,
      level: stored.level,
      racy: stored.racy,
      numbers,
    };
    this.base = { header, ino: stats.ino, size: stats.size };
    return undefined;
  }

  /** Forgets everything read: the next save writes a new file. */
  reset(): void {
    this.entries.clear();
    this.table = undefined;
    this.saved = {};
    this.base = undefined;
    this.blocks = undefined;
    this.changed = true;
  }

  get(file: string): CacheEntry | undefined {
    const entry = this.entries.get(file);
    if (entry || !this.table) return entry;
    const row = rowOf(this.table, file);
    return row === undefined ? undefined : this.fromRow(file, row);
  }

  /**
   * The content hash of a file's facts when they can be used without reading the file: extracted at this level, and
   * the file's status as recorded (not racy). Made for the warm run's loop over every file: no entry is made.
   */
  unchanged(
    file: string,
    level: ExtractionLevel,
    maxFileSize: number,
    stats: Pick<Stats, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>,
  ): string | undefined {
    const entry = this.entries.get(file);
    if (entry) return entry.level === level && entry.key.size <= maxFileSize && sameStatus(entry, stats) ? entry.key.hash : undefined;
    const table = this.table;
    const row = table && rowOf(table, file);
    if (row === undefined) return undefined;
    const n = table!.numbers;
    const at = row * NUMBERS;
    const same =
      table!.levels[table!.level[row]!] === level &&
      table!.racy[row] === 0 &&
      n[at] === stats.size &&
      n[at]! <= maxFileSize &&
      n[at + 1] === stats.mtimeMs &&
      n[at + 2] === stats.ctimeMs &&
      n[at + 3] === stats.ino;
    return same ? table!.hashes[row] : undefined;
  }

  private fromRow(file: string, row: number, table: Table = this.table!): CacheEntry {
    const { numbers: n, hashes, levels, level, racy } = table;
    const at = row * NUMBERS;
    const entry: CacheEntry = {
      level: levels[level[row]!]!,
      key: { size: n[at]!, mtimeMs: n[at + 1]!, ctimeMs: n[at + 2]!, ino: n[at + 3]!, hash: hashes[row]! },
      racy: racy[row] === 1,
      at: n[at + 4]!,
      length: n[at + 5]!,
    };
    this.entries.set(file, entry);
    return entry;
  }

  /** Every entry, the index's rows made into entries first (to change or write them all). */
  private every(): Map<string, CacheEntry> {
    const table = this.table;
    if (table) {
      table.paths.forEach((file, row) => {
        if (!this.entries.has(file)) this.fromRow(file, row, table);
      });
      this.table = undefined;
    }
    return this.entries;
  }

  /** The encoded facts of an entry; reads and checks every block the first time. Throws CacheDamaged. */
  factsOf(entry: CacheEntry): Buffer {
    if (entry.facts) return entry.facts;
    const blocks = this.readBlocks();
    entry.facts = blocks.subarray(entry.at - HEADER_SIZE, entry.at - HEADER_SIZE + entry.length);
    return entry.facts;
  }

  /** Whether the cached facts can be read back intact (reads and checks them). */
  readable(): boolean {
    try {
      this.readBlocks();
      return true;
    } catch (error) {
      if (error instanceof CacheDamaged) return false;
      throw error;
    }
  }

  private readBlocks(): Buffer {
    if (this.blocks) return this.blocks;
    const base = this.base;
    if (!base) throw new CacheDamaged('no cache file was read');
    let fd: number | undefined;
    try {
      fd = openSync(this.file, 'r');
      const stats = fstatSync(fd);
      // Replaced by another run since it was opened: its blocks are not the ones the index points to.
      if (stats.ino !== base.ino || stats.size < base.header.end) throw new CacheDamaged('the cache file changed while it was in use');
      const blocks = readAt(fd, HEADER_SIZE, base.header.end - HEADER_SIZE);
      for (const block of base.header.blocks) {
        if (sha1(blocks.subarray(block.at - HEADER_SIZE, block.at - HEADER_SIZE + block.length)) !== block.sha1)
          throw new CacheDamaged('checksum');
      }
      this.blocks = blocks;
      return blocks;
    } catch (error) {
      if (error instanceof CacheDamaged) throw error;
      throw new CacheDamaged((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** New facts for a file. */
  set(file: string, entry: { level: ExtractionLevel; key: FileKey; racy: boolean; facts: Buffer }): void {
    // A first run writes a new file: its checksum is taken as the facts come (see writeAhead()).
    if (!this.base) (this.fresh ??= new Arrivals()).add(entry.facts);
    if (this.ahead) this.ahead.stale = true;
    this.entries.set(file, { ...entry, at: -1, length: entry.facts.length });
    this.changed = true;
  }

  /**
   * In a first run, once every file is extracted: starts writing the facts to the new file, on the thread pool, so that
   * it goes on while the rules run. save() completes the file (after settled()), or writes it all if this did not start.
   */
  writeAhead(): void {
    // Only when every entry is new, in the order its facts came (none was set twice, or dropped).
    if (this.base || this.ahead || this.fresh?.count !== this.entries.size || this.entries.size === 0) return;
    const file = startWriteAhead(`${this.file}.${process.pid}.ahead.tmp`, this.entries.values(), this.fresh);
    if (file) this.ahead = { file, stale: false };
    this.fresh = undefined;
  }

  /** Waits for the facts writeAhead() is writing; the next save() then completes the file, or writes anew. */
  async settled(): Promise<void> {
    const ahead = this.ahead;
    if (!ahead) return;
    if ((await ahead.file.settled()) !== undefined) this.ahead = undefined;
  }

  /** The same facts for a file whose status changed (its content hash did not). */
  touch(file: string, key: FileKey, racy: boolean): void {
    const entry = this.get(file);
    if (!entry) return;
    entry.key = key;
    entry.racy = racy;
    this.changed = true;
  }

  /** Drops the entries of files that are no longer in the project (`files`, in the project's order). */
  retain(files: readonly string[]): void {
    this.order = files;
    const table = this.table;
    if (table) {
      // The rows are in the project's order: when each is found, in turn, among the files, none is to drop (the usual
      // warm run; entries made in this run are of the project's files).
      let row = 0;
      for (let i = 0; i < files.length && row < table.paths.length; i++) if (files[i] === table.paths[row]) row++;
      if (row === table.paths.length) return;
    }
    const kept = new Set(files);
    const entries = this.every();
    for (const file of entries.keys()) {
      if (!kept.has(file)) {
        entries.delete(file);
        this.changed = true;
      }
    }
  }

  /** The rules' saved outcome, when it was computed from exactly these inputs. */
  resultFor(digest: string): Buffer | undefined {
    return this.saved.digest === digest ? this.saved.payload : undefined;
  }

  setResult(digest: string, payload: Buffer): void {
    if (this.saved.digest === digest) return;
    // What was worked out from another result does not hold for this one.
    this.saved = { digest, payload, ...(this.saved.listing ? { listing: this.saved.listing } : {}) };
    this.changed = true;
  }

  /** What was worked out from the saved result (its findings' edits), when it was for this key. */
  editsFor(key: string): Buffer | undefined {
    return this.saved.edits?.key === key ? this.saved.edits.payload : undefined;
  }

  setEdits(key: string, payload: Buffer): void {
    if (this.saved.edits?.key === key) return;
    this.saved.edits = { key, payload };
    this.changed = true;
  }

  /** The project's listing as the last run left it (see project/listing.ts). */
  listing(): Buffer | undefined {
    return this.saved.listing;
  }

  setListing(listing: Buffer): void {
    this.saved.listing = listing;
    this.changed = true;
  }

  /** Writes what changed: appended to the file when it can be, else a new file renamed over the old one. Returns a warning on failure. */
  save(): string | undefined {
    if (!this.changed) return undefined;
    try {
      if (!this.finishAhead() && !this.append()) this.rewrite();
      this.changed = false;
      return undefined;
    } catch (error) {
      return `could not write the cache ${this.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    }
  }

  private tail(): { index: Buffer; result: Buffer } {
    const everything = this.every();
    // In the project's order (retain's), so that the next run finds each row where it looks first.
    const entries = new Map<string, CacheEntry>();
    for (const file of this.order) {
      const entry = everything.get(file);
      if (entry) entries.set(file, entry);
    }
    for (const [file, entry] of everything) if (!entries.has(file)) entries.set(file, entry);
    const stored = storedIndex(entries);
    return {
      index: v8.serialize(stored),
      result: Object.keys(this.saved).length > 0 ? v8.serialize(this.saved satisfies Stored) : Buffer.alloc(0),
    };
  }

  /** Appends new facts, the index and the findings to the file as read, then the header. False when a new file is better. */
  private append(): boolean {
    const base = this.base;
    if (!base || base.header.blocks.length >= MAX_BLOCKS) return false;
    let live = 0;
    let fresh = 0;
    for (const entry of this.every().values()) {
      live += entry.length;
      if (entry.at < 0) fresh += entry.length;
    }
    // More dead space (replaced facts, old indexes) than live facts: time for a compact new file.
    if (base.header.end + fresh - HEADER_SIZE > 2 * live) return false;
    let fd: number | undefined;
    try {
      fd = openSync(this.file, 'r+');
      const stats = fstatSync(fd);
      if (stats.ino !== base.ino || stats.size !== base.size) return false;
      let at = base.header.end;
      const blocks = [...base.header.blocks];
      const added: CacheEntry[] = [];
      const parts: Buffer[] = [];
      for (const entry of this.every().values()) {
        if (entry.at >= 0) continue;
        added.push(entry);
        parts.push(entry.facts!);
      }
      if (parts.length > 0) {
        const length = writeParts(fd, parts, at);
        blocks.push({ at, length, sha1: sha1(...parts) });
        let offset = at;
        for (const entry of added) {
          entry.at = offset;
          offset += entry.length;
        }
        at += length;
      }
      // The header last: until it is written, the file still describes what it held before.
      const header = this.writeTail(fd, at, blocks);
      if (!header) return false;
      this.base = { header, ino: stats.ino, size: header.end };
      return true;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** Completes the file writeAhead() wrote the facts of, after settled(): the index and findings, then the header. */
  private finishAhead(): boolean {
    const ahead = this.ahead;
    this.ahead = undefined;
    if (!ahead) return false;
    // Stale, or still being written (save() without settled()): the cache is written whole instead.
    if (ahead.stale || ahead.file.writing) {
      ahead.file.discard();
      return false;
    }
    let header: Header | undefined;
    const ino = ahead.file.finish(this.file, (fd, at, block) => {
      header = this.writeTail(fd, at, [block]);
      if (!header) throw new Error('the cache header does not fit');
    });
    this.base = { header: header!, ino, size: header!.end };
    return true;
  }

  /** Writes the index and the findings at `at`, after the fact blocks, then the header; undefined when it does not fit. */
  private writeTail(fd: number, at: number, blocks: Block[]): Header | undefined {
    const { index, result } = this.tail();
    writeAll(fd, index, at);
    writeAll(fd, result, at + index.length);
    const header = makeHeader(this.fingerprint, blocks, at, index, result);
    const head = headerBytes(header);
    if (!head) return undefined;
    writeAll(fd, head, 0);
    return header;
  }

  /** Writes every live entry into a new file (a temporary one, renamed over the old). */
  private rewrite(): void {
    // Facts still in the old file are read from it; if they cannot be, those entries are dropped.
    let readable = true;
    for (const [file, entry] of this.every()) {
      if (entry.facts) continue;
      try {
        if (readable) this.factsOf(entry);
      } catch (error) {
        if (!(error instanceof CacheDamaged)) throw error;
        readable = false;
      }
      if (!entry.facts) this.entries.delete(file);
    }
    const parts: Buffer[] = [];
    let at = HEADER_SIZE;
    for (const entry of this.every().values()) {
      parts.push(entry.facts!);
      entry.at = at;
      at += entry.length;
    }
    const length = at - HEADER_SIZE;
    const temporary = `${this.file}.${process.pid}.tmp`;
    let fd: number | undefined;
    try {
      makeCacheFolder(path.dirname(this.file));
      fd = openSync(temporary, 'w');
      writeParts(fd, parts, HEADER_SIZE);
      const header = this.writeTail(fd, at, length > 0 ? [{ at: HEADER_SIZE, length, sha1: sha1(...parts) }] : []);
      if (!header) throw new Error('the cache header does not fit');
      const stats = fstatSync(fd);
      // No fsync: a cache cut short by a crash fails its checksums and is rebuilt; waiting for the disk is not worth it.
      closeSync(fd);
      fd = undefined;
      renameSync(temporary, this.file);
      this.base = { header, ino: stats.ino, size: stats.size };
      // Every entry keeps its facts, so the blocks need not be kept as well (a copy of all of them).
      this.blocks = undefined;
    } catch (error) {
      if (fd !== undefined) closeSync(fd);
      rmSync(temporary, { force: true });
      throw error;
    }
  }
}
