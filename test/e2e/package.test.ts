// What `npm pack` ships: a working CLI (bin, compiled code, rule docs for --explain, the config schema), no tests or cases.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { ROOT } from '../support/paths.js';

describe('npm pack', () => {
  it('ships the CLI, its compiled code, the rule docs and the schema, and nothing of the tests', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const files = new Set((JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path));
    for (const required of [
      'bin/sfmeta-lint.js',
      'dist/cli/index.js',
      'dist/api/index.js',
      'dist/api/index.d.ts',
      'schema/sfmeta-lint.config.schema.json',
      'README.md',
      'package.json',
    ]) {
      expect(files.has(required), required).toBe(true);
    }
    for (const rule of RULES) expect(files.has(`src/rules/${rule.meta.id}/README.md`), rule.meta.id).toBe(true);
    expect([...files].filter((f) => f.includes('/cases/') || f.startsWith('test/') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual(
      [],
    );
  });
});
