// Parses metadata XML with fast-xml-parser and keeps every element's exact offsets in the original text.
import { createRequire } from 'node:module';
import type { Range } from '../findings/index.js';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Trimmed character data directly inside the element (entities expanded). */
  text: string;
  /** `xsi:nil="true"`: the element is present but its value is unset. */
  nil: boolean;
  /** Offsets into the parsed text (after a leading BOM is removed); end is exclusive. */
  start: number;
  end: number;
}

export interface XmlDocument {
  root: XmlElement;
  lines: LineIndex;
  /** The text that was parsed (a leading BOM removed): offsets point into it. */
  text: string;
  /** Root children left out of the tree (ParseOptions.skip), counted by name. */
  skipped?: Map<string, number>;
}

export interface XmlProblem {
  message: string;
  range: Range;
}

export type ParseResult = { ok: true; doc: XmlDocument } | { ok: false; problem: XmlProblem };

/** Salesforce metadata nests about ten levels deep; far deeper input is hostile or broken. */
export const MAX_DEPTH = 256;

const BOM = '\uFEFF';
const DOCTYPE = /<!DOCTYPE/i;
const NON_WHITESPACE = /\S/;
const TEXT_KEY = '#text';
const ATTRS_KEY = ':@';

/** fast-xml-parser's options; the benchmark's parse floor uses the same ones. */
export const PARSER_OPTIONS = {
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  // Also expands numeric character references (&#38;), which XML requires; DOCTYPE entities are refused before parsing.
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
  cdataPropName: false,
  // The parser allows one level more than this option says.
  maxNestedTags: MAX_DEPTH - 1,
} as const;

type Fxp = typeof import('fast-xml-parser');
type XMLParser = InstanceType<Fxp['XMLParser']>;
let fxp: { lib: Fxp; parser: XMLParser; meta: symbol } | undefined;

/**
 * fast-xml-parser, loaded on first use: a run that finds everything in its cache, --version and --help never load it.
 * Its CommonJS build is one file, which loads in a fifth of the time of its ES modules (same version, same code).
 */
function library(): { lib: Fxp; parser: XMLParser; meta: symbol } {
  if (fxp) return fxp;
  const lib = createRequire(import.meta.url)('fast-xml-parser') as Fxp;
  const parser = new lib.XMLParser(PARSER_OPTIONS);
  fxp = { lib, parser, meta: lib.XMLParser.getMetaDataSymbol() as unknown as symbol };
  return fxp;
}

/** Maps offsets to 1-based line and UTF-16 column; CRLF, CR and LF all end a line. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    const starts = this.starts;
    if (text.indexOf('\r') < 0) {
      // The common case, found with native searches rather than a loop over every character.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
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

  /** The offset of a 1-based line and column, clamped to the text. */
  offset(line: number, column: number): number {
    const index = Math.min(Math.max(line, 1), this.starts.length) - 1;
    return this.starts[index]! + Math.max(column, 1) - 1;
  }
}

export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

function problemAt(lines: LineIndex, offset: number, length: number, message: string): { ok: false; problem: XmlProblem } {
  return { ok: false, problem: { message, range: lines.range(offset, offset + length) } };
}

export interface ParseOptions {
  /**
   * Children of the root element that the caller does not read. They are left out of the tree (and counted in
   * `XmlDocument.skipped`) when that is known to change nothing else: plain markup with no attributes, comments,
   * entities or deep nesting, and a root with no text of its own. Otherwise they are parsed like the rest.
   * The whole text is validated either way, so a fault inside a skipped element is still reported where it is.
   */
  skip?: (name: string) => boolean;
}

/** The root element as a well-formedness check finds it, without building a tree. */
export interface RootInfo {
  name: string;
  /** The `xmlns` attribute's value, when there is one. */
  namespace?: string;
  start: number;
  end: number;
}

export type CheckResult = { ok: true; root: RootInfo; lines: LineIndex; text: string } | { ok: false; problem: XmlProblem };

type Prepared = { ok: true; text: string; lines: LineIndex } | { ok: false; problem: XmlProblem };

