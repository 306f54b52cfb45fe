// Bundles the extension (its client, vscode-languageclient included) into one CommonJS file; `vscode` is VS Code's own.
// The server is not bundled: it is the sfmeta-lint installed in the workspace (see src/server-command.ts).
import { build } from 'esbuild';
import path from 'node:path';

const here = import.meta.dirname;
await build({
  entryPoints: [path.join(here, 'src', 'extension.ts')],
  outfile: path.join(here, 'dist', 'extension.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // VS Code 1.82's extension host runs Node 18.
  target: 'node18',
  external: ['vscode'],
  minify: true,
  logLevel: 'warning',
});
