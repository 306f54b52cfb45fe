#!/usr/bin/env node
// Entry point: runs the CLI with the real process streams and exits with its code.
import { existsSync } from 'node:fs';

const debug = process.argv.includes('--debug');

// Whatever escapes main() (a bug, a stream error) still ends with one line and exit code 2, never a bare stack trace.
function crash(error) {
  if (error?.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`sfmeta-lint: internal error: ${String(error?.message ?? error).split('\n')[0]}\n`);
  if (debug && error?.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(2);
}
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);
// `sfmeta-lint | head -1` closes stdout early: stop quietly instead of printing an EPIPE trace.
process.stdout.on('error', crash);

// dist/ is compiled: release tags carry it, other commits do not (installed from git at one, or a clone not built yet).
const entry = new URL('../dist/cli/index.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'sfmeta-lint: this copy is not compiled (no dist/): install a release tag (pre-commit: rev: v<version>), or run `npm run compile` in it.\n',
  );
  process.exit(2);
}
const { main } = await import(entry);

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
