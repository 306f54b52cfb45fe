// The defaults the command line shows in its help and the facade applies: one definition each, cheap to import.

/** The baseline file, in the project root. */
export const DEFAULT_BASELINE_FILE = 'sfmeta-lint-baseline.json';
/** The folder of `--cache`, in the project root: it holds the cache file and a `.gitignore` that ignores the folder. */
export const DEFAULT_CACHE_FOLDER = '.sfmeta-lint-cache';
/** The cache file of `--cache`, relative to the project root. */
export const DEFAULT_CACHE_FILE = `${DEFAULT_CACHE_FOLDER}/cache`;
/** Files larger than this are reported instead of parsed. */
export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;
