// The quick one-pass markup scanner: proves plain metadata well-formed, finds its root and the skipped children to cut.
import { nameIs } from './blocks.js';
import { addCut } from './cuts.js';
import type { RootInfo } from './types.js';

// A quick scan of validated markup: where the root element is, and which of its children can be left
// out of the tree. It follows the parser's reading of tags, comments, CDATA and processing
// instructions; whatever it is not sure of makes it give up (undefined), and the caller then parses.

/** The names fast-xml-parser refuses (it throws): a tag with one of them must reach the parser. */
const REFUSED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper than this, the parser may refuse the document: it is parsed, never scanned. */
const SCAN_DEPTH = 64;

/** What scanMarkup found in text it proved well-formed. */
interface Scan {
  rootStart: number;
  /** Just after the root's `>` of its start tag, or of its end tag when it has one. */
  rootEnd: number;
  /** The root's start tag: name, and the text between the name and the closing `>` (or `/>`). */
  rootName: string;
  rootAttributes: string;
  /** Pairs of offsets [start, end) of root children left out; adjacent ones merged. */
  cuts: number[];
  skipped: Map<string, number>;
  /** Root children `skip` wanted that stay in the text (not plain, or the root has text of its own). */
  kept: number;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
}

/** By character code: 1 for the characters of a plain ASCII name (letters, digits, `_`, `-`, `.`, `:`). */
const NAME_CHARS = new Uint8Array(128);
for (let c = 0; c < 128; c++)
  NAME_CHARS[c] =
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46 || c === 58 ? 1 : 0;

/** A table, not a chain of comparisons: every tag's name goes through it. (Past the text's end `c` is NaN: not a name character.) */
function isNameChar(c: number): boolean {
  return c < 128 && NAME_CHARS[c] === 1;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** Whether text[from, to) is whitespace only. */
function onlySpace(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isSpace(text.charCodeAt(k))) return false;
  return true;
}

/** Whether a name of length `length` starting at `at` is one the parser refuses (checked cheaply: first letter and length). */
function refusedName(text: string, at: number, length: number): boolean {
  const c = text.charCodeAt(at);
  if (!((c === 95 || c === 112) && length === 9) && !(c === 99 && length === 11)) return false;
  return REFUSED_NAMES.has(text.slice(at, at + length));
}

function refusedInside(expression: string): boolean {
  for (const name of REFUSED_NAMES) if (expression.includes(name)) return true;
  return false;
}

/** Offset of the `>` that ends a processing instruction or start tag beginning at `from`, skipping quoted values (as the parser does). */
function tagEnd(text: string, from: number, pi: boolean): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39) {
      i = text.indexOf(c === 34 ? '"' : "'", i + 1);
      if (i < 0) return -1;
    } else if (pi ? c === 63 && text.charCodeAt(i + 1) === 62 : c === 62) return pi ? i + 1 : i;
  }
  return -1;
}

/**
 * Where the markup after an XML declaration at the very start begins: 0 when there is none, -1 when the scan gives up.
 * The declaration's end must be the same as both the validator (first `?>`) and the parser (quotes) see it.
 */
function declarationEnd(text: string): number {
  if (!text.startsWith('<?xml')) return 0;
  const end = text.indexOf('?>', 5);
  if (end < 0 || tagEnd(text, 2, true) !== end + 1 || refusedInside(text.slice(0, end))) return -1;
  return end + 2;
}

/** The references the quick scan accepts in text (the validator accepts these and more; the rest is left to it). */
const REFERENCE_AT = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;

/** From the `&` at `amp`, the first `&` that is at or after `to` or does not start an accepted reference; -1 when none. */
function uncheckedAmpersand(text: string, amp: number, to: number): number {
  while (amp >= 0 && amp < to) {
    REFERENCE_AT.lastIndex = amp;
    if (!REFERENCE_AT.test(text)) return amp;
    amp = text.indexOf('&', amp + 1);
  }
  return amp;
}

/** The offset of the `>` of the end tag at `i` when it is exactly `</name>` for the open name at `at` of length `n`; -1 otherwise. */
function endTagEnd(text: string, i: number, at: number, n: number): number {
  for (let k = 0; k < n; k++) if (text.charCodeAt(i + 2 + k) !== text.charCodeAt(at + k)) return -1;
  const end = i + 2 + n;
  return text.charCodeAt(end) === 62 ? end : -1;
}

