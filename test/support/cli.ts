// Runs the built CLI for end-to-end tests: built once when stale, with a time limit, and checks of how it ended.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { BIN, ROOT } from './paths.js';

const SETPRIV_NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];

/**
 * chmod 000 does not stop root from reading: as root, permission tests drop to `nobody` with setpriv, or are skipped
 * (no setpriv, a temp folder nobody may enter, or a checkout nobody can read, such as one in a private temp folder).
 */
export const IS_ROOT = process.getuid?.() === 0;
export const AS_NOBODY: string[] | undefined = !IS_ROOT
  ? []
  : (statSync(os.tmpdir()).mode & 0o001) !== 0 &&
      spawnSync(SETPRIV_NOBODY[0]!, [
        ...SETPRIV_NOBODY.slice(1),
        process.execPath,
        '-e',
        `require('fs').accessSync(${JSON.stringify(BIN)}, 4)`,
      ]).status === 0
    ? SETPRIV_NOBODY
    : undefined;

/** Builds dist/ when it is missing or older than src/ (`npm test` builds first; a bare `vitest run` may not). */
export function ensureBuilt(): void {
  const built = path.join(ROOT, 'dist', 'cli', 'index.js');
  const newestSource = (dir: string): number => {
    let newest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'cases') newest = Math.max(newest, newestSource(full));
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
    }
    return newest;
  };
  const fresh = () => existsSync(built) && statSync(built).mtimeMs >= newestSource(path.join(ROOT, 'src'));
  if (fresh()) return;
  // Test files run in parallel forks: one builds, the others wait for it.
  const lock = path.join(os.tmpdir(), 'sfmeta-lint-build.lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (!fresh())
      spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', ROOT], {
        stdio: 'ignore',
        timeout: 170_000,
      });
  } finally {
    rmdirSync(lock);
  }
}

export interface CliRun {
  code: number | null;
  stdout: Buffer;
  text: string;
  stderr: string;
  ms: number;
  result: SpawnSyncReturns<Buffer>;
}

/** Runs the built CLI (after `prefix`, e.g. setpriv). NO_COLOR and FORCE_COLOR are removed so colour depends only on stdout not being a terminal. */
export function cli(
  args: string[],
  options: { cwd?: string; timeout?: number; env?: Record<string, string>; prefix?: string[] } = {},
): CliRun {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  delete env['NO_COLOR'];
  delete env['FORCE_COLOR'];
  const started = Date.now();
  const [command, ...rest] = [...(options.prefix ?? []), process.execPath, BIN, ...args] as [string, ...string[]];
  const result = spawnSync(command, rest, {
    cwd: options.cwd ?? ROOT,
    env,
    timeout: options.timeout ?? 60_000,
    maxBuffer: 512 * 1024 * 1024,
  });
  const stdout = result.stdout ?? Buffer.alloc(0);
  return {
    code: result.status,
    stdout,
    text: stdout.toString('utf8'),
    stderr: (result.stderr ?? Buffer.alloc(0)).toString('utf8'),
    ms: Date.now() - started,
    result,
  };
}

/** Finished on its own (not killed by the time limit) with 0 or 1, and nothing on stderr that looks like a crash. */
export function expectFinished(run: CliRun, codes: number[] = [0, 1]): void {
  expect(run.result.error, 'the CLI did not time out or fail to start').toBeUndefined();
  expect(run.result.signal, 'the CLI was not killed').toBeNull();
  expect(codes, `exit code ${run.code}; stderr: ${run.stderr}`).toContain(run.code);
  expectNoStackTrace(run.stderr);
}

/** Exit code 2 with exactly one line on stderr. */
export function expectOneLineError(run: CliRun, pattern?: RegExp): void {
  expectFinished(run, [2]);
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^sfmeta-lint: /);
  if (pattern) expect(lines[0]).toMatch(pattern);
}

export function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at .+(:\d+:\d+\)?|\(native\))$/m);
  expect(stderr).not.toMatch(/\b(TypeError|RangeError|ReferenceError|SyntaxError|Error): .*\n\s+at /);
  expect(stderr).not.toMatch(/node:internal|EPIPE/);
}

export interface JsonFinding {
  ruleId: string;
  message: string;
  file: string;
  startLine: number;
  startColumn: number;
}

/** Parses JSON output after checking the bytes are valid UTF-8 and free of ANSI escapes. */
export function parseJsonOutput(bytes: Buffer): { findings: JsonFinding[]; internalErrors: unknown[]; filesLinted: number } {
  expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes).length).toBeGreaterThan(0);
  expect(bytes.includes(0x1b), 'no ANSI escape in machine output').toBe(false);
  return JSON.parse(bytes.toString('utf8'));
}