/** What parseXml and checkXml check before anything else: the text's own faults. */
function prepare(rawText: string): Prepared {
  const text = stripBom(rawText);
  const lines = new LineIndex(text);
  const fail = (offset: number, length: number, message: string) => problemAt(lines, offset, length, clean(message));
  if (!NON_WHITESPACE.test(text)) return fail(0, 0, 'The file is empty.');
  if (text.trim() === HIDDEN) return fail(0, 0, 'The file only says "(hidden)": managed-package metadata whose content Salesforce does not retrieve.');
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return fail(nul, 1, 'The file contains NUL bytes: it is binary or not UTF-8 text.');
  // XML 1.0 forbids these, literally or as references; refusing them also keeps terminal escapes out of every report.
  const control = CONTROL.exec(text);
  if (control) return fail(control.index, 1, `The file contains the control character ${codePoint(control[0].charCodeAt(0))}, which XML does not allow.`);
  const reference = badReference(text);
  if (reference) return fail(reference.index, reference[0].length, `The character reference ${reference[0]} names a character XML does not allow.`);
  // Refused before either parser sees it, so no entity (nested or external) is ever expanded or fetched.
  if (text.includes('<!')) {
    const doctype = DOCTYPE.exec(text);
    if (doctype) return fail(doctype.index, doctype[0].length, 'DOCTYPE declarations are not allowed in metadata XML and are not processed.');
  }
  return { ok: true, text, lines };
}

/**
 * fast-xml-parser's validator, for text the quick scan did not prove well-formed: its verdict, turned into a
 * located problem (undefined when the text is well-formed after all).
 */
function validate(text: string, lines: LineIndex): { ok: false; problem: XmlProblem } | undefined {
  const fail = (offset: number, length: number, message: string) => problemAt(lines, offset, length, clean(message));
  let validation: ReturnType<Fxp['XMLValidator']['validate']>;
  try {
    validation = library().lib.XMLValidator.validate(text, { allowBooleanAttributes: false });
  } catch (error) {
    return fail(0, 0, `The XML could not be read: ${describe(error)}.`);
  }
  if (validation === true) return undefined;
  const { line, col, msg } = validation.err;
  if (msg === 'Start tag expected.') return fail(0, 0, 'The file has no root element.');
  if (msg.startsWith("Invalid '[")) {
    // Several tags left open (a truncated file): the validator lists them all at 1:1; point at the innermost one.
    const open = scanTags(text, Infinity).open;
    const last = open[open.length - 1] ?? { name: '', start: 0 };
    return fail(last.start, 1, `Malformed XML: Unclosed tag '${last.name}' (${open.length} tags are not closed).`);
  }
  let offset = offsetOfLfPosition(text, line, col ?? 1);
  // The validator points past the second root's start tag; its `<` is where the fault starts.
  if (msg.startsWith('Multiple possible root')) offset = Math.max(text.lastIndexOf('<', offset - 1), 0);
  // Text before the prolog: the validator points inside `<?xml`; the declaration's start is the fault.
  if (msg.startsWith('XML declaration allowed only')) offset = Math.max(text.lastIndexOf('<?xml', offset), 0);
  return fail(offset, offset < text.length ? 1 : 0, `Malformed XML: ${msg}`);
}

/** Parses one file's text; never throws for bad input. */
export function parseXml(rawText: string, options: ParseOptions = {}): ParseResult {
  const prepared = prepare(rawText);
  if (!prepared.ok) return prepared;
  const { text, lines } = prepared;
  // Text the quick scan proves well-formed needs no validator; the rest is validated as it always was.
  const scan = scanMarkup(text, options.skip);
  if (!scan) {
    const problem = validate(text, lines);
    if (problem) return problem;
  } else if (scan.cuts.length > 0) {
    const parsed = parseTree(cutText(text, scan.cuts), text, lines, offsetMap(scan.cuts));
    // Anything the parser refuses in the shortened text is reported as it is found in the whole text.
    if (parsed.ok) return { ok: true, doc: { root: parsed.root, lines, text, skipped: scan.skipped } };
  }
  const parsed = parseTree(text, text, lines, undefined);
  return parsed.ok ? { ok: true, doc: { root: parsed.root, lines, text } } : parsed;
}

/**
 * Checks one file's text as parseXml does, and finds its root element, without building a tree:
 * the same problem at the same place for a broken file, and for a well-formed one the root element
 * parseXml would give. Input outside what the quick scan knows to be safe is handed to the validator and the parser.
 */
