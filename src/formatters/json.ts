// Machine output with a versioned, documented schema (docs/json-format.md).
import type { Formatter } from './types.js';

export const JSON_FORMAT_VERSION = 1;

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
    findings: result.findings.map((f) => ({
      ruleId: f.ruleId,
      messageId: f.messageId,
      severity: f.severity,
      message: f.message,
      file: f.location.file,
      ...f.location.range,
      element: f.location.element,
      related: f.related.map((r) => ({ file: r.file, ...r.range, element: r.element, message: r.message })),
    })),
    internalErrors: result.internalErrors.map(({ ruleId, message }) => ({ ruleId, message })),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
};
