// The Health Check baseline table, its evaluation and score, the custom baseline parser and the health report formatter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/engine/index.js';
import { formatHealth } from '../../src/reports/health/format.js';
import {
  HEALTH_BASELINE,
  UNEVALUATED_SETTINGS,
  classify,
  findingSeverity,
  type Baseline,
  type HealthRow,
  type RiskGroup,
} from '../../src/model/health.js';
import { parseCustomBaseline } from '../../src/model/health-custom-baseline.js';
import { evaluateHealth as evaluate, gradeFor, scoreRows } from '../../src/reports/health/score.js';
import { extractFile, ProjectModel, type SourceFileRef } from '../../src/model/index.js';

const evaluateHealth = (model: ProjectModel, baseline: Baseline = HEALTH_BASELINE) => evaluate(model, baseline);
import passwordPolicyBaseline from '../../src/rules/password-policy-baseline/index.js';
import sessionSecurityBaseline from '../../src/rules/session-security-baseline/index.js';

const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const SECURITY = 'force-app/main/default/settings/Security.settings-meta.xml';

function fileRef(path: string): SourceFileRef {
  const base = path
    .split('/')
    .pop()!
    .replace(/-meta\.xml$/u, '');
  const fullName = base.slice(0, base.indexOf('.'));
  const type = path.includes('/settings/')
    ? 'Settings'
    : path.includes('/profilePasswordPolicies/')
      ? 'ProfilePasswordPolicy'
      : 'ProfileSessionSetting';
  return { path, type, fullName, packageDir: 'force-app', format: 'source' };
}

function modelOf(files: Record<string, string>): ProjectModel {
  const refs = Object.keys(files).map(fileRef);
  const facts = refs.map((ref) => extractFile(ref, files[ref.path]!));
  for (const fact of facts) expect(fact.problem).toBeUndefined();
  return new ProjectModel(refs, facts);
}

