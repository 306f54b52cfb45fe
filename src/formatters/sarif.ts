// SARIF 2.1.0 for GitHub code scanning and other review tools: one run, a descriptor per rule, stable fingerprints.
import { createHash } from 'node:crypto';
import type { Finding, Location } from '../findings/index.js';
import type { Formatter, LintResult, Suppression } from '../findings/result.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const ROOT_BASE_ID = '%SRCROOT%';

function physicalLocation(location: Location, prefix: string) {
  return {
    artifactLocation: { uri: encodeUri(prefix + location.file), uriBaseId: ROOT_BASE_ID },
    region: { ...location.range },
  };
}

/** Percent-encodes what a URI reference may not hold (spaces, %), keeping `/` and the characters GitHub shows as is. */
function encodeUri(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** Keyed on the rule, file and element identity, not on lines, so it survives edits above the finding. */
function fingerprint(finding: Finding): string {
  const key = [
    finding.ruleId,
    finding.messageId,
    finding.location.file,
    finding.location.element || `${finding.location.range.startLine}`,
  ].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

export const sarif: Formatter = (result: LintResult) => {
  const ruleIndex = new Map(result.rules.map((r, i) => [r.id, i]));
  const occurrences = new Map<string, number>();
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: result.tool.name,
            version: result.tool.version,
            semanticVersion: result.tool.version,
            informationUri: result.tool.informationUri,
            rules: result.rules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              help: { text: r.help, markdown: r.help },
              helpUri: r.helpUri,
              defaultConfiguration: { level: r.defaultSeverity },
              properties: {
                tags: [...new Set([...r.tags, ...(r.securitySeverity !== undefined ? ['security'] : [])])],
                category: r.category,
                ...(r.securitySeverity !== undefined ? { 'security-severity': r.securitySeverity.toFixed(1) } : {}),
              },
            })),
          },
        },
        originalUriBaseIds: { [ROOT_BASE_ID]: { description: { text: 'The repository root' } } },
        results: [...result.findings, ...result.suppressed].map((f: Finding & { suppression?: Suppression }) => {
          const base = fingerprint(f);
          const seen = occurrences.get(base) ?? 0;
          occurrences.set(base, seen + 1);
          return {
            ruleId: f.ruleId,
            ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
            level: f.severity,
            message: { text: f.message },
            locations: [{ physicalLocation: physicalLocation(f.location, result.repositoryPrefix) }],
            ...(f.related.length > 0
              ? {
                  relatedLocations: f.related.map((r, id) => ({
                    id,
                    message: { text: r.message },
                    physicalLocation: physicalLocation(r, result.repositoryPrefix),
                  })),
                }
              : {}),
            partialFingerprints: { 'sfmetaLint/v1': `${base}:${seen + 1}` },
            ...(f.suppression
              ? {
                  suppressions: [
                    {
                      kind: f.suppression.kind === 'inline' ? 'inSource' : 'external',
                      status: 'accepted',
                      justification: f.suppression.justification,
                    },
                  ],
                }
              : {}),
          };
        }),
        invocations: [
          {
            executionSuccessful: result.internalErrors.length === 0,
            toolExecutionNotifications: result.internalErrors.map((e) => ({
              level: 'error',
              message: { text: `Internal error in rule ${e.ruleId}: ${e.message}` },
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
