// The incremental analysis: one project held in memory between changes (the language server). A change to a file
// re-reads and re-extracts that file only, rebuilds the model from the facts kept, and runs again only the rules whose
// inputs changed; the findings are always those a fresh lint() gives for the same texts. A change to the configuration,
// .forceignore, the baseline or sfdx-project.json analyses the whole project again.
//
// What a rule reads, it declares (RuleMeta): the types of its views (`needs`), the reference index (`references`),
// what is known of every file (`checksFiles`); and with `scope`, that a finding depends only on one file or on one
// referrer of the reference index, so that it runs again on those alone. A rule reads the list of files only through
// the reference index (test/integration/rule-scope.test.ts holds the rules to that): a file that comes or goes
// concerns the rules that read its type, the reference rules and the file-level rules.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_BASELINE_FILE, DEFAULT_MAX_FILE_SIZE } from '../config/index.js';
import { runEachRule, type ActiveRule, type RuleOutcome } from '../engine/index.js';
import { contentHash, extractAll, extractOne, sameFileStatus, statusOf, type FileStatus } from '../extraction/index.js';
import { compareFindings, type Finding } from '../findings/index.js';
import type { ExtractionLevel } from '../model/extract.js';
import {
  definesComponents,
  extractFile,
  ProjectModel,
  referrersOf,
  type FileFacts,
  type ReferenceIndex,
  type Referrer,
  type SourceFileRef,
} from '../model/index.js';
import { changedTooRecently, discover, Listing, locateProject, readTextSync, toPosix } from '../project/index.js';
import { RULES } from '../rules/index.js';
import { loadBaseline, prepare, settle, type LintRun, type LoadedBaseline, type Prepared } from './analysis.js';
import type { WorkspaceChange, WorkspaceOptions, WorkspaceUpdate } from './workspace-types.js';

export type { WorkspaceChange, WorkspaceOptions, WorkspaceUpdate } from './workspace-types.js';

/** One file of a type the rules read: what was extracted from it, and from what. */
interface Slot {
  file: SourceFileRef;
  level: ExtractionLevel;
  facts: FileFacts;
  /** The editor's text it was read from; or the disk's, with the file's status before the read and the bytes' hash. */
  text?: string;
  status?: FileStatus;
  /** The status was taken so soon after a change that a later one could leave it the same. */
  racy?: boolean;
  hash?: string;
}

/** Everything known of the project between changes. */
interface State {
  prepared: Prepared;
  baseline: LoadedBaseline;
  /** The contents of the configuration files, .forceignore, the baseline, ...: when it changes, everything is read again. */
  settingsKey: string;
  slots: Map<string, Slot>;
  /** The project's files by path. */
  listed: Map<string, SourceFileRef>;
  /** The extracted files' facts in project order, and each file's place in it. */
  facts: FileFacts[];
  places: Map<string, number>;
  outcomes: Map<string, RuleOutcome>;
  model: ProjectModel;
  /** The reference index of the project's definitions as they are (its referrers may be older): for partial runs. */
  definitions: ReferenceIndex | undefined;
  referrers: Referrer[];
  run: LintRun;
}

export class Workspace {
  /** The editor's texts by project path. */
  private readonly overlays = new Map<string, string>();
  private readonly listing = new Listing({ digests: false });
  private state: State | undefined;

  private constructor(private readonly options: WorkspaceOptions) {}

  /**
   * Analyses the whole project, with these texts standing for files (absolute paths). Throws ConfigError or
   * ProjectError for bad input.
   */
  static async open(
    options: WorkspaceOptions,
    texts: ReadonlyMap<string, string> = new Map(),
    onProgress?: (done: number, total: number) => void,
  ): Promise<Workspace> {
    const workspace = new Workspace(options);
    for (const [file, text] of texts) {
      const relative = workspace.relative(file);
      if (relative !== undefined) workspace.overlays.set(relative, text);
    }
    workspace.state = await workspace.load(onProgress);
    return workspace;
  }

