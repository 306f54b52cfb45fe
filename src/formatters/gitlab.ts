// GitLab Code Quality report (a subset of the Code Climate issue format) for merge request widgets and diffs.
import { createHash } from 'node:crypto';
import type { Finding } from '../findings/index.js';
import type { Formatter, LintResult } from '../findings/result.js';
import { repositoryPath } from './util.js';

export type GitLabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/** An error from a rule whose security severity is at least this (GitHub's "critical" band) is `critical`; other errors are `major`. */
export const GITLAB_CRITICAL_SECURITY_SEVERITY = 9.0;

/**
 * error → major (critical for rules with a security severity of 9.0 or more), warning → minor, note → info.
 * `blocker` is never used: it is left to the team's own gate (--fail-on).
 */
export function gitlabSeverity(finding: Finding, securitySeverity: number | undefined): GitLabSeverity {
  switch (finding.severity) {
    case 'error':
      return securitySeverity !== undefined && securitySeverity >= GITLAB_CRITICAL_SECURITY_SEVERITY ? 'critical' : 'major';
    case 'warning':
      return 'minor';
    default:
      return 'info';
  }
}

/**
 * Keyed on the rule, message, file and element identity (not the line), so GitLab matches a finding across commits
 * even when lines are added above it; findings with the same key are numbered in order so that each is unique.
 */
function fingerprints(result: LintResult): string[] {
  const seen = new Map<string, number>();
  return result.findings.map((f) => {
    const key = [f.ruleId, f.messageId, repositoryPath(result, f.location), f.location.element || `${f.location.range.startLine}`].join(
      '\u0000',
    );
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32);
  });
}

export const gitlab: Formatter = (result) => {
  const securitySeverities = new Map(result.rules.map((r) => [r.id, r.securitySeverity]));
  const prints = fingerprints(result);
  const issues = result.findings.map((f, i) => ({
    description: f.message,
    check_name: f.ruleId,
    fingerprint: prints[i]!,
    severity: gitlabSeverity(f, securitySeverities.get(f.ruleId)),
    location: {
      path: repositoryPath(result, f.location),
      lines: { begin: f.location.range.startLine, end: f.location.range.endLine },
    },
  }));
  return `${JSON.stringify(issues, null, 2)}\n`;
};
