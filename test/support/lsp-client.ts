// A real LSP client for tests: the built `sfmeta-lint lsp --stdio` in a child process, driven through
// vscode-languageserver-protocol's connection (the JSON-RPC of VS Code's own client), recording what the server sends.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { BIN } from './paths.js';

/** What VS Code advertises, as far as this server cares. */
export const VSCODE_LIKE: ClientCapabilities = {
  window: { workDoneProgress: true, showDocument: { support: true } },
  workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
  textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true } },
};

export const uri = (file: string): string => pathToFileURL(file).href;

interface Waiter {
  uri: string;
  accept: (params: PublishDiagnosticsParams) => boolean;
  resolve: (params: PublishDiagnosticsParams) => void;
}

export class LspClient {
  /** The latest diagnostics of every URI, as a client keeps them. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics, in order, with the time it arrived. */
  readonly publications: { at: number; params: PublishDiagnosticsParams }[] = [];
  readonly progress: { token: string | number; kind: string; percentage?: number; message?: string }[] = [];
  readonly registrations: Registration[] = [];
  readonly logs: string[] = [];
  readonly shownMessages: { type: number; message: string }[] = [];
  readonly shownDocuments: string[] = [];
  /** Protocol errors: anything on stdout that is not a message, or a broken stream. */
  readonly errors: string[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  private readonly child: ChildProcessWithoutNullStreams;
  readonly connection: ProtocolConnection;

  constructor(cwd: string) {
    this.child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    const c = this.connection;
    c.onError(([error]) => this.errors.push(String(error)));
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onRequest('client/registerCapability', (params: { registrations: Registration[] }) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    c.onRequest('window/showDocument', (params: { uri: string }) => {
      this.shownDocuments.push(params.uri);
      return { success: true };
    });
    c.onNotification('$/progress', (params: { token: string | number; value: { kind: string; percentage?: number; message?: string } }) =>
      this.progress.push({ token: params.token, ...params.value }),
    );
    c.onNotification('window/logMessage', (params: { message: string }) => this.logs.push(params.message));
    c.onNotification('window/showMessage', (params: { type: number; message: string }) => this.shownMessages.push(params));
    c.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.publications.push({ at: performance.now(), params });
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.accept(params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    c.listen();
  }

  async initialize(folders: string[], capabilities: ClientCapabilities = VSCODE_LIKE): Promise<InitializeResult> {
    const result = (await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0] ? uri(folders[0]) : null,
      workspaceFolders: folders.map((folder) => ({ uri: uri(folder), name: path.basename(folder) })),
      capabilities,
    })) as InitializeResult;
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** The first analysis is over: its progress has ended. */
  async analysed(timeout = 30_000): Promise<void> {
    await until(() => this.progress.some((p) => p.kind === 'end'), timeout, 'the first analysis to end');
  }

  /** The next diagnostics published for a file that satisfy `accept` (set up before the action that causes them). */
  next(
    file: string,
    accept: (params: PublishDiagnosticsParams) => boolean = () => true,
    timeout = 30_000,
  ): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { uri: uri(file), accept, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        if (!this.waiters.includes(waiter)) return;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no matching diagnostics for ${file} within ${timeout} ms; stderr: ${this.stderr}`));
      }, timeout);
    });
  }

  diagnosticsOf(file: string) {
    return this.diagnostics.get(uri(file))?.diagnostics ?? [];
  }

  open(file: string, text: string): Promise<void> {
    this.versions.set(file, 1);
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: uri(file), languageId: 'xml', version: 1, text },
    });
  }

  /** Replaces the whole text of an open document; returns the new version. */
  async change(file: string, text: string): Promise<number> {
    const version = (this.versions.get(file) ?? 1) + 1;
    this.versions.set(file, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: uri(file), version },
      contentChanges: [{ text }],
    });
    return version;
  }

  close(file: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(file) } });
  }

  save(file: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didSave', { textDocument: { uri: uri(file) } });
  }

  /** Tells the server files changed on disk (type 1 created, 2 changed, 3 deleted). */
  filesChanged(changes: { file: string; type: 1 | 2 | 3 }[]): Promise<void> {
    return this.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: changes.map((c) => ({ uri: uri(c.file), type: c.type })),
    });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** shutdown, then exit: resolves to the process's exit code. */
  async stop(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.connection.dispose();
    this.child.kill();
  }
}

export async function until(condition: () => boolean, timeout: number, what: string): Promise<void> {
  const deadline = performance.now() + timeout;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Applies one file's edits of a workspace edit to its text, as an editor does (edits never overlap; ties keep their order). */
export function applyWorkspaceEdit(edit: WorkspaceEdit, fileUri: string, text: string): string {
  const edits: TextEdit[] = edit.changes?.[fileUri] ?? [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => lineStarts[p.line]! + p.character;
  const ordered = edits
    .map((e, index) => ({ e, index }))
    .sort((a, b) => offset(b.e.range.start) - offset(a.e.range.start) || b.index - a.index);
  let result = text;
  for (const { e } of ordered) result = result.slice(0, offset(e.range.start)) + e.newText + result.slice(offset(e.range.end));
  return result;
}
