// Mutations of real metadata files for the property tests: truncation, flipped bits, tags deleted or doubled, slices
// doubled, text inserted or deleted; and a planted fault whose place is known.
import fc from 'fast-check';

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'deleteTag'; index: number }
  | { kind: 'duplicateTag'; index: number }
  | { kind: 'duplicateSlice'; at: number; length: number }
  | { kind: 'insert'; at: number; what: string }
  | { kind: 'deleteByte'; at: number };

/** Positions and picks as a fraction of the input, so that one mutation applies to any file. */
const unit = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

/** One to `maxLength` mutations; `inserts` are the texts an insertion picks from. */
export function mutations(inserts: readonly string[], maxLength: number): fc.Arbitrary<Mutation[]> {
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: unit }),
    fc.record({ kind: fc.constant('flip' as const), at: unit, mask: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant('deleteTag' as const), index: unit }),
    fc.record({ kind: fc.constant('duplicateTag' as const), index: unit }),
    fc.record({ kind: fc.constant('duplicateSlice' as const), at: unit, length: fc.integer({ min: 1, max: 400 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: unit, what: fc.constantFrom(...inserts) }),
    fc.record({ kind: fc.constant('deleteByte' as const), at: unit }),
  );
  return fc.array(mutation, { minLength: 1, maxLength });
}

/** Tags found on the bytes as Latin-1, so that offsets are byte offsets. */
function tags(bytes: Buffer): [number, number][] {
  return [...bytes.toString('latin1').matchAll(/<[^<>]*>/g)].map((m) => [m.index, m.index + m[0].length]);
}

export function mutate(input: Buffer, list: readonly Mutation[]): Buffer {
  let bytes = input;
  for (const m of list) {
    const at = (u: number) => Math.floor(u * (bytes.length + 1));
    if (m.kind === 'truncate') bytes = bytes.subarray(0, at(m.at));
    else if (m.kind === 'flip' && bytes.length > 0) {
      bytes = Buffer.from(bytes);
      const i = Math.min(at(m.at), bytes.length - 1);
      bytes[i] = bytes[i]! ^ m.mask;
    } else if (m.kind === 'deleteTag' || m.kind === 'duplicateTag') {
      const found = tags(bytes);
      if (found.length === 0) continue;
      const [start, end] = found[Math.floor(m.index * found.length)]!;
      const tag = bytes.subarray(start, end);
      bytes = Buffer.concat([bytes.subarray(0, start), ...(m.kind === 'duplicateTag' ? [tag, tag] : []), bytes.subarray(end)]);
    } else if (m.kind === 'duplicateSlice') {
      const start = at(m.at);
      const slice = bytes.subarray(start, start + m.length);
      bytes = Buffer.concat([bytes.subarray(0, start), slice, slice, bytes.subarray(start)]);
    } else if (m.kind === 'insert') {
      const i = at(m.at);
      bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(m.what), bytes.subarray(i)]);
    } else if (m.kind === 'deleteByte') {
      const i = at(m.at);
      bytes = Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + 1)]);
    }
  }
  return bytes;
}

/** mutate() on text (as UTF-8; a sequence a mutation cuts becomes U+FFFD). */
export function mutateText(input: string, list: readonly Mutation[]): string {
  return mutate(Buffer.from(input), list).toString('utf8');
}

/** A closing tag nothing opens: wherever it is put inside an element, the file is no longer well-formed, there. */
export const STRAY_CLOSE = '</sfmeta-fuzz>';

/**
 * Puts STRAY_CLOSE right after the start tag picked by `pick` (a fraction of the start tags outside comments, CDATA,
 * declarations and instructions), and says where it is: the line and the UTF-16 column of its `<`, counted here
 * apart from the product's line index (CR LF, CR and LF each end a line).
 */
export function plantStrayClose(text: string, pick: number): { text: string; line: number; column: number } | undefined {
  const masked = text.replace(/<!--[^]*?-->|<!\[CDATA\[[^]*?\]\]>|<![^>]*>|<\?[^]*?\?>/g, (m) => ' '.repeat(m.length));
  const starts = [...masked.matchAll(/<[A-Za-z_][^<>]*[^/<>]>|<[A-Za-z_]>/g)].map((m) => m.index + m[0].length);
  if (starts.length === 0) return undefined;
  const offset = starts[Math.floor(pick * starts.length)]!;
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return {
    text: text.slice(0, offset) + STRAY_CLOSE + text.slice(offset),
    line: before.length,
    column: before[before.length - 1]!.length + 1,
  };
}
