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
  if (!NON_WHITESPACE.test(text)) return problemAt(lines, 0, 0, 'The file is empty.');
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return problemAt(lines, nul, 1, 'The file contains NUL bytes: it is binary or not UTF-8 text.');
  const doctype = DOCTYPE.exec(text);
  if (doctype) {
    return problemAt(lines, doctype.index, doctype[0].length, 'DOCTYPE declarations are not allowed in metadata XML and are not processed.');
  }
  let validation: ReturnType<typeof XMLValidator.validate>;
  try {
    validation = XMLValidator.validate(text, { allowBooleanAttributes: false });
  } catch (error) {
    return problemAt(lines, 0, 0, `The XML could not be read: ${describe(error)}.`);
  }
  if (validation !== true) {
    const { line, col, msg } = validation.err;
    const offset = lines.offset(line, col);
    return problemAt(lines, offset, offset < text.length ? 1 : 0, `Malformed XML: ${msg}`);
  }
  let nodes: unknown[];
  try {
    nodes = parser.parse(text) as unknown[];
  } catch (error) {
    return problemAt(lines, 0, 0, `The XML could not be read: ${describe(error)}.`);
  }
  const roots = nodes.filter((node) => elementName(node) !== undefined);
  if (roots.length !== 1) {
    return problemAt(lines, 0, 0, roots.length === 0 ? 'The file has no root element.' : 'The file has more than one root element.');
  }
  const depthProblem: { offset?: number } = {};
  const root = toElement(roots[0] as Record<string, unknown>, 1, depthProblem);
  if (!root) {
    return problemAt(lines, depthProblem.offset ?? 0, 1, `Elements are nested more than ${MAX_DEPTH} levels deep.`);
  }
  return { ok: true, doc: { root, lines } };
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

function toElement(node: Record<string, unknown>, depth: number, depthProblem: { offset?: number }): XmlElement | undefined {
  const name = elementName(node)!;
  const meta = (node as Record<symbol, { startIndex: number; endIndex: number } | undefined>)[META];
  const start = meta?.startIndex ?? 0;
  if (depth > MAX_DEPTH) {
    depthProblem.offset = start;
    return undefined;
  }
  const attrs = (node[ATTRS_KEY] as Record<string, string> | undefined) ?? {};
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[name] as Record<string, unknown>[]) ?? []) {
    if (TEXT_KEY in child) {
      text += String(child[TEXT_KEY]);
      continue;
    }
    const element = toElement(child, depth + 1, depthProblem);
    if (!element) return undefined;
    children.push(element);
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
