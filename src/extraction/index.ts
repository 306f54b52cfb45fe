// Reads and extracts every planned file: from the cache where unchanged, on worker threads for a big project, else inline.
import { statSync } from 'node:fs';
import path from 'node:path';
import { extractFile, type ExtractionLevel } from '../model/extract.js';
import type { FileFacts, SourceFileRef } from '../model/index.js';
import type { Project } from '../project/index.js';
import { CacheDamaged, isRacy, type FactsCache } from './cache.js';
import { decodeFacts } from './codec.js';
import { contentHash, runJob, type FileKey, type Job, type JobResult } from './jobs.js';
import { defaultWorkerCount, runInWorkers, workerEntry, type PoolResult } from './pool.js';

export { FactsCache, sameFileStatus } from './cache.js';
export { buildFingerprint, resultDigest } from './fingerprint.js';
export { extractionPlan } from './plan.js';
export { contentHash } from './jobs.js';

/**
 * Below this much to read, extraction stays on the calling thread. Each worker warms up its own JIT and the facts
 * travel encoded, so workers pay off only on enough bytes: on the 2-core benchmark machine the medium project
 * (28 MB in 15,600 files) takes 1.2 s inline and 1.5 s on two workers, the large one (481 MB) 13.8 s and 7.5 s.
 */
const WORKER_MIN_BYTES = 32 * 1024 * 1024;
/** Up to this many files, their sizes are not looked up (only workers and the cache need them). */
const SMALL_PROJECT_FILES = 500;

export interface ExtractOptions {
  maxFileSize: number;
  cache: FactsCache | undefined;
  workers: number | undefined;
  onProgress: ((done: number, total: number) => void) | undefined;
  /** Texts that stand for files' content instead of what is on disk (an editor's unsaved buffers), by project path. */
  overlays?: ReadonlyMap<string, string>;
  /**
   * Filled with the status of every file read from disk (or found unchanged in the cache), taken before it was read,
   * by project path: what the incremental analysis compares with later to tell whether a file changed.
   */
  statuses?: Map<string, FileStatus>;
}

