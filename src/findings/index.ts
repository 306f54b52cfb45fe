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
