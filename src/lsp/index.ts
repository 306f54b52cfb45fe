// `sfmeta-lint lsp`: the language server over stdio. Nothing but the protocol may reach stdout.
import { format } from 'node:util';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { FullAnalysisSession } from './full-session.js';
import { IncrementalAnalysisSession } from './incremental-session.js';
import { startServer } from './server.js';

export type { AnalysisSession, FileChange, SessionFactory, SessionUpdate } from './session.js';
export { FullAnalysisSession } from './full-session.js';
export { IncrementalAnalysisSession } from './incremental-session.js';
export { startServer, type ServerOptions } from './server.js';

/** Runs the server on this process's stdin and stdout until the client says `exit` (the library then ends the process). */
export function runServer(): Promise<number> {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  quietConsole(connection);
  // SFMETA_LINT_LSP=full: every change analyses the whole project again (the baseline the benchmark compares with).
  const full = process.env['SFMETA_LINT_LSP'] === 'full';
  startServer(connection, { createSession: (root) => (full ? new FullAnalysisSession(root) : new IncrementalAnalysisSession(root)) });
  const exited = new Promise<number>((resolve) => connection.onExit(() => resolve(0)));
  connection.listen();
  return exited;
}

/** Anything that still calls console (a dependency) goes to the client's log instead of corrupting the protocol. */
function quietConsole(connection: Connection): void {
  const toLog = (...args: unknown[]) => connection.console.log(format(...args));
  const toError = (...args: unknown[]) => connection.console.error(format(...args));
  Object.assign(console, { log: toLog, info: toLog, debug: toLog, trace: toLog, dir: toLog, warn: toError, error: toError });
}
