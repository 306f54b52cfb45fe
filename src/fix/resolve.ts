// Semantic edits to byte-exact text edits on one file: minimal, in the file's own indentation and line endings. Pure.
import { compareStrings, type Change, type Location, type NewElement, type Placement, type TextEdit } from '../findings/index.js';
import { checkXml, child, LineIndex, parseXml, stripBom, type XmlElement } from '../xml/index.js';

/** A replacement of `text[start, end)`; an insertion when start equals end. Offsets count without a leading BOM. */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

export type Resolution = { ok: true; edits: OffsetEdit[] } | { ok: false; reason: string };

const BLANK = /^[ \t]*$/u;
const NUMBER = /^\d+$/u;
const COMMENT = /^<!--[^]*-->$/u;
const DEFAULT_INDENT = '    ';

/** One file's text, parsed once, for resolving every change that touches it. */
export class SourceText {
  readonly text: string;
  readonly lines: LineIndex;
  private parsed?: { root: XmlElement; byStart: Map<number, XmlElement[]> } | null;
  private unit?: string;

  private wellFormed?: boolean;

  /**
   * With `parsed`, the locations to resolve come from parsing this very text (the run's own findings): an element they
   * name can be parsed on its own. Otherwise (an editor's buffer, which may have changed since) the whole tree decides.
   */
  constructor(
    readonly file: string,
    text: string,
    private readonly parsedHere = false,
  ) {
    this.text = stripBom(text);
    this.lines = new LineIndex(this.text);
  }

  /** The tree with every element indexed by its start offset; null when the text is not well-formed. */
  private tree() {
    if (this.parsed === undefined) {
      const result = parseXml(this.text);
      if (!result.ok) this.parsed = null;
      else {
        const byStart = new Map<number, XmlElement[]>();
        const visit = (element: XmlElement): void => {
          const list = byStart.get(element.start);
          if (list) list.push(element);
          else byStart.set(element.start, [element]);
          element.children.forEach(visit);
        };
        visit(result.doc.root);
        this.parsed = { root: result.doc.root, byStart };
      }
    }
    return this.parsed;
  }

  offsets(location: Location): { start: number; end: number } {
    const { startLine, startColumn, endLine, endColumn } = location.range;
    return { start: this.lines.offset(startLine, startColumn), end: this.lines.offset(endLine, endColumn) };
  }

  /** The element exactly at a location (and, with `path`, its descendant), or why there is none. */
  element(location: Location, path?: string): XmlElement | string {
    if (location.file !== this.file) return `the change is for ${location.file}, not ${this.file}`;
    const { start, end } = this.offsets(location);
    let found = this.parsed ? this.parsed.byStart.get(start)?.find((e) => e.end === end) : this.alone(start, end);
    if (!found) {
      const tree = this.tree();
      if (!tree) return `${this.file} is not well-formed XML`;
      found = tree.byStart.get(start)?.find((e) => e.end === end);
    }
    if (!found) return `no element of ${this.file} is at line ${location.range.startLine}, column ${location.range.startColumn} any more`;
    for (const name of path ? path.split('/') : []) {
      found = child(found, name);
      if (!found) return `the element at line ${location.range.startLine} has no <${name}>`;
    }
    return found;
  }

  /**
   * The element that spans exactly `[start, end)`, parsed on its own: a large file need not be parsed whole for the
   * element a location names (the location comes from the parser, on this very text). Undefined when that text is not
   * one element; the whole tree then decides.
   */
  private alone(start: number, end: number): XmlElement | undefined {
    if (!this.parsedHere || start >= end || this.text[start] !== '<') return undefined;
    // As the whole tree would: nothing is found in a text that is not well-formed (checked without building the tree).
    this.wellFormed ??= checkXml(this.text).ok;
    if (!this.wellFormed) return undefined;
    const result = parseXml(this.text.slice(start, end));
    if (!result.ok || result.doc.root.start !== 0 || result.doc.root.end !== end - start) return undefined;
    const shift = (element: XmlElement): XmlElement => ({
      ...element,
      start: element.start + start,
      end: element.end + start,
      children: element.children.map(shift),
    });
    return shift(result.doc.root);
  }

  root(): XmlElement | undefined {
    return this.tree()?.root;
  }

  lineStart(offset: number): number {
    return this.lines.offset(this.lines.position(offset).line, 1);
  }

  /** The offset of the line terminator at or after `offset` (the text's length on the last line). */
  lineEnd(offset: number): number {
    let i = offset;
    while (i < this.text.length && this.text[i] !== '\n' && this.text[i] !== '\r') i++;
    return i;
  }

  terminatorAt(offset: number): string {
    if (this.text.startsWith('\r\n', offset)) return '\r\n';
    const c = this.text[offset];
    return c === '\n' || c === '\r' ? c : '';
  }

