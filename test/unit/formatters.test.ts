// Output formats on the sample project: SARIF validates against the official schema, JSON is documented, output is deterministic.
import { createRequire } from 'node:module';
import path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/index.js';
import type { Finding } from '../../src/findings/index.js';
import { FORMATTERS } from '../../src/formatters/index.js';
import { absoluteLinks, SARIF_MAX_RESULTS } from '../../src/formatters/sarif.js';
import { makeProject, SFDX_PROJECT, xml } from '../support/fixtures.js';
import { ROOT } from '../support/paths.js';

const require = createRequire(import.meta.url);
// The OASIS SARIF 2.1.0 schema as shipped in an npm package (not a hand-written copy).
const sarifSchema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
const SAMPLE = path.join(ROOT, 'sample-project');

const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(sarifSchema);

/** Schema errors of a SARIF log holding this one run. */
function validateSarif(sarifRun: unknown): unknown[] {
  validate({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [sarifRun] });
  return validate.errors ?? [];
}

/**
 * What GitHub code scanning would reject or not show, by its documented ingestion rules
 * (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
 * limits on runs, results, rules, tags and strings; one location per result; relative URIs under %SRCROOT%; rule
 * properties it reads; help whose links resolve outside this repository; a category in automationDetails when present.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a SARIF log read back from JSON
function githubIngestionProblems(log: any): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  check(log.version === '2.1.0', 'version 2.1.0');
  check(log.runs.length === 1, 'exactly one run (GitHub no longer combines runs of one category)');
  for (const run of log.runs) {
    check(run.results.length <= 25_000, 'at most 25,000 results per run');
    check(run.tool.driver.rules.length <= 25_000, 'at most 25,000 rules per run');
    check((run.tool.extensions ?? []).length <= 100, 'at most 100 tool extensions');
    check(Boolean(run.originalUriBaseIds?.['%SRCROOT%']), 'originalUriBaseIds declares %SRCROOT%');
    if (run.automationDetails !== undefined)
      check(/^[^/].*\/[^/]*$/.test(run.automationDetails.id), `automationDetails.id "${run.automationDetails.id}" names a category`);
    for (const rule of run.tool.driver.rules) {
      const at = `rule ${rule.id}`;
      check(
        typeof rule.name === 'string' && rule.name !== rule.id && rule.name.length <= 255,
        `${at}: a human name of at most 255 characters`,
      );
      check(rule.shortDescription?.text?.length > 0 && rule.shortDescription.text.length <= 1024, `${at}: shortDescription`);
      check(rule.fullDescription?.text?.length > 0 && rule.fullDescription.text.length <= 1024, `${at}: fullDescription`);
      check(rule.help?.text?.length > 0, `${at}: help.text`);
      check(['note', 'warning', 'error'].includes(rule.defaultConfiguration?.level), `${at}: defaultConfiguration.level`);
      const properties = rule.properties ?? {};
      check((properties.tags ?? []).length <= 10, `${at}: at most 10 tags (GitHub shows no more)`);
      check(['very-high', 'high', 'medium', 'low'].includes(properties.precision), `${at}: precision`);
      check(['error', 'warning', 'recommendation'].includes(properties['problem.severity']), `${at}: problem.severity`);
      const security = properties['security-severity'];
      if (security !== undefined)
        check(typeof security === 'string' && Number(security) > 0 && Number(security) <= 10, `${at}: security-severity in (0, 10]`);
      for (const help of [rule.help?.text ?? '', rule.help?.markdown ?? '']) {
        for (const [, target] of help.matchAll(/\]\(([^)\s]+)/g))
          check(/^https?:\/\//.test(target) || target.startsWith('#'), `${at}: help link ${target} is absolute`);
        for (const [, target] of help.matchAll(/^ {0,3}\[[^\]]+\]:\s*(\S+)/gm))
          check(/^https?:\/\//.test(target), `${at}: help reference ${target} is absolute`);
      }
    }
    for (const [i, result] of run.results.entries()) {
      const at = `result ${i}`;
      check(run.tool.driver.rules[result.ruleIndex]?.id === result.ruleId, `${at}: ruleIndex`);
      check(result.locations.length === 1, `${at}: exactly one location (GitHub reads only the first)`);
      check((result.relatedLocations ?? []).length <= 1000, `${at}: at most 1,000 related locations`);
      for (const location of [...result.locations, ...(result.relatedLocations ?? [])]) {
        const artifact = location.physicalLocation.artifactLocation;
        check(artifact.uriBaseId === '%SRCROOT%', `${at}: uriBaseId %SRCROOT%`);
        check(!/^[a-z][a-z0-9+.-]*:/i.test(artifact.uri) && !artifact.uri.startsWith('/'), `${at}: ${artifact.uri} is relative`);
        check(location.physicalLocation.region.startLine >= 1, `${at}: a start line`);
      }
    }
  }
  return problems;
}

/** The URI of a sample-project file as SARIF gives it: repository-relative, each segment percent-encoded. */
function sarifUri(file: string): string {
  return `sample-project/${file}`
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

describe('formatters on sample-project', async () => {
  const run = await lint({ cwd: SAMPLE });

  it('finds something to show', () => {
    expect(run.findings.length).toBeGreaterThan(3);
  });

  it('SARIF validates against the SARIF 2.1.0 schema', () => {
    for (const options of [{}, { includeSuppressed: true, sarifCategory: 'sfmeta-lint' }]) {
      const log = JSON.parse(FORMATTERS['sarif']!(run, { color: false, ...options }));
      expect(validateSarif(log.runs[0])).toEqual([]);
    }
  });

  it('SARIF meets GitHub code scanning ingestion rules', () => {
    const log = JSON.parse(FORMATTERS['sarif']!(run, { color: false }));
    expect(githubIngestionProblems(log)).toEqual([]);
    // No automationDetails: the upload's `category` (or the workflow and matrix) names the analysis.
    expect(log.runs[0].automationDetails).toBeUndefined();
    const categorized = JSON.parse(FORMATTERS['sarif']!(run, { color: false, sarifCategory: 'sfmeta-lint/force-app' }));
    expect(categorized.runs[0].automationDetails).toEqual({ id: 'sfmeta-lint/force-app/' });
    expect(githubIngestionProblems(categorized)).toEqual([]);
  });

  it('SARIF carries rule descriptors, levels, regions, related locations and fingerprints', () => {
    const log = JSON.parse(FORMATTERS['sarif']!(run, { color: false }));
    const sarifRun = log.runs[0];
    const ids = sarifRun.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(run.rules.map((r) => r.id));
    for (const rule of sarifRun.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.help.markdown).toContain(`# ${rule.id}`);
      expect(rule.helpUri).toContain(rule.id);
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
    // Suppressed and baselined findings are left out by default: GitHub would show them as open alerts.
    expect(run.suppressed.length).toBeGreaterThan(0);
    expect(sarifRun.results).toHaveLength(run.findings.length);
    for (const [i, result] of sarifRun.results.entries()) {
      const finding = run.findings[i]!;
      expect(result.suppressions).toBeUndefined();
      expect(result.ruleId).toBe(finding.ruleId);
      expect(sarifRun.tool.driver.rules[result.ruleIndex].id).toBe(finding.ruleId);
      expect(result.level).toBe(finding.severity);
      expect(result.locations[0].physicalLocation.region).toEqual(finding.location.range);
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe(sarifUri(finding.location.file));
      expect(result.partialFingerprints['sfmetaLint/v1']).toMatch(/^[0-9a-f]{32}:\d+$/);
    }
    expect(sarifRun.results.some((r: { relatedLocations?: unknown[] }) => (r.relatedLocations?.length ?? 0) > 0)).toBe(true);
  });

  it('SARIF keeps suppressed findings, marked with suppressions, only when asked', () => {
    const sarifRun = JSON.parse(FORMATTERS['sarif']!(run, { color: false, includeSuppressed: true })).runs[0];
    expect(sarifRun.results).toHaveLength(run.findings.length + run.suppressed.length);
    const marked = sarifRun.results.slice(run.findings.length);
    expect(marked.map((r: { ruleId: string }) => r.ruleId)).toEqual(run.suppressed.map((f) => f.ruleId));
    for (const [i, result] of marked.entries()) {
      const { kind, justification } = run.suppressed[i]!.suppression;
      expect(result.suppressions).toEqual([{ kind: kind === 'inline' ? 'inSource' : 'external', status: 'accepted', justification }]);
    }
    expect(validateSarif(sarifRun)).toEqual([]);
  });

  it('SARIF links every related location from the message, at its own file, line and column (issue 16)', () => {
    const sarifRun = JSON.parse(FORMATTERS['sarif']!(run, { color: false })).runs[0];
    let checked = 0;
    for (const [i, result] of sarifRun.results.entries()) {
      const finding = run.findings[i]!;
      const related = (result.relatedLocations ?? []) as {
        id: number;
        message: { text: string };
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
      }[];
      expect(related, `${finding.ruleId} at ${finding.location.file}`).toHaveLength(finding.related.length);
      const links = [...result.message.text.matchAll(/\[((?:\\.|[^\]\\])*)\]\((\d+)\)/g)].map((m) => [m[1], Number(m[2])]);
      expect(links).toEqual(related.map((r) => [r.message.text.replace(/[\\[\]]/g, (c) => `\\${c}`), r.id]));
      finding.related.forEach((expected, k) => {
        const actual = related[k]!;
        expect(actual.id).toBe(k + 1);
        expect(actual.message.text).toBe(expected.message);
        expect(actual.physicalLocation.artifactLocation.uri).toBe(sarifUri(expected.file));
        expect(actual.physicalLocation.region).toMatchObject({
          startLine: expected.range.startLine,
          startColumn: expected.range.startColumn,
        });
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('JSON follows the documented shape', () => {
    const doc = JSON.parse(FORMATTERS['json']!(run, { color: false }));
    expect(doc.version).toBe(1);
    expect(doc.tool.name).toBe('sfmeta-lint');
    expect(doc.findings[0]).toMatchObject({
      ruleId: expect.any(String),
      severity: expect.stringMatching(/^(error|warning|note)$/),
      message: expect.any(String),
      file: expect.stringMatching(/^force-app\//),
      startLine: expect.any(Number),
      startColumn: expect.any(Number),
      endLine: expect.any(Number),
      endColumn: expect.any(Number),
      related: expect.any(Array),
    });
    expect(doc.summary.errors + doc.summary.warnings + doc.summary.notes).toBe(doc.findings.length);
  });

  it('is byte-identical across runs', async () => {
    const again = await lint({ cwd: SAMPLE });
    for (const name of ['json', 'sarif', 'stylish'])
      expect(FORMATTERS[name]!(again, { color: false })).toBe(FORMATTERS[name]!(run, { color: false }));
  });

  it('stylish groups by file, colours only when asked, and ends with a summary', () => {
    const plain = FORMATTERS['stylish']!(run, { color: false });
    expect(plain).not.toContain('\u001b[');
    expect(plain).toMatch(
      /\d+ problems? \(\d+ errors?, \d+ warnings?, \d+ notes?\) in \d+ files?\.( \d+ findings? hidden by suppressions or the baseline\.)?\n$/,
    );
    const first = run.findings[0]!;
    expect(plain).toContain(`${first.location.range.startLine}:${first.location.range.startColumn}`);
    expect(FORMATTERS['stylish']!(run, { color: true })).toContain('\u001b[');
  });
});

describe('SARIF fingerprints', () => {
  it('do not change when lines are added above the finding', async () => {
    const body = '<enableNetworksEnabled>false</enableNetworksEnabled>';
    const files = (padding: string) => ({
      'sfdx-project.json': SFDX_PROJECT,
      'force-app/main/default/settings/Communities.settings-meta.xml': xml('CommunitiesSettings', `${padding}    ${body}`),
      'force-app/main/default/profiles/Portal.profile-meta.xml': xml('Profile', '    <userLicense>Customer Community</userLicense>'),
    });
    const print = async (padding: string) => {
      const result = await lint({ cwd: makeProject(files(padding)), only: ['digital-experiences-enabled'] });
      return JSON.parse(FORMATTERS['sarif']!(result, { color: false })).runs[0].results;
    };
    const before = await print('');
    const after = await print('    <enableOotbProfExtUserOpsEnable>true</enableOotbProfExtUserOpsEnable>\n\n\n');
    expect(before).toHaveLength(1);
    expect(after[0].locations[0].physicalLocation.region.startLine).toBe(before[0].locations[0].physicalLocation.region.startLine + 3);
    expect(after[0].partialFingerprints).toEqual(before[0].partialFingerprints);
  });
});

describe('SARIF for GitHub', () => {
  it('keeps the 25,000 most severe findings of a larger run and says how many it left out', async () => {
    const base = await lint({ cwd: SAMPLE });
    const template = base.findings[0]!;
    const findings: Finding[] = Array.from({ length: SARIF_MAX_RESULTS + 10 }, (_, i) => ({
      ...template,
      severity: i < 10 ? 'note' : i === SARIF_MAX_RESULTS + 9 ? 'error' : 'warning',
      location: { ...template.location, range: { ...template.location.range, startLine: i + 1 } },
    }));
    const sarifRun = JSON.parse(FORMATTERS['sarif']!({ ...base, findings, suppressed: [] }, { color: false })).runs[0];
    expect(sarifRun.results).toHaveLength(SARIF_MAX_RESULTS);
    expect(sarifRun.results.filter((r: { level: string }) => r.level === 'note')).toEqual([]);
    expect(sarifRun.results.at(-1).level).toBe('error');
    expect(sarifRun.invocations[0].toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: 'warning', message: { text: expect.stringMatching(/^10 less severe findings are left out/) } }),
    ]);
  });

  it('makes relative links in rule help absolute against the README, and keeps absolute links and anchors', () => {
    const base = 'https://github.com/o/r/blob/main/src/rules/a-rule/README.md';
    expect(
      absoluteLinks(
        '[docs](../../../docs/health.md) [other](../b-rule/README.md "Other") [sf](https://help.salesforce.com/x) [top](#why)\n[ref]: ../c/README.md',
        base,
      ),
    ).toBe(
      '[docs](https://github.com/o/r/blob/main/docs/health.md) [other](https://github.com/o/r/blob/main/src/rules/b-rule/README.md "Other") [sf](https://help.salesforce.com/x) [top](#why)\n[ref]: https://github.com/o/r/blob/main/src/rules/c/README.md',
    );
  });

  it('escapes brackets in linked text so that only the related locations read as links', async () => {
    const base = await lint({ cwd: SAMPLE });
    const withRelated = base.findings.find((f) => f.related.length > 0)!;
    const finding: Finding = {
      ...withRelated,
      message: 'Layout [A](1) is wrong.',
      related: [{ ...withRelated.related[0]!, message: 'Profile [P] \\ here' }],
    };
    const result = JSON.parse(FORMATTERS['sarif']!({ ...base, findings: [finding], suppressed: [] }, { color: false })).runs[0].results[0];
    expect(result.message.text).toBe('Layout \\[A\\](1) is wrong. Related: [Profile \\[P\\] \\\\ here](1).');
    expect(result.relatedLocations[0].message.text).toBe('Profile [P] \\ here');
  });
});
