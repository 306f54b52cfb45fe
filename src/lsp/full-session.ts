// The first AnalysisSession: every change that matters runs lint() over the whole project again, with the editor's
// unsaved buffers as overlays, and reports the files whose findings differ from the last run.
import path from 'node:path';
import { DEFAULT_MAX_FILE_SIZE, lint } from '../api/index.js';
import type { Finding } from '../findings/index.js';
import { readTextSync } from '../project/index.js';
import type { AnalysisSession, FileChange, SessionUpdate } from './session.js';

const BOM = '\uFEFF';

export class FullAnalysisSession implements AnalysisSession {
  /** The editor's texts, by absolute path. */
  private readonly overlays = new Map<string, string>();
  /** The last good run's findings by absolute path, and their serialization (to tell what changed). */
  private findingsByFile = new Map<string, Finding[]>();
  private keys = new Map<string, string>();
  /** The project's files (absolute paths) as the last run listed them: buffers of other files change nothing. */
  private projectFiles = new Set<string>();
  /** Whether the last run failed (a broken configuration): then any change is worth another try. */
  private failed = false;

  constructor(readonly root: string) {}

  open(onProgress?: (done: number, total: number) => void): Promise<SessionUpdate> {
    return this.run(onProgress);
  }

  async update(changes: readonly FileChange[]): Promise<SessionUpdate> {
    let stale = false;
    for (const change of changes) {
      if ('rescan' in change) {
        stale = true;
        continue;
      }
      if (!this.holds(change.file)) continue;
      if ('disk' in change) {
        // An open file's buffer stands for it: saving it changes nothing the last run did not see.
        if (change.disk !== 'changed' || !this.overlays.has(change.file)) stale = true;
        continue;
      }
      const before = this.overlays.get(change.file);
      const known = this.projectFiles.has(change.file);
      if (change.buffer === null) {
        this.overlays.delete(change.file);
        // The last run read the buffer; the disk stands now, and may say something else.
        if (known && before !== undefined && before !== diskText(change.file)) stale = true;
      } else {
        const text = change.buffer.startsWith(BOM) ? change.buffer.slice(1) : change.buffer;
        this.overlays.set(change.file, text);
        // A buffer just opened usually holds what the last run read from disk.
        if (known && text !== (before ?? diskText(change.file))) stale = true;
      }
    }
    return stale || this.failed ? this.run() : { changed: new Map(), messages: [] };
  }

  findings(file: string): readonly Finding[] {
    return this.findingsByFile.get(file) ?? [];
  }

  dispose(): void {
    this.overlays.clear();
    this.findingsByFile.clear();
    this.keys.clear();
    this.projectFiles.clear();
  }

  private holds(file: string): boolean {
    const relative = path.relative(this.root, file);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  }

  private async run(onProgress?: (done: number, total: number) => void): Promise<SessionUpdate> {
    let result;
    try {
      result = await lint({ cwd: this.root, overlays: this.overlays, ...(onProgress ? { onProgress } : {}) });
    } catch (error) {
      this.failed = true;
      const known = ['ConfigError', 'ProjectError'].includes((error as Error)?.constructor?.name);
      const message = (error as Error)?.message ?? String(error);
      return { changed: new Map(), problem: known ? message : `internal error: ${message}`, messages: [] };
    }
    this.failed = false;
    this.projectFiles = new Set(result.project.files.map((f) => path.join(this.root, f.path)));
    const next = new Map<string, Finding[]>();
    for (const finding of result.findings) {
      const file = path.join(this.root, finding.location.file);
      const list = next.get(file);
      if (list) list.push(finding);
      else next.set(file, [finding]);
    }
    const keys = new Map([...next].map(([file, findings]) => [file, JSON.stringify(findings)]));
    const changed = new Map<string, Finding[]>();
    for (const [file, key] of keys) if (this.keys.get(file) !== key) changed.set(file, next.get(file)!);
    for (const file of this.keys.keys()) if (!keys.has(file)) changed.set(file, []);
    this.findingsByFile = next;
    this.keys = keys;
    return {
      changed,
      messages: [...result.warnings, ...result.internalErrors.map((e) => `internal error in rule ${e.ruleId}: ${e.message}`)],
    };
  }
}

/** What the disk holds for a file, as the analysis would read it; undefined when it cannot be read as text. */
function diskText(file: string): string | undefined {
  const read = readTextSync(file, DEFAULT_MAX_FILE_SIZE);
  return read.ok ? read.text : undefined;
}