  /** The line ending new lines near `offset` take: that line's own, else the file's first, else LF. */
  eolNear(offset: number): string {
    const own = this.terminatorAt(this.lineEnd(offset));
    if (own) return own;
    const first = this.text.search(/\r\n?|\n/u);
    return first >= 0 ? this.terminatorAt(first) : '\n';
  }

  /** The whitespace before an element on its line, when nothing else precedes it there. */
  indentOf(element: { start: number }): string | undefined {
    const before = this.text.slice(this.lineStart(element.start), element.start);
    return BLANK.test(before) ? before : undefined;
  }

  /** One level of the file's indentation: how far the root's first child on its own line is indented past the root. */
  indentUnit(): string {
    if (this.unit !== undefined) return this.unit;
    const root = this.root();
    const rootIndent = (root && this.indentOf(root)) ?? '';
    for (const c of root?.children ?? []) {
      const indent = this.indentOf(c);
      if (indent !== undefined && indent.length > rootIndent.length && indent.startsWith(rootIndent))
        return (this.unit = indent.slice(rootIndent.length));
    }
    return (this.unit = DEFAULT_INDENT);
  }

  /** The indentation of a new child of `parent`: its children's, else the parent's plus one level. */
  childIndent(parent: XmlElement): string {
    for (const c of parent.children) {
      const indent = this.indentOf(c);
      if (indent !== undefined) return indent;
    }
    return (this.indentOf(parent) ?? '') + this.indentUnit();
  }

  /** Offsets as a Range of this text (1-based, UTF-16 columns, end exclusive). */
  textEdit(edit: OffsetEdit): TextEdit {
    return { file: this.file, range: this.lines.range(edit.start, edit.end), text: edit.text };
  }
}

/**
 * Resolves a fix's changes against one file's text. Every change must find its element exactly where the model located
 * it; otherwise the text is not the one the findings were computed on and nothing is resolved.
 */
export function resolveChanges(source: SourceText, changes: readonly Change[]): Resolution {
  const edits: OffsetEdit[] = [];
  for (const change of changes) {
    const resolved = resolveChange(source, change);
    if (typeof resolved === 'string') return { ok: false, reason: resolved };
    edits.push(...resolved);
  }
  // Stable: insertions at one point keep the order of the changes.
  const sorted = edits.map((edit, i) => ({ edit, i })).sort((a, b) => a.edit.start - b.edit.start || a.i - b.i);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.edit.start < sorted[i - 1]!.edit.end) return { ok: false, reason: 'two changes of the fix overlap' };
  }
  return { ok: true, edits: sorted.map((s) => s.edit) };
}

function resolveChange(source: SourceText, change: Change): OffsetEdit[] | string {
  switch (change.kind) {
    case 'remove':
      return removal(source, change.target, change.child);
    case 'set-text':
      return textReplacement(source, change.target, change.text, change.child);
    case 'insert':
      return insertion(source, change.parent, change.element, change.place);
  }
}

function removal(source: SourceText, target: Location, path: string | undefined): OffsetEdit[] | string {
  let start: number;
  let end: number;
  const { text } = source;
  const located = source.offsets(target);
  if (path === undefined && target.file === source.file && COMMENT.test(text.slice(located.start, located.end))) {
    ({ start, end } = located);
  } else {
    const element = source.element(target, path);
    if (typeof element === 'string') return element;
    ({ start, end } = element);
  }
  const lineStart = source.lineStart(start);
  const lineEnd = source.lineEnd(end);
  const before = text.slice(lineStart, start);
  const after = text.slice(end, lineEnd);
  if (BLANK.test(before) && BLANK.test(after)) {
    const terminator = source.terminatorAt(lineEnd);
    // On the last line, without a terminator of its own, the previous line's terminator goes instead.
    if (terminator === '' && lineStart > 0) {
      const previous = text[lineStart - 1] === '\n' && text[lineStart - 2] === '\r' ? 2 : 1;
      return [{ start: lineStart - previous, end: lineEnd, text: '' }];
    }
    return [{ start: lineStart, end: lineEnd + terminator.length, text: '' }];
  }
  // Sharing its line: the element goes with the blanks that would otherwise be left beside it.
  if (BLANK.test(after)) return [{ start: start - (before.length - before.trimEnd().length), end: lineEnd, text: '' }];
  return [{ start, end: end + (after.length - after.trimStart().length), text: '' }];
}

function textReplacement(source: SourceText, target: Location, value: string, path: string | undefined): OffsetEdit[] | string {
  const element = source.element(target, path);
  if (typeof element === 'string') return element;
  if (element.children.length > 0) return `<${element.name}> has child elements; only a leaf's value can be set`;
  const { text } = source;
  const openEnd = startTagEnd(text, element.start);
  const escaped = escapeXml(value);
  if (text[openEnd - 2] === '/') {
    // `<enabled/>`: the start tag keeps its attributes and quoting, and gains the value and an end tag.
    const open = text.slice(element.start, openEnd - 2).trimEnd();
    return [{ start: element.start, end: element.end, text: `${open}>${escaped}</${element.name}>` }];
  }
  const closeStart = text.lastIndexOf('</', element.end - 1);
  if (text.slice(openEnd, closeStart) === escaped) return [];
  return [{ start: openEnd, end: closeStart, text: escaped }];
}