export function checkXml(rawText: string): CheckResult {
  const prepared = prepare(rawText);
  if (!prepared.ok) return prepared;
  const { text, lines } = prepared;
  const scan = scanMarkup(text, undefined);
  if (scan) {
    const root = rootInfo(scan);
    if (root) return { ok: true, root, lines, text };
  } else {
    const problem = validate(text, lines);
    if (problem) return problem;
  }
  const parsed = parseTree(text, text, lines, undefined);
  if (!parsed.ok) return parsed;
  const namespace = parsed.root.attrs['xmlns'];
  return { ok: true, root: { name: parsed.root.name, start: parsed.root.start, end: parsed.root.end, ...(namespace !== undefined ? { namespace } : {}) }, lines, text };
}

/**
 * Builds the element tree of validated text. `text` is what the parser reads: the file's text, or a shortened
 * copy with `map` turning its offsets back into offsets in `original`.
 */
function parseTree(
  text: string,
  original: string,
  lines: LineIndex,
  map: ((offset: number) => number) | undefined,
): { ok: true; root: XmlElement } | { ok: false; problem: XmlProblem } {
  const fail = (offset: number, length: number, message: string) => problemAt(lines, offset, length, clean(message));
  const { parser, meta } = library();
  let nodes: unknown[];
  try {
    nodes = parser.parse(text) as unknown[];
  } catch (error) {
    const message = describe(error);
    if (message === 'Maximum nested tags exceeded') return fail(scanTags(text, MAX_DEPTH).deep ?? 0, 1, `Elements are nested more than ${MAX_DEPTH} levels deep.`);
    // The parser names the offending name ("__proto__") but not where it is.
    const name = /"([^"]+)"/u.exec(message)?.[1];
    const at = name ? text.indexOf(name) : -1;
    return fail(Math.max(at, 0), name && at >= 0 ? name.length : 0, `The XML could not be read: ${message}.`);
  }
  const roots = nodes.filter((node) => elementName(node) !== undefined) as Record<string, unknown>[];
  if (roots.length === 0) return fail(0, 0, 'The file has no root element.');
  if (roots.length > 1) return fail(startOf(roots[1]!, meta), 1, 'The file has more than one root element.');
  const root = toElement(roots[0]!, meta, map);
  const trailing = strayText(original, root.end);
  if (trailing !== undefined) return fail(trailing, 1, 'Text after the root element.');
  return { ok: true, root };
}

const HIDDEN = '(hidden)';
const CONTROL = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/u;
const REFERENCE = /&#(?:x([0-9a-f]+)|([0-9]+));/giu;

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function badReference(text: string): RegExpExecArray | undefined {
  if (!text.includes('&#')) return undefined;
  for (const match of text.matchAll(REFERENCE)) {
    const code = match[1] !== undefined ? parseInt(match[1], 16) : Number(match[2]);
    const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    if (!allowed) return match as RegExpExecArray;
  }
  return undefined;
}

// C0/C1 controls, invisible characters and bidi overrides from a file's names must not reach a terminal; huge names must not reach a report.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\ufeff\u202a-\u202e\u2066-\u2069]/gu;
const LONG_WORD = /\S{81,}/gu;

function clean(message: string): string {
  return message
    .replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(LONG_WORD, (word) => `${Array.from(word).slice(0, 60).join('')}…`);
}

/** The validator counts lines by LF only (CRLF included); LineIndex also counts a lone CR. */
function offsetOfLfPosition(text: string, line: number, column: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', start);
    if (next < 0) break;
    start = next + 1;
  }
  return Math.min(start + Math.max(column, 1) - 1, text.length);
}

