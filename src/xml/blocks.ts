// A walk over the root children that the quick scan cut out of the parsed text: their elements, by offsets, without a tree.

// The quick scan (scan.ts) cuts a root child only when it is plain markup: start tags without attributes, matching end
// tags, text without references, no comments, CDATA or processing instructions. Inside a cut, every `<` starts a tag
// and the text between tags is literal, so a walk needs no validation and no entity decoding. It is what lets the
// model read the thousands of entries of a profile's fieldPermissions with a few string searches each.

/** What walkBlocks reports, in document order; every offset indexes the text that was scanned. */
export interface BlockVisitor {
  /**
   * An element with child elements starts at `start` (its `<`), at `depth` (1 for a root child). Its name is
   * text[nameStart, nameEnd); its content starts after `gt` (its `>`). Returns whether its children are wanted; if
   * not, the walk skips to its end. A visitor that read the element itself returns the offset just after it.
   */
  open(depth: number, start: number, nameStart: number, nameEnd: number, gt: number): boolean | number;
  /**
   * An element without child elements, from `start` to `end` (exclusive), whose text (trimmed, as the parser trims
   * it) is text[valueStart, valueEnd). `<name/>` has an empty value.
   */
  leaf(depth: number, start: number, end: number, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void;
  /** The element opened at `depth` ends just before `end`. Only called for elements whose children were wanted. */
  close(depth: number, end: number): void;
}

/** The code units String.prototype.trim removes, as fast-xml-parser trims values (trimValues). */
export function isTrimmed(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 ||
    c === 5760 ||
    (c >= 8192 && c <= 8202) ||
    c === 8232 ||
    c === 8233 ||
    c === 8239 ||
    c === 8287 ||
    c === 12288 ||
    c === 65279
  );
}

/** Whether text[start, end) is exactly `name`, without building a string. */
export function nameIs(text: string, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let k = 0; k < name.length; k++) if (text.charCodeAt(start + k) !== name.charCodeAt(k)) return false;
  return true;
}

/**
 * Walks the elements of cut blocks: `cuts` holds pairs [start, end) of offsets into `text`, each a run of whole root
 * children that the quick scan proved plain (see scanMarkup). Only those blocks may be walked: elsewhere the walk would
 * misread attributes, comments and references.
 */
export function walkBlocks(text: string, cuts: readonly number[], visitor: BlockVisitor): void {
  for (let k = 0; k < cuts.length; k += 2) walkBlock(text, cuts[k]!, cuts[k + 1]!, visitor);
}

function walkBlock(text: string, from: number, to: number, visitor: BlockVisitor): void {
  let depth = 0;
  let pos = from;
  for (;;) {
    const lt = text.indexOf('<', pos);
    if (lt < 0 || lt >= to) return;
    if (text.charCodeAt(lt + 1) === 47) {
      // An end tag of an element whose children were wanted.
      const gt = text.indexOf('>', lt + 2);
      visitor.close(depth, gt + 1);
      depth--;
      pos = gt + 1;
      continue;
    }
    const gt = text.indexOf('>', lt + 1);
    const nameStart = lt + 1;
    if (text.charCodeAt(gt - 1) === 47) {
      visitor.leaf(depth + 1, lt, gt + 1, nameStart, gt - 1, gt, gt);
      pos = gt + 1;
      continue;
    }
    const next = text.indexOf('<', gt + 1);
    if (text.charCodeAt(next + 1) === 47) {
      // Text, then the element's own end tag: a leaf.
      const end = text.indexOf('>', next + 2) + 1;
      let valueStart = gt + 1;
      let valueEnd = next;
      while (valueStart < valueEnd && isTrimmed(text.charCodeAt(valueStart))) valueStart++;
      while (valueEnd > valueStart && isTrimmed(text.charCodeAt(valueEnd - 1))) valueEnd--;
      visitor.leaf(depth + 1, lt, end, nameStart, gt, valueStart, valueEnd);
      pos = end;
      continue;
    }
    depth++;
    const wanted = visitor.open(depth, lt, nameStart, gt, gt);
    if (wanted === true) {
      pos = gt + 1;
      continue;
    }
    pos = wanted === false ? skipElement(text, next) : wanted;
    depth--;
  }
}

/** The offset just after the end tag of the element whose content starts with the tag at `lt` (one level open). */
export function skipElement(text: string, lt: number): number {
  let open = 1;
  for (let at = lt; ;) {
    const gt = text.indexOf('>', at + 1);
    if (text.charCodeAt(at + 1) === 47) open--;
    else if (text.charCodeAt(gt - 1) !== 47) open++;
    if (open === 0) return gt + 1;
    at = text.indexOf('<', gt + 1);
  }
}
