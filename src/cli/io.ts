// What the CLI talks to (streams, environment, working folder), its exit codes and its usage error.
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
