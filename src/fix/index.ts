// Applies fixes as ESLint does: non-overlapping fixes together, overlapping ones in later passes (at most 10), each
// pass re-linted; then writes the changed files atomically. Also resolves every finding's fix and suggestions to text edits.
import path from 'node:path';
import type { Finding, Fix, TextEdit } from '../findings/index.js';
import type { FixReport } from '../findings/result.js';
import { extractFile, type ExtractionLevel } from '../model/extract.js';
import type { FileFacts } from '../model/index.js';
import { checkXml } from '../xml/index.js';
import { readSnapshot, writeAtomically, type Snapshot } from './files.js';
import { applyEdits, resolveChanges, SourceText, type OffsetEdit } from './resolve.js';

export { applyEdits, resolveChanges, serialize, SourceText, type OffsetEdit, type Resolution } from './resolve.js';
export { encode, readSnapshot, writeAtomically, type Snapshot } from './files.js';
export type { FixedFile, FixReport } from '../findings/result.js';

/** As ESLint: fixes that overlap others wait for a later pass, and a run stops after this many. */
export const MAX_PASSES = 10;

/** What the fix layer needs from a lint run: its findings, and a way to lint again with some files' text replaced. */
export interface Relintable<R extends { findings: Finding[] }> {
  root: string;
  maxFileSize: number;
  /** Every file the run extracted, with its facts and the level it was extracted at. */
  extracted: Pick<ReadonlyMap<string, { facts: FileFacts; level: ExtractionLevel }>, 'get'>;
  /** The run again, with these files' facts in place of those read from disk. */
  relint(replaced: ReadonlyMap<string, FileFacts>): R;
}

export interface FixOptions {
  /** Whether a finding's fix may be applied (its rule's category, its file among those asked for). */
  eligible: (finding: Finding) => boolean;
  /** Write the changed files (--fix); otherwise only compute them (--fix-dry-run). */
  write: boolean;
}

export interface FixOutcome<R> {
  /** The run over the files as they now are (fixed in memory for a dry run). */
  run: R;
  report: FixReport;
  /** The texts that run saw: to resolve its findings' fixes and suggestions against. */
  sources: Sources;
}

/** The file a fix changes: every change of a fix is in one file. */
export function fixFile(fix: Fix): string | undefined {
  const files = new Set(fix.changes.map((c) => (c.kind === 'insert' ? c.parent.file : c.target.file)));
  return files.size === 1 ? [...files][0] : undefined;
}

/**
 * The texts of the files a fix touches, read once and checked against what the run extracted from them: a file whose
 * text no longer gives the same facts changed on disk since the run read it, and is left alone.
 */
export class Sources {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly refused = new Map<string, string>();
  private readonly current = new Map<string, SourceText>();

  constructor(private readonly run: Pick<Relintable<never>, 'root' | 'maxFileSize' | 'extracted'>) {}

  /** The file's text as the fixes so far left it, or why it cannot be fixed. */
  get(file: string): SourceText | string {
    const known = this.current.get(file);
    if (known) return known;
    const refused = this.refused.get(file);
    if (refused) return refused;
    const why = this.load(file);
    if (typeof why === 'string') {
      this.refused.set(file, why);
      return why;
    }
    return this.current.get(file)!;
  }

  private load(file: string): undefined | string {
    const extracted = this.run.extracted.get(file);
    if (!extracted) return 'the run did not read it';
    const read = readSnapshot(path.join(this.run.root, file), this.run.maxFileSize);
    if (!read.ok) return read.message;
    const again = extractFile(extracted.facts.file, read.snapshot.text, extracted.level);
    if (!sameData(again, extracted.facts)) return 'it changed on disk since it was read; run again to fix it';
    this.snapshots.set(file, read.snapshot);
    this.current.set(file, new SourceText(file, read.snapshot.text, true));
    return undefined;
  }

  update(file: string, text: string): void {
    this.current.set(file, new SourceText(file, text, true));
  }

  /** Back to the text that was read (a file that could not be written). */
  revert(file: string): void {
    const snapshot = this.snapshots.get(file);
    if (snapshot) this.current.set(file, new SourceText(file, snapshot.text, true));
  }

