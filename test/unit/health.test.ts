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
  const fullName = base.slice(0, base.lastIndexOf('.'));
  const type = path.includes('/settings/')
    ? 'Settings'
    : path.includes('/profiles/')
      ? 'Profile'
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

  // The built-in grades themselves, value by value: a change here changes the health table and score, and for a
  // Medium setting not even the rule's severity (critical and warning are both warnings there), so only this catches it.
  it('grades every value of every enum setting as the Salesforce Baseline Standard does', () => {
    const grades = Object.fromEntries(
      HEALTH_BASELINE.settings
        .filter((s) => s.enumValues)
        .map((s) => [s.setting, Object.fromEntries(s.enumValues!.map((v) => [v, classify(s.threshold, v)]))]),
    );
    expect(grades).toEqual({
      'PasswordPolicies.maxLoginAttempts': {
        ThreeAttempts: 'compliant',
        FiveAttempts: 'warning',
        TenAttempts: 'warning',
        NoLimit: 'critical',
      },
      'PasswordPolicies.expiration': {
        ThirtyDays: 'compliant',
        SixtyDays: 'compliant',
        NinetyDays: 'compliant',
        SixMonths: 'warning',
        OneYear: 'critical',
        Never: 'critical',
      },
      'PasswordPolicies.complexity': {
        NoRestriction: 'critical',
        AlphaNumeric: 'warning',
        SpecialCharacters: 'compliant',
        UpperLowerCaseNumeric: 'compliant',
        UpperLowerCaseNumericSpecialCharacters: 'compliant',
        Any3UpperLowerCaseNumericSpecialCharacters: 'compliant',
      },
      'PasswordPolicies.questionRestriction': { None: 'warning', DoesNotContainPassword: 'compliant' },
      'PasswordPolicies.lockoutInterval': {
        FifteenMinutes: 'warning',
        ThirtyMinutes: 'compliant',
        SixtyMinutes: 'compliant',
        Forever: 'compliant',
      },
      'SessionSettings.timeout': {
        FifteenMinutes: 'compliant',
        ThirtyMinutes: 'compliant',
        SixtyMinutes: 'compliant',
        NinetyMinutes: 'compliant',
        TwoHours: 'compliant',
        FourHours: 'warning',
        EightHours: 'warning',
        TwelveHours: 'warning',
        TwentyFourHours: 'critical',
      },
    });
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

const PROFILE = (name: string) => `force-app/main/default/profiles/${name}.profile-meta.xml`;
const PROFILE_XML = `<Profile ${NS}>\n    <custom>true</custom>\n    <userLicense>Salesforce</userLicense>\n</Profile>\n`;
const POLICY = (file: string) => `force-app/main/default/profilePasswordPolicies/${file}.profilePasswordPolicy-meta.xml`;
const SESSION = (file: string) => `force-app/main/default/profileSessionSettings/${file}.profileSessionSetting-meta.xml`;

/** A profile password policy as Salesforce retrieves it; `over` replaces some of the org-wide copy's values. */
function policyXml(profile: string, over: Record<string, string> = {}): string {
  // The copy of COMPLIANT_PASSWORD, in the profile file's number codes.
  const values: Record<string, string> = {
    lockoutInterval: '30',
    maxLoginAttempts: '3',
    minimumPasswordLength: '8',
    minimumPasswordLifetime: 'true',
    obscure: 'true',
    passwordComplexity: '3',
    passwordExpiration: '90',
    passwordHistory: '3',
    passwordQuestion: '1',
    ...over,
  };
  const body = Object.entries(values)
    .map(([k, v]) => `    <${k}>${v}</${k}>\n`)
    .join('');
  return `<ProfilePasswordPolicy ${NS}>\n${body}    <profile>${profile}</profile>\n</ProfilePasswordPolicy>\n`;
}

describe('a never-expiring password', () => {
  // Issue 16's planted bug: Never graded warning instead of critical changes no rule severity (Medium), only these.
  it('is critical in the org-wide policy and in a profile policy, and costs the setting its whole weight', () => {
    const never = COMPLIANT_PASSWORD.replace('NinetyDays', 'Never');
    const e = evaluateHealth(
      modelOf({
        [SECURITY]: security(never, COMPLIANT_SESSION, COMPLIANT_TOP),
        [POLICY('Portal_profilePasswordPolicy1')]: policyXml('Portal', { passwordExpiration: '0' }),
      }),
    );
    expect(row(e.rows, 'PasswordPolicies.expiration')).toMatchObject({ yourValue: 'Never', status: 'critical', riskGroup: 'Medium' });
    expect(row(e.rows, 'PasswordPolicies.expiration', 'Portal')).toMatchObject({ yourValue: '0 (Never)', status: 'critical' });
    // 59 points in all (see above); a critical Medium setting loses its 2, a warning would lose 1.
    expect(e.score).toBe(Math.round((100 * (59 - 2)) / 59));
    const text = formatHealth(e, 'text');
    expect(text).toMatch(/Password expiration +Never +one of ThirtyDays, SixtyDays or NinetyDays +critical +Medium/);
  });
});

describe('profile policies and the org-wide policy', () => {
  it("compares each profile value with the org-wide one: weaker, the same (Salesforce's copy) or stronger", () => {
    const e = evaluateHealth(
      modelOf({
        [SECURITY]: security(COMPLIANT_PASSWORD.replace('ThreeAttempts', 'FiveAttempts'), COMPLIANT_SESSION, COMPLIANT_TOP),
        [PROFILE('W%2FO MFA')]: PROFILE_XML,
        [POLICY('W%2FO MFA_profilePasswordPolicy1')]: policyXml('W%2FO MFA', {
          maxLoginAttempts: '5',
          passwordComplexity: '2',
          passwordExpiration: '0',
          minimumPasswordLength: '12',
        }),
        [SESSION('W%2FO MFA_profileSessionSetting1')]:
          `<ProfileSessionSetting ${NS}>\n    <profile>w%2fo mfa</profile>\n    <sessionTimeout>480</sessionTimeout>\n</ProfileSessionSetting>\n`,
      }),
    );
    const profile = 'W/O MFA';
    expect(row(e.rows, 'PasswordPolicies.maxLoginAttempts', profile)).toMatchObject({
      status: 'warning',
      org: { value: 'FiveAttempts', comparison: 'same' },
    });
    // UpperLowerCaseNumeric (org) and SpecialCharacters (profile) are equally strong.
    expect(row(e.rows, 'PasswordPolicies.complexity', profile)).toMatchObject({
      org: { value: 'UpperLowerCaseNumeric', comparison: 'same' },
    });
    expect(row(e.rows, 'PasswordPolicies.expiration', profile)).toMatchObject({
      status: 'critical',
      org: { value: 'NinetyDays', comparison: 'weaker' },
    });
    expect(row(e.rows, 'PasswordPolicies.minPasswordLength', profile)).toMatchObject({ org: { value: '8', comparison: 'stronger' } });
    expect(row(e.rows, 'SessionSettings.timeout', profile)).toMatchObject({
      yourValue: '480 (EightHours)',
      org: { value: 'TwoHours', comparison: 'weaker' },
    });
    expect(e.orphanPolicies).toEqual([]);

    const rules = [passwordPolicyBaseline, sessionSecurityBaseline] as never[];
    const { findings } = runRules(
      modelOf({
        [SECURITY]: security(COMPLIANT_PASSWORD.replace('ThreeAttempts', 'FiveAttempts'), COMPLIANT_SESSION, COMPLIANT_TOP),
        [PROFILE('W%2FO MFA')]: PROFILE_XML,
        [POLICY('W%2FO MFA_profilePasswordPolicy1')]: policyXml('W%2FO MFA', { maxLoginAttempts: '5', passwordExpiration: '0' }),
      }),
      rules,
      { rules: {}, overrides: [] },
    );
    expect(findings.map((f) => [f.messageId, f.severity, f.message])).toEqual([
      [
        'weakerThanOrg',
        'warning',
        "Profile W/O MFA's password policy sets password expiration to 0 (Never), weaker than the org-wide NinetyDays.",
      ],
      [
        'orgWide',
        'warning',
        'Maximum invalid login attempts is FiveAttempts in the org-wide password policy; Health Check expects ThreeAttempts (PasswordPolicies.maxLoginAttempts).',
      ],
    ]);
  });

  it('reports 150 profiles that copy a weak org-wide policy once, at the org-wide policy', () => {
    const weakOrg = COMPLIANT_PASSWORD.replace('NinetyDays', 'Never').replace('>8<', '>6<');
    const files: Record<string, string> = { [SECURITY]: security(weakOrg, COMPLIANT_SESSION, COMPLIANT_TOP) };
    for (let i = 1; i <= 150; i++) {
      files[PROFILE(`Profile ${i}`)] = PROFILE_XML;
      files[POLICY(`Profile_${i}_profilePasswordPolicy${i}`)] = policyXml(`Profile ${i}`, {
        passwordExpiration: '0',
        minimumPasswordLength: '6',
      });
    }
    const model = modelOf(files);
    const { findings } = runRules(model, [passwordPolicyBaseline] as never[], { rules: {}, overrides: [] });
    expect(findings.map((f) => [f.messageId, f.location.file])).toEqual([
      ['orgWide', SECURITY],
      ['orgWide', SECURITY],
    ]);
    // The health table lists the two org-wide rows, not 300 profile copies, and says so.
    const e = evaluateHealth(model);
    expect(e.rows.filter((r) => r.scope === 'profile')).toHaveLength(150 * 9);
    const text = formatHealth(e, 'text');
    expect(text).not.toContain('(profile');
    expect(text).toContain('1350 profile-level values are as strong as the org-wide value or stronger and not listed');
  });

  it('without an org-wide policy, reports each distinct profile value once, the other profiles related', () => {
    const files: Record<string, string> = {};
    for (const name of ['A', 'B', 'C'])
      files[POLICY(`${name}_profilePasswordPolicy1`)] = policyXml(`Portal ${name}`, { passwordExpiration: name === 'C' ? '365' : '0' });
    const { findings } = runRules(modelOf(files), [passwordPolicyBaseline] as never[], { rules: {}, overrides: [] });
    expect(findings.map((f) => [f.messageId, f.location.file, f.related.map((r) => r.file)])).toEqual([
      ['profiles', POLICY('A_profilePasswordPolicy1'), [POLICY('B_profilePasswordPolicy1')]],
      ['profile', POLICY('C_profilePasswordPolicy1'), []],
    ]);
    expect(findings[0]!.message).toBe(
      '2 profile password policies (Portal A and Portal B) set password expiration to 0 (Never); Health Check expects one of ThirtyDays, SixtyDays or NinetyDays.',
    );
    expect(findings[0]!.related[0]!.message).toBe('Profile Portal B sets the same value');
  });

  it('keeps orphan policies (a deleted profile, a profile not in the project) out of the rows, as notes', () => {
    const nil = '<profile xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>';
    const model = modelOf({
      [SECURITY]: security(COMPLIANT_PASSWORD, COMPLIANT_SESSION, COMPLIANT_TOP),
      [PROFILE('Sales')]: PROFILE_XML,
      [POLICY('Sales_profilePasswordPolicy1')]: policyXml('sales'),
      [POLICY('Gone_profilePasswordPolicy2')]: policyXml('Gone', { passwordExpiration: '0' }),
      [POLICY('null_profilePasswordPolicy3')]: policyXml('x', { passwordExpiration: '0' }).replace('<profile>x</profile>', nil),
    });
    const e = evaluateHealth(model);
    expect(e.rows.filter((r) => r.scope === 'profile').map((r) => r.profile)).toEqual(Array(9).fill('Sales'));
    expect(e.orphanPolicies.map((p) => [p.name, p.profile, p.orphan])).toEqual([
      ['Gone_profilePasswordPolicy2', 'Gone', 'absent'],
      ['null_profilePasswordPolicy3', undefined, 'deleted'],
    ]);
    const { findings } = runRules(model, [passwordPolicyBaseline] as never[], { rules: {}, overrides: [] });
    expect(findings.map((f) => [f.messageId, f.severity, f.location.file, f.location.range.startLine])).toEqual([
      ['orphanProfile', 'note', POLICY('Gone_profilePasswordPolicy2'), 11],
      ['deletedProfile', 'note', POLICY('null_profilePasswordPolicy3'), 11],
    ]);
    expect(formatHealth(e, 'text')).toContain(
      '2 profile-level policies are for a profile that is not in the project or was deleted, and not listed: Gone_profilePasswordPolicy2 (profile Gone) and null_profilePasswordPolicy3 (deleted profile).',
    );
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
  const policy = (profile: string, extra = '') =>
    `<ProfilePasswordPolicy ${NS}>\n${extra}    <minimumPasswordLength>6</minimumPasswordLength>\n    <profile>${profile}</profile>\n</ProfilePasswordPolicy>\n`;
  const evaluation = evaluateHealth(
    modelOf({
      [SECURITY]: security(password, COMPLIANT_SESSION.replace(el('forceRelogin', 'true'), '')),
      'force-app/main/default/profilePasswordPolicies/PProfilePasswordPolicy1.profilePasswordPolicy-meta.xml': policy(
        'Partner | Portal',
        '    <maxLoginAttempts>5</maxLoginAttempts>\n',
      ),
      'force-app/main/default/profilePasswordPolicies/SProfilePasswordPolicy1.profilePasswordPolicy-meta.xml': policy('Second'),
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
    // Profile values weaker than the org's are grouped; the stronger one (5 attempts against NoLimit) is only counted.
    expect(text).toMatch(
      /Minimum password length \(profiles Partner \| Portal and Second, weaker than the org-wide 8\) +6 +at least 8 +warning +Medium/,
    );
    expect(text).not.toContain('FiveAttempts');
    expect(text).toContain('1 profile-level value is as strong as the org-wide value or stronger and not listed');
  });

  it('renders a Markdown table with escaped cells', () => {
    const md = formatHealth(evaluation, 'markdown');
    expect(md).toContain('| Setting | Your value | Baseline value | Status | Risk group |\n| --- | --- | --- | --- | --- |');
    expect(md).toContain('| Maximum invalid login attempts | NoLimit | ThreeAttempts | critical | High |');
    expect(md).toContain(
      '| Minimum password length (profiles Partner \\| Portal and Second, weaker than the org-wide 8) | 6 | at least 8 | warning | Medium |',
    );
    expect(md.split('\n').filter((l) => l.startsWith('| ')).length).toBe(HEALTH_BASELINE.settings.length + 1 + 2);
  });

  it('renders versioned JSON with locations', () => {
    const doc = JSON.parse(formatHealth(evaluation, 'json')) as {
      version: number;
      score: number;
      grade: string;
      rows: {
        setting: string;
        status: string;
        yourValue: string | null;
        org: { value: string; comparison: string } | null;
        location: { file: string; startLine: number } | null;
      }[];
      orphanPolicies: unknown[];
    };
    expect(doc.version).toBe(1);
    expect(doc.score).toBe(evaluation.score);
    expect(doc.grade).toBe(evaluation.grade);
    expect(doc.rows).toHaveLength(evaluation.rows.length);
    expect(doc.orphanPolicies).toEqual([]);
    expect(doc.rows.filter((r) => r.org !== null).map((r) => [r.setting, r.org])).toEqual([
      ['PasswordPolicies.maxLoginAttempts', { value: 'NoLimit', comparison: 'stronger' }],
      ['PasswordPolicies.minPasswordLength', { value: '8', comparison: 'weaker' }],
      ['PasswordPolicies.minPasswordLength', { value: '8', comparison: 'weaker' }],
    ]);
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
