// The progress line on a terminal, and the per-phase timings of --debug, both on stderr.
import type { Io } from './io.js';
import { oneLine } from './io.js';

/**
 * A progress line on stderr (a terminal) once a run has taken a second: files read and extracted, of how many, and
 * how fast. Redrawn at most ten times a second, and erased when the run is done.
 */
export function progressLine(
  io: Pick<Io, 'stderr'>,
  started: number,
  clock: () => number = () => performance.now(),
): { update: (done: number, total: number) => void; clear: () => void } {
  let drawn = false;
  let last = 0;
  return {
    update(done, total) {
      const now = clock();
      if (now - started < 1000 || (now - last < 100 && done < total)) return;
      last = now;
      const rate = done / Math.max((now - started) / 1000, 0.001);
      io.stderr(
        `\r\u001b[Ksfmeta-lint: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} files (${Math.round(rate).toLocaleString('en-US')} files/s)`,
      );
      drawn = true;
    },
    clear() {
      if (drawn) io.stderr('\r\u001b[K');
    },
  };
}

export function printTimings(io: Io, timings: readonly [string, number, string?][], total: number): void {
  const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`.padStart(10);
  for (const [phase, took, note] of timings)
    io.stderr(`sfmeta-lint: timing ${phase.padEnd(14)} ${ms(took)}${note ? `  ${oneLine(note)}` : ''}\n`);
  io.stderr(`sfmeta-lint: timing ${'total'.padEnd(14)} ${ms(total)}  (after start-up)\n`);
}