function security(password: string, session: string, top = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<SecuritySettings ${NS}>\n${top}    <passwordPolicies>\n${password}    </passwordPolicies>\n    <sessionSettings>\n${session}    </sessionSettings>\n</SecuritySettings>\n`;
}

const el = (name: string, value: string) => `        <${name}>${value}</${name}>\n`;

const COMPLIANT_PASSWORD = [
  el('complexity', 'UpperLowerCaseNumeric'),
  el('expiration', 'NinetyDays'),
  el('historyRestriction', '3'),
  el('lockoutInterval', 'ThirtyMinutes'),
  el('maxLoginAttempts', 'ThreeAttempts'),
  el('minimumPasswordLength', '8'),
  el('minimumPasswordLifetime', 'true'),
  el('obscureSecretAnswer', 'true'),
  el('questionRestriction', 'DoesNotContainPassword'),
].join('');

const SESSION_TRUE = [
  'enableCSPOnEmail',
  'enableCSRFOnGet',
  'enableCSRFOnPost',
  'enableClickjackNonsetupSFDC',
  'enableClickjackNonsetupUser',
  'enableClickjackNonsetupUserHeaderless',
  'enableClickjackSetup',
  'enableContentSniffingProtection',
  'enableSMSIdentity',
  'enforceIpRangesEveryRequest',
  'forceLogoutOnSessionTimeout',
  'forceRelogin',
  'identityConfirmationOnEmailChange',
  'identityConfirmationOnTwoFactorRegistrationEnabled',
  'lockSessionsToDomain',
  'lockSessionsToIp',
  'requireHttpOnly',
  'terminateUserSessionsWhenAdminResetsPassword',
];
const COMPLIANT_SESSION = SESSION_TRUE.map((n) => el(n, 'true')).join('') + el('sessionTimeout', 'TwoHours');
const COMPLIANT_TOP = '    <enableAdminLoginAsAnyUser>false</enableAdminLoginAsAnyUser>\n';

function row(rows: HealthRow[], setting: string, profile?: string): HealthRow {
  const found = rows.find((r) => r.setting === setting && r.profile === profile);
  expect(found, `${setting} ${profile ?? ''}`).toBeDefined();
  return found!;
}

/** Serializes a baseline in the Health Check export format, to round-trip the built-in table. */
function toExport(baseline: Baseline, extra = ''): string {
  const groups: Record<RiskGroup, string> = {
    High: 'highRiskSecuritySettings',
    Medium: 'mediumRiskSecuritySettings',
    Low: 'lowRiskSecuritySettings',
    Informational: 'informationalSecuritySettings',
  };
  const body = (Object.keys(groups) as RiskGroup[]).map((group) => {
    const items = baseline.settings
      .filter((s) => s.riskGroup === group)
      .map((s) => {
        const t = s.threshold;
        if (t.kind === 'boolean')
          return `<booleanSetting name="${s.setting}" compliant="${t.compliant}" nonCompliant="${t.nonCompliant}"/>`;
        if (t.kind === 'numeric')
          return `<numericRangeSetting name="${s.setting}" compliant="${t.compliant.toFixed(1)}" warning="${t.warning.toFixed(1)}"/>`;
        const critical = t.critical.length > 0 ? ` critical="${t.critical.join(',')}"` : '';
        return `<enumSetting name="${s.setting}" compliant="${t.compliant.join(',')}" warning="${t.warning.join(',')}"${critical}/>`;
      });
    return `  <${groups[group]}>\n${items.map((i) => `    ${i}\n`).join('')}${group === 'High' ? extra : ''}  </${groups[group]}>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<baseline xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="Round trip" developerName="RoundTrip" xsi:noNamespaceSchemaLocation="security-risk-baseline.xsd">\n${body.join('\n')}\n</baseline>\n`;
}

describe('the baseline table', () => {
  it('has one entry per Health Check setting, each with a metadata path and a known risk group', () => {
    const names = HEALTH_BASELINE.settings.map((s) => s.setting);
    expect(new Set(names).size).toBe(names.length);
    for (const s of HEALTH_BASELINE.settings) {
      expect(s.securityPath).toMatch(/^(passwordPolicies\/|sessionSettings\/)?[A-Za-z]+$/);
      expect(['High', 'Medium', 'Low', 'Informational']).toContain(s.riskGroup);
      if (s.threshold.kind === 'enum') {
        for (const v of [...s.threshold.compliant, ...s.threshold.warning, ...s.threshold.critical]) expect(s.enumValues).toContain(v);
      }
    }
    expect(
      names
        .filter((n) => n.startsWith('PasswordPolicies.'))
        .every((n) => HEALTH_BASELINE.settings.find((s) => s.setting === n)!.area === 'password'),
    ).toBe(true);
  });

  it('classifies values in both numeric directions, enums and booleans', () => {
    const length = { kind: 'numeric', compliant: 8, warning: 6 } as const;
    expect([classify(length, '8'), classify(length, '12'), classify(length, '7'), classify(length, '6'), classify(length, '5')]).toEqual([
      'compliant',
      'compliant',
      'warning',
      'warning',
      'critical',
    ]);
    const lowerIsBetter = { kind: 'numeric', compliant: 0, warning: 1 } as const;
    expect([classify(lowerIsBetter, '0'), classify(lowerIsBetter, '1'), classify(lowerIsBetter, '2')]).toEqual([
      'compliant',
      'warning',
      'critical',
    ]);
    expect(classify(length, 'eight')).toBeUndefined();
    expect(classify(length, '')).toBeUndefined();
    const timeout = HEALTH_BASELINE.settings.find((s) => s.setting === 'SessionSettings.timeout')!.threshold;
    expect([
      classify(timeout, 'TwoHours'),
      classify(timeout, 'EightHours'),
      classify(timeout, 'TwentyFourHours'),
      classify(timeout, 'Typo'),
    ]).toEqual(['compliant', 'warning', 'critical', 'critical']);
    const flag = { kind: 'boolean', compliant: true, nonCompliant: 'warning' } as const;
    expect([classify(flag, 'true'), classify(flag, 'false'), classify(flag, 'yes')]).toEqual(['compliant', 'warning', undefined]);
  });

  it('maps risk group and status to a finding severity', () => {
    expect(findingSeverity('High', 'critical')).toBe('error');
    expect(findingSeverity('High', 'warning')).toBe('warning');
    expect(findingSeverity('Medium', 'critical')).toBe('warning');
    expect(findingSeverity('Medium', 'warning')).toBe('warning');
    expect(findingSeverity('Low', 'critical')).toBe('warning');
    expect(findingSeverity('Low', 'warning')).toBe('note');
    expect(findingSeverity('Informational', 'critical')).toBe('note');
    expect(findingSeverity('Informational', 'warning')).toBe('note');
    expect(findingSeverity('High', 'compliant')).toBeUndefined();
    expect(findingSeverity('High', 'not-set')).toBeUndefined();
  });
});

describe('grades', () => {
  it('follows Health Check bands at their boundaries', () => {
    const cases: [number, string][] = [
      [100, 'Excellent'],
      [90, 'Excellent'],
      [89, 'Very Good'],
      [80, 'Very Good'],
      [79, 'Good'],
      [70, 'Good'],
      [69, 'Poor'],
      [55, 'Poor'],
      [54, 'Very Poor'],
      [0, 'Very Poor'],
    ];
    for (const [score, grade] of cases) expect(gradeFor(score), String(score)).toBe(grade);
  });

  it('weights High over Medium over Low and ignores Informational, profile and unset rows', () => {
    const r = (riskGroup: RiskGroup, status: HealthRow['status'], scope: 'org' | 'profile' = 'org'): HealthRow => ({
      setting: 'x',
      label: 'x',
      riskGroup,
      area: 'session',
      scope,
      baselineValue: 'true',
      status,
    });
    expect(scoreRows([r('High', 'critical'), r('Low', 'compliant')])).toEqual({ score: 25, scored: 2 });
    expect(scoreRows([r('High', 'compliant'), r('Low', 'critical')])).toEqual({ score: 75, scored: 2 });
    expect(scoreRows([r('Medium', 'warning')])).toEqual({ score: 50, scored: 1 });
    expect(
      scoreRows([r('High', 'compliant'), r('Informational', 'critical'), r('High', 'critical', 'profile'), r('Medium', 'not-set')]),
    ).toEqual({ score: 100, scored: 1 });
    expect(scoreRows([r('Informational', 'critical')])).toEqual({ scored: 0 });
  });
});

describe('evaluateHealth', () => {
  it('grades a compliant project Excellent, with every org-wide row located', () => {
    const e = evaluateHealth(modelOf({ [SECURITY]: security(COMPLIANT_PASSWORD, COMPLIANT_SESSION, COMPLIANT_TOP) }));
    expect(e.rows.every((r) => r.status === 'compliant' && r.location !== undefined)).toBe(true);
    expect(e.rows).toHaveLength(HEALTH_BASELINE.settings.length);
    expect(e).toMatchObject({ score: 100, grade: 'Excellent', baseline: 'Salesforce Baseline Standard', hasSecuritySettings: true });
    expect(e.scoredSettings).toBe(HEALTH_BASELINE.settings.filter((s) => s.riskGroup !== 'Informational').length);
  });

  it('rates each weak value, locates it, and drops the grade', () => {
    const password = COMPLIANT_PASSWORD.replace('ThreeAttempts', 'NoLimit').replace('>8<', '>6<');
    const session = COMPLIANT_SESSION.replace('<lockSessionsToDomain>true', '<lockSessionsToDomain>false').replace(
      'TwoHours',
      'TwelveHours',
    );
    const e = evaluateHealth(modelOf({ [SECURITY]: security(password, session, COMPLIANT_TOP) }));
    const max = row(e.rows, 'PasswordPolicies.maxLoginAttempts');
    expect(max).toMatchObject({
      status: 'critical',
      yourValue: 'NoLimit',
      baselineValue: 'ThreeAttempts',
      riskGroup: 'High',
      scope: 'org',
    });
    expect(max.location).toMatchObject({ file: SECURITY, name: 'maxLoginAttempts' });
    expect(row(e.rows, 'PasswordPolicies.minPasswordLength')).toMatchObject({
      status: 'warning',
      yourValue: '6',
      baselineValue: 'at least 8',
    });
    expect(row(e.rows, 'SessionSettings.lockSessionsToDomain')).toMatchObject({ status: 'critical', baselineValue: 'true' });
    expect(row(e.rows, 'SessionSettings.timeout')).toMatchObject({ status: 'warning', yourValue: 'TwelveHours' });
    // 10 High (3), 11 Medium (2), 7 Low (1): 30 + 22 + 7 = 59; lost: 2 High critical (6), 1 Medium warning (1), 1 Low warning (0.5).
    expect(e.score).toBe(Math.round((100 * (59 - 6 - 1 - 0.5)) / 59));
    expect(e.grade).toBe('Very Good');
  });

  it('marks everything not set, with no score, when there are no security settings', () => {
    const e = evaluateHealth(modelOf({}));
    expect(e.hasSecuritySettings).toBe(false);
    expect(e.rows.every((r) => r.status === 'not-set' && r.yourValue === undefined && r.location === undefined)).toBe(true);
    expect(e.score).toBeUndefined();
    expect(e.grade).toBeUndefined();
  });

  it('treats xsi:nil and invalid values as not set', () => {
    const password =
      '        <maxLoginAttempts xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>\n' +
      el('minimumPasswordLength', 'eight');
    const e = evaluateHealth(modelOf({ [SECURITY]: security(password, '') }));
    expect(row(e.rows, 'PasswordPolicies.maxLoginAttempts').status).toBe('not-set');
    expect(row(e.rows, 'PasswordPolicies.minPasswordLength')).toMatchObject({ status: 'not-set', yourValue: 'eight' });
  });

  it('maps profile policy codes and session minutes, and keeps profile rows out of the score', () => {
    const policy = `<ProfilePasswordPolicy ${NS}>\n    <lockoutInterval>0</lockoutInterval>\n    <maxLoginAttempts>0</maxLoginAttempts>\n    <minimumPasswordLength>6</minimumPasswordLength>\n    <minimumPasswordLifetime>false</minimumPasswordLifetime>\n    <obscure>true</obscure>\n    <passwordComplexity>4</passwordComplexity>\n    <passwordExpiration>180</passwordExpiration>\n    <passwordHistory>0</passwordHistory>\n    <passwordQuestion>1</passwordQuestion>\n    <profile>Partner Community User</profile>\n</ProfilePasswordPolicy>\n`;
    const session = (minutes: number, profile: string) =>
      `<ProfileSessionSetting ${NS}>\n    <profile>${profile}</profile>\n    <requiredSessionLevel>STANDARD</requiredSessionLevel>\n    <sessionTimeout>${minutes}</sessionTimeout>\n</ProfileSessionSetting>\n`;
    const e = evaluateHealth(
      modelOf({
        [SECURITY]: security(COMPLIANT_PASSWORD, COMPLIANT_SESSION, COMPLIANT_TOP),
        'force-app/main/default/profilePasswordPolicies/PartnerProfilePasswordPolicy1.profilePasswordPolicy-meta.xml': policy,
        'force-app/main/default/profileSessionSettings/AProfileSessionSetting1.profileSessionSetting-meta.xml': session(1440, 'A'),
        'force-app/main/default/profileSessionSettings/BProfileSessionSetting1.profileSessionSetting-meta.xml': session(45, 'B'),
        'force-app/main/default/profileSessionSettings/CProfileSessionSetting1.profileSessionSetting-meta.xml': session(0, 'C'),
      }),
    );
    const partner = 'Partner Community User';
    expect(row(e.rows, 'PasswordPolicies.lockoutInterval', partner)).toMatchObject({
      yourValue: '0 (Forever)',
      status: 'compliant',
      scope: 'profile',
    });
    expect(row(e.rows, 'PasswordPolicies.maxLoginAttempts', partner)).toMatchObject({ yourValue: '0 (NoLimit)', status: 'critical' });
    expect(row(e.rows, 'PasswordPolicies.minPasswordLength', partner)).toMatchObject({ yourValue: '6', status: 'warning' });
    expect(row(e.rows, 'PasswordPolicies.complexity', partner)).toMatchObject({
      yourValue: '4 (UpperLowerCaseNumericSpecialCharacters)',
      status: 'compliant',
    });
    expect(row(e.rows, 'PasswordPolicies.expiration', partner)).toMatchObject({ yourValue: '180 (SixMonths)', status: 'warning' });
    expect(row(e.rows, 'PasswordPolicies.questionRestriction', partner)).toMatchObject({
      yourValue: '1 (DoesNotContainPassword)',
      status: 'compliant',
    });
    expect(row(e.rows, 'SessionSettings.timeout', 'A')).toMatchObject({ yourValue: '1440 (TwentyFourHours)', status: 'critical' });
    expect(row(e.rows, 'SessionSettings.timeout', 'B')).toMatchObject({ yourValue: '45 (SixtyMinutes)', status: 'compliant' });
    expect(e.rows.some((r) => r.profile === 'C')).toBe(false);
    expect(e.score).toBe(100);
  });
});

describe('parseCustomBaseline', () => {
  it('round-trips the built-in table through the export format', () => {
    const result = parseCustomBaseline(toExport(HEALTH_BASELINE));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([]);
    expect(result.baseline.name).toBe('Round trip');
    expect(result.baseline.settings).toEqual(HEALTH_BASELINE.settings);
  });

  it('reads a good custom baseline: new thresholds and risk groups, unevaluated settings skipped quietly', () => {
    const custom = HEALTH_BASELINE.settings.map((s) =>
      s.setting === 'PasswordPolicies.minPasswordLength'
        ? { ...s, riskGroup: 'High' as const, threshold: { kind: 'numeric' as const, compliant: 12, warning: 10 } }
        : s.setting === 'SessionSettings.lockSessionsToIp'
          ? {
              ...s,
              riskGroup: 'Informational' as const,
              threshold: { kind: 'boolean' as const, compliant: false, nonCompliant: 'warning' as const },
            }
          : s,
    );
    const extra =
      '    <booleanSetting name="Identity.mfaEnabled" compliant="true" nonCompliant="critical"/>\n    <numericRangeSetting name="CertificateAndKeyManagement.expiredCert" compliant="0.0" warning="1.0"/>\n';
    const result = parseCustomBaseline(toExport({ name: 'x', settings: custom }, extra));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([]);
    expect(result.ignored).toEqual(['Identity.mfaEnabled', 'CertificateAndKeyManagement.expiredCert']);
    const length = result.baseline.settings.find((s) => s.setting === 'PasswordPolicies.minPasswordLength')!;
    expect(length).toMatchObject({ riskGroup: 'High', threshold: { kind: 'numeric', compliant: 12, warning: 10 } });
    expect(length.profile?.field).toBe('minimumPasswordLength');

    const model = modelOf({ [SECURITY]: security(COMPLIANT_PASSWORD.replace('>8<', '>10<'), COMPLIANT_SESSION, COMPLIANT_TOP) });
    const e = evaluateHealth(model, result.baseline);
    expect(e.baseline).toBe('Round trip');
    expect(row(e.rows, 'PasswordPolicies.minPasswordLength')).toMatchObject({
      status: 'warning',
      riskGroup: 'High',
      baselineValue: 'at least 12',
    });
    expect(row(e.rows, 'SessionSettings.lockSessionsToIp')).toMatchObject({ status: 'warning', baselineValue: 'false' });
  });

  it('lets the rules read a custom baseline from their settings', () => {
    const result = parseCustomBaseline(
      toExport({
        name: 'strict',
        settings: HEALTH_BASELINE.settings.map((s) =>
          s.setting === 'PasswordPolicies.minPasswordLength'
            ? { ...s, riskGroup: 'High' as const, threshold: { kind: 'numeric' as const, compliant: 14, warning: 12 } }
            : s,
        ),
      }),
    );
    if (!result.ok) throw new Error(result.error);
    const model = modelOf({ [SECURITY]: security(COMPLIANT_PASSWORD, COMPLIANT_SESSION, COMPLIANT_TOP) });
    const config = { rules: {}, overrides: [] };
    const rules = [passwordPolicyBaseline, sessionSecurityBaseline] as never[];
    expect(runRules(model, rules, config).findings).toEqual([]);
    const { findings } = runRules(model, rules, config, { securityBaseline: result.baseline });
    expect(findings.map((f) => [f.ruleId, f.severity, f.location.range.startLine])).toEqual([['password-policy-baseline', 'error', 10]]);
    expect(findings[0]!.message).toContain('at least 14');
  });

  it('reads a partial baseline, keeping built-in values and warning about what it skips', () => {
    const xml = `<baseline name="Partial">
  <highRiskSecuritySettings>
    <enumSetting name="PasswordPolicies.maxLoginAttempts" compliant="ThreeAttempts,FiveAttempts" warning="TenAttempts" critical="NoLimit"/>
    <booleanSetting name="SessionSettings.csrfGet" compliant="maybe" nonCompliant="critical"/>
    <numericRangeSetting name="SessionSettings.csrfPost" compliant="1" warning="0"/>
    <booleanSetting name="Made.upSetting" compliant="true" nonCompliant="critical"/>
  </highRiskSecuritySettings>
  <lowRiskSecuritySettings>
    <enumSetting name="SessionSettings.timeout" compliant="FifteenMinutes,TwoHourz" warning="FourHours"/>
    <enumSetting name="PasswordPolicies.maxLoginAttempts" compliant="NoLimit" warning=""/>
    <numericRangeSetting name="PasswordPolicies.history" compliant="many" warning="1"/>
    <booleanSetting compliant="true"/>
  </lowRiskSecuritySettings>
  <somethingElse/>
</baseline>`;
    const result = parseCustomBaseline(xml);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const get = (name: string) => result.baseline.settings.find((s) => s.setting === name)!;
    const builtIn = (name: string) => HEALTH_BASELINE.settings.find((s) => s.setting === name)!;
    expect(result.baseline.name).toBe('Partial');
    expect(get('PasswordPolicies.maxLoginAttempts').threshold).toEqual({
      kind: 'enum',
      compliant: ['ThreeAttempts', 'FiveAttempts'],
      warning: ['TenAttempts'],
      critical: ['NoLimit'],
    });
    expect(get('SessionSettings.timeout')).toMatchObject({
      riskGroup: 'Low',
      threshold: { compliant: ['FifteenMinutes'], warning: ['FourHours'], critical: [] },
    });
    expect(get('SessionSettings.csrfGet').threshold).toEqual(builtIn('SessionSettings.csrfGet').threshold);
    expect(get('SessionSettings.csrfPost')).toEqual(builtIn('SessionSettings.csrfPost'));
    expect(get('PasswordPolicies.history').threshold).toEqual(builtIn('PasswordPolicies.history').threshold);
    expect(get('PasswordPolicies.complexity')).toEqual(builtIn('PasswordPolicies.complexity'));
    const w = result.warnings.join('\n');
    expect(w).toContain('Unknown element <somethingElse> ignored.');
    expect(w).toContain('SessionSettings.csrfGet: compliant must be "true" or "false"');
    expect(w).toContain('SessionSettings.csrfPost must be a <booleanSetting>, found <numericRangeSetting>');
    expect(w).toContain('Unknown setting Made.upSetting ignored.');
    expect(w).toContain('SessionSettings.timeout: unknown value "TwoHourz" ignored');
    expect(w).toContain('PasswordPolicies.maxLoginAttempts is listed twice');
    expect(w).toContain('PasswordPolicies.history: compliant and warning must be numbers');
    expect(w).toContain('A <booleanSetting> without a name ignored.');
    expect(w).toContain('PasswordPolicies.complexity is not in the security baseline; the built-in value is kept.');
    expect(result.ignored).toEqual([]);
  });

  it('returns an error, never throws, for malformed input', () => {
    const bad = (text: string) => {
      const result = parseCustomBaseline(text);
      expect(result.ok).toBe(false);
      return result.ok ? '' : result.error;
    };
    expect(bad('')).toMatch(/not well-formed XML.*empty/);
    expect(bad('<baseline name="x">\n  <highRiskSecuritySettings>\n</baseline>')).toMatch(/not well-formed XML \(line \d+, column \d+\)/);
    expect(bad(`<SecuritySettings ${NS}/>`)).toContain('root element must be <baseline>');
    expect(bad('<baseline name="x"><settings/></baseline>')).toContain('no risk category');
    expect(bad('<!DOCTYPE x [<!ENTITY a "b">]><baseline/>')).toMatch(/DOCTYPE/);
    fc.assert(fc.property(fc.string(), (text) => typeof parseCustomBaseline(text).ok === 'boolean'));
    fc.assert(
      fc.property(
        fc.string(),
        (text) =>
          typeof parseCustomBaseline(`<baseline><highRiskSecuritySettings>${text}</highRiskSecuritySettings></baseline>`).ok === 'boolean',
      ),
    );
  });

  it('knows the unevaluated settings are not in the table', () => {
    for (const name of UNEVALUATED_SETTINGS) expect(HEALTH_BASELINE.settings.some((s) => s.setting === name)).toBe(false);
  });
});

describe('formatHealth', () => {
  const password = COMPLIANT_PASSWORD.replace('ThreeAttempts', 'NoLimit');
  const policy = `<ProfilePasswordPolicy ${NS}>\n    <maxLoginAttempts>5</maxLoginAttempts>\n    <profile>Partner | Portal</profile>\n</ProfilePasswordPolicy>\n`;
  const evaluation = evaluateHealth(
    modelOf({
      [SECURITY]: security(password, COMPLIANT_SESSION.replace(el('forceRelogin', 'true'), '')),
      'force-app/main/default/profilePasswordPolicies/PProfilePasswordPolicy1.profilePasswordPolicy-meta.xml': policy,
    }),
  );

  it('renders text with the score, the grade and the five columns', () => {
    const text = formatHealth(evaluation, 'text');
    expect(text).toMatch(
      /^Predicted Health Check score: \d+% \((Excellent|Very Good|Good|Poor|Very Poor)\) against Salesforce Baseline Standard, from \d+ scored settings\.\n/,
    );
    expect(text).toMatch(/Setting +Your value +Baseline value +Status +Risk group/);
    expect(text).toMatch(/Maximum invalid login attempts +NoLimit +ThreeAttempts +critical +High/);
    expect(text).toMatch(/Force relogin after Login-As-User +not set +true +not-set +Medium/);
    expect(text).toMatch(/Administrators can log in as any user +not set/);
    expect(text).toMatch(/Maximum invalid login attempts \(profile Partner \| Portal\) +5 \(FiveAttempts\) +ThreeAttempts +warning +High/);
  });

  it('renders a Markdown table with escaped cells', () => {
    const md = formatHealth(evaluation, 'markdown');
    expect(md).toContain('| Setting | Your value | Baseline value | Status | Risk group |\n| --- | --- | --- | --- | --- |');
    expect(md).toContain('| Maximum invalid login attempts | NoLimit | ThreeAttempts | critical | High |');
    expect(md).toContain(
      '| Maximum invalid login attempts (profile Partner \\| Portal) | 5 (FiveAttempts) | ThreeAttempts | warning | High |',
    );
    expect(md.split('\n').filter((l) => l.startsWith('| ')).length).toBe(evaluation.rows.length + 2);
  });

  it('renders versioned JSON with locations', () => {
    const doc = JSON.parse(formatHealth(evaluation, 'json')) as {
      version: number;
      score: number;
      grade: string;
      rows: { setting: string; status: string; yourValue: string | null; location: { file: string; startLine: number } | null }[];
    };
    expect(doc.version).toBe(1);
    expect(doc.score).toBe(evaluation.score);
    expect(doc.grade).toBe(evaluation.grade);
    expect(doc.rows).toHaveLength(evaluation.rows.length);
    const max = doc.rows.find((r) => r.setting === 'PasswordPolicies.maxLoginAttempts')!;
    expect(max).toMatchObject({ status: 'critical', yourValue: 'NoLimit', location: { file: SECURITY, startLine: 8 } });
    expect(doc.rows.find((r) => r.setting === 'SessionSettings.forceRelogin')).toMatchObject({
      status: 'not-set',
      yourValue: null,
      location: null,
    });
  });

  it('says when there is no score and no Security settings', () => {
    const empty = evaluateHealth(modelOf({}));
    expect(formatHealth(empty, 'text')).toContain('Predicted Health Check score: none');
    expect(formatHealth(empty, 'markdown')).toContain('no Security settings');
    expect(JSON.parse(formatHealth(empty, 'json'))).toMatchObject({ score: null, grade: null, hasSecuritySettings: false });
  });
});
