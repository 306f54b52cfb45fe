// Which files are read, and how far: a full view for the types some enabled rule reads, else a check for the file-level rules; plus the reference entries when a rule reads them.
import { neededTypes, type ActiveRule } from '../engine/index.js';
import { REFERENCE_TYPES, type ExtractionLevel } from '../model/extract.js';
import { VIEW_TYPES, type ViewType } from '../model/index.js';

/**
 * How much of each extracted type is read: a full view for the types some enabled rule reads (or `views` asks for),
 * else a check for the file-level rules; `+refs` adds the reference entries of REFERENCE_TYPES when a rule reads them.
 */
export function extractionPlan(active: readonly ActiveRule[], views: readonly ViewType[] = []): Map<string, ExtractionLevel> {
  const needed = neededTypes(active);
  for (const type of views) needed.add(type);
  const checks = active.some((a) => a.rule.meta.checksFiles);
  const references = active.some((a) => a.rule.meta.references);
  const plan = new Map<string, ExtractionLevel>();
  for (const type of VIEW_TYPES) {
    const level = needed.has(type) ? 'full' : checks ? 'check' : undefined;
    if (references && REFERENCE_TYPES.includes(type)) plan.set(type, level === 'full' ? 'full+refs' : 'check+refs');
    else if (level) plan.set(type, level);
  }
  return plan;
}