  /**
   * Lets the file's text and tree go once every edit on it is computed, unless fixes changed it (the new text lives only
   * here). Asked for again, the file is read and checked again.
   */
  release(file: string): void {
    const snapshot = this.snapshots.get(file);
    if (!snapshot || this.current.get(file)?.text !== snapshot.text) return;
    this.snapshots.delete(file);
    this.current.delete(file);
  }

  snapshot(file: string): Snapshot | undefined {
    return this.snapshots.get(file);
  }

  /** Files whose text differs from what was read, with the new text. */
  changed(): Map<string, string> {
    const changed = new Map<string, string>();
    for (const [file, snapshot] of this.snapshots) {
      const text = this.current.get(file)!.text;
      if (text !== snapshot.text) changed.set(file, text);
    }
    return changed;
  }
}

interface Candidate {
  finding: Finding;
  edits: OffsetEdit[];
}

/**
 * Applies the eligible fixes of `first` and of each re-lint, pass by pass, then writes the changed files unless this is a
 * dry run. Suppressed and baselined findings are not in `findings`, so they are never fixed.
 */
export function applyFixes<R extends { findings: Finding[] }>(first: R, relintable: Relintable<R>, options: FixOptions): FixOutcome<R> {
  const sources = new Sources(relintable);
  const fixable = first.findings.filter((f) => f.fix && options.eligible(f));
  const problems = new Set<string>();
  const replaced = new Map<string, FileFacts>();
  let run = first;
  let passes = 0;
  while (passes < MAX_PASSES) {
    const byFile = new Map<string, Candidate[]>();
    for (const finding of run.findings) {
      if (!finding.fix || !options.eligible(finding)) continue;
      const file = fixFile(finding.fix);
      if (file === undefined) continue;
      const source = sources.get(file);
      if (typeof source === 'string') {
        problems.add(`${file} was not fixed: ${source}.`);
        continue;
      }
      const resolved = resolveChanges(source, finding.fix.changes);
      if (!resolved.ok) {
        problems.add(`${file}:${finding.location.range.startLine}: the ${finding.ruleId} fix was not applied: ${resolved.reason}.`);
        continue;
      }
      if (resolved.edits.length === 0) continue;
      const list = byFile.get(file) ?? [];
      list.push({ finding, edits: resolved.edits });
      byFile.set(file, list);
    }
    let applied = 0;
    for (const [file, candidates] of byFile) {
      const source = sources.get(file) as SourceText;
      const accepted = nonOverlapping(candidates);
      const text = applyEdits(
        source.text,
        accepted.flatMap((c) => c.edits).sort((a, b) => a.start - b.start),
      );
      // A fix must leave well-formed XML; if it would not, the file keeps the text of the previous pass.
      if (!checkXml(text).ok) {
        problems.add(`${file} was not fixed: the fixes would leave it malformed (an sfmeta-lint bug; please report it).`);
        continue;
      }
      sources.update(file, text);
      const extracted = relintable.extracted.get(file)!;
      replaced.set(file, extractFile(extracted.facts.file, text, extracted.level));
      applied += accepted.length;
    }
    if (applied === 0) break;
    passes++;
    run = relintable.relint(replaced);
  }
  const texts = sources.changed();
  const written = new Set<string>();
  if (options.write) {
    for (const [file, text] of texts) {
      const problem = writeAtomically(sources.snapshot(file)!, text);
      if (problem) {
        problems.add(`${file} was left alone: ${problem}.`);
        replaced.delete(file);
        sources.revert(file);
      } else written.add(file);
    }
    // The run must describe the files as they are on disk: without the ones that could not be written.
    if (written.size < texts.size) run = relintable.relint(replaced);
  }
  const counts = fixedCounts(fixable, run.findings);
  const files = [...texts.keys()]
    .sort()
    .map((file) => ({ file, fixed: counts.get(file) ?? 0, written: written.has(file) }))
    .filter((f) => !options.write || f.written);
  return { run, report: { write: options.write, files, passes, problems: [...problems] }, sources };
}

/**
 * The findings fixed, by the file their fix changes: those with a fix at the start that are gone at the end (a fix can
 * settle another finding too, as setting Read settles both "Create needs Read" and "Edit needs Read").
 */
