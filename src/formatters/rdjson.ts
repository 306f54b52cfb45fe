// reviewdog Diagnostic Format (rdjson): one DiagnosticResult, for `reviewdog -f=rdjson`.
import { severityRank, type Severity } from '../findings/index.js';
import type { Formatter } from '../findings/result.js';
import { relatedLines, repositoryPath } from './util.js';

type RdSeverity = 'ERROR' | 'WARNING' | 'INFO';

const SEVERITIES: Record<Severity, RdSeverity> = { error: 'ERROR', warning: 'WARNING', note: 'INFO' };

export const rdjson: Formatter = (result) => {
  const helpUris = new Map(result.rules.map((r) => [r.id, r.helpUri]));
  const highest = result.findings.reduce<Severity>((top, f) => (severityRank(f.severity) > severityRank(top) ? f.severity : top), 'note');
  const document = {
    source: { name: result.tool.name, url: result.tool.informationUri },
    // The overall severity: the most severe diagnostic's (INFO when there are none).
    severity: SEVERITIES[highest],
    diagnostics: result.findings.map((f) => {
      const { startLine, startColumn, endLine, endColumn } = f.location.range;
      const url = helpUris.get(f.ruleId);
      return {
        message: [f.message, ...relatedLines(result, f)].join('\n'),
        location: {
          path: repositoryPath(result, f.location),
          range: { start: { line: startLine, column: startColumn }, end: { line: endLine, column: endColumn } },
        },
        severity: SEVERITIES[f.severity],
        code: url ? { value: f.ruleId, url } : { value: f.ruleId },
      };
    }),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
};
