// The baseline file (sfmeta-lint-baseline.json): where it is, and how it is read, built, written and pruned.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { baselineEntryKey, baselineKey, sortEntries, type Baseline, type BaselineEntry } from '../engine/index.js';
import type { Finding } from '../findings/index.js';
import { ProjectError, readJsonFile, writeTextFile } from '../project/index.js';
import { DEFAULT_BASELINE_FILE } from './defaults.js';
import { ConfigError } from './errors.js';

/** The baseline file a run uses: the one asked for (which must exist), else the default one when present; `false` uses none. */
export function resolveBaseline(root: string, option: string | false | undefined): string | undefined {
  if (option === false) return undefined;
  if (option !== undefined) {
    const file = path.resolve(root, option);
    if (!existsSync(file)) throw new ProjectError(`Baseline file not found: ${file}`);
    return file;
  }
  const fallback = path.join(root, DEFAULT_BASELINE_FILE);
  return existsSync(fallback) ? fallback : undefined;
}

export function readBaseline(file: string): Baseline {
  const json = readJsonFile(file, (reason) => new ConfigError(`${file}: not a valid baseline: ${reason}`));
  // `null` is valid JSON too: it must be refused as the rest, not crash.
  const entries = (json as { entries?: unknown } | null)?.entries;
  const valid =
    (json as { version?: unknown } | null)?.version === 1 &&
    Array.isArray(entries) &&
    entries.every(
      (e) =>
        e &&
        typeof e.rule === 'string' &&
        typeof e.file === 'string' &&
        typeof e.element === 'string' &&
        typeof e.messageId === 'string' &&
        Number.isInteger(e.count) &&
        e.count > 0,
    );
  if (!valid)
    throw new ConfigError(`${file}: not a valid baseline (expected {"version": 1, "entries": [{rule, file, element, messageId, count}]})`);
  return { version: 1, entries: entries as BaselineEntry[] };
}

export function buildBaseline(findings: readonly Finding[]): Baseline {
  const counts = new Map<string, BaselineEntry>();
  for (const f of findings) {
    const key = baselineKey(f);
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { rule: f.ruleId, file: f.location.file, element: f.location.element, messageId: f.messageId, count: 1 });
  }
  return { version: 1, entries: sortEntries([...counts.values()]) };
}

export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify({ version: baseline.version, entries: baseline.entries }, null, 2)}\n`;
}

/** Records these findings as the baseline; returns how many it holds. */
export function writeBaseline(file: string, findings: readonly Finding[]): number {
  const baseline = buildBaseline(findings);
  writeTextFile(file, serializeBaseline(baseline));
  return baseline.entries.reduce((n, e) => n + e.count, 0);
}

/** Takes the stale entries (with the counts left over) out of the baseline file. */
export function pruneBaseline(file: string, stale: readonly BaselineEntry[]): void {
  const kept = readBaseline(file);
  const counts = new Map(stale.map((e) => [baselineEntryKey(e), e.count]));
  const entries = kept.entries.map((e) => ({ ...e, count: e.count - (counts.get(baselineEntryKey(e)) ?? 0) })).filter((e) => e.count > 0);
  writeTextFile(file, serializeBaseline({ version: 1, entries }));
}
