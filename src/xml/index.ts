// Parses metadata XML with fast-xml-parser and keeps every element's exact offsets in the original text.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
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
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

const parser = new XMLParser({
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
});

/** Maps offsets to 1-based line and UTF-16 column; CRLF, CR and LF all end a line. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  range(start: number, end: number): Range {
    const s = this.position(start);
    const e = this.position(end);
    return { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
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

function problemAt(lines: LineIndex, offset: number, length: number, message: string): ParseResult {
  return { ok: false, problem: { message, range: lines.range(offset, offset + length) } };
}

/** Parses one file's text; never throws for bad input. */
export function parseXml(rawText: string): ParseResult {
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
  const doctype = DOCTYPE.exec(text);
  if (doctype) return fail(doctype.index, doctype[0].length, 'DOCTYPE declarations are not allowed in metadata XML and are not processed.');
  let validation: ReturnType<typeof XMLValidator.validate>;
  try {
    validation = XMLValidator.validate(text, { allowBooleanAttributes: false });
  } catch (error) {
    return fail(0, 0, `The XML could not be read: ${describe(error)}.`);
  }
  if (validation !== true) {
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
  if (roots.length > 1) return fail(startOf(roots[1]!), 1, 'The file has more than one root element.');
  const root = toElement(roots[0]!);
  const trailing = strayText(text, root.end);
  if (trailing !== undefined) return fail(trailing, 1, 'Text after the root element.');
  return { ok: true, doc: { root, lines, text } };
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

function startOf(node: Record<string, unknown>): number {
  return (node as Record<symbol, { startIndex: number } | undefined>)[META]?.startIndex ?? 0;
}

/** Recursion is bounded: the parser refuses documents deeper than MAX_DEPTH. */
function toElement(node: Record<string, unknown>): XmlElement {
  const name = elementName(node)!;
  const meta = (node as Record<symbol, { startIndex: number; endIndex: number } | undefined>)[META];
  const start = meta?.startIndex ?? 0;
  const attrs = (node[ATTRS_KEY] as Record<string, string> | undefined) ?? {};
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[name] as Record<string, unknown>[]) ?? []) {
    if (TEXT_KEY in child) text += String(child[TEXT_KEY]);
    else children.push(toElement(child));
  }
  const nil = attrs['xsi:nil'] === 'true';
  return { name, attrs, children, text: nil ? '' : text, nil, start, end: meta?.endIndex ?? start };
}

/** The first child with this name. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}
