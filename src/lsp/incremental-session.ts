// The language server's AnalysisSession: the incremental analysis (api Workspace) keeps the project in memory, reads
// again only what changed and runs again only the rules whose inputs changed.
import path from 'node:path';
import { Workspace, type LintRun, type WorkspaceChange } from '../api/index.js';
import type { Finding } from '../findings/index.js';
import { toPosix } from '../project/index.js';
import type { AnalysisSession, FileChange, SessionUpdate } from './session.js';

const BOM = '\uFEFF';

export class IncrementalAnalysisSession implements AnalysisSession {
  private workspace: Workspace | undefined;
  /** The editor's texts by absolute path, for opening the workspace again after a failure. */
  private readonly overlays = new Map<string, string>();
  /** The findings of the last analysis by file, relative to the root as findings locate them. */
  private findingsByFile = new Map<string, Finding[]>();

  constructor(readonly root: string) {}

  async open(onProgress?: (done: number, total: number) => void): Promise<SessionUpdate> {
    try {
      this.workspace = await Workspace.open({ root: this.root }, this.overlays, onProgress);
    } catch (error) {
      return failure(error);
    }
    return this.report(this.workspace.run);
  }

  async update(changes: readonly FileChange[]): Promise<SessionUpdate> {
    const converted: WorkspaceChange[] = [];
    for (const change of changes) {
      if ('rescan' in change) converted.push({ rescan: true });
      else if ('disk' in change) converted.push({ file: change.file, disk: true });
      else if (change.buffer === null) {
        this.overlays.delete(change.file);
        converted.push({ file: change.file, text: null });
      } else {
        const text = change.buffer.startsWith(BOM) ? change.buffer.slice(1) : change.buffer;
        this.overlays.set(change.file, text);
        converted.push({ file: change.file, text });
      }
    }
    // After a failure, any change is worth another try.
    if (!this.workspace) return this.open();
    let run: LintRun;
    try {
      const update = await this.workspace.update(converted);
      if (!update.analysed) return { changed: new Map(), messages: [] };
      run = update.run;
    } catch (error) {
      this.workspace = undefined;
      return failure(error);
    }
    return this.report(run);
  }

  findings(file: string): readonly Finding[] {
    return this.findingsByFile.get(toPosix(path.relative(this.root, file))) ?? [];
  }

  dispose(): void {
    this.workspace = undefined;
    this.overlays.clear();
    this.findingsByFile.clear();
  }

  /** The files whose findings differ from those last reported. */
  private report(run: LintRun): SessionUpdate {
    const next = new Map<string, Finding[]>();
    for (const finding of run.findings) {
      const list = next.get(finding.location.file);
      if (list) list.push(finding);
      else next.set(finding.location.file, [finding]);
    }
    const changed = new Map<string, Finding[]>();
    for (const [file, findings] of next) {
      const before = this.findingsByFile.get(file);
      if (!before || !sameFindings(before, findings)) changed.set(path.join(this.root, file), findings);
    }
    for (const file of this.findingsByFile.keys()) if (!next.has(file)) changed.set(path.join(this.root, file), []);
    this.findingsByFile = next;
    return {
      changed,
      messages: [...run.warnings, ...run.internalErrors.map((e) => `internal error in rule ${e.ruleId}: ${e.message}`)],
    };
  }
}

/** Findings kept from the last analysis are the same objects; the others are compared by what they say. */
function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  return a.length === b.length && a.every((finding, i) => finding === b[i] || JSON.stringify(finding) === JSON.stringify(b[i]));
}

function failure(error: unknown): SessionUpdate {
  const known = ['ConfigError', 'ProjectError'].includes((error as Error)?.constructor?.name);
  const message = (error as Error)?.message ?? String(error);
  return { changed: new Map(), problem: known ? message : `internal error: ${message}`, messages: [] };
}
