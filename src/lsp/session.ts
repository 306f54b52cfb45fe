// The analysis behind the language server, as one interface: the server speaks LSP, a session knows the project.
import type { Finding } from '../findings/index.js';

/**
 * What changed. The server hands a session every change it hears of, in order; the session decides what matters (a
 * file outside its project, a buffer that equals the disk). Files are absolute paths.
 * - `buffer: string`: the editor's text of the file (opened or edited), which stands for the file instead of the disk.
 * - `buffer: null`: the editor closed the file; what is on disk stands again.
 * - `disk`: the file was created, changed or deleted on disk (the client's file watcher). Configuration,
 *   `.forceignore`, the baseline and `sfdx-project.json` arrive this way too. While the file is open, its buffer
 *   still stands for it.
 * - `rescan`: anything on disk may have changed, nobody knows what (a client that watches no files saved a file).
 */
export type FileChange =
  { file: string; buffer: string | null } | { file: string; disk: 'created' | 'changed' | 'deleted' } | { rescan: true };

export interface SessionUpdate {
  /**
   * The files (absolute paths) whose findings changed, each with all its findings now, in report order; an empty list
   * clears a file that no longer has any.
   */
  changed: ReadonlyMap<string, readonly Finding[]>;
  /**
   * Why the project could not be analysed (a broken configuration or sfdx-project.json): the findings stay as they
   * were until an analysis succeeds again.
   */
  problem?: string;
  /** Things worth a line in the server's log (warnings of the run, internal errors of rules). */
  messages: string[];
}

/**
 * One project (the folder with sfdx-project.json) held in memory between edits. Calls are never concurrent: the server
 * awaits each before making the next. Findings locate their files relative to `root`.
 */
export interface AnalysisSession {
  readonly root: string;
  /** Analyses the whole project; `changed` then holds every file with findings. */
  open(onProgress?: (done: number, total: number) => void): Promise<SessionUpdate>;
  /** Takes in changes (in the order they happened) and reports the files whose findings changed. */
  update(changes: readonly FileChange[]): Promise<SessionUpdate>;
  /** The findings of one file (absolute path) as of the last analysis: what the diagnostics show. */
  findings(file: string): readonly Finding[];
  /** Lets go of what the session holds. */
  dispose(): void;
}

export type SessionFactory = (root: string) => AnalysisSession;
