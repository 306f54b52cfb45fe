// A first run's cache file, its facts written on the thread pool while the rules run on the main thread (which would
// otherwise write them after the rules, one core idle meanwhile: a quarter of a second on the large benchmark project).
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, renameSync, rmSync, writev } from 'node:fs';
import path from 'node:path';
import { HEADER_SIZE, makeCacheFolder, type Block, type CacheEntry } from './cache-file.js';

/** The checksum of a first run's facts as they come, and how many came. */
export class Arrivals {
  private readonly hash = createHash('sha1');
  count = 0;

  add(facts: Uint8Array): void {
    this.hash.update(facts);
    this.count++;
  }

  digest(): string {
    return this.hash.digest('base64');
  }
}

/**
 * Starts writing the facts of `entries` (each new, in the order they came, as `arrivals` saw them) to a new file
 * `temporary`, and sets where each one is; undefined when the file cannot be made (the cache is then written as usual).
 */
export function startWriteAhead(temporary: string, entries: Iterable<CacheEntry>, arrivals: Arrivals): WriteAhead | undefined {
  const parts: Buffer[] = [];
  let length = 0;
  for (const entry of entries) {
    entry.at = HEADER_SIZE + length;
    parts.push(entry.facts!);
    length += entry.length;
  }
  try {
    return new WriteAhead(temporary, parts, { at: HEADER_SIZE, length, sha1: arrivals.digest() });
  } catch {
    return undefined;
  }
}

export class WriteAhead {
  private fd: number | undefined;
  /** Undefined once every byte is written, else why not. */
  private readonly written: Promise<string | undefined>;
  /** The write has ended (well or not): until then the file must stay open, or its descriptor could be reused. */
  private ended = false;
  /** Removes the unfinished file if the process ends before the cache is saved. */
  private readonly abandon = () => this.remove();

  /**
   * Starts writing `parts` (the facts, in the order of the cache's entries) after the header's room of a new file
   * `temporary`, as `block` (their length and checksum) describes them. Throws when the file cannot be made.
   */
  constructor(
    private readonly temporary: string,
    parts: readonly Buffer[],
    private readonly block: Block,
  ) {
    makeCacheFolder(path.dirname(temporary));
    const fd = openSync(temporary, 'w');
    this.fd = fd;
    process.once('exit', this.abandon);
    const buffers = joinAdjacent(parts);
    this.written = new Promise((resolve) => {
      writev(fd, buffers, HEADER_SIZE, (error, bytes) => {
        this.ended = true;
        resolve(error ? (error.code ?? error.message) : bytes !== block.length ? 'a short write' : undefined);
      });
    });
  }

  /** Waits for the facts to be written; returns why they could not be (the file is then gone). */
  async settled(): Promise<string | undefined> {
    const problem = await this.written;
    if (problem !== undefined) this.discard();
    return problem;
  }

  /**
   * Completes the file once settled() said it was written: `tail` writes what follows the facts (from the offset given)
   * and the header; then the file takes the place of `file`. Returns the file's inode. Throws when it cannot (the
   * unfinished file is then removed).
   */
  finish(file: string, tail: (fd: number, factsEnd: number, block: Block) => void): number {
    const fd = this.fd!;
    try {
      tail(fd, HEADER_SIZE + this.block.length, this.block);
      const { ino } = fstatSync(fd);
      closeSync(fd);
      this.fd = undefined;
      renameSync(this.temporary, file);
      process.off('exit', this.abandon);
      return ino;
    } catch (error) {
      this.discard();
      throw error;
    }
  }

  /** Whether the facts are still being written (settled() has not been awaited). */
  get writing(): boolean {
    return !this.ended;
  }

  /** Gives the file up (a later change made it stale, or it failed); once the write has ended, if it has not yet. */
  discard(): void {
    if (this.ended) this.remove();
    else void this.written.then(() => this.remove());
  }

  private remove(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.temporary, { force: true });
    process.off('exit', this.abandon);
  }
}

/**
 * The same bytes in fewer buffers: facts that arrived together lie side by side in their batch's buffer, and a
 * gathered write of thousands of small buffers takes far longer than of a few hundred large ones.
 */
function joinAdjacent(parts: readonly Buffer[]): Buffer[] {
  const joined: Buffer[] = [];
  for (const part of parts) {
    const last = joined[joined.length - 1];
    if (last && last.buffer === part.buffer && last.byteOffset + last.length === part.byteOffset)
      joined[joined.length - 1] = Buffer.from(last.buffer, last.byteOffset, last.length + part.length);
    else joined.push(part);
  }
  return joined;
}
