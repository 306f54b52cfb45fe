// The house's layers: each imports only those below it; findings and formatters are leaves.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../support/harness.js';
import { ROOT } from '../support/paths.js';

const SRC = path.join(ROOT, 'src');
// The order, top to bottom: cli → lsp → reports → api → fix → extraction → config → rules → engine → project → model → xml;
// findings and formatters are leaves (formatters read only findings). docs/architecture.md draws it.
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
  fix: ['extraction', 'config', 'rules', 'engine', 'project', 'model', 'xml', 'findings'],
  api: ['fix', 'extraction', 'config', 'rules', 'engine', 'project', 'model', 'xml', 'formatters', 'findings'],
  reports: ['api', 'fix', 'extraction', 'config', 'rules', 'engine', 'project', 'model', 'xml', 'formatters', 'findings'],
  lsp: ['reports', 'api', 'fix', 'extraction', 'config', 'rules', 'engine', 'project', 'model', 'xml', 'formatters', 'findings'],
  cli: ['lsp', 'reports', 'api', 'fix', 'extraction', 'config', 'rules', 'engine', 'project', 'model', 'xml', 'formatters', 'findings'],
};
const IMPORT = /(?:from|import\()\s*'(\.[^']+)'/g;
const SOURCES = listFiles(SRC).filter((f) => f.endsWith('.ts') && !f.includes(`${path.sep}cases${path.sep}`));

/** Every module's relative imports (type-only ones too), as absolute .ts paths. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of SOURCES) {
    const targets = [...readFileSync(file, 'utf8').matchAll(IMPORT)].map(([, target]) =>
      path.resolve(path.dirname(file), target!).replace(/\.js$/u, '.ts'),
    );
    graph.set(file, targets);
  }
  return graph;
}

/** The import circles of a graph, each written as the modules around it. */
function circles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next].map((f) => path.relative(SRC, f)).join(' → '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe('layers', () => {
  it('has no import circle, type-only imports included', () => {
    expect(circles(importGraph())).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    const graph = new Map([
      ['/s/a.ts', ['/s/b.ts']],
      ['/s/b.ts', ['/s/c.ts']],
      ['/s/c.ts', ['/s/a.ts']],
    ]);
    expect(circles(graph)).toHaveLength(1);
  });

  it('every import goes to the same layer or one allowed below it', () => {
    const violations: string[] = [];
    for (const file of SOURCES) {
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
