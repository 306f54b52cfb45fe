// The VS Code extension (editors/vscode): how it finds the server, that it type-checks, and that @vscode/vsce packages
// it into a .vsix (offline: packaging reads only the folder) holding the bundled client and nothing of its sources.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { serverCommand, type Environment } from '../../editors/vscode/src/server-command.js';
import { ROOT } from '../support/paths.js';

const EXTENSION = path.join(ROOT, 'editors', 'vscode');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The entries of a zip file (a .vsix is one), by name: read from its central directory. */
function unzip(file: string): Map<string, Buffer> {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    entries.set(name, method === 8 ? inflateRawSync(raw) : raw);
    at += 46 + skip;
  }
  return entries;
}

describe('the VS Code extension finds the server', () => {
  const files = new Set<string>();
  const dirsSet = new Set<string>();
  const env = (over: Partial<Environment>): Environment => ({
    setting: '',
    nodePath: 'node',
    folders: ['/ws'],
    isFile: (f) => files.has(f),
    isDirectory: (d) => dirsSet.has(d),
    onPath: () => undefined,
    ...over,
  });

  it("runs the workspace's own sfmeta-lint with the user's node (VS Code's own may be Node 18)", () => {
    files.add('/ws/node_modules/sfmeta-lint/bin/sfmeta-lint.js');
    expect(serverCommand(env({ onPath: () => '/usr/bin/sfmeta-lint' }))).toMatchObject({
      command: 'node',
      args: ['/ws/node_modules/sfmeta-lint/bin/sfmeta-lint.js', 'lsp'],
    });
    expect(serverCommand(env({ nodePath: '/opt/node22/bin/node' }))).toMatchObject({ command: '/opt/node22/bin/node' });
    files.clear();
  });

  it('else the one on the PATH; else says how to install it', () => {
    expect(serverCommand(env({ onPath: (name) => `/usr/local/bin/${name}` }))).toMatchObject({
      command: process.platform === 'win32' ? '/usr/local/bin/sfmeta-lint.cmd' : '/usr/local/bin/sfmeta-lint',
      args: ['lsp'],
    });
    expect(serverCommand(env({}))).toEqual({ problem: expect.stringContaining('npm install --save-dev sfmeta-lint') });
  });

  it('the sfmetaLint.path setting wins: a script, a package folder or an executable, relative to the workspace', () => {
    files.add('/ws/tools/sfmeta-lint/bin/sfmeta-lint.js');
    files.add('/ws/node_modules/sfmeta-lint/bin/sfmeta-lint.js');
    files.add('/opt/bin/sfmeta-lint');
    dirsSet.add('/ws/tools/sfmeta-lint');
    expect(serverCommand(env({ setting: 'tools/sfmeta-lint' }))).toMatchObject({
      command: 'node',
      args: ['/ws/tools/sfmeta-lint/bin/sfmeta-lint.js', 'lsp'],
    });
    expect(serverCommand(env({ setting: 'tools/sfmeta-lint/bin/sfmeta-lint.js' }))).toMatchObject({
      args: ['/ws/tools/sfmeta-lint/bin/sfmeta-lint.js', 'lsp'],
    });
    expect(serverCommand(env({ setting: '/opt/bin/sfmeta-lint' }))).toMatchObject({ command: '/opt/bin/sfmeta-lint', args: ['lsp'] });
    expect(serverCommand(env({ setting: 'nowhere' }))).toEqual({ problem: expect.stringContaining('/ws/nowhere, which does not exist') });
    dirsSet.add('/ws/empty');
    expect(serverCommand(env({ setting: 'empty' }))).toEqual({ problem: expect.stringContaining('a folder without') });
  });
});

describe('the VS Code extension builds and packages', () => {
  it('type-checks against the VS Code API of its engine (1.82)', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', EXTENSION], {
      encoding: 'utf8',
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });

  it('packages as a .vsix with @vscode/vsce: the bundled client, the manifest, the README and its pictures', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'sfmeta-lint-vsix-'));
    dirs.push(out);
    const vsix = path.join(out, 'sfmeta-lint.vsix');
    // The package script as a user runs it: the bundle (vscode:prepublish), then vsce.
    execFileSync('npm', ['run', '--silent', 'package', '--', '--out', vsix], { cwd: EXTENSION, stdio: 'pipe' });
    const entries = unzip(vsix);
    expect([...entries.keys()].filter((name) => name.startsWith('extension/')).sort()).toEqual([
      'extension/dist/extension.js',
      'extension/images/hover-and-problems.png',
      'extension/images/quick-fix.png',
      'extension/package.json',
      'extension/readme.md',
    ]);
    const manifest = JSON.parse(entries.get('extension/package.json')!.toString('utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      main: './dist/extension.js',
      engines: { vscode: '^1.82.0' },
      activationEvents: ['workspaceContains:sfdx-project.json'],
    });
    expect(manifest['type']).toBeUndefined();
    const bundle = entries.get('extension/dist/extension.js')!.toString('utf8');
    // CommonJS, with VS Code's API left to VS Code and the language client inside.
    expect(bundle).toContain('require("vscode")');
    expect(bundle).not.toMatch(/require\("vscode-languageclient/u);
    expect(bundle).toContain('sfmetaLint.path');
    const readme = entries.get('extension/readme.md')!.toString('utf8');
    expect(readme).toContain('https://github.com/sfmeta-lint/sfmeta-lint/raw/HEAD/editors/vscode/images/hover-and-problems.png');
    expect(entries.get('extension/images/quick-fix.png')!.subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
