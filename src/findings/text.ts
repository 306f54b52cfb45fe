// The one terminal-safety rule: text from a project's files never starts a new report line or drives a terminal.

/**
 * What must not reach a report as it is: C0 and C1 controls (line breaks among them: GitHub reads any log line that
 * starts with `::` as a workflow command), DEL, zero-width characters, line and paragraph separators, the byte-order
 * mark and bidirectional overrides (which can make a terminal show text in another order than it is).
 */
// eslint-disable-next-line no-control-regex -- control characters are what this pattern is about
export const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]/gu;

/** The text with every unsafe character replaced by U+FFFD: one line, safe in a terminal, a CI log or a report. */
export function safeText(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, '\uFFFD');
}

/** The text with every unsafe character written as a visible `\uXXXX` escape, for messages that describe bad input. */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
