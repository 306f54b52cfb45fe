// The language server with a real editor's client: headless Neovim (Debian's package; other builds through
// SFMETA_NVIM) runs the configuration docs/editor.md gives for its version on a copy of the sample project, and the
// diagnostics it holds must be lint()'s, before and after an unsaved edit. Skipped, with the reason, without Neovim;
// CI installs it (SFMETA_CI=1 makes its absence a failure).
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/api/index.js';
import { BIN, ROOT } from '../support/paths.js';

const HARNESS = path.join(ROOT, 'test', 'support', 'nvim-harness.lua');
const LAYOUT = 'force-app/main/default/layouts/Contact-Contact Layout.layout-meta.xml';

interface Nvim {
  command: string;
  version: [number, number];
}

/** `nvim` on PATH, and the executables SFMETA_NVIM lists (colon-separated), with their versions. */
function neovims(): Nvim[] {
  const candidates = ['nvim', ...(process.env['SFMETA_NVIM'] ?? '').split(':').filter(Boolean)];
  const found: Nvim[] = [];
  for (const command of candidates) {
    const run = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 10_000 });
    const match = /NVIM v(\d+)\.(\d+)/u.exec(run.stdout ?? '');
    if (run.status === 0 && match) found.push({ command, version: [Number(match[1]), Number(match[2])] });
  }
  return found;
}

/** The Lua blocks of docs/editor.md marked `<!-- test: nvim X.Y -->`, by the version they are for. */
function documentedConfigs(): { since: [number, number]; lua: string }[] {
  const doc = readFileSync(path.join(ROOT, 'docs', 'editor.md'), 'utf8');
  return [...doc.matchAll(/<!-- test: nvim (\d+)\.(\d+) -->\n```lua\n([^]*?)```/gu)].map((m) => ({
    since: [Number(m[1]), Number(m[2])],
    lua: m[3]!,
  }));
}

const atLeast = (v: [number, number], w: [number, number]) => v[0] > w[0] || (v[0] === w[0] && v[1] >= w[1]);

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Seen {
  nvim: string;
  error?: string;
  attached: boolean;
  published: boolean;
  changed: boolean;
  stopped: boolean;
  root: string;
  initial: Diag[];
  edited: Diag[];
  hover: string[];
  actions: string[];
  text: string;
}
interface Diag {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  message: string;
  source: string;
  code: string;
}

/** lint()'s findings of the layout as Neovim shows them (0-based lines and columns; the file is ASCII). */
async function expectedDiagnostics(root: string, text?: string): Promise<Diag[]> {
  const file = path.join(root, LAYOUT);
  const run = await lint({ cwd: root, ...(text !== undefined ? { overlays: new Map([[file, text]]) } : {}) });
  return run.findings
    .filter((f) => f.location.file === LAYOUT)
    .map((f) => ({
      lnum: f.location.range.startLine - 1,
      col: f.location.range.startColumn - 1,
      end_lnum: f.location.range.endLine - 1,
      end_col: f.location.range.endColumn - 1,
      severity: { error: 1, warning: 2, note: 3 }[f.severity],
      message: f.message,
      source: 'sfmeta-lint',
      code: f.ruleId,
    }))
    .sort((a, b) => a.lnum - b.lnum || a.col - b.col || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}

const found = neovims();
const cases = found.flatMap((nvim) =>
  documentedConfigs()
    // The newest form a version supports, and the 0.7 form on versions that do not deprecate it.
    .filter((c) => atLeast(nvim.version, c.since) && (c.since[1] !== 7 || !atLeast(nvim.version, [0, 11])))
    .map((c) => ({ nvim, config: c })),
);

describe('sfmeta-lint lsp in headless Neovim', () => {
  it('has Neovim, and a documented configuration for each version found', (ctx) => {
    if (found.length === 0) {
      if (process.env['SFMETA_CI']) throw new Error('SFMETA_CI is set (.ci/run), but Neovim is not installed');
      ctx.skip('Neovim is not installed (apt-get install neovim)');
    }
    for (const nvim of found)
      expect(
        cases.some((c) => c.nvim === nvim),
        nvim.command,
      ).toBe(true);
  });

  it
    .skipIf(cases.length === 0)
    .each(cases.map((c) => [`Neovim ${c.nvim.version.join('.')} (${c.nvim.command}), the ${c.config.since.join('.')} configuration`, c]))(
    '%s: diagnostics, hover, code actions and an unsaved edit',
    async (_name, { nvim, config }) => {
      const root = mkdtempSync(path.join(os.tmpdir(), 'sfmeta-lint-nvim-'));
      dirs.push(root);
      const project = path.join(root, 'project');
      cpSync(path.join(ROOT, 'sample-project'), project, { recursive: true });
      // `sfmeta-lint` on PATH, as the documentation assumes: this checkout's build.
      const bin = path.join(root, 'bin');
      mkdirSync(bin);
      writeFileSync(path.join(bin, 'sfmeta-lint'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
      chmodSync(path.join(bin, 'sfmeta-lint'), 0o755);
      const init = path.join(root, 'init.lua');
      writeFileSync(init, `${config.lua}\ndofile(${JSON.stringify(HARNESS)})\n`);
      const out = path.join(root, 'out.json');
      const env = {
        ...process.env,
        PATH: `${bin}:${process.env['PATH']}`,
        OUT: out,
        XDG_CONFIG_HOME: path.join(root, 'config'),
        XDG_DATA_HOME: path.join(root, 'data'),
        XDG_STATE_HOME: path.join(root, 'state'),
        XDG_CACHE_HOME: path.join(root, 'cache'),
      };
      const run = spawnSync(nvim.command, ['--headless', '-n', '-i', 'NONE', '-u', init, LAYOUT], {
        cwd: project,
        env,
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
      const seen = JSON.parse(readFileSync(out, 'utf8')) as Seen;
      expect(seen.error).toBeUndefined();
      expect(seen).toMatchObject({ attached: true, published: true, changed: true, stopped: true, root: project });
      expect(seen.initial).toEqual(await expectedDiagnostics(project));
      expect(seen.initial.length).toBeGreaterThan(0);
      expect(seen.hover.join('\n')).toContain('### Why');
      expect(seen.hover.join('\n')).toContain(seen.initial[0]!.message);
      expect(seen.actions).toContain(`Disable ${seen.initial[0]!.code} for this line`);
      expect(seen.actions).toContain(`Show documentation for ${seen.initial[0]!.code}`);
      // The edit was never saved: the diagnostics are those of the buffer.
      expect(seen.text).not.toBe(readFileSync(path.join(project, LAYOUT), 'utf8'));
      expect(seen.edited).toEqual(await expectedDiagnostics(project, seen.text));
    },
  );
});