/** The offset of the `>` that ends a start tag whose name ends at `nameEnd`: right after it, after `/`, or after attributes; -1 otherwise. */
function startTagEnd(text: string, nameEnd: number, after: number): number {
  if (after === 62) return nameEnd;
  if (after === 47) return text.charCodeAt(nameEnd + 1) === 62 ? nameEnd + 1 : -1;
  return isSpace(after) ? attributesEnd(text, nameEnd) : -1;
}

/**
 * The offset of the `>` that ends a start tag's attributes starting at `from` (whitespace first), when they are
 * strictly well-formed: whitespace before each, a name, `=`, a quoted value, no name twice; -1 otherwise.
 */
function attributesEnd(text: string, from: number): number {
  let j = from;
  const names: string[] = [];
  for (;;) {
    const start = j;
    while (isSpace(text.charCodeAt(j))) j++;
    const c = text.charCodeAt(j);
    if (c === 62) return j;
    if (c === 47) return text.charCodeAt(j + 1) === 62 ? j + 1 : -1;
    if (j === start || !isNameStart(c)) return -1;
    const nameStart = j;
    while (isNameChar(text.charCodeAt(j))) j++;
    const name = text.slice(nameStart, j);
    if (names.includes(name)) return -1;
    names.push(name);
    while (isSpace(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) !== 61) return -1;
    j++;
    while (isSpace(text.charCodeAt(j))) j++;
    const quote = text.charCodeAt(j);
    if (quote !== 34 && quote !== 39) return -1;
    const close = text.indexOf(quote === 34 ? '"' : "'", j + 1);
    if (close < 0) return -1;
    j = close + 1;
  }
}

/**
 * A quick, strict well-formedness check that also finds the root element and, with `skip`, the root's children that
 * can be cut out of what the parser reads. It accepts a subset of what fast-xml-parser's validator accepts: plain
 * ASCII names, matching end tags, quoted attributes without repeats, comments and CDATA, the five predefined entities
 * and character references, the XML declaration at the very start, whitespace around the root. Whatever it does not
 * accept (or a name the parser refuses, or deep nesting) makes it give up (undefined): the validator and the parser
 * then judge as before, so a problem is always reported by them, with their message and place.
 *
 * A child is cut only when it holds nothing but plain tags and text (no attributes, comments, CDATA or references),
 * and only when the root has no text of its own between its children (cutting would join that text differently).
 */