function fixedCounts(fixable: readonly Finding[], remaining: readonly Finding[]): Map<string, number> {
  const key = (f: Finding) => [f.ruleId, f.messageId, f.location.file, f.location.element].join('\u0000');
  const left = new Map<string, number>();
  for (const f of remaining) left.set(key(f), (left.get(key(f)) ?? 0) + 1);
  const counts = new Map<string, number>();
  for (const f of fixable) {
    const still = left.get(key(f)) ?? 0;
    if (still > 0) {
      left.set(key(f), still - 1);
      continue;
    }
    const file = fixFile(f.fix!);
    if (file !== undefined) counts.set(file, (counts.get(file) ?? 0) + 1);
  }
  return counts;
}

/**
 * The fixes that can go together: in order of their first edit, each one that neither overlaps nor touches an accepted
 * one (as ESLint: touching fixes could depend on each other's text, so the later waits for the next pass).
 */
function nonOverlapping(candidates: Candidate[]): Candidate[] {
  const ordered = [...candidates].sort((a, b) => a.edits[0]!.start - b.edits[0]!.start);
  const taken: OffsetEdit[] = [];
  const accepted: Candidate[] = [];
  for (const candidate of ordered) {
    const clash = candidate.edits.some((e) => taken.some((t) => e.start <= t.end && t.start <= e.end));
    if (clash) continue;
    accepted.push(candidate);
    taken.push(...candidate.edits);
  }
  return accepted;
}

/**
 * A fix's or suggestion's edits on the text of its file as it is now (an editor's buffer), or why there are none: the
 * resolution --fix uses, for one finding at a time.
 */
export function editsOn(fix: Fix, file: string, text: string): TextEdit[] | string {
  if (fixFile(fix) !== file) return `the fix changes ${fixFile(fix) ?? 'more than one file'}, not ${file}`;
  const source = new SourceText(file, text);
  const resolved = resolveChanges(source, fix.changes);
  return resolved.ok ? resolved.edits.map((e) => source.textEdit(e)) : resolved.reason;
}

/**
 * Every finding with its fix and suggestions resolved to text edits against the files' texts (as fixed, or as read).
 * A fix that no longer resolves (its file changed on disk) is kept without edits. File by file: each file's text and
 * tree go once its edits are computed, so that a run touching many large files holds one at a time.
 */
export function withEdits<F extends Finding>(findings: readonly F[], sources: Sources): F[] {
  const byFile = new Map<string, Fix[]>();
  for (const finding of findings) {
    for (const fix of finding.fix ? [finding.fix, ...(finding.suggestions ?? [])] : (finding.suggestions ?? [])) {
      const file = fixFile(fix);
      if (file === undefined) continue;
      const list = byFile.get(file);
      if (list) list.push(fix);
      else byFile.set(file, [fix]);
    }
  }
  const resolved = new Map<Fix, Fix>();
  for (const [file, fixes] of byFile) {
    const source = sources.get(file);
    if (typeof source === 'string') continue;
    for (const fix of fixes) {
      const result = resolveChanges(source, fix.changes);
      if (result.ok) resolved.set(fix, { ...fix, edits: result.edits.map((e) => source.textEdit(e)) });
    }
    sources.release(file);
  }
  const resolve = (fix: Fix): Fix => resolved.get(fix) ?? fix;
  return findings.map((f) =>
    f.fix || f.suggestions
      ? { ...f, ...(f.fix ? { fix: resolve(f.fix) } : {}), ...(f.suggestions ? { suggestions: f.suggestions.map(resolve) } : {}) }
      : f,
  );
}

/**
 * Whether two sets of facts are the same plain data whatever the order of their keys (facts decoded from the cache keep
 * theirs, but need not), as their JSON would compare: a key whose value is undefined counts as absent. Typed arrays (a
 * file's reference entries) compare by type and bytes. Compared in place, without building a text for either.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return !Number.isFinite(a) && !Number.isFinite(b);
  // JSON writes undefined in an array as null.
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return (a === null || a === undefined) && (b === null || b === undefined);
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor) return false;
    return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => sameData(v, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((k) => left[k] !== undefined);
  if (keys.length !== Object.keys(right).filter((k) => right[k] !== undefined).length) return false;
  return keys.every((k) => right[k] !== undefined && Object.hasOwn(right, k) && sameData(left[k], right[k]));
}