  get root(): string {
    return this.options.root;
  }

  /** The findings as of the last analysis. */
  get run(): LintRun {
    return this.current.run;
  }

  private get current(): State {
    if (!this.state) throw new Error('the workspace is not open');
    return this.state;
  }

  /**
   * Takes in changes, in the order they happened, and analyses what they affect. Throws ConfigError or ProjectError
   * when the project can no longer be analysed (the state is then read again from scratch on the next update).
   */
  async update(changes: readonly WorkspaceChange[]): Promise<WorkspaceUpdate> {
    const touched = new Set<string>();
    const disk = new Set<string>();
    let rescan = false;
    for (const change of changes) {
      if ('rescan' in change) {
        rescan = true;
        continue;
      }
      const relative = this.relative(change.file);
      if (relative === undefined) continue;
      if ('disk' in change) disk.add(relative);
      else if (change.text === null) {
        if (this.overlays.delete(relative)) touched.add(relative);
      } else if (this.overlays.get(relative) !== change.text) {
        this.overlays.set(relative, change.text);
        touched.add(relative);
      }
    }
    const state = this.state;
    if (!state || ((rescan || disk.size > 0) && settingsKey(state.prepared, state.baseline) !== state.settingsKey)) {
      this.state = undefined;
      this.state = await this.load();
      return {
        run: this.state.run,
        analysed: true,
        reloaded: true,
        rules: { full: this.state.run.rules.map((r) => r.id), partial: [] },
        phases: {},
      };
    }
    return this.apply(state, touched, disk, rescan);
  }

  private relative(file: string): string | undefined {
    const relative = path.relative(this.options.root, path.resolve(this.options.root, file));
    return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? undefined : toPosix(relative);
  }

  /** Reads the whole project. */
  private async load(onProgress?: (done: number, total: number) => void): Promise<State> {
    const { root } = this.options;
    const prepared = await prepare({ cwd: root }, this.listing);
    const baseline = loadBaseline(prepared.project.root, undefined);
    const key = settingsKey(prepared, baseline);
    const statuses = new Map<string, FileStatus>();
    const seenAt = Date.now();
    // A buffer of a file the project does not list (not saved yet, or of a type no rule reads) is not read.
    const overlays = this.overlays;
    const extraction = await extractAll(prepared.project, prepared.plan, {
      maxFileSize: this.maxFileSize,
      cache: undefined,
      workers: this.options.workers,
      onProgress,
      overlays,
      statuses,
    });
    const facts = extraction.facts();
    const slots = new Map<string, Slot>();
    const places = new Map<string, number>();
    facts.forEach((fact, place) => {
      const relative = fact.file.path;
      const text = overlays.get(relative);
      const status = statuses.get(relative);
      places.set(relative, place);
      slots.set(relative, {
        file: fact.file,
        level: prepared.plan.get(fact.file.type)!,
        facts: fact,
        ...(text !== undefined ? { text } : {}),
        ...(text === undefined && status ? { status, racy: changedTooRecently(status, seenAt) } : {}),
      });
    });
    const model = new ProjectModel(prepared.project.files, facts, prepared.project.shape);
    const outcomes = runEachRule(model, RULES, prepared.config, prepared.settings);
    const definitions = model.referencesBuilt ? model.references : undefined;
    const state: State = {
      prepared,
      baseline,
      settingsKey: key,
      slots,
      listed: new Map(prepared.project.files.map((file) => [file.path, file])),
      facts,
      places,
      outcomes,
      model,
      definitions,
      referrers: definitions ? definitions.referrers : [],
      run: undefined as unknown as LintRun,
    };
    state.run = this.settle(state);
    return state;
  }

  private get maxFileSize(): number {
    return this.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  }

