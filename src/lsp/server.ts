// The language server: LSP in (vscode-languageserver), sessions behind. It knows documents, projects, diagnostics,
// code actions and hovers; what a change means for the findings is each project's AnalysisSession's business.
import path from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type FileEvent,
  type Hover,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_MAX_FILE_SIZE, TOOL } from '../api/index.js';
import type { Finding } from '../findings/index.js';
import { findProjectRoot, readTextSync, toPosix } from '../project/index.js';
import { codeActions, documentationUrl, SHOW_DOCUMENTATION } from './actions.js';
import { fileToUri, toDiagnostic, toLspRange, touches, uriToFile } from './convert.js';
import { hoverAt } from './hover.js';
import { projectRoots, rootOf } from './roots.js';
import type { AnalysisSession, FileChange, SessionFactory, SessionUpdate } from './session.js';

/** Folders whose files never matter to an analysis: changes there are not worth one. */
const IGNORED_FOLDERS = ['node_modules', '.git', '.sfdx', '.sf', '.sfmeta-lint-cache'];
/** How long changes gather before an analysis starts: a burst of keystrokes, or a checkout's many files, makes one. */
const GATHER_MS = 10;

export interface ServerOptions {
  /** Makes the session of a project root (the full re-analysis today; an incremental one later). */
  createSession: SessionFactory;
}

/** One project root, its session, and the changes waiting for it; analyses run one at a time. */
class Project {
  private pending: FileChange[] = [];
  private running: Promise<void> | undefined;
  private opened: Promise<void> | undefined;
  /** The files this project has published diagnostics for (to clear them when the project goes). */
  readonly published = new Set<string>();

  constructor(
    readonly root: string,
    readonly session: AnalysisSession,
    private readonly publish: (project: Project, update: SessionUpdate, edited: ReadonlyMap<string, number | undefined>) => void,
    private readonly versionOf: (file: string) => number | undefined,
    private readonly reportError: (error: unknown) => void,
  ) {}

  /** The first analysis; changes that arrive meanwhile wait for it. */
  open(onProgress?: (done: number, total: number) => void): Promise<void> {
    this.opened ??= this.session.open(onProgress).then((update) => this.publish(this, update, new Map()));
    return this.opened;
  }

  schedule(changes: FileChange[]): void {
    this.pending.push(...changes);
    this.running ??= this.drain();
  }

  /** Resolves once every change heard of so far is analysed (and its diagnostics published). */
  async idle(): Promise<void> {
    await this.open();
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      await this.open();
      while (this.pending.length > 0) {
        await new Promise((resolve) => setTimeout(resolve, GATHER_MS));
        const batch = this.pending;
        this.pending = [];
        // The version of each edited document the analysis sees, for the diagnostics published for it.
        const edited = new Map<string, number | undefined>();
        for (const change of batch) if ('buffer' in change && change.buffer !== null) edited.set(change.file, this.versionOf(change.file));
        this.publish(this, await this.session.update(batch), edited);
      }
    } catch (error) {
      // A session that throws loses this batch, not the server; the next change is analysed as usual.
      this.pending = [];
      this.reportError(error);
    } finally {
      this.running = undefined;
    }
  }
}

