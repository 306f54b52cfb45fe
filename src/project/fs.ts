// Creating folders for reports, baselines and the cache.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** Like mkdirSync's `recursive`, which loops forever under /proc (a Node bug): fails with the real error instead. */
export function makeFolder(dir: string): void {
  const parent = path.dirname(dir);
  if (parent !== dir && !existsSync(parent)) makeFolder(parent);
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
