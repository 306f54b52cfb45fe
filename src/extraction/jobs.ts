// One file's extraction job: read, optionally hash, extract, optionally encode. The same code runs inline on the main
// thread and in the extraction workers, so both give the same facts.
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { extractFile, type ExtractionLevel } from '../model/extract.js';
import type { FileFacts, SourceFileRef } from '../model/index.js';
import { decodeText, readBytesSync } from '../project/read.js';
import { encodeFacts } from './codec.js';

export interface Job {
  /** The file's position among the files extracted, so results can arrive in any order. */
  index: number;
  absolute: string;
  file: SourceFileRef;
  level: ExtractionLevel;
  /** With the cache: the content hash of the cached facts; when the file still has it, nothing is extracted. */
  expectHash?: string;
  /** The size found when the job was planned (for ordering and progress only). */
  size: number;
}

export interface JobOptions {
  maxFileSize: number;
  /** Hash the bytes, for the cache. */
  hash: boolean;
  /** Encode the facts (for the cache, or to send them from a worker). */
  encode: boolean;
}

/** What the cache keys a file's facts on: the status of the file that was read, and the hash of its bytes. */
export interface FileKey {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  hash: string;
}

export type JobResult =
  /** Extracted: the facts, and for the cache their key and encoding. */
  | { index: number; kind: 'facts'; facts: FileFacts; key?: FileKey; bytes?: Buffer }
  /** The file has the content hash the job expected: the cached facts stand. */
  | { index: number; kind: 'same'; key: FileKey }
  /** The file could not be read (too large, not a regular file, not text): a problem, never cached. */
  | { index: number; kind: 'failed'; facts: FileFacts };

/** Where a problem with the whole file (too large, unreadable) is shown: there is no element to point at. */
const FILE_START = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64');
}

export function fileKey(stats: Pick<Stats, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>, hash: string): FileKey {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino, hash };
}

export function runJob(job: Job, options: JobOptions): JobResult {
  const { file } = job;
  // The bytes are hashed and decoded to text right away, so they can share one buffer with the next job's.
  const read = readBytesSync(job.absolute, options.maxFileSize, { shared: true });
  if (!read.ok)
    return {
      index: job.index,
      kind: 'failed',
      facts: { file, problem: { kind: 'parse', file: file.path, message: read.message, range: FILE_START } },
    };
  const hash = options.hash ? contentHash(read.bytes) : undefined;
  if (hash !== undefined && hash === job.expectHash) return { index: job.index, kind: 'same', key: fileKey(read.stats, hash) };
  const text = decodeText(read.bytes);
  if (!text.ok)
    return {
      index: job.index,
      kind: 'failed',
      facts: { file, problem: { kind: 'parse', file: file.path, message: text.message, range: text.range ?? FILE_START } },
    };
  const facts = extractFile(file, text.text, job.level);
  return {
    index: job.index,
    kind: 'facts',
    facts,
    ...(hash !== undefined ? { key: fileKey(read.stats, hash) } : {}),
    ...(options.encode ? { bytes: encodeFacts(facts) } : {}),
  };
}
