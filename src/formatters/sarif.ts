// SARIF 2.1.0 for GitHub code scanning and other review tools: one run, a descriptor per rule, stable fingerprints.
import { createHash } from 'node:crypto';
import { severityRank, type Finding, type Fix, type Location, type Severity } from '../findings/index.js';
import type { Formatter, LintResult, RuleDescriptor, Suppression } from '../findings/result.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const ROOT_BASE_ID = '%SRCROOT%';

/**
 * GitHub code scanning rejects a run with more results than this
 * (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning);
 * past it, the most severe findings are kept and a notification says how many were left out.
 */
export const SARIF_MAX_RESULTS = 25_000;

/** GitHub's `problem.severity`, for rules that are not security rules (security rules have `security-severity`). */
const PROBLEM_SEVERITY: Record<Severity, 'error' | 'warning' | 'recommendation'> = {
  error: 'error',
  warning: 'warning',
  note: 'recommendation',
};

type SarifFinding = Finding & { suppression?: Suppression };

function physicalLocation(location: Location, prefix: string) {
  return {
    artifactLocation: { uri: encodeUri(prefix + location.file), uriBaseId: ROOT_BASE_ID },
    region: { ...location.range },
  };
}

/**
 * A fix or suggestion as a SARIF `fix` (§3.55): its edits grouped by file into `artifactChanges`, each a `replacement`
 * of a `deletedRegion` (empty for an insertion) by `insertedContent`. SARIF has no kind of fix; `properties.kind` says
 * which one it is, for tools that apply fixes and must leave suggestions to a person. A fix without edits (not
 * resolved: its file could not be read) is left out, as SARIF wants at least one change.
 */
function sarifFix(fix: Fix, kind: 'fix' | 'suggestion', prefix: string) {
  const byFile = new Map<string, NonNullable<Fix['edits']>>();
  for (const edit of fix.edits ?? []) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  return {
    description: { text: fix.message },
    artifactChanges: [...byFile].map(([file, edits]) => ({
      artifactLocation: { uri: encodeUri(prefix + file), uriBaseId: ROOT_BASE_ID },
      replacements: edits.map((e) => ({ deletedRegion: { ...e.range }, ...(e.text !== '' ? { insertedContent: { text: e.text } } : {}) })),
    })),
    properties: { kind },
  };
}

function sarifFixes(finding: Finding, prefix: string) {
  const all = [
    ...(finding.fix?.edits?.length ? [sarifFix(finding.fix, 'fix', prefix)] : []),
    ...(finding.suggestions ?? []).filter((s) => s.edits?.length).map((s) => sarifFix(s, 'suggestion', prefix)),
  ];
  return all.length > 0 ? { fixes: all } : {};
}

