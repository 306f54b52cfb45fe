// Machine output with a versioned, documented schema (docs/json-format.md).
import type { Finding, Fix } from '../findings/index.js';
import type { Formatter } from '../findings/result.js';

export const JSON_FORMAT_VERSION = 1;

function finding(f: Finding) {
  return {
    ruleId: f.ruleId,
    messageId: f.messageId,
    severity: f.severity,
    message: f.message,
    file: f.location.file,
    ...f.location.range,
    element: f.location.element,
    related: f.related.map((r) => ({ file: r.file, ...r.range, element: r.element, message: r.message })),
    ...(f.fix ? { fix: fix(f.fix) } : {}),
    ...(f.suggestions ? { suggestions: f.suggestions.map(fix) } : {}),
  };
}

/** A fix or suggestion: its title and, once resolved against the file's text, its edits. */
function fix(x: Fix) {
  return {
    messageId: x.messageId,
    message: x.message,
    ...(x.edits ? { edits: x.edits.map((e) => ({ file: e.file, ...e.range, text: e.text })) } : {}),
  };
}

export const json: Formatter = (result) => {
  const output = {
    version: JSON_FORMAT_VERSION,
    tool: { name: result.tool.name, version: result.tool.version },
    filesLinted: result.filesLinted,
    filesSkipped: result.filesSkipped,
    summary: {
      errors: result.findings.filter((f) => f.severity === 'error').length,
      warnings: result.findings.filter((f) => f.severity === 'warning').length,
      notes: result.findings.filter((f) => f.severity === 'note').length,
    },
    findings: result.findings.map(finding),
    suppressed: result.suppressed.map((f) => ({ ...finding(f), suppression: f.suppression })),
    internalErrors: result.internalErrors.map(({ ruleId, message }) => ({ ruleId, message })),
    ...(result.fixReport ? { fixes: result.fixReport } : {}),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
};
