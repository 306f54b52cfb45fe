// `sfmeta-lint init`: a starter configuration with its `$schema`, and the cache in .gitignore; never overwrites.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_CACHE_FILE } from '../config/defaults.js';
import { ownPackage } from '../project/fs.js';
import { EXIT_OK, UsageError, type Io } from './io.js';
import type { Dispatch } from './reports.js';

const SCHEMA_FILE = 'schema/sfmeta-lint.config.schema.json';

export function defineInitCommand(program: Command, io: Io, dispatch: Dispatch): void {
  program
    .command('init')
    .description('Write a starter sfmeta-lint.config.json (with its $schema) and add the cache file to .gitignore.')
    .action(() => dispatch(() => runInit(io)));
}

/**
 * The schema beside an installed package when there is one (editors read it offline); otherwise the copy at this
 * version's tag in the repository.
 */
function schemaReference(root: string): string {
  const installed = `node_modules/sfmeta-lint/${SCHEMA_FILE}`;
  if (existsSync(path.join(root, installed))) return `./${installed}`;
  const { homepage, version } = ownPackage();
  const repository = /^https:\/\/github\.com\/([^/]+\/[^/]+?)\/?$/u.exec(homepage ?? '')?.[1] ?? 'sfmeta-lint/sfmeta-lint';
  return `https://raw.githubusercontent.com/${repository}/v${version}/${SCHEMA_FILE}`;
}

/** Adds the cache to .gitignore unless a line already names it; returns whether it added it. */
function ignoreCache(root: string): boolean {
  const file = path.join(root, '.gitignore');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const names = new Set([DEFAULT_CACHE_FILE, `/${DEFAULT_CACHE_FILE}`, `${DEFAULT_CACHE_FILE}/`, `/${DEFAULT_CACHE_FILE}/`]);
  if (text.split(/\r?\n/u).some((line) => names.has(line.trim()))) return false;
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  appendFileSync(file, `${separator}# sfmeta-lint --cache\n/${DEFAULT_CACHE_FILE}\n`);
  return true;
}

async function runInit(io: Io): Promise<number> {
  const { CONFIG_FILES, findConfigFile } = await import('../config/index.js');
  const { findProjectRoot } = await import('../project/index.js');
  // The configuration is looked for in the project root, so that is where it goes.
  const root = findProjectRoot(io.cwd) ?? io.cwd;
  const existing = findConfigFile(root);
  if (existing)
    throw new UsageError(
      `${existing.file}${existing.key ? ` (key "${existing.key}")` : ''} already holds a configuration; init leaves it as it is.`,
    );
  const file = path.join(root, CONFIG_FILES[0]);
  const starter = { $schema: schemaReference(root), rules: {}, ignores: [], overrides: [], suppressions: [] };
  writeFileSync(file, `${JSON.stringify(starter, null, 2)}\n`, { flag: 'wx' });
  io.stdout(`Wrote ${path.relative(io.cwd, file) || file}.\n`);
  if (ignoreCache(root))
    io.stdout(`Added /${DEFAULT_CACHE_FILE} (the --cache file) to ${path.relative(io.cwd, path.join(root, '.gitignore'))}.\n`);
  return EXIT_OK;
}
