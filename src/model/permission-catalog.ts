// The user permission catalog as facts: which public sources list a name, the API version it is known by, the closest known name to a typo.
import { PERMISSION_ENTRIES, PERMISSION_SOURCES, type PermissionSource } from './permission-catalog-data.js';

export { PERMISSION_SOURCES, type PermissionSource };

export interface CatalogEntry {
  /** The API name as the sources spell it. */
  name: string;
  /** The Setup label, when a source gives it. */
  label?: string;
  sources: readonly PermissionSource[];
  /**
   * The lowest API version among the versioned sources that list the name: the name exists by that version. It is an
   * upper bound on when the permission appeared, not its introduction (an older org may simply lack the feature).
   */
  firstSeenApiVersion?: string;
}

/** A source this broad lists most permissions of its API version; below the first one, "first seen" says little. */
const BROAD_SOURCE_NAMES = 1000;

let lookups: { byKey: Map<string, CatalogEntry>; byLabel: Map<string, string> } | undefined;

/** The catalog by lower-case name and by label, made on first use (a run from the cache looks nothing up). */
function catalog(): { byKey: Map<string, CatalogEntry>; byLabel: Map<string, string> } {
  if (lookups) return lookups;
  const byKey = new Map<string, CatalogEntry>();
  const byLabel = new Map<string, string>();
  for (const [name, mask, label] of PERMISSION_ENTRIES) {
    const sources = PERMISSION_SOURCES.filter((_, index) => (mask & (1 << index)) !== 0);
    const versions = sources.flatMap((s) => (s.apiVersion ? [s.apiVersion] : [])).sort(compareApiVersions);
    byKey.set(name.toLowerCase(), {
      name,
      sources,
      ...(label ? { label } : {}),
      ...(versions[0] ? { firstSeenApiVersion: versions[0] } : {}),
    });
    if (label) byLabel.set(labelKey(label), name);
  }
  lookups = { byKey, byLabel };
  return lookups;
}

const versions = PERMISSION_SOURCES.flatMap((s) => (s.apiVersion ? [s.apiVersion] : [])).sort(compareApiVersions);
/** The API versions the versioned sources span. */
export const OLDEST_API_VERSION = versions[0]!;
export const NEWEST_API_VERSION = versions[versions.length - 1]!;
/**
 * The oldest API version with a broad source: for a project at or above it, a name first seen in a later version is
 * probably newer than the project; below it the catalog cannot tell a new permission from one an older org lacked.
 */
export const VERSION_CHECKS_FROM = PERMISSION_SOURCES.filter((s) => s.apiVersion && s.names >= BROAD_SOURCE_NAMES)
  .map((s) => s.apiVersion!)
  .sort(compareApiVersions)[0]!;

/** The catalog entry of a user permission name (API names are matched case-insensitively). */
export function permissionEntry(name: string): CatalogEntry | undefined {
  return catalog().byKey.get(name.toLowerCase());
}

export function compareApiVersions(a: string, b: string): number {
  return Number.parseFloat(a) - Number.parseFloat(b);
}

function labelKey(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]/gu, '');
}

/**
 * The known name closest to an unknown one: the API name whose Setup label it spells (`Manage Users` → `ManageUsers`),
 * else the nearest by edit distance within a budget that grows with the length, preferring names more sources list.
 */
export function closestPermission(name: string): string | undefined {
  const { byKey, byLabel } = catalog();
  const fromLabel = byLabel.get(labelKey(name));
  if (fromLabel) return fromLabel;
  const key = name.toLowerCase();
  const budget = Math.min(3, Math.max(1, Math.floor(key.length / 6)));
  let best: CatalogEntry | undefined;
  let bestDistance = budget + 1;
  for (const [candidateKey, entry] of byKey) {
    if (Math.abs(candidateKey.length - key.length) > bestDistance) continue;
    // One more than the best so far, so that a tie is told from a worse name.
    const distance = editDistance(key, candidateKey, bestDistance + 1);
    if (distance < bestDistance || (distance === bestDistance && best && entry.sources.length > best.sources.length)) {
      best = entry;
      bestDistance = distance;
    }
  }
  return best?.name;
}

/** Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps), or `limit` when it is `limit` or more. */
function editDistance(a: string, b: string, limit: number): number {
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest >= limit) return limit;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
