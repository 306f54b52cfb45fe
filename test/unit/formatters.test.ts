// Output formats on the sample project: SARIF validates against the official schema, JSON is documented, output is deterministic.
import { createRequire } from 'node:module';
import path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/index.js';
import { FORMATTERS } from '../../src/formatters/index.js';
import { makeProject, SFDX_PROJECT, xml } from '../support/fixtures.js';
import { ROOT } from '../support/paths.js';

const require = createRequire(import.meta.url);
// The OASIS SARIF 2.1.0 schema as shipped in an npm package (not a hand-written copy).
const sarifSchema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
const SAMPLE = path.join(ROOT, 'sample-project');

describe('formatters on sample-project', async () => {
  const run = await lint({ cwd: SAMPLE });

  it('finds something to show', () => {
    expect(run.findings.length).toBeGreaterThan(3);
  });

  it('SARIF validates against the SARIF 2.1.0 schema', () => {
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(sarifSchema);
    const log = JSON.parse(FORMATTERS['sarif']!(run, { color: false }));
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
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
    expect(sarifRun.results).toHaveLength(run.findings.length + run.suppressed.length);
    for (const [i, result] of sarifRun.results.entries()) {
      const suppressed = i >= run.findings.length;
      const finding = suppressed ? run.suppressed[i - run.findings.length]! : run.findings[i]!;
      expect(Boolean(result.suppressions), `result ${i} suppressed`).toBe(suppressed);
      expect(result.ruleId).toBe(finding.ruleId);
      expect(sarifRun.tool.driver.rules[result.ruleIndex].id).toBe(finding.ruleId);
      expect(result.level).toBe(finding.severity);
      expect(result.locations[0].physicalLocation.region.startLine).toBe(finding.location.range.startLine);
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe(
        encodeURI(`sample-project/${finding.location.file}`).replace(/%5B/g, '[').replace(/%5D/g, ']'),
      );
      expect(result.partialFingerprints['sfmetaLint/v1']).toMatch(/^[0-9a-f]{32}:\d+$/);
    }
    expect(sarifRun.results.some((r: { relatedLocations?: unknown[] }) => (r.relatedLocations?.length ?? 0) > 0)).toBe(true);
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
