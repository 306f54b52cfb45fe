// Which projects a workspace folder holds: the folder with sfdx-project.json at or above it, else those below it.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { findProjectRoot } from '../project/index.js';

const PROJECT_FILE = 'sfdx-project.json';
/** How deep below a workspace folder projects are looked for, and how many folders at most (a home folder is huge). */
const MAX_DEPTH = 3;
const MAX_FOLDERS = 2000;
/** Never looked into: tools' and dependencies' folders. */
const SKIPPED = new Set(['node_modules', '.git', '.sfdx', '.sf', '.sfmeta-lint-cache', 'dist', 'coverage']);

/**
 * The project roots of a workspace folder: the nearest folder at or above it with sfdx-project.json; else every such
 * folder a few levels below it (a repository of several projects); else the folder itself when it holds a
 * metadata-format package (`package.xml`, or `src/package.xml`).
 */
export function projectRoots(folder: string): string[] {
  const enclosing = findProjectRoot(folder);
  if (enclosing) return [enclosing];
  const found: string[] = [];
  let level = [folder];
  let visited = 0;
  for (let depth = 1; depth <= MAX_DEPTH && level.length > 0 && visited < MAX_FOLDERS; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (++visited > MAX_FOLDERS) break;
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        if (!entry.isDirectory() || SKIPPED.has(entry.name) || entry.name.startsWith('.')) continue;
        const child = path.join(dir, entry.name);
        // A project's own subfolders belong to it.
        if (existsSync(path.join(child, PROJECT_FILE))) found.push(child);
        else next.push(child);
      }
    }
    level = next;
  }
  if (found.length > 0) return found.sort();
  const metadataFormat = existsSync(path.join(folder, 'package.xml')) || existsSync(path.join(folder, 'src', 'package.xml'));
  return metadataFormat ? [folder] : [];
}

/** The innermost of the roots that holds the file. */
export function rootOf(file: string, roots: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const root of roots) {
    const relative = path.relative(root, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) continue;
    if (!best || root.length > best.length) best = root;
  }
  return best;
}
