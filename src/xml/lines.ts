// Offsets and lines: a text's line index, its leading BOM, and the validator's LF-only positions.
import type { Range } from '../findings/index.js';

const BOM = '\uFEFF';

/** Maps offsets to 1-based line and UTF-16 column; CRLF, CR and LF all end a line. */
export class LineIndex {
  /** Where each line starts: a typed array, filled a third faster than an array pushed to (a large profile has 100,000 lines). */
  private readonly starts: Int32Array;

  constructor(text: string) {
    // About one line per 32 characters in metadata XML; grown when there are more.
    let starts = new Int32Array(Math.max(16, text.length >> 5));
    let count = 1;
    const add = (start: number) => {
      if (count === starts.length) {
        const grown = new Int32Array(count * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[count++] = start;
    };
    if (text.indexOf('\r') < 0) {
      // The common case, found with native searches rather than a loop over every character.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) add(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) add(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          add(i + 1);
        }
      }
    }
    this.starts = starts.subarray(0, count);
  }

  /** The 0-based line of an offset, searching from line `from` (which must not be after it). */
  private line(offset: number, from: number): number {
    const starts = this.starts;
    let lo = from;
    let hi = starts.length - 1;
    // Most elements end on the line they start on, or the next one.
    if (lo === hi || starts[lo + 1]! > offset) return lo;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  position(offset: number): { line: number; column: number } {
    const line = this.line(offset, 0);
    return { line: line + 1, column: offset - this.starts[line]! + 1 };
  }

  range(start: number, end: number): Range {
    const s = this.line(start, 0);
    const e = end >= start ? this.line(end, s) : this.line(end, 0);
    return { startLine: s + 1, startColumn: start - this.starts[s]! + 1, endLine: e + 1, endColumn: end - this.starts[e]! + 1 };
  }

  /**
   * The 0-based line of `offset`, walking forward from line `from`: for offsets met in document order (a walk over
   * thousands of entries), where each lookup is a step or two from the last one. An offset before line `from` is searched.
   */
  lineAfter(offset: number, from: number): number {
    const starts = this.starts;
    if (from >= starts.length || starts[from]! > offset) return this.line(offset, 0);
    let line = from;
    while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
    return line;
  }

  /** The offset where a 0-based line starts. */
  lineStart(line: number): number {
    return this.starts[line]!;
  }

  /** The offset of a 1-based line and column, clamped to the text. */
  offset(line: number, column: number): number {
    const index = Math.min(Math.max(line, 1), this.starts.length) - 1;
    return this.starts[index]! + Math.max(column, 1) - 1;
  }
}

export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** The validator counts lines by LF only (CRLF included); LineIndex also counts a lone CR. */
export function offsetOfLfPosition(text: string, line: number, column: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', start);
    if (next < 0) break;
    start = next + 1;
  }
  return Math.min(start + Math.max(column, 1) - 1, text.length);
}
