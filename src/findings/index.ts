// Finding and location types shared by every layer; a leaf module with no imports.

export type Severity = 'error' | 'warning' | 'note';
export type SeverityOrOff = Severity | 'off';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];

/** 1-based lines and columns; columns count UTF-16 code units; the end column is exclusive (as in SARIF). */
export interface Range {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface Location {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  range: Range;
  /**
   * A semantic identity of the element inside its file (for example
   * `userPermissions[name=ModifyAllData]`) that survives reformatting; used by
   * fingerprints and baselines instead of line numbers.
   */
  element: string;
}

export interface RelatedLocation extends Location {
  message: string;
}

export interface Finding {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  location: Location;
  related: RelatedLocation[];
  /** The change the rule's README names as the fix, with no judgement left: `--fix` applies it. */
  fix?: Fix;
  /** Likely changes a person must choose among; never applied by `--fix`. */
  suggestions?: Fix[];
}

/**
 * A fix or a suggestion, as data: what it does, in one sentence, and the change as semantic edits on located elements.
 * `edits` is the same change as text edits, once resolved against the file's text (src/fix); plain data, so that it
 * survives the result cache and reaches JSON, SARIF and an editor unchanged.
 */
export interface Fix {
  /** Which of the rule's `fixMessages`. */
  messageId: string;
  message: string;
  changes: Change[];
  edits?: TextEdit[];
}

/**
 * One semantic edit, on elements the model located (never on offsets computed from text). The fix layer turns it into
 * a minimal text edit that keeps the rest of the file byte for byte.
 * - `remove`: the element (or comment), with its whole lines when it stands alone on them.
 * - `set-text`: the character content of a leaf element (`<enabled>true</enabled>` → `false`).
 * - `insert`: a new element as a child of `parent`, with the file's indentation and line endings.
 * `child` narrows a target to a descendant by a slash-separated path of element names (`name`, `a/b`), for elements
 * the model locates only by their parent.
 */
export type Change =
  | { kind: 'remove'; target: Location; child?: string }
  | { kind: 'set-text'; target: Location; child?: string; text: string }
  | { kind: 'insert'; parent: Location; element: NewElement; place: Placement };

/** An element to insert: a leaf with text, or an element with children (written one per line). */
export interface NewElement {
  name: string;
  text?: string;
  children?: NewElement[];
}

/**
 * Where an inserted element goes among its parent's children. `sorted` is the order the Metadata API writes most types
 * in: by element name, then by the text of the `key` child (numerically when both are numbers), in code-unit order;
 * the element goes before the first child that sorts after it. `last`: after the last child.
 */
export type Placement = { kind: 'after' | 'before'; sibling: Location } | { kind: 'sorted'; key?: string } | { kind: 'last' };

/** A change to a file's text: the range it replaces (empty for an insertion) and the new text. */
export interface TextEdit {
  file: string;
  range: Range;
  text: string;
}

export function severityRank(severity: SeverityOrOff): number {
  switch (severity) {
    case 'error':
      return 3;
    case 'warning':
      return 2;
    case 'note':
      return 1;
    default:
      return 0;
  }
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.location.file, b.location.file) ||
    a.location.range.startLine - b.location.range.startLine ||
    a.location.range.startColumn - b.location.range.startColumn ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

/** Code-unit order, independent of the machine's locale, so that output is byte-identical everywhere. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