  private async apply(state: State, touched: Set<string>, disk: Set<string>, rescan: boolean): Promise<WorkspaceUpdate> {
    const { prepared } = state;
    const root = prepared.project.root;
    const phases: Record<string, number> = {};
    let mark = performance.now();
    const phase = (name: string) => {
      const now = performance.now();
      phases[name] = (phases[name] ?? 0) + now - mark;
      mark = now;
    };
    // The list of files: listed again when a path on disk is not a listed file any more (or was not one).
    const { listed } = state;
    let relist = rescan;
    for (const relative of disk) {
      if (relist) break;
      if (!listed.has(relative) || !statSync(path.join(root, relative), { throwIfNoEntry: false })?.isFile()) relist = true;
    }
    const added = new Map<string, SourceFileRef>();
    const removed = new Map<string, SourceFileRef>();
    if (relist) {
      const project = await discover(locateProject(root, []), { ignores: prepared.config.ignores, listing: this.listing });
      const before = new Map(listed);
      for (const file of project.files) if (!before.delete(file.path)) added.set(file.path, file);
      for (const [relative, file] of before) removed.set(relative, file);
      state.listed = new Map(project.files.map((file) => [file.path, file]));
      prepared.project = { ...prepared.project, files: project.files, skipped: project.skipped };
    }

    phase('list');
    // What to read again: buffers that changed, files changed on disk, new files and, on a rescan, files whose status
    // changed.
    const candidates = new Set([...touched, ...disk, ...added.keys()]);
    if (rescan) for (const [relative, slot] of state.slots) if (slot.text === undefined) candidates.add(relative);
    const slots = state.slots;
    const modified = new Set<string>();
    const previous = new Map<string, FileFacts>();
    for (const relative of candidates) {
      if (removed.has(relative)) continue;
      const slot = slots.get(relative);
      const file = slot?.file ?? added.get(relative);
      const level = file && prepared.plan.get(file.type);
      if (!file || !level) continue;
      const next = this.read(file, level, slot);
      if (!next) continue;
      if (slot) previous.set(relative, slot.facts);
      slots.set(relative, next);
      modified.add(relative);
    }
    for (const relative of removed.keys()) {
      const slot = slots.get(relative);
      if (!slot) continue;
      previous.set(relative, slot.facts);
      slots.delete(relative);
    }
    phase('read');
    if (modified.size === 0 && added.size === 0 && removed.size === 0)
      return { run: state.run, analysed: false, reloaded: false, rules: { full: [], partial: [] }, phases };

    // The facts in project order (their places stay unless files came or went).
    if (added.size > 0 || removed.size > 0) {
      state.facts = [];
      state.places = new Map();
      for (const file of prepared.project.files) {
        const slot = slots.get(file.path);
        if (!slot) continue;
        state.places.set(file.path, state.facts.length);
        state.facts.push(slot.facts);
      }
    } else for (const relative of modified) state.facts[state.places.get(relative)!] = slots.get(relative)!.facts;

    const rules = this.rerun(state, { modified, added, removed, previous }, phase);
    state.run = this.settle(state);
    phase('settle');
    return { run: state.run, analysed: true, reloaded: false, rules, phases };
  }

