#!/usr/bin/env node
// Entry point: runs the CLI with the real process streams and exits with its code.
import { main } from '../dist/cli/index.js';

// `sfmeta-lint | head -1` closes stdout early: stop quietly instead of printing an EPIPE trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
