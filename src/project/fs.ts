// File-system helpers every layer shares: safe folder creation, POSIX paths, JSON files, this package's own files.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProjectError } from './errors.js';

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

/** A platform path with forward slashes, as findings and reports write paths. */
export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** Reads and parses a JSON file; a missing, unreadable or malformed file becomes the caller's error, with the reason. */
export function readJsonFile(file: string, fail: (reason: string) => Error): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw fail((error as Error).message);
  }
}

/** The root of this package (the folder of its package.json), from src/ or dist/ alike. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface PackageInfo {
  version: string;
  homepage?: string;
}

let packageInfo: PackageInfo | undefined;

/** This package's package.json, read once. */
export function ownPackage(): PackageInfo {
  packageInfo ??= JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as PackageInfo;
  return packageInfo;
}

/** Writes a report, baseline or config file, creating its folder; a failure names the file and the reason. */
export function writeTextFile(target: string, text: string): void {
  try {
    makeFolder(path.dirname(target));
    writeFileSync(target, text);
  } catch (error) {
    throw new ProjectError(`Cannot write ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