  /** A file's facts read again, or undefined when they are the same as before. */
  private read(file: SourceFileRef, level: ExtractionLevel, slot: Slot | undefined): Slot | undefined {
    const root = this.current.prepared.project.root;
    const absolute = path.join(root, file.path);
    const text = this.overlays.get(file.path);
    if (text !== undefined) {
      if (slot?.text === text) return undefined;
      // A buffer just opened usually holds what was read from disk: the facts stand, now read from the buffer.
      if (slot && slot.text === undefined && this.diskHolds(slot, text)) {
        slot.text = text;
        return undefined;
      }
      return { file, level, facts: extractFile(file, text, level), text };
    }
    const seenAt = Date.now();
    const before = statSync(absolute, { throwIfNoEntry: false });
    if (slot && before) {
      // Unchanged since read (its status is as it was then), or a closed buffer whose text the disk holds.
      if (slot.text === undefined && !slot.racy && slot.status && sameFileStatus(slot.status, before)) return undefined;
      if (slot.text !== undefined) {
        const read = readTextSync(absolute, this.maxFileSize);
        if (read.ok && read.text === slot.text) {
          Object.assign(slot, { text: undefined, status: statusOf(before), racy: changedTooRecently(before, seenAt), hash: undefined });
          return undefined;
        }
      }
    }
    const read = extractOne(root, file, level, { maxFileSize: this.maxFileSize });
    const next: Slot = {
      file,
      level,
      facts: read.facts,
      ...(read.status ? { status: read.status, racy: changedTooRecently(read.status, seenAt) } : {}),
      ...(read.hash !== undefined ? { hash: read.hash } : {}),
    };
    // Read from disk as before, and the same bytes: the facts stand (with the file's new status).
    if (slot && slot.text === undefined && slot.hash !== undefined && slot.hash === read.hash) {
      Object.assign(slot, { status: next.status, racy: next.racy });
      return undefined;
    }
    return next;
  }

  /** Whether the disk still holds what a slot was read from, and that is this text. */
  private diskHolds(slot: Slot, text: string): boolean {
    if (!slot.status || slot.racy) return false;
    const absolute = path.join(this.current.prepared.project.root, slot.file.path);
    const now = statSync(absolute, { throwIfNoEntry: false });
    if (!now || !sameFileStatus(slot.status, now)) return false;
    // Text with a lone surrogate is not what any bytes decode to, though its UTF-8 may hash like some.
    if (slot.hash !== undefined) return !LONE_SURROGATE.test(text) && contentHash(Buffer.from(text, 'utf8')) === slot.hash;
    const read = readTextSync(absolute, this.maxFileSize);
    return read.ok && read.text === text;
  }

  /** Runs again the rules whose inputs changed, each over the whole model or over what changed only. */
  private rerun(
    state: State,
    change: {
      modified: Set<string>;
      added: Map<string, SourceFileRef>;
      removed: Map<string, SourceFileRef>;
      previous: Map<string, FileFacts>;
    },
    phase: (name: string) => void,
  ): { full: string[]; partial: string[] } {
    const { prepared } = state;
    const { project, config, settings } = prepared;
    const { modified, added, removed, previous } = change;
    const listChanged = added.size > 0 || removed.size > 0;
    // Extracted files whose facts changed, came or went.
    const changedFiles = new Set([...modified, ...[...removed.keys()].filter((relative) => previous.has(relative))]);
    const types = new Set<string>();
    for (const relative of modified) types.add(state.slots.get(relative)!.file.type);
    for (const file of removed.values()) types.add(file.type);
    for (const file of added.values()) types.add(file.type);
    const definitionsChanged =
      listChanged ||
      [...changedFiles].some((relative) => {
        const before = previous.get(relative);
        const now = state.slots.get(relative)?.facts;
        return (before !== undefined && definesComponents(before)) || (now !== undefined && definesComponents(now));
      });

    // Referrers whose files changed: as they are now, and as they were (a file that no longer parses leaves its group).
    const referrers = prepared.active.some((a) => a.rule.meta.references) ? referrersOf(state.facts) : [];
    const referrerFiles = new Set<string>();
    for (const referrer of [...state.referrers, ...referrers])
      if (referrer.files.some((f) => changedFiles.has(f.file.path))) for (const f of referrer.files) referrerFiles.add(f.file.path);
    const affected = referrers.filter((referrer) => referrer.files.some((f) => referrerFiles.has(f.file.path)));
    state.referrers = referrers;

    const full = new Set<string>();
    const byFile = new Set<string>();
    const byReferrer = new Set<string>();
    for (const active of prepared.active) {
      const { meta } = active.rule;
      const scoped = meta.scope !== undefined && meta.needs.length === 0 && !hasErrors(state.outcomes.get(meta.id));
      // Which option sets a rule runs with depends on the files when overrides vary them (engine optionRuns).
      let whole = meta.needs.some((type) => types.has(type)) || (listChanged && optionsVary(active, config));
      if (meta.checksFiles && changedFiles.size > 0) {
        if (scoped && meta.scope === 'file') byFile.add(meta.id);
        else whole = true;
      }
      if (meta.references && (definitionsChanged || referrerFiles.size > 0)) {
        if (scoped && meta.scope === 'referrer' && !definitionsChanged) byReferrer.add(meta.id);
        else whole = true;
      }
      if (whole) full.add(meta.id);
    }
    for (const id of full) {
      byFile.delete(id);
      byReferrer.delete(id);
    }

    const model = new ProjectModel(
      project.files,
      state.facts,
      project.shape,
      state.definitions && !definitionsChanged ? state.definitions.withReferrers(referrers) : undefined,
    );
    state.model = model;
    phase('model');
    if (full.size > 0)
      for (const [id, outcome] of runEachRule(model, RULES, config, settings, { only: full })) state.outcomes.set(id, outcome);
    if (definitionsChanged) state.definitions = model.referencesBuilt ? model.references : undefined;
    phase('rules');
    if (byFile.size > 0) {
      const facts = [...changedFiles].flatMap((relative) => state.slots.get(relative)?.facts ?? []);
      const partial = new ProjectModel(project.files, facts, project.shape);
      this.merge(state, runEachRule(partial, RULES, config, settings, { only: byFile }), changedFiles);
    }
    if (byReferrer.size > 0) {
      state.definitions ??= model.references;
      const partial = new ProjectModel(project.files, [], project.shape, state.definitions.withReferrers(affected));
      this.merge(state, runEachRule(partial, RULES, config, settings, { only: byReferrer }), referrerFiles);
    }
    phase('scoped rules');
    return { full: [...full], partial: [...byFile, ...byReferrer] };
  }