/** A file's status, as compared to tell whether it changed since it was read. */
export interface FileStatus {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export interface Extraction {
  /** Every extracted file's facts, in project order; cached facts are decoded on the first call. */
  facts(): FileFacts[];
  /** One file's facts (by project path), decoding only those; undefined for a file not extracted. */
  factsOf(file: string): FileFacts | undefined;
  /** With the cache: what each file's facts were computed from (its path, level and content hash, or its read problem). */
  inputs: string[];
  note: string;
}

/** One extracted file: its facts, or (from the cache) their encoding, and what they came from. */
interface Slot {
  file: SourceFileRef;
  level: ExtractionLevel;
  facts?: FileFacts;
  /** The facts are the cache's for this file. */
  cached?: boolean;
  input?: string;
}

/**
 * Reads and extracts every file of the planned types: from the cache where a file is unchanged, otherwise on worker
 * threads for a big project or inline for a small one. Nothing of a file's text or tree outlives its job.
 */
export async function extractAll(
  project: Project,
  plan: ReadonlyMap<string, ExtractionLevel>,
  options: ExtractOptions,
): Promise<Extraction> {
  const { cache, maxFileSize } = options;
  const startedAt = Date.now();
  const slots: Slot[] = [];
  for (const file of project.files) {
    const level = plan.get(file.type);
    if (level) slots.push({ file, level });
  }
  const jobs: Job[] = [];
  let bytes = 0;
  let hits = 0;
  // The root and a project path (normalized, relative, forward slashes) make the file's path without path.join.
  const base = project.root.endsWith(path.sep) ? project.root : project.root + path.sep;
  const sized = cache !== undefined || slots.length > SMALL_PROJECT_FILES || options.statuses !== undefined;
  for (let index = 0; index < slots.length; index++) {
    const { file, level } = slots[index]!;
    const overlay = options.overlays?.get(file.path);
    if (overlay !== undefined) {
      // The buffer, not the disk: extracted here and never cached (the cache keys facts on the file's status).
      slots[index]!.facts = extractFile(file, overlay, level);
      slots[index]!.input = `${file.path}\u0000${level}\u0000overlay\u0000${contentHash(Buffer.from(overlay))}`;
      continue;
    }
    const absolute = base + (path.sep === '/' ? file.path : path.normalize(file.path));
    // The size orders the work, largest first; a file that cannot be stat'ed is the reader's to report.
    const stats = sized ? statSync(absolute, { throwIfNoEntry: false }) : undefined;
    if (stats && options.statuses) options.statuses.set(file.path, statusOf(stats));
    const hash = cache && stats ? cache.unchanged(file.path, level, maxFileSize, stats) : undefined;
    if (hash !== undefined) {
      slots[index]!.cached = true;
      slots[index]!.input = inputOf(file, level, hash);
      hits++;
      continue;
    }
    const entry = cache?.get(file.path);
    const usable = entry && entry.level === level && entry.key.size <= maxFileSize ? entry : undefined;
    const size = stats?.size ?? 0;
    bytes += size;
    jobs.push({ index, absolute, file, level, size, ...(usable ? { expectHash: usable.key.hash } : {}) });
  }

  let done = slots.length - jobs.length;
  const total = slots.length;
  options.onProgress?.(done, total);
  let extracted = 0;
  let confirmed = 0;
  const store = (index: number, key: FileKey | undefined, encoded: Buffer | undefined) => {
    const slot = slots[index]!;
    if (!cache || !key || !encoded) return;
    cache.set(slot.file.path, { level: slot.level, key, racy: isRacy(key, startedAt), facts: encoded });
    slot.input = inputOf(slot.file, slot.level, key.hash);
  };
  const accept = (result: JobResult | PoolResult) => {
    const slot = slots[result.index]!;
    if (result.kind === 'same') {
      // The content is as cached: keep the facts, with the file's new status.
      cache!.touch(slot.file.path, result.key, isRacy(result.key, startedAt));
      slot.cached = true;
      slot.input = inputOf(slot.file, slot.level, result.key.hash);
      confirmed++;
    } else if (result.kind === 'failed') {
      slot.facts = 'problem' in result ? { file: slot.file, problem: result.problem } : { file: slot.file, problem: result.facts.problem! };
      slot.input = `${slot.file.path}\u0000failed\u0000${JSON.stringify(slot.facts.problem)}`;
    } else if ('facts' in result) {
      slot.facts = result.facts;
      store(result.index, result.key, result.bytes);
      extracted++;
    } else {
      // With a cache the bytes stay in memory as the cache's entry, so the facts can be views of them, not copies.
      slot.facts = decodeFacts(result.bytes, slot.file, { shared: cache !== undefined });
      store(result.index, result.key, result.bytes);
      extracted++;
    }
    options.onProgress?.(++done, total);
  };

  const entry = workerEntry();
  const count = options.workers ?? (bytes > WORKER_MIN_BYTES ? defaultWorkerCount() : 0);
  let threads = entry && count > 0 && jobs.length > 0 ? Math.min(count, jobs.length) : 0;
  const jobOptions = { maxFileSize, hash: cache !== undefined, encode: cache !== undefined };
  let overlapNote = '';
  if (threads > 0) {
    const running = runInWorkers(entry!, jobs, threads, { maxFileSize, hash: cache !== undefined }, accept);
    // The workers have their jobs; this thread decodes the cached facts meanwhile.
    const decoding = performance.now();
    let decoded = 0;
    try {
      for (const slot of slots) {
        if (slot.cached && !slot.facts) {
          slot.facts = decodeFacts(cache!.factsOf(cache!.get(slot.file.path)!), slot.file, { shared: true });
          decoded++;
        }
      }
    } catch (error) {
      // Damaged cached facts are read again from the files, when they are needed (below).
      if (!(error instanceof CacheDamaged)) throw error;
    }
    const waiting = performance.now();
    if (!(await running)) threads = 0;
    else if (decoded > 0)
      overlapNote = `; ${decoded} cached decoded meanwhile in ${Math.round(waiting - decoding)} ms, then ${Math.round(performance.now() - waiting)} ms waiting`;
  }
  // Inline, also when no worker could be started.
  if (threads === 0) for (const job of jobs) accept(runJob(job, jobOptions));

  let all: FileFacts[] | undefined;
  const facts = (): FileFacts[] => {
    if (all) return all;
    if (cache && slots.some((slot) => slot.cached && !slot.facts) && !cache.readable()) {
      // The cache's facts cannot be read back intact (a damaged file, or one another run replaced): read the files again.
      cache.reset();
      for (let index = 0; index < slots.length; index++) {
        const slot = slots[index]!;
        if (!slot.cached || slot.facts) continue;
        slot.cached = undefined;
        const job = { index, absolute: path.join(project.root, slot.file.path), file: slot.file, level: slot.level, size: 0 };
        accept(runJob(job, { maxFileSize, hash: true, encode: true }));
      }
    }
    all = slots.map((slot) => slot.facts ?? decodeFacts(cache!.factsOf(cache!.get(slot.file.path)!), slot.file, { shared: true }));
    return all;
  };
  let byPath: Map<string, Slot> | undefined;
  const factsOf = (file: string): FileFacts | undefined => {
    if (all) return all[slots.findIndex((slot) => slot.file.path === file)];
    byPath ??= new Map(slots.map((slot) => [slot.file.path, slot]));
    const slot = byPath.get(file);
    if (!slot) return undefined;
    if (slot.facts) return slot.facts;
    try {
      slot.facts = decodeFacts(cache!.factsOf(cache!.get(slot.file.path)!), slot.file, { shared: true });
      return slot.facts;
    } catch (error) {
      // Damaged cached facts: facts() reads the files again.
      if (!(error instanceof CacheDamaged)) throw error;
      return facts()[slots.indexOf(slot)];
    }
  };
  return {
    facts,
    factsOf,
    inputs: cache ? slots.map((slot) => slot.input!) : [],
    note: [
      `${total} files (${formatMB(bytes)} read)`,
      ...(cache ? [`${hits} from the cache`] : []),
      ...(confirmed > 0 ? [`${confirmed} re-hashed and unchanged`] : []),
      `${extracted} extracted ${threads > 0 ? `on ${threads} worker thread${threads > 1 ? 's' : ''}` : 'inline'}${overlapNote}`,
    ].join(', '),
  };
}

/**
 * Reads and extracts one file, inline: from `text` (an editor's buffer) when given, else from disk, with the file's
 * status before it was read and the hash of the bytes read (`hash`, to tell an unchanged file by its content).
 */
export function extractOne(
  root: string,
  file: SourceFileRef,
  level: ExtractionLevel,
  options: { maxFileSize: number; text?: string },
): { facts: FileFacts; status?: FileStatus; hash?: string } {
  if (options.text !== undefined) return { facts: extractFile(file, options.text, level) };
  const absolute = path.join(root, file.path);
  const stats = statSync(absolute, { throwIfNoEntry: false });
  const result = runJob({ index: 0, absolute, file, level, size: 0 }, { maxFileSize: options.maxFileSize, hash: true, encode: false });
  const status = stats ? statusOf(stats) : undefined;
  if (result.kind === 'same') throw new Error('no hash was expected');
  return {
    facts: result.facts,
    ...(status ? { status } : {}),
    ...(result.kind === 'facts' && result.key ? { hash: result.key.hash } : {}),
  };
}

export function statusOf(stats: FileStatus): FileStatus {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino };
}

function inputOf(file: SourceFileRef, level: ExtractionLevel, hash: string): string {
  return `${file.path}\u0000${level}\u0000${hash}`;
}

function formatMB(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
