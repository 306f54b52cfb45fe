// The VS Code client of `sfmeta-lint lsp`: starts the workspace's sfmeta-lint as a language server over stdio and
// lets vscode-languageclient do the rest (diagnostics, quick fixes, hovers, the documentation command).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { commands, window, workspace, type ExtensionContext, type OutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { serverCommand } from './server-command';

let client: LanguageClient | undefined;
let output: OutputChannel | undefined;

function onPath(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir !== '' && isFile(candidate)) return candidate;
  }
  return undefined;
}

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}

async function start(): Promise<void> {
  const settings = workspace.getConfiguration('sfmetaLint');
  const resolved = serverCommand({
    setting: settings.get<string>('path', ''),
    nodePath: settings.get<string>('nodePath', 'node') || 'node',
    folders: (workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
    isFile,
    isDirectory: (dir) => existsSync(dir) && statSync(dir).isDirectory(),
    onPath,
  });
  if ('problem' in resolved) {
    output!.appendLine(resolved.problem);
    const choice = await window.showErrorMessage(`sfmeta-lint: ${resolved.problem}`, 'Open Settings');
    if (choice === 'Open Settings') await commands.executeCommand('workbench.action.openSettings', 'sfmetaLint.path');
    return;
  }
  output!.appendLine(`Starting ${resolved.command} ${resolved.args.join(' ')} --stdio, from ${resolved.origin}.`);
  const executable = {
    command: resolved.command,
    args: resolved.args,
    transport: TransportKind.stdio,
    // A .cmd shim (npm's global install on Windows) runs only through the shell.
    options: { shell: process.platform === 'win32' && resolved.command.endsWith('.cmd') },
  };
  const serverOptions: ServerOptions = { run: executable, debug: executable };
  const clientOptions: LanguageClientOptions = {
    // The server reads every metadata file from disk; open XML buffers are sent so that unsaved text counts.
    documentSelector: [{ scheme: 'file', language: 'xml' }],
    outputChannel: output,
  };
  client = new LanguageClient('sfmetaLint', 'sfmeta-lint', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    output!.appendLine(`The server did not start: ${(error as Error).message}`);
    client = undefined;
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}

export async function activate(context: ExtensionContext): Promise<void> {
  output = window.createOutputChannel('sfmeta-lint');
  context.subscriptions.push(
    output,
    commands.registerCommand('sfmeta-lint.restartServer', async () => {
      await stop();
      await start();
    }),
    commands.registerCommand('sfmeta-lint.showOutput', () => output?.show()),
    workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('sfmetaLint.path') || event.affectsConfiguration('sfmetaLint.nodePath')) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

export function deactivate(): Promise<void> {
  return stop();
}