/** A linear scan of well-formed-enough markup, used only to place errors: the open tags at the end, or the first tag deeper than `limit`. */
function scanTags(text: string, limit: number): { open: { name: string; start: number }[]; deep?: number } {
  const open: { name: string; start: number }[] = [];
  const skipPast = (marker: string, from: number) => {
    const at = text.indexOf(marker, from);
    return at < 0 ? text.length : at + marker.length;
  };
  for (let i = text.indexOf('<'); i >= 0 && i < text.length; i = text.indexOf('<', i)) {
    if (text.startsWith('<!--', i)) i = skipPast('-->', i + 4);
    else if (text.startsWith('<![CDATA[', i)) i = skipPast(']]>', i + 9);
    else if (text.startsWith('<?', i)) i = skipPast('?>', i + 2);
    else {
      let end = i + 1;
      for (let quote = ''; end < text.length; end++) {
        const c = text[end]!;
        if (quote) quote = c === quote ? '' : quote;
        else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
      }
      const closing = text[i + 1] === '/';
      const name = /^[^\s/>]*/u.exec(text.slice(closing ? i + 2 : i + 1, Math.min(end, i + 200)))![0];
      if (closing) open.pop();
      else if (text[end - 1] !== '/') {
        open.push({ name, start: i });
        if (open.length > limit) return { open, deep: i };
      }
      i = end + 1;
    }
  }
  return { open };
}

/** The offset of the first character after `from` that is neither whitespace, a comment nor a processing instruction. */
function strayText(text: string, from: number): number | undefined {
  const rest = /^(?:\s+|<!--[\s\S]*?-->|<\?[\s\S]*?\?>)*/u.exec(text.slice(from))![0];
  return from + rest.length < text.length ? from + rest.length : undefined;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+$/u, '').replace(/\.$/u, '');
}

function elementName(node: unknown): string | undefined {
  for (const key of Object.keys(node as object)) {
    if (key !== ATTRS_KEY && key !== TEXT_KEY) return key;
  }
  return undefined;
}

function startOf(node: Record<string, unknown>, meta: symbol): number {
  return (node as Record<symbol, { startIndex: number } | undefined>)[meta]?.startIndex ?? 0;
}

/** Recursion is bounded: the parser refuses documents deeper than MAX_DEPTH. */
function toElement(node: Record<string, unknown>, meta: symbol, map: ((offset: number) => number) | undefined): XmlElement {
  const name = elementName(node)!;
  const position = (node as Record<symbol, { startIndex: number; endIndex: number } | undefined>)[meta];
  const start = position?.startIndex ?? 0;
  const end = position?.endIndex ?? start;
  const attrs = (node[ATTRS_KEY] as Record<string, string> | undefined) ?? {};
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[name] as Record<string, unknown>[]) ?? []) {
    if (TEXT_KEY in child) text += String(child[TEXT_KEY]);
    else children.push(toElement(child, meta, map));
  }
  const nil = attrs['xsi:nil'] === 'true';
  return { name, attrs, children, text: nil ? '' : text, nil, start: map ? map(start) : start, end: map ? map(end) : end };
}

// ---------------------------------------------------------------------------------------------
// A quick scan of validated markup: where the root element is, and which of its children can be left
// out of the tree. It follows the parser's reading of tags, comments, CDATA and processing
// instructions; whatever it is not sure of makes it give up (undefined), and the caller then parses.
// ---------------------------------------------------------------------------------------------

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
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46 || c === 58;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
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

