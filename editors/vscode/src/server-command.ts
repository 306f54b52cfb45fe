// Which sfmeta-lint the extension starts, decided without VS Code (so that it can be tested on its own).
// sfmeta-lint needs Node.js 20; VS Code 1.82's own Node is 18, so a package's bin/sfmeta-lint.js runs on the user's
// `node` (setting sfmetaLint.nodePath), never on the editor's.
import path from 'node:path';

export interface ServerCommand {
  command: string;
  args: string[];
  /** Where it came from, for the output channel. */
  origin: string;
}

export interface Environment {
  /** sfmetaLint.path, as set (may be relative to the first workspace folder); empty when unset. */
  setting: string;
  /** sfmetaLint.nodePath. */
  nodePath: string;
  /** The workspace folders, absolute. */
  folders: readonly string[];
  isFile: (file: string) => boolean;
  isDirectory: (dir: string) => boolean;
  /** The full path of an executable on the PATH, if there is one. */
  onPath: (name: string) => string | undefined;
}

const BIN = path.join('bin', 'sfmeta-lint.js');

/** The server to start: the setting, else the workspace's own sfmeta-lint, else one on the PATH; or why there is none. */
export function serverCommand(env: Environment): ServerCommand | { problem: string } {
  const withNode = (script: string, origin: string): ServerCommand => ({ command: env.nodePath, args: [script, 'lsp'], origin });
  if (env.setting.trim() !== '') {
    const given = env.setting.trim();
    const target = path.isAbsolute(given) || env.folders.length === 0 ? given : path.resolve(env.folders[0]!, given);
    if (env.isDirectory(target)) {
      const script = path.join(target, BIN);
      if (env.isFile(script)) return withNode(script, `sfmetaLint.path (${target})`);
      return { problem: `sfmetaLint.path is ${target}, a folder without ${BIN}.` };
    }
    if (!env.isFile(target)) return { problem: `sfmetaLint.path is ${target}, which does not exist.` };
    return /\.[cm]?js$/u.test(target) ? withNode(target, 'sfmetaLint.path') : { command: target, args: ['lsp'], origin: 'sfmetaLint.path' };
  }
  for (const folder of env.folders) {
    const script = path.join(folder, 'node_modules', 'sfmeta-lint', BIN);
    if (env.isFile(script)) return withNode(script, `the workspace's node_modules (${script})`);
  }
  const global = env.onPath(process.platform === 'win32' ? 'sfmeta-lint.cmd' : 'sfmeta-lint');
  if (global) return { command: global, args: ['lsp'], origin: `the PATH (${global})` };
  return {
    problem:
      'sfmeta-lint is not installed: add it to the project (npm install --save-dev sfmeta-lint), install it globally, or set sfmetaLint.path.',
  };
}
