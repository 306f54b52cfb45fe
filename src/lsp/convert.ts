// Findings to LSP terms: ranges (1-based to 0-based; both count UTF-16 code units, ends exclusive), diagnostics, URIs.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type Position, type Range as LspRange } from 'vscode-languageserver/node';
import { ruleDocsUrl } from '../api/index.js';
import type { Finding, Range, Severity } from '../findings/index.js';

export const SOURCE = 'sfmeta-lint';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  note: DiagnosticSeverity.Information,
};

export function toLspRange(range: Range): LspRange {
  return {
    start: { line: range.startLine - 1, character: range.startColumn - 1 },
    end: { line: range.endLine - 1, character: range.endColumn - 1 },
  };
}

export function fileToUri(file: string): string {
  return pathToFileURL(file).href;
}

/** The file a URI names, or undefined for anything but a file (an untitled buffer, a remote file). */
export function uriToFile(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** A finding as a diagnostic; `uriOf` gives the URI of a file of the project (relative to its root). */
export function toDiagnostic(finding: Finding, uriOf: (file: string) => string): Diagnostic {
  return {
    range: toLspRange(finding.location.range),
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    source: SOURCE,
    message: finding.message,
    ...(finding.related.length > 0
      ? {
          relatedInformation: finding.related.map((r) => ({
            location: { uri: uriOf(r.file), range: toLspRange(r.range) },
            message: r.message,
          })),
        }
      : {}),
  };
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Whether two ranges share a position; a range's end counts, so that a cursor just after a finding still finds it. */
export function touches(a: LspRange, b: LspRange): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}