/** The references the quick scan accepts in text (the validator accepts these and more; the rest is left to it). */
const REFERENCE_AT = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;

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
function scanMarkup(text: string, skip: ((name: string) => boolean) | undefined): Scan | undefined {
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
  let rootText = false;
  // The child of the root being considered for a cut: where it starts, its name, and whether it is still plain.
  let spanStart = -1;
  let spanName = '';
  let spanAfter = 0;
  let plain = true;
  let amp = -2;
  // Where the last markup ended (the text between it and the next `<` is character data).
  let lastEnd = 0;
  if (text.startsWith('<?xml')) {
    // The declaration, only at the very start; its end as both the validator (first `?>`) and the parser (quotes) see it.
    const end = text.indexOf('?>', 5);
    if (end < 0 || tagEnd(text, 2, true) !== end + 1 || refusedInside(text.slice(0, end))) return undefined;
    lastEnd = end + 2;
  }
  for (;;) {
    const i = text.indexOf('<', lastEnd);
    const gapEnd = i < 0 ? length : i;
    if (depth === 0 || (depth === 1 && skip && !rootText)) {
      for (let k = lastEnd; k < gapEnd; k++) {
        if (!isSpace(text.charCodeAt(k))) {
          // Outside the root only whitespace is allowed here; inside it, this is the root's own text.
          if (depth === 0) return undefined;
          rootText = true;
          break;
        }
      }
    }
    if (depth > 0) {
      if (amp < lastEnd && amp !== -1) amp = text.indexOf('&', lastEnd);
      while (amp >= 0 && amp < gapEnd) {
        REFERENCE_AT.lastIndex = amp;
        if (!REFERENCE_AT.test(text)) return undefined;
        plain = false;
        amp = text.indexOf('&', amp + 1);
      }
    }
    if (i < 0) break;
    const c = text.charCodeAt(i + 1);
    let end: number;
    if (c === 47) {
      // An end tag: exactly `</name>` for the innermost open element.
      if (depth === 0) return undefined;
      const at = openAt[depth - 1]!;
      const n = openLength[depth - 1]!;
      for (let k = 0; k < n; k++) if (text.charCodeAt(i + 2 + k) !== text.charCodeAt(at + k)) return undefined;
      end = i + 2 + n;
      if (text.charCodeAt(end) !== 62) return undefined;
      depth--;
      if (depth === 1 && spanStart >= 0) {
        if (plain) addCut(cuts, skipped, spanStart, end + 1, spanName, spanAfter);
        spanStart = -1;
      }
      if (depth === 0) rootEnd = end + 1;
    } else if (c === 33) {
      if (text.startsWith('<!--', i)) {
        end = text.indexOf('-->', i + 4);
        if (end < 0) return undefined;
        end += 2;
      } else if (depth > 0 && text.startsWith('<![CDATA[', i)) {
        end = text.indexOf(']]>', i + 9);
        if (end < 0) return undefined;
        end += 2;
        if (depth === 1) rootText = true;
      } else return undefined;
      plain = false;
    } else {
      // A start tag: a name, then `>`, `/>`, or attributes. Only one root.
      if (!isNameStart(c) || rootEnd >= 0) return undefined;
      let nameEnd = i + 2;
      while (isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
      if (refusedName(text, i + 1, nameEnd - i - 1)) return undefined;
      const after = text.charCodeAt(nameEnd);
      let selfClosing = false;
      if (after === 62) end = nameEnd;
      else if (after === 47 && text.charCodeAt(nameEnd + 1) === 62) {
        end = nameEnd + 1;
        selfClosing = true;
      } else if (isSpace(after)) {
        end = attributesEnd(text, nameEnd);
        if (end < 0) return undefined;
        selfClosing = text.charCodeAt(end - 1) === 47;
        const attributes = text.slice(nameEnd, selfClosing ? end - 1 : end);
        if (refusedInside(attributes)) return undefined;
        if (depth === 0) rootAttributes = attributes;
        plain = false;
      } else return undefined;
      if (depth === 0) {
        rootStart = i;
        rootName = text.slice(i + 1, nameEnd);
        if (selfClosing) rootEnd = end + 1;
      } else if (depth === 1 && skip) {
        const name = text.slice(i + 1, nameEnd);
        if (!(name in Object.prototype) && skip(name)) {
          spanStart = i;
          spanName = name;
          spanAfter = lastEnd;
          plain = !isSpace(after);
          if (selfClosing) {
            if (plain) addCut(cuts, skipped, i, end + 1, name, lastEnd);
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
    cuts.length = 0;
    skipped.clear();
  }
  return { rootStart, rootEnd, rootName, rootAttributes, cuts, skipped };
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
 * Records a cut. `after` is where the markup before it ended: when that is the previous cut's end, only the root's
 * whitespace lies between them, and the previous cut is extended instead.
 */
function addCut(cuts: number[], skipped: Map<string, number>, start: number, end: number, name: string, after: number): void {
  skipped.set(name, (skipped.get(name) ?? 0) + 1);
  if (cuts.length > 0 && cuts[cuts.length - 1] === after) cuts[cuts.length - 1] = end;
  else cuts.push(start, end);
}

/** The text with each cut replaced by one space, so that what precedes and what follows a cut stay apart. */
function cutText(text: string, cuts: number[]): string {
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
function offsetMap(cuts: number[]): (offset: number) => number {
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

const ATTRIBUTE = /([^\s=]+)\s*(=\s*(?:"([^"]*)"|'([^']*)'))?/gmu;

/** The root element as the parser would give it, or undefined when only the parser can tell. */
function rootInfo(scan: Scan): RootInfo | undefined {
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

/** The first child with this name. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}
