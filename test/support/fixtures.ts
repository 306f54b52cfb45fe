// Throw-away folders and projects in the temp folder for tests that need files on disk, removed after each test file.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

export const NS = 'http://soap.sforce.com/2006/04/metadata';
export const PROLOG = '<?xml version="1.0" encoding="UTF-8"?>';
export const SFDX_PROJECT = JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] });
export const PROFILES = 'force-app/main/default/profiles';

const made: string[] = [];
// Some tests leave tens of thousands of files or whole repository copies behind: on a busy machine removing them
// takes far longer than a hook's default 10 s.
afterAll(() => {
  for (const dir of made) {
    restorePermissions(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}, 240_000);

/** A new private folder under the system temp folder, unique to this call. */
export function tempDir(prefix = 'sfmeta-lint-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes files (text or bytes; folders are created) under `dir`, by default a new temp folder, and returns it. */
export function makeProject(files: Record<string, string | Uint8Array>, dir = tempDir()): string {
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(dir, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return dir;
}

/** A metadata file: the XML declaration, then `root` in the metadata namespace around `body`. */
export const xml = (root: string, body: string): string => `${PROLOG}\n<${root} xmlns="${NS}">\n${body}\n</${root}>\n`;

export const profile = (body: string): string => xml('Profile', body);

/** Path, type, size, mode and content hash of everything under dir, links not followed: any write shows up. */
export function treeHash(dir: string): string {
  const hash = createHash('sha256');
  const visit = (current: string): void => {
    const stat = lstatSync(current);
    hash.update(`${path.relative(dir, current)}\0${stat.mode}\0${stat.size}\0${stat.mtimeMs}\0`);
    if (stat.isDirectory()) {
      let names: string[] = [];
      try {
        names = readdirSync(current).sort();
      } catch {
        hash.update('unreadable');
      }
      for (const name of names) visit(path.join(current, name));
    } else if (stat.isFile()) {
      try {
        hash.update(readFileSync(current));
      } catch {
        hash.update('unreadable');
      }
    }
  };
  visit(dir);
  return hash.digest('hex');
}

/** Tests make entries unreadable on purpose; open them again so that they can be removed. */
function restorePermissions(dir: string): void {
  const visit = (current: string): void => {
    let stat;
    try {
      stat = lstatSync(current);
    } catch {
      return;
    }
    if (stat.isSymbolicLink()) return;
    try {
      chmodSync(current, stat.isDirectory() ? 0o755 : 0o644);
    } catch {
      return;
    }
    if (stat.isDirectory()) for (const name of readdirSync(current)) visit(path.join(current, name));
  };
  if (existsSync(dir)) visit(dir);
}