export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const projects = new Map<string, Project>();
  /** The project roots each workspace folder gave, so that removing a folder removes only the projects no other holds. */
  const rootsByFolder = new Map<string, string[]>();
  /** The URI each open file goes by in the client, so that diagnostics name it as the client does. */
  const uriByFile = new Map<string, string>();
  let capabilities: ClientCapabilities = {};
  /** Whether the client tells of files changed on disk; if not, a save is when the disk is looked at again. */
  let watching = false;
  let shownProblem = new Map<string, string>();
  let logged = new Map<string, string>();

  const uriOf = (file: string): string => uriByFile.get(file) ?? fileToUri(file);
  const log = (message: string): void => connection.console.log(message);
  const reportError = (error: unknown): void => connection.console.error(`internal error: ${(error as Error)?.stack ?? String(error)}`);
  // A notification, not window/showMessageRequest: nothing to answer, and no client left waiting on a button.
  const show = (type: MessageType, message: string): void => {
    connection.sendNotification(ShowMessageNotification.type, { type, message }).catch(reportError);
  };

  const publish = (project: Project, update: SessionUpdate, edited: ReadonlyMap<string, number | undefined>): void => {
    const key = update.messages.join('\n');
    if (key !== '' && logged.get(project.root) !== key) for (const message of update.messages) log(`${project.root}: ${message}`);
    logged.set(project.root, key);
    if (update.problem !== undefined) {
      if (shownProblem.get(project.root) !== update.problem) {
        show(MessageType.Error, `sfmeta-lint: ${update.problem}`);
        connection.console.error(`${project.root}: ${update.problem}`);
      }
      shownProblem.set(project.root, update.problem);
    } else shownProblem.delete(project.root);
    const send = (file: string, findings: readonly Finding[], version?: number) => {
      const diagnostics = findings.map((f) => toDiagnostic(f, (relative) => uriOf(path.join(project.root, relative))));
      if (diagnostics.length > 0) project.published.add(file);
      else project.published.delete(file);
      connection.sendDiagnostics({ uri: uriOf(file), ...(version !== undefined ? { version } : {}), diagnostics }).catch(reportError);
    };
    for (const [file, findings] of update.changed) send(file, findings, edited.get(file));
    // An edited document hears back even when its findings stayed the same: the client knows the analysis caught up.
    for (const [file, version] of edited) if (!update.changed.has(file)) send(file, project.session.findings(file), version);
  };

  const addProject = (root: string): Project => {
    let project = projects.get(root);
    if (!project) {
      project = new Project(root, options.createSession(root), publish, (file) => documents.get(uriOf(file))?.version, reportError);
      projects.set(root, project);
      log(`project ${root}`);
    }
    return project;
  };

  const removeProject = (root: string): void => {
    const project = projects.get(root);
    if (!project) return;
    projects.delete(root);
    for (const file of project.published) connection.sendDiagnostics({ uri: uriOf(file), diagnostics: [] }).catch(reportError);
    project.session.dispose();
  };

  /** Folders of open files found to be in no project, so that each keystroke there does not look again. */
  const outside = new Set<string>();
  /** The project a file belongs to; an open file outside every known one may start the project above it. */
  const projectOf = (file: string, create = false): Project | undefined => {
    const root = rootOf(file, projects.keys());
    if (root) return projects.get(root);
    if (!create || outside.has(path.dirname(file))) return undefined;
    const found = findProjectRoot(path.dirname(file));
    if (!found) {
      outside.add(path.dirname(file));
      return undefined;
    }
    const project = addProject(found);
    openAll([project]).catch(reportError);
    return project;
  };

  const openAll = async (list: Project[]): Promise<void> => {
    if (list.length === 0) return;
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin('sfmeta-lint', 0, `Analysing ${list.map((p) => path.basename(p.root)).join(', ')}`, false);
    // The begin goes out before the analysis keeps the thread busy.
    await new Promise((resolve) => setTimeout(resolve, 0));
    try {
      for (const project of list) {
        let last = -1;
        await project.open((done, total) => {
          const percentage = total === 0 ? 100 : Math.floor((done / total) * 100);
          if (percentage === last) return;
          last = percentage;
          progress.report(percentage, `${path.basename(project.root)}: ${done} of ${total} files`);
        });
      }
    } finally {
      progress.done();
    }
  };

  const addFolders = (added: readonly WorkspaceFolder[]): Project[] => {
    const roots = new Set<string>();
    for (const folder of added) {
      const file = uriToFile(folder.uri);
      if (!file) continue;
      const found = projectRoots(file);
      rootsByFolder.set(file, found);
      for (const root of found) roots.add(root);
    }
    return [...roots].filter((root) => !projects.has(root)).map(addProject);
  };

  const textOf = (file: string): string | undefined => {
    const document = documents.get(uriOf(file));
    if (document) return document.getText();
    const read = readTextSync(file, DEFAULT_MAX_FILE_SIZE);
    return read.ok ? read.text : undefined;
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities;
    const workspaceFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    addFolders(workspaceFolders);
    return {
      capabilities: {
        positionEncoding: 'utf-16',
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        executeCommandProvider: { commands: [SHOW_DOCUMENTATION] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: TOOL.name, version: TOOL.version },
    };
  });

  connection.onInitialized(async () => {
    // Before any await: a folder added right after `initialized` must find the listener there.
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        for (const folder of event.removed) {
          const file = uriToFile(folder.uri);
          const roots = file ? rootsByFolder.get(file) : undefined;
          if (!file || !roots) continue;
          rootsByFolder.delete(file);
          const kept = new Set([...rootsByFolder.values()].flat());
          for (const root of roots) if (!kept.has(root)) removeProject(root);
        }
        openAll(addFolders(event.added)).catch(reportError);
      });
    }
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      try {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
        watching = true;
      } catch (error) {
        reportError(error);
      }
    }
    await openAll([...projects.values()]).catch(reportError);
  });

  const change = (file: string | undefined, fileChange: (file: string) => FileChange, create = false): void => {
    if (!file) return;
    projectOf(file, create)?.schedule([fileChange(file)]);
  };

  documents.onDidOpen(({ document }) => {
    const file = uriToFile(document.uri);
    if (file) uriByFile.set(file, document.uri);
  });
  documents.onDidChangeContent(({ document }) => change(uriToFile(document.uri), (file) => ({ file, buffer: document.getText() }), true));
  documents.onDidClose(({ document }) => {
    const file = uriToFile(document.uri);
    change(file, (f) => ({ file: f, buffer: null }));
    if (file) uriByFile.delete(file);
  });
  // Neovim watches no files on Linux: a save is when the disk (the configuration, a checkout) is looked at again.
  documents.onDidSave(({ document }) => {
    if (!watching) change(uriToFile(document.uri), () => ({ rescan: true }));
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    const byProject = new Map<Project, FileChange[]>();
    for (const event of changes) {
      const file = watchedFile(event);
      if (!file) continue;
      const project = projectOf(file);
      if (!project) continue;
      const kind = event.type === FileChangeType.Created ? 'created' : event.type === FileChangeType.Deleted ? 'deleted' : 'changed';
      byProject.set(project, [...(byProject.get(project) ?? []), { file, disk: kind }]);
    }
    for (const [project, list] of byProject) project.schedule(list);
  });

  connection.onHover(async (params: HoverParams): Promise<Hover | null> => {
    const file = uriToFile(params.textDocument.uri);
    const project = file ? projectOf(file) : undefined;
    if (!file || !project) return null;
    await project.idle();
    return hoverAt(project.session.findings(file), params.position);
  });

  connection.onCodeAction(async (params: CodeActionParams): Promise<CodeAction[]> => {
    const file = uriToFile(params.textDocument.uri);
    const project = file ? projectOf(file) : undefined;
    if (!file || !project) return [];
    // Every action here is a quick fix: a client asking only for other kinds (source actions on save) gets none.
    if (params.context.only && !params.context.only.some((kind) => kind === 'quickfix' || 'quickfix'.startsWith(`${kind}.`))) return [];
    await project.idle();
    const findings = project.session.findings(file).filter((f) => touches(toLspRange(f.location.range), params.range));
    const absolute = (relative: string) => path.join(project.root, relative);
    return codeActions(findings, {
      file: toPosix(path.relative(project.root, file)),
      textOf: (relative) => textOf(absolute(relative)),
      uriOf: (relative) => uriOf(absolute(relative)),
      diagnostic: (finding) => toDiagnostic(finding, (relative) => uriOf(absolute(relative))),
    });
  });

  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    if (command !== SHOW_DOCUMENTATION) return;
    const url = documentationUrl(args?.[0]);
    if (!url) return;
    if (capabilities.window?.showDocument?.support) await connection.window.showDocument({ uri: url, external: true });
    else show(MessageType.Info, `sfmeta-lint: ${url}`);
  });

  connection.onShutdown(() => {
    for (const project of projects.values()) project.session.dispose();
    projects.clear();
    shownProblem = new Map();
    logged = new Map();
  });

  documents.listen(connection);
}

/** The file of a watched-file event, unless it lies in a folder whose files never matter. */
function watchedFile(event: FileEvent): string | undefined {
  const file = uriToFile(event.uri);
  if (!file) return undefined;
  const parts = file.split(path.sep);
  return parts.some((part) => IGNORED_FOLDERS.includes(part)) ? undefined : file;
}
