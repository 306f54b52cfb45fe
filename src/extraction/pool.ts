// Extraction on worker threads: a queue of jobs, largest file first, handed out in batches to one worker per core.
// Each worker reads and extracts its files and sends the facts back encoded (codec.ts) in one transferred buffer per
// batch; the main thread decodes them as they arrive and builds the model once every file is in.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileProblem } from '../model/index.js';
import type { FileKey, Job, JobOptions } from './jobs.js';

/** One job's result as a worker sends it: facts as a slice of the batch's buffer. */
export type WireResult =
  | { index: number; kind: 'facts'; offset: number; length: number; key?: FileKey }
  | { index: number; kind: 'same'; key: FileKey }
  | { index: number; kind: 'failed'; problem: FileProblem };

export type WorkerReply = { results: WireResult[]; buffer: ArrayBuffer } | { error: string; stack?: string };

/** A result on the main thread: for facts, their encoding (a view of the batch's buffer). */
export type PoolResult =
  | { index: number; kind: 'facts'; bytes: Buffer; key?: FileKey }
  | { index: number; kind: 'same'; key: FileKey }
  | { index: number; kind: 'failed'; problem: FileProblem };

/** A batch holds files up to about this many bytes, or this many files, whichever comes first. */
const BATCH_BYTES = 2 * 1024 * 1024;
const BATCH_FILES = 256;
/** Batches a worker holds at once: the next one is ready while the main thread takes in the last one's results. */
const IN_FLIGHT = 2;
/**
 * A worker's young generation, capped: V8's default lets each worker's grow to about 50 MB of short-lived garbage (a
 * large profile's text and tree), which adds to the run's peak memory; at 16 MB the large benchmark project peaks about
 * 50 MB lower for the same CPU time (8 MB costs more collections than it saves).
 */
const WORKER_YOUNG_GENERATION_MB = 16;

/**
 * The compiled worker entry, next to this module. Under a TypeScript runner (tests run src/*.ts) there is no
 * worker.js beside it, and extraction runs inline instead: workers never load a stale dist/.
 */
export function workerEntry(): URL | undefined {
  const url = new URL('./worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

/** Splits the jobs, largest first, into batches. */
function batches(jobs: readonly Job[]): Job[][] {
  const sorted = [...jobs].sort((a, b) => b.size - a.size || a.index - b.index);
  const result: Job[][] = [];
  let current: Job[] = [];
  let bytes = 0;
  for (const job of sorted) {
    current.push(job);
    bytes += job.size;
    if (bytes >= BATCH_BYTES || current.length >= BATCH_FILES) {
      result.push(current);
      current = [];
      bytes = 0;
    }
  }
  if (current.length > 0) result.push(current);
  return result;
}

/**
 * Runs the jobs on `count` workers; `onResult` sees every result on the main thread, in no particular order.
 * Resolves to false, having run nothing, when no worker can be started (the caller then extracts inline).
 * (The calling thread does not take batches itself: on the 2-core benchmark machine that was slower, not faster.)
 */
export async function runInWorkers(
  entry: URL,
  jobs: readonly Job[],
  count: number,
  options: Omit<JobOptions, 'encode'>,
  onResult: (result: PoolResult) => void,
): Promise<boolean> {
  const queue = batches(jobs);
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < Math.min(count, queue.length); i++)
      workers.push(new Worker(entry, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } }));
  } catch {
    await Promise.all(workers.map((w) => w.terminate()));
    return false;
  }
  let next = 0;
  let remaining = queue.length;
  try {
    await new Promise<void>((resolve, reject) => {
      if (remaining === 0) return resolve();
      let failed = false;
      const fail = (error: Error) => {
        if (!failed) reject(error);
        failed = true;
      };
      const finished = () => {
        if (--remaining === 0) resolve();
      };
      const send = (worker: Worker) => {
        if (next < queue.length) worker.postMessage({ jobs: queue[next++], options });
      };
      for (const worker of workers) {
        worker.on('message', (reply: WorkerReply) => {
          if (failed) return;
          if ('error' in reply) return fail(Object.assign(new Error(reply.error), reply.stack ? { stack: reply.stack } : {}));
          send(worker);
          const buffer = Buffer.from(reply.buffer);
          try {
            for (const r of reply.results) {
              if (r.kind === 'facts')
                onResult({
                  index: r.index,
                  kind: 'facts',
                  bytes: buffer.subarray(r.offset, r.offset + r.length),
                  ...(r.key ? { key: r.key } : {}),
                });
              else onResult(r);
            }
          } catch (error) {
            return fail(error instanceof Error ? error : new Error(String(error)));
          }
          finished();
        });
        worker.on('error', fail);
        worker.on('exit', (code) => {
          if (remaining > 0) fail(new Error(`an extraction worker stopped (exit code ${code})`));
        });
        for (let i = 0; i < IN_FLIGHT; i++) send(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return true;
}
