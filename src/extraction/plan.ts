// Which files are read, and how far: a full view for the types some enabled rule reads, else a check for the file-level rules.
import { neededTypes, type ActiveRule } from '../engine/index.js';
import type { ExtractionLevel } from '../model/extract.js';
import { VIEW_TYPES } from '../model/index.js';

/** How much of each extracted type is read: a full view for the types some enabled rule reads, else a check for the file-level rules. */
export function extractionPlan(active: readonly ActiveRule[]): Map<string, ExtractionLevel> {
  const needed = neededTypes(active);
  const checks = active.some((a) => a.rule.meta.checksFiles);
  const plan = new Map<string, ExtractionLevel>();
  for (const type of VIEW_TYPES) {
    if (needed.has(type)) plan.set(type, 'full');
    else if (checks) plan.set(type, 'check');
  }
  return plan;
}
