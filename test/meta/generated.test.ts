// Generated files (registry, README rules table, config schema) are fresh. Apart from meta.test.ts because it reads the
// sources as files: under mutation testing they are instrumented copies, so it runs only in the normal suite.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.js';

describe('generated files', () => {
  it('keeps the registry, README table and config schema fresh', () => {
    expect(() => execFileSync(process.execPath, ['scripts/generate.mjs', '--check'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
    expect(() => execFileSync(process.execPath, ['scripts/generate.mjs', '--docs', '--check'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  });
});
