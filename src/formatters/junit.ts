// JUnit XML for CI test reports: a testcase per rule per file with findings, a <failure> per finding.
import { compareStrings, type Finding } from '../findings/index.js';
import type { Formatter, LintResult } from '../findings/result.js';
import { relatedLines, repositoryPath } from './util.js';

/** The classname of the testcases that are about the run, not a file: rules that passed everywhere, rules that crashed. */
export const JUNIT_RUN_CLASSNAME = 'sfmeta-lint';

// XML 1.0 allows tab, newline and carriage return among the C0 controls, and no U+FFFE, U+FFFF or lone surrogates.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- control characters are what this pattern is about
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text content; characters XML 1.0 forbids become U+FFFD. */
export function xmlText(value: string): string {
  return value.replace(FORBIDDEN, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Escapes an attribute value (double-quoted); whitespace is kept as character references so that parsers do not normalise it away. */
export function xmlAttribute(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

interface TestCase {
  classname: string;
  name: string;
  body: string[];
}

function failure(result: LintResult, finding: Finding, helpUri: string | undefined): string {
  const { startLine, startColumn } = finding.location.range;
  const text = [
    `${startLine}:${startColumn} ${finding.severity} ${finding.message}`,
    ...relatedLines(result, finding),
    ...(helpUri ? [`Rule: ${finding.ruleId} (${helpUri})`] : [`Rule: ${finding.ruleId}`]),
  ].join('\n');
  return `<failure message="${xmlAttribute(finding.message)}" type="${finding.severity}">${xmlText(text)}</failure>`;
}

export const junit: Formatter = (result) => {
  const helpUris = new Map(result.rules.map((r) => [r.id, r.helpUri]));
  const failing = new Map<string, TestCase>();
  for (const finding of result.findings) {
    const classname = repositoryPath(result, finding.location);
    const key = `${classname}\u0000${finding.ruleId}`;
    const testCase = failing.get(key) ?? { classname, name: finding.ruleId, body: [] };
    testCase.body.push(failure(result, finding, helpUris.get(finding.ruleId)));
    failing.set(key, testCase);
  }
  const failingCases = [...failing.values()].sort((a, b) => compareStrings(a.classname, b.classname) || compareStrings(a.name, b.name));
  const crashed = new Set(result.internalErrors.map((e) => e.ruleId));
  const ruleIdsWithFindings = new Set(result.findings.map((f) => f.ruleId));
  // A rule that ran without a finding or a crash passed on every file: one passing testcase, so that a clean run is not "0 tests".
  const passingCases: TestCase[] = result.rules
    .filter((r) => !ruleIdsWithFindings.has(r.id) && !crashed.has(r.id))
    .map((r) => ({ classname: JUNIT_RUN_CLASSNAME, name: r.id, body: [] }));
  const erroredCases: TestCase[] = result.internalErrors.map((e) => ({
    classname: JUNIT_RUN_CLASSNAME,
    name: e.ruleId,
    body: [
      `<error message="${xmlAttribute(e.message)}" type="internal-error">${xmlText(`Internal error in rule ${e.ruleId}: ${e.message}`)}</error>`,
    ],
  }));
  const cases = [...failingCases, ...passingCases, ...erroredCases];
  const counts = `tests="${cases.length}" failures="${failingCases.length}" errors="${erroredCases.length}" skipped="0"`;
  const name = xmlAttribute(result.tool.name);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${name}" ${counts}>`,
    `  <testsuite name="${name}" ${counts}>`,
  ];
  for (const c of cases) {
    const open = `    <testcase classname="${xmlAttribute(c.classname)}" name="${xmlAttribute(c.name)}"`;
    if (c.body.length === 0) lines.push(`${open}/>`);
    else lines.push(`${open}>`, ...c.body.map((b) => `      ${b}`), '    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>');
  return `${lines.join('\n')}\n`;
};
