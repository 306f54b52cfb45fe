// The house's layers: each imports only those below it; findings and formatters are leaves.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, ROOT } from '../support/harness.js';

const SRC = path.join(ROOT, 'src');
const ALLOWED: Record<string, string[]> = {
  findings: [],
  formatters: ['findings'],
  xml: ['findings'],
  model: ['xml', 'findings'],
  project: ['model', 'xml', 'findings'],
  engine: ['project', 'model', 'xml', 'findings'],
  rules: ['engine', 'project', 'model', 'xml', 'findings'],
  config: ['rules', 'engine', 'project', 'model', 'xml', 'findings'],
  extraction: ['config', 'rules', 'engine', 'project', 'model', 'xml', 'findings'],
  api: ['extraction', 'config', 'rules', 'engine', 'project', 'model', 'xml', 'formatters', 'findings'],
  reports: ['api', 'extraction', 'config', 'rules', 'engine', 'project', 'model', 'xml', 'formatters', 'findings'],
  cli: ['reports', 'api', 'extraction', 'config', 'rules', 'engine', 'project', 'model', 'xml', 'formatters', 'findings'],
};
const IMPORT = /(?:from|import\()\s*'(\.[^']+)'/g;

describe('layers', () => {
  it('every import goes to the same layer or one allowed below it', () => {
    const violations: string[] = [];
    const files = listFiles(SRC).filter((f) => f.endsWith('.ts') && !f.includes(`${path.sep}cases${path.sep}`));
    for (const file of files) {
      const layer = path.relative(SRC, file).split(path.sep)[0]!;
      expect(Object.keys(ALLOWED), `${file} is in a known layer`).toContain(layer);
      for (const [, target] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const to = path.relative(SRC, path.resolve(path.dirname(file), target!)).split(path.sep)[0]!;
        if (to !== layer && !ALLOWED[layer]!.includes(to)) violations.push(`${path.relative(ROOT, file)} imports ${target} (${to})`);
      }
    }
    expect(violations).toEqual([]);
  });
});
