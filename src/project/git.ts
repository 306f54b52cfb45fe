// Files changed in git, for --changed-since and --staged; git is the user's own tool, run without a shell.
import { execFileSync } from 'node:child_process';
import { ProjectError } from './errors.js';

function git(root: string, args: string[]): string[] {
  try {
    const out = execFileSync('git', ['-C', root, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });
    return out.split('\u0000').filter(Boolean);
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '')
      .trim()
      .split('\n')[0];
    throw new ProjectError(`git ${args.filter((a) => !a.startsWith('-')).join(' ')} failed${stderr ? `: ${stderr}` : ''}`);
  }
}

/** Paths relative to `root` that differ from `ref` in the work tree, plus untracked files. */
export function changedSince(root: string, ref: string): string[] {
  if (ref.startsWith('-')) throw new ProjectError(`Not a git reference: ${ref}`);
  const changed = git(root, ['diff', '--name-only', '--relative', '-z', '--diff-filter=ACMR', ref, '--']);
  const untracked = git(root, ['ls-files', '--others', '--exclude-standard', '-z']);
  return [...new Set([...changed, ...untracked])].sort();
}

/** Paths relative to `root` staged for the next commit. */
export function stagedFiles(root: string): string[] {
  return git(root, ['diff', '--cached', '--name-only', '--relative', '-z', '--diff-filter=ACMR']).sort();
}