/** Percent-encodes what a URI reference may not hold (spaces, %), keeping `/` and the characters GitHub shows as is. */
function encodeUri(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/**
 * Keyed on the rule, file and element identity, not on lines, so it survives edits above the finding. GitHub does not
 * read it (it computes its own `primaryLocationLineHash`); other SARIF tools and scripts that compare runs do.
 */
function fingerprint(finding: Finding): string {
  const key = [
    finding.ruleId,
    finding.messageId,
    finding.location.file,
    finding.location.element || `${finding.location.range.startLine}`,
  ].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/** Square brackets and backslashes in the text of an embedded link are escaped with a backslash (SARIF 2.1.0 §3.11.6). */
function linkText(text: string): string {
  return text.replace(/[\\[\]]/g, (c) => `\\${c}`);
}

/**
 * The message, with a link per related location (`[text](id)`): GitHub shows related locations only when the message
 * links them. Literal brackets in a message that carries links are escaped so that none reads as a link.
 */
function messageText(finding: Finding): string {
  if (finding.related.length === 0) return finding.message;
  const links = finding.related.map((r, i) => `[${linkText(r.message)}](${i + 1})`);
  return `${linkText(finding.message)} Related: ${links.join('; ')}.`;
}

/**
 * Relative links in the rule's README (to another rule, to the docs) made absolute against the README's own URL, so
 * that they work wherever the help is shown. Absolute links and in-page anchors are kept.
 */
export function absoluteLinks(markdown: string, base: string): string {
  const absolute = (target: string): string => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return target;
    try {
      return new URL(target, base).href;
    } catch {
      return target;
    }
  };
  return (
    markdown
      // Inline links and images: [text](target) or [text](target "title").
      .replace(/(\]\()([^)\s]+)((?:\s+"[^"]*")?\))/g, (_, open: string, target: string, close: string) => open + absolute(target) + close)
      // Reference definitions: [label]: target
      .replace(/^( {0,3}\[[^\]]+\]:\s*)(\S+)/gm, (_, label: string, target: string) => label + absolute(target))
  );
}

function descriptor(rule: RuleDescriptor) {
  const help = absoluteLinks(rule.help, rule.helpUri);
  const security = rule.securitySeverity !== undefined;
  return {
    id: rule.id,
    // A human name, from the rule's declared one-line description; the id stays in `id`.
    name: rule.description,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    help: { text: help, markdown: help },
    helpUri: rule.helpUri,
    defaultConfiguration: { level: rule.defaultSeverity },
    properties: {
      tags: [...new Set([...rule.tags, ...(security ? ['security'] : [])])],
      category: rule.category,
      precision: rule.precision,
      'problem.severity': PROBLEM_SEVERITY[rule.defaultSeverity],
      ...(security ? { 'security-severity': rule.securitySeverity!.toFixed(1) } : {}),
    },
  };
}

/** The findings that fit in one run: all of them, or the most severe when there are more than GitHub accepts. */
function capped(findings: SarifFinding[]): { kept: SarifFinding[]; left: number } {
  if (findings.length <= SARIF_MAX_RESULTS) return { kept: findings, left: 0 };
  const order = findings.map((f, i) => ({ f, i })).sort((a, b) => severityRank(b.f.severity) - severityRank(a.f.severity) || a.i - b.i);
  const keep = new Set(order.slice(0, SARIF_MAX_RESULTS).map(({ i }) => i));
  return { kept: findings.filter((_, i) => keep.has(i)), left: findings.length - SARIF_MAX_RESULTS };
}

/**
 * Suppressed and baselined findings are left out unless `includeSuppressed` is set: GitHub code scanning ignores SARIF
 * `suppressions` and would show them as open alerts. With it, they are marked with `suppressions` for tools that read them.
 */
export const sarif: Formatter = (result: LintResult, options) => {
  const ruleIndex = new Map(result.rules.map((r, i) => [r.id, i]));
  const occurrences = new Map<string, number>();
  const all: SarifFinding[] = options.includeSuppressed ? [...result.findings, ...result.suppressed] : [...result.findings];
  const { kept, left } = capped(all);
  const notifications = [
    ...result.internalErrors.map((e) => ({ level: 'error', message: { text: `Internal error in rule ${e.ruleId}: ${e.message}` } })),
    ...(left > 0
      ? [
          {
            level: 'warning',
            message: {
              text: `${left} less severe findings are left out: GitHub code scanning accepts at most ${SARIF_MAX_RESULTS} results per run. The json format lists them all.`,
            },
          },
        ]
      : []),
  ];
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
            rules: result.rules.map(descriptor),
          },
        },
        ...(options.sarifCategory !== undefined ? { automationDetails: { id: `${options.sarifCategory}/` } } : {}),
        originalUriBaseIds: { [ROOT_BASE_ID]: { description: { text: 'The repository root' } } },
        results: kept.map((f) => {
          const base = fingerprint(f);
          const seen = occurrences.get(base) ?? 0;
          occurrences.set(base, seen + 1);
          return {
            ruleId: f.ruleId,
            ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
            level: f.severity,
            message: { text: messageText(f) },
            locations: [{ physicalLocation: physicalLocation(f.location, result.repositoryPrefix) }],
            ...(f.related.length > 0
              ? {
                  relatedLocations: f.related.map((r, i) => ({
                    id: i + 1,
                    message: { text: r.message },
                    physicalLocation: physicalLocation(r, result.repositoryPrefix),
                  })),
                }
              : {}),
            partialFingerprints: { 'sfmetaLint/v1': `${base}:${seen + 1}` },
            ...sarifFixes(f, result.repositoryPrefix),
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
            toolExecutionNotifications: notifications,
          },
        ],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
