// Root children cut out of the text the parser reads: recording the cuts, applying them, and mapping offsets back.

/**
 * Records a cut. `after` is where the markup before it ended: when that is the previous cut's end, only the root's
 * whitespace lies between them, and the previous cut is extended instead.
 */
export function addCut(cuts: number[], skipped: Map<string, number>, start: number, end: number, name: string, after: number): void {
  skipped.set(name, (skipped.get(name) ?? 0) + 1);
  if (cuts.length > 0 && cuts[cuts.length - 1] === after) cuts[cuts.length - 1] = end;
  else cuts.push(start, end);
}

/** The text with each cut replaced by one space, so that what precedes and what follows a cut stay apart. */
export function cutText(text: string, cuts: number[]): string {
  const parts: string[] = [];
  let from = 0;
  for (let k = 0; k < cuts.length; k += 2) {
    parts.push(text.slice(from, cuts[k]), ' ');
    from = cuts[k + 1]!;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** Maps an offset in the cut text back to the file: past each cut's space, add what the cut removed. */
export function offsetMap(cuts: number[]): (offset: number) => number {
  const at: number[] = [];
  const shift: number[] = [];
  let removed = 0;
  for (let k = 0; k < cuts.length; k += 2) {
    // The cut's space sits at this offset in the cut text.
    at.push(cuts[k]! - removed);
    removed += cuts[k + 1]! - cuts[k]! - 1;
    shift.push(removed);
  }
  return (offset) => {
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? offset : offset + shift[lo - 1]!;
  };
}
