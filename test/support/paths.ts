// Where the repository and its neighbours are, for every test: each path is defined here once.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'sfmeta-lint.js');
export const SAMPLE = path.join(ROOT, 'sample-project');
export const RULES_DIR = path.join(ROOT, 'src', 'rules');
/** Beside the repository in the workspace only (reference facts and real projects); a bare clone has none. */
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const CORPUS = path.join(SHARED, 'corpus');

/** Why the corpus tests skip, or undefined when the corpus is there. */
export const CORPUS_ABSENT: string | undefined = existsSync(CORPUS)
  ? undefined
  : `${CORPUS} is absent (a bare clone has no ../shared): the real-project checks do not run`;