/** The offset just past the `>` that ends the start tag at `start`, skipping quoted attribute values. */
function startTagEnd(text: string, start: number): number {
  let quote = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return text.length;
}

function insertion(source: SourceText, parentAt: Location, element: NewElement, place: Placement): OffsetEdit[] | string {
  const parent = source.element(parentAt);
  if (typeof parent === 'string') return parent;
  const { text } = source;
  const indent = source.childIndent(parent);
  const unit = source.indentUnit();
  const anchor = anchorOf(source, parent, element, place);
  if (typeof anchor === 'string') return anchor;
  if (anchor.before) {
    const sibling = anchor.before;
    const own = source.indentOf(sibling);
    const eol = source.eolNear(sibling.start);
    if (own !== undefined)
      return [
        { start: source.lineStart(sibling.start), end: source.lineStart(sibling.start), text: serialize(element, own, unit, eol) + eol },
      ];
    return [{ start: sibling.start, end: sibling.start, text: serialize(element, '', '', '') }];
  }
  if (anchor.after) {
    const sibling = anchor.after;
    const lineEnd = source.lineEnd(sibling.end);
    const terminator = source.terminatorAt(lineEnd);
    if (BLANK.test(text.slice(sibling.end, lineEnd)) && terminator) {
      const at = lineEnd + terminator.length;
      return [{ start: at, end: at, text: serialize(element, source.indentOf(sibling) ?? indent, unit, terminator) + terminator }];
    }
    return [{ start: sibling.end, end: sibling.end, text: serialize(element, '', '', '') }];
  }
  // No element child: the new one goes before the parent's end tag.
  if (text[startTagEnd(text, parent.start) - 2] === '/') return `<${parent.name}/> is self-closing; nothing is inserted into it`;
  const closeStart = text.lastIndexOf('</', parent.end - 1);
  const eol = source.eolNear(parent.start);
  const closeIndent = source.indentOf({ start: closeStart });
  if (closeIndent !== undefined) {
    const at = source.lineStart(closeStart);
    return [{ start: at, end: at, text: serialize(element, closeIndent + unit, unit, eol) + eol }];
  }
  return [
    { start: closeStart, end: closeStart, text: eol + serialize(element, indent, unit, eol) + eol + (source.indentOf(parent) ?? '') },
  ];
}

type Anchor =
  { before: XmlElement; after?: undefined } | { after: XmlElement; before?: undefined } | { before?: undefined; after?: undefined };

function anchorOf(source: SourceText, parent: XmlElement, element: NewElement, place: Placement): Anchor | string {
  const children = parent.children;
  const last = children[children.length - 1];
  switch (place.kind) {
    case 'after':
    case 'before': {
      const located = source.element(place.sibling);
      if (typeof located === 'string') return located;
      // By offsets: an element parsed on its own is not the object in its parent's children.
      const sibling = children.find((c) => c.start === located.start && c.end === located.end);
      if (!sibling) return `<${located.name}> at line ${place.sibling.range.startLine} is not a child of <${parent.name}>`;
      return place.kind === 'after' ? { after: sibling } : { before: sibling };
    }
    case 'last':
      return last ? { after: last } : {};
    case 'sorted': {
      // Among elements of its own name when there are some (a hand-edited file may not be sorted as a whole), else by name.
      const same = children.filter((c) => c.name === element.name);
      const newKey = place.key !== undefined ? element.children?.find((c) => c.name === place.key)?.text : undefined;
      if (same.length > 0) {
        const next = same.find((c) => compareKeys(place.key !== undefined ? child(c, place.key)?.text : undefined, newKey) > 0);
        return next ? { before: next } : { after: same[same.length - 1]! };
      }
      const next = children.find((c) => compareStrings(c.name, element.name) > 0);
      return next ? { before: next } : last ? { after: last } : {};
    }
  }
}

/** Key texts compare as numbers when both are whole numbers (`sortOrder`), else in code-unit order; a missing key sorts first. */
function compareKeys(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  if (NUMBER.test(a) && NUMBER.test(b)) return Number(a) - Number(b);
  return compareStrings(a, b);
}

/** The element as text: a leaf on one line, an element with children over several, each level one `unit` deeper. */
export function serialize(element: NewElement, indent: string, unit: string, eol: string): string {
  if (!element.children) return `${indent}<${element.name}>${escapeXml(element.text ?? '')}</${element.name}>`;
  const inner = element.children.map((c) => serialize(c, indent + unit, unit, eol));
  return [`${indent}<${element.name}>`, ...inner, `${indent}</${element.name}>`].join(eol);
}

function escapeXml(value: string): string {
  return value.replace(/[&<>]/gu, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** Applies sorted, non-overlapping edits (insertions at one offset in their order). */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}
