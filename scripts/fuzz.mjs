#!/usr/bin/env node
// Long fuzzing run: `node scripts/fuzz.mjs [runs] [seed]` runs test/unit/fuzz.test.ts with many more cases and a fresh seed (printed, to replay a failure).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = process.argv[2] ?? process.env.SFMETA_FUZZ_RUNS ?? '20000';
const seed = process.argv[3] ?? process.env.SFMETA_FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
console.log(
  `fuzzing: ${runs} parses, ${Math.ceil(Number(runs) / 10)} lint runs, seed ${seed} (replay: node scripts/fuzz.mjs ${runs} ${seed})`,
);
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', 'test/unit/fuzz.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SFMETA_FUZZ_RUNS: runs, SFMETA_FUZZ_SEED: seed },
});
process.exit(result.status ?? 1);
