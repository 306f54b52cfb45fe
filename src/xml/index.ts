// Parses metadata XML with fast-xml-parser and keeps every element's exact offsets in the original text.
import { createRequire } from 'node:module';
import { escapeUnsafe } from '../findings/text.js';
import { cutText, offsetMap } from './cuts.js';
import { LineIndex, offsetOfLfPosition, stripBom } from './lines.js';
import { rootInfo, scanMarkup } from './scan.js';
import {
  MAX_DEPTH,
  PARSER_OPTIONS,
  type CheckResult,
  type ParseOptions,
  type ParseResult,
  type XmlElement,
  type XmlProblem,
} from './types.js';

// The one entry point for importers: every shared type and accessor; of lines and the scanner only their public part, so their helpers stay inside xml/.
export * from './types.js';
export * from './query.js';
export { LineIndex, stripBom } from './lines.js';
export { quickScanAccepts } from './scan.js';
export { isTrimmed, nameIs, skipElement, walkBlocks, type BlockVisitor } from './blocks.js';

const DOCTYPE = /<!DOCTYPE/i;
const NON_WHITESPACE = /\S/;
const TEXT_KEY = '#text';
const ATTRS_KEY = ':@';

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

function problemAt(lines: LineIndex, offset: number, length: number, message: string): { ok: false; problem: XmlProblem } {
  return { ok: false, problem: { message, range: lines.range(offset, offset + length) } };
}

type Prepared = { ok: true; text: string; lines: LineIndex; declarations: boolean } | { ok: false; problem: XmlProblem };

/**
 * Whether `<!` (a comment, CDATA or a declaration) occurs in the text. Searched by its `!`, which is rare in metadata,
 * with the native one-character search: a search for `<!` stops at every `<` and takes ten times as long.
 */
function hasDeclarations(text: string): boolean {
  for (let i = text.indexOf('!', 1); i >= 0; i = text.indexOf('!', i + 1)) if (text.charCodeAt(i - 1) === 60) return true;
  return false;
}

/** What parseXml and checkXml check before anything else: the text's own faults. */
function prepare(rawText: string): Prepared {
  const text = stripBom(rawText);
  const lines = new LineIndex(text);
  const fail = (offset: number, length: number, message: string) => problemAt(lines, offset, length, clean(message));
  if (!NON_WHITESPACE.test(text)) return fail(0, 0, 'The file is empty.');
  if (text.trim() === HIDDEN)
    return fail(0, 0, 'The file only says "(hidden)": managed-package metadata whose content Salesforce does not retrieve.');
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return fail(nul, 1, 'The file contains NUL bytes: it is binary or not UTF-8 text.');
  // XML 1.0 forbids these, literally or as references; refusing them also keeps terminal escapes out of every report.
  const control = CONTROL.exec(text);
  if (control)
    return fail(
      control.index,
      1,
      `The file contains the control character ${codePoint(control[0].charCodeAt(0))}, which XML does not allow.`,
    );
  const reference = badReference(text);
  if (reference)
    return fail(reference.index, reference[0].length, `The character reference ${reference[0]} names a character XML does not allow.`);
  // Refused before either parser sees it, so no entity (nested or external) is ever expanded or fetched.
  const declarations = hasDeclarations(text);
  if (declarations) {
    const doctype = DOCTYPE.exec(text);
    if (doctype)
      return fail(doctype.index, doctype[0].length, 'DOCTYPE declarations are not allowed in metadata XML and are not processed.');
  }
  return { ok: true, text, lines, declarations };
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
  const { text, lines, declarations } = prepared;
  // Text the quick scan proves well-formed needs no validator; the rest is validated as it always was.
  const scan = scanMarkup(text, options.skip);
  if (!scan) {
    const problem = validate(text, lines);
    if (problem) return problem;
  } else if (scan.cuts.length > 0) {
    const parsed = parseTree(cutText(text, scan.cuts), text, lines, offsetMap(scan.cuts));
    // Anything the parser refuses in the shortened text is reported as it is found in the whole text.
    if (parsed.ok) return { ok: true, doc: { root: parsed.root, lines, text, declarations, skipped: scan.skipped, cuts: scan.cuts } };
  }
  const parsed = parseTree(text, text, lines, undefined);
  return parsed.ok ? { ok: true, doc: { root: parsed.root, lines, text, declarations } } : parsed;
}

/**
 * Checks one file's text as parseXml does, and finds its root element, without building a tree:
 * the same problem at the same place for a broken file, and for a well-formed one the root element
 * parseXml would give. Input outside what the quick scan knows to be safe is handed to the validator and the parser
 * (and the tree it builds is returned). With `skip`, the plain root children it wants are found as cut blocks.
 */
export function checkXml(rawText: string, skip?: (name: string) => boolean): CheckResult {
  const prepared = prepare(rawText);
  if (!prepared.ok) return prepared;
  const { text, lines, declarations } = prepared;
  const scan = scanMarkup(text, skip);
  if (scan) {
    const root = rootInfo(scan);
    if (root) return { ok: true, root, lines, text, declarations, cuts: scan.cuts, kept: scan.kept };
  } else {
    const problem = validate(text, lines);
    if (problem) return problem;
  }
  const parsed = parseTree(text, text, lines, undefined);
  if (!parsed.ok) return parsed;
  const namespace = parsed.root.attrs['xmlns'];
  return {
    ok: true,
    root: { name: parsed.root.name, start: parsed.root.start, end: parsed.root.end, ...(namespace !== undefined ? { namespace } : {}) },
    lines,
    text,
    declarations,
    cuts: [],
    kept: 0,
    tree: parsed.root,
  };
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
    if (message === 'Maximum nested tags exceeded')
      return fail(scanTags(text, MAX_DEPTH).deep ?? 0, 1, `Elements are nested more than ${MAX_DEPTH} levels deep.`);
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
// eslint-disable-next-line no-control-regex -- control characters are what this pattern is about
const CONTROL = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/u;
const REFERENCE = /&#(?:x([0-9a-f]+)|([0-9]+));/giu;

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function badReference(text: string): RegExpExecArray | undefined {
  if (!text.includes('&#')) return undefined;
  for (const match of text.matchAll(REFERENCE)) {
    const code = match[1] !== undefined ? parseInt(match[1], 16) : Number(match[2]);
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      (code >= 0x10000 && code <= 0x10ffff);
    if (!allowed) return match as RegExpExecArray;
  }
  return undefined;
}

// Huge names from a file must not reach a report; unsafe characters are shown as escapes (findings/text.ts).
const LONG_WORD = /\S{81,}/gu;

function clean(message: string): string {
  return escapeUnsafe(message).replace(LONG_WORD, (word) => `${Array.from(word).slice(0, 60).join('')}…`);
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