  /** A partial run's findings in place of the rule's findings located in the files it ran on. */
  private merge(state: State, outcomes: Map<string, RuleOutcome>, files: ReadonlySet<string>): void {
    for (const [id, outcome] of outcomes) {
      const before = state.outcomes.get(id);
      state.outcomes.set(id, {
        findings: [...(before?.findings ?? []).filter((f) => !files.has(f.location.file)), ...outcome.findings],
        internalErrors: outcome.internalErrors,
      });
    }
  }

  /** The findings of every rule, put together as runRules does, then suppressions and the baseline as lint() does. */
  private settle(state: State): LintRun {
    const findings: Finding[] = [];
    const internalErrors = [];
    for (const active of state.prepared.active) {
      const outcome = state.outcomes.get(active.rule.meta.id);
      if (!outcome) continue;
      findings.push(...outcome.findings);
      internalErrors.push(...outcome.internalErrors);
    }
    findings.sort(compareFindings);
    const { model } = state;
    return settle(
      state.prepared,
      { findings, internalErrors, directives: model.directives, model: () => model },
      undefined,
      this.options.today !== undefined ? { today: this.options.today } : {},
      state.baseline,
    );
  }
}

const LONE_SURROGATE = /\p{Cs}/u;

function hasErrors(outcome: RuleOutcome | undefined): boolean {
  return outcome !== undefined && outcome.internalErrors.length > 0;
}

/** Whether overrides give the rule other options for some files: then which option sets run depends on the files. */
function optionsVary(active: ActiveRule, config: Prepared['config']): boolean {
  return config.overrides.some((o) => o.rules[active.rule.meta.id]?.options !== undefined);
}

/** The contents of every file the analysis read beside the metadata, as one key. */
function settingsKey(prepared: Prepared, baseline: LoadedBaseline): string {
  const files = [...prepared.settingFiles, baseline.file ?? path.join(prepared.project.root, DEFAULT_BASELINE_FILE)];
  return JSON.stringify(files.map((file) => [file, readOrNull(file)]));
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
