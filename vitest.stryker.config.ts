// Vitest configuration for mutation testing (stryker.config.json): the tests that exercise src/ in process. Tests that
// run the built CLI never see a mutant (Stryker mutates src/, not dist/), and the slow property and corpus runs add
// hours without killing more.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// Stryker's sandbox is a copy without .git: SARIF paths are relative to the repository root, which the tests expect
// to be this folder. An empty .git folder marks it (git itself looks past an invalid one).
const gitMarker = fileURLToPath(new URL('.git', import.meta.url));
if (!existsSync(gitMarker)) mkdirSync(gitMarker);

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        ...configDefaults.exclude,
        'test/e2e/**',
        'test/meta/generated.test.ts',
        'test/integration/hostile-*.test.ts',
        'test/integration/corpus.test.ts',
        'test/integration/fix-property.test.ts',
        'test/unit/cache.test.ts',
        'test/unit/fuzz.test.ts',
        'test/unit/perf-extraction.test.ts',
      ],
    },
  }),
);
