// "Did you mean": the closest of the names a word could have been meant as; cheap, for the command line and the config.

/** The candidate closest to `word` when it is close enough to be a likely typo, else undefined. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  // A part of exactly one longer name ("warn" for "warning") is a likely abbreviation.
  const containing = candidates.filter((c) => lower.length >= 4 && c.toLowerCase().includes(lower));
  if (containing.length === 1) return containing[0];
  let best: { candidate: string; edits: number } | undefined;
  for (const candidate of candidates) {
    const edits = distance(lower, candidate.toLowerCase());
    const allowed = Math.max(1, Math.min(3, Math.floor(candidate.length / 3)));
    if (edits <= allowed && (!best || edits < best.edits)) best = { candidate, edits };
  }
  return best?.candidate;
}

/** `; did you mean x?` when a candidate is close, else ''. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = word === '' ? undefined : closest(word, candidates);
  return match ? `; did you mean ${match}?` : '';
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
