// What the incremental analysis (workspace.ts) is given and what it answers: its options, a change, an update.
import type { LintRun } from './analysis.js';

export interface WorkspaceOptions {
  /** The project root: the folder with sfdx-project.json, or the folder of a metadata-format project. */
  root: string;
  /** Files larger than this are reported instead of parsed (default 64 MiB). */
  maxFileSize?: number;
  /** Threads for the first analysis (see AnalyzeOptions.workers); changes are always read on the calling thread. */
  workers?: number;
  /** Today's date (YYYY-MM-DD) for suppressions' `expires`; default: the real date. */
  today?: string;
}

/**
 * What changed, by absolute path:
 * - `text`: the editor's text of a file, which stands for it instead of the disk (`null`: the disk stands again);
 * - `disk`: something on disk changed at this path (a file or a folder, created, changed or deleted);
 * - `rescan`: anything on disk may have changed.
 */
export type WorkspaceChange = { file: string; text: string | null } | { file: string; disk: true } | { rescan: true };

export interface WorkspaceUpdate {
  /** The findings of the project now, as lint() gives them. */
  run: LintRun;
  /** Whether anything was analysed again (false when no change mattered). */
  analysed: boolean;
  /** Whether the whole project was analysed again (the configuration, .forceignore, ... changed). */
  reloaded: boolean;
  /** Rules run again over the whole model, and rules run again on some files or referrers only. */
  rules: { full: string[]; partial: string[] };
  /** Milliseconds by phase (listing, reading, model, rules, scoped rules, settling): what the change cost. */
  phases: Record<string, number>;
}
