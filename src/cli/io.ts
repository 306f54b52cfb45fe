// What the CLI talks to (streams, environment, working folder), its exit codes, its usage error and its colour choice.
import { InvalidArgumentError } from 'commander';
import { didYouMean } from '../config/suggest.js';
import { safeText } from '../findings/text.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  /** Whether stderr is a terminal, for the progress line (default: process.stderr's). */
  stderrIsTTY?: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** A mistake in the command line: one line on stderr and exit code 2. */
export class UsageError extends Error {}

/** Error messages can quote paths and values from the project; keep them to one line, without control characters. */
export function oneLine(text: string): string {
  return safeText(text.trim());
}

/**
 * Commander's error text (`error: unknown option '--formt'` and a `(Did you mean --format?)` line) as one line, with
 * the suggestion kept.
 */
export function commanderError(text: string): string {
  const [first = '', ...rest] = text.trim().split('\n');
  const hint = rest.map((line) => line.trim()).find((line) => /^\(Did you mean/u.test(line));
  const suggestion = hint ? `; d${hint.slice(2, -1)}` : '';
  return `sfmeta-lint: ${oneLine(first.replace(/^error: /u, '') + suggestion)}\n`;
}

/** An option argument that must be one of `values`; a near miss gets a suggestion. */
export function oneOf<T extends string>(values: readonly T[]): (value: string) => T {
  return (value) => {
    if ((values as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`Expected one of ${values.join(', ')}${didYouMean(value, values) || '.'}`);
  };
}

/**
 * Whether a report on standard output is coloured, as the Node ecosystem decides it (chalk, supports-color, Node's
 * own): `--color` / `--no-color` first; then FORCE_COLOR (colour unless it is `0` or `false`); then NO_COLOR (any
 * non-empty value) and TERM=dumb turn it off; otherwise colour when stdout is a terminal.
 */
export function useColor(flag: boolean | undefined, env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env['NO_COLOR']) return false;
  if (env['TERM'] === 'dumb') return false;
  return isTTY;
}
