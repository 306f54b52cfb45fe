// The shapes the XML parser gives and takes, and the limits and options it parses with.
import type { Range } from '../findings/index.js';
import type { LineIndex } from './lines.js';

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
  /** Whether `<!` occurs in the text: without it, the text holds no comment, CDATA section or declaration. */
  declarations: boolean;
  /** Root children left out of the tree (ParseOptions.skip), counted by name. */
  skipped?: Map<string, number>;
  /**
   * Where those children are in `text`: pairs [start, end) of offsets, each a run of whole plain root children (see
   * walkBlocks). Present whenever `skipped` is.
   */
  cuts?: readonly number[];
}

export interface XmlProblem {
  message: string;
  range: Range;
}

export type ParseResult = { ok: true; doc: XmlDocument } | { ok: false; problem: XmlProblem };

/** Salesforce metadata nests about ten levels deep; far deeper input is hostile or broken. */
export const MAX_DEPTH = 256;

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

export interface Checked {
  ok: true;
  root: RootInfo;
  lines: LineIndex;
  text: string;
  /** Whether `<!` occurs in the text: without it, the text holds no comment, CDATA section or declaration. */
  declarations: boolean;
  /** With `skip`: the plain root children it wanted, as pairs [start, end) of offsets into `text` (see walkBlocks). */
  cuts: readonly number[];
  /** With `skip`: how many root children it wanted are not in `cuts` (they are in `tree` when there is one). */
  kept: number;
  /** The parsed tree, when the quick scan could not check the text and it was parsed instead (nothing is then cut). */
  tree?: XmlElement;
}

export type CheckResult = Checked | { ok: false; problem: XmlProblem };
