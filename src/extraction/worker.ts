// The extraction worker: takes batches of jobs, reads and extracts each file, and sends back the facts encoded
// in one transferred buffer per batch (see pool.ts). It holds no file's text or tree beyond its job.
import { parentPort } from 'node:worker_threads';
import { encodeFactsShared } from './codec.js';
import { runJob, type Job, type JobOptions } from './jobs.js';
import type { WireResult, WorkerReply } from './pool.js';

const port = parentPort;
if (!port) throw new Error('worker.js runs as a worker thread');

port.on('message', ({ jobs, options }: { jobs: Job[]; options: Omit<JobOptions, 'encode'> }) => {
  let reply: WorkerReply;
  try {
    const results: WireResult[] = [];
    let buffer = new Uint8Array(256 * 1024);
    let length = 0;
    for (const job of jobs) {
      const result = runJob(job, { ...options, encode: false });
      if (result.kind === 'facts') {
        const bytes = encodeFactsShared(result.facts);
        if (length + bytes.length > buffer.length) {
          const bigger = new Uint8Array(Math.max(buffer.length * 2, length + bytes.length));
          bigger.set(buffer.subarray(0, length));
          buffer = bigger;
        }
        buffer.set(bytes, length);
        results.push({
          index: result.index,
          kind: 'facts',
          offset: length,
          length: bytes.length,
          ...(result.key ? { key: result.key } : {}),
        });
        length += bytes.length;
      } else if (result.kind === 'same') results.push(result);
      else results.push({ index: result.index, kind: 'failed', problem: result.facts.problem! });
    }
    // Only what was written is sent (and transferred, not copied).
    const sent = buffer.buffer.byteLength === length ? buffer.buffer : buffer.slice(0, length).buffer;
    reply = { results, buffer: sent };
    port.postMessage(reply, [sent]);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    reply = { error: e.message, ...(e.stack ? { stack: e.stack } : {}) };
    port.postMessage(reply);
  }
});