export function scanMarkup(text: string, skip: ((name: string) => boolean) | undefined): Scan | undefined {
  const length = text.length;
  // Open elements: where each name starts and how long it is, to match end tags without building strings.
  const openAt: number[] = [];
  const openLength: number[] = [];
  let depth = 0;
  let rootStart = -1;
  let rootEnd = -1;
  let rootName = '';
  let rootAttributes = '';
  const cuts: number[] = [];
  const skipped = new Map<string, number>();
  let kept = 0;
  let rootText = false;
  // The child of the root being considered for a cut: where it starts, its name, and whether it is still plain.
  let spanStart = -1;
  let spanName = '';
  let spanAfter = 0;
  let plain = true;
  let amp = -2;
  // The last root child's name (never empty), and whether `skip` wanted it.
  let childName = '';
  let childSkipped = false;
  // Where the last markup ended (the text between it and the next `<` is character data).
  let lastEnd = declarationEnd(text);
  if (lastEnd < 0) return undefined;
  for (;;) {
    const i = text.indexOf('<', lastEnd);
    const gapEnd = i < 0 ? length : i;
    if ((depth === 0 || (depth === 1 && skip && !rootText)) && !onlySpace(text, lastEnd, gapEnd)) {
      // Outside the root only whitespace is allowed here; inside it, this is the root's own text.
      if (depth === 0) return undefined;
      rootText = true;
    }
    if (depth > 0) {
      if (amp < lastEnd && amp !== -1) amp = text.indexOf('&', lastEnd);
      if (amp >= 0 && amp < gapEnd) {
        // References make the element not plain; one the scan does not accept makes it give up.
        amp = uncheckedAmpersand(text, amp, gapEnd);
        if (amp >= 0 && amp < gapEnd) return undefined;
        plain = false;
      }
    }
    if (i < 0) break;
    const c = text.charCodeAt(i + 1);
    let end: number;
    if (c === 47) {
      // An end tag: exactly `</name>` for the innermost open element.
      if (depth === 0) return undefined;
      end = endTagEnd(text, i, openAt[depth - 1]!, openLength[depth - 1]!);
      if (end < 0) return undefined;
      depth--;
      if (depth === 1 && spanStart >= 0) {
        if (plain) addCut(cuts, skipped, spanStart, end + 1, spanName, spanAfter);
        else kept++;
        spanStart = -1;
      }
      if (depth === 0) rootEnd = end + 1;
    } else if (c === 33) {
      // A comment, or CDATA inside the root; both end with a three-character marker.
      if (text.startsWith('<!--', i)) end = text.indexOf('-->', i + 4);
      else if (depth > 0 && text.startsWith('<![CDATA[', i)) {
        end = text.indexOf(']]>', i + 9);
        if (depth === 1) rootText = true;
      } else return undefined;
      if (end < 0) return undefined;
      end += 2;
      plain = false;
    } else {
      // A start tag: a name, then `>`, `/>`, or attributes. Only one root.
      if (!isNameStart(c) || rootEnd >= 0) return undefined;
      let nameEnd = i + 2;
      while (isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
      if (refusedName(text, i + 1, nameEnd - i - 1)) return undefined;
      const after = text.charCodeAt(nameEnd);
      end = startTagEnd(text, nameEnd, after);
      if (end < 0) return undefined;
      const selfClosing = text.charCodeAt(end - 1) === 47;
      if (isSpace(after)) {
        const attributes = text.slice(nameEnd, selfClosing ? end - 1 : end);
        if (refusedInside(attributes)) return undefined;
        if (depth === 0) rootAttributes = attributes;
        plain = false;
      }
      if (depth === 0) {
        rootStart = i;
        rootName = text.slice(i + 1, nameEnd);
        if (selfClosing) rootEnd = end + 1;
      } else if (depth === 1 && skip) {
        // Root children come in runs of one name (thousands of fieldPermissions): the last one's verdict is reused.
        if (!nameIs(text, i + 1, nameEnd, childName)) {
          childName = text.slice(i + 1, nameEnd);
          childSkipped = !(childName in Object.prototype) && skip(childName);
        }
        if (childSkipped) {
          spanStart = i;
          spanName = childName;
          spanAfter = lastEnd;
          plain = !isSpace(after);
          if (selfClosing) {
            if (plain) addCut(cuts, skipped, i, end + 1, childName, lastEnd);
            else kept++;
            spanStart = -1;
          }
        }
      }
      if (!selfClosing) {
        if (depth >= SCAN_DEPTH) return undefined;
        openAt[depth] = i + 1;
        openLength[depth] = nameEnd - i - 1;
        depth++;
      }
    }
    lastEnd = end + 1;
  }
  if (depth !== 0 || rootEnd < 0) return undefined;
  if (rootText && cuts.length > 0) {
    for (const count of skipped.values()) kept += count;
    cuts.length = 0;
    skipped.clear();
  }
  return { rootStart, rootEnd, rootName, rootAttributes, cuts, skipped, kept };
}

const ATTRIBUTE = /([^\s=]+)\s*(=\s*(?:"([^"]*)"|'([^']*)'))?/gmu;

/** The root element as the parser would give it, or undefined when only the parser can tell. */
export function rootInfo(scan: Scan): RootInfo | undefined {
  if (scan.rootName in Object.prototype) return undefined;
  let namespace: string | undefined;
  // As the parser reads attributes: the last value of `xmlns` wins, trimmed; an entity in one is left to the parser.
  for (const match of scan.rootAttributes.matchAll(ATTRIBUTE)) {
    if (match[1] !== 'xmlns') continue;
    const value = match[3] ?? match[4];
    if (value === undefined) continue;
    if (value.includes('&')) return undefined;
    namespace = value.trim();
  }
  return { name: scan.rootName, start: scan.rootStart, end: scan.rootEnd, ...(namespace !== undefined ? { namespace } : {}) };
}

/** Whether the quick scan proves the (BOM-less) text well-formed, so that the validator is skipped; exported for tests. */
export function quickScanAccepts(text: string): boolean {
  return scanMarkup(text, undefined) !== undefined;
}
