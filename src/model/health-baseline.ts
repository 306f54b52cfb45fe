// Health Check baseline: the one table of thresholds, mapped to metadata (the Salesforce Baseline Standard).
import type { ViewType } from './views.js';
import type { Baseline, BaselineSetting, ProfileField, Threshold } from './health-types.js';

const MAX_LOGIN_ATTEMPTS = ['ThreeAttempts', 'FiveAttempts', 'TenAttempts', 'NoLimit'];
const COMPLEXITY = [
  'NoRestriction',
  'AlphaNumeric',
  'SpecialCharacters',
  'UpperLowerCaseNumeric',
  'UpperLowerCaseNumericSpecialCharacters',
  'Any3UpperLowerCaseNumericSpecialCharacters',
];
const EXPIRATION = ['ThirtyDays', 'SixtyDays', 'NinetyDays', 'SixMonths', 'OneYear', 'Never'];
const LOCKOUT = ['FifteenMinutes', 'ThirtyMinutes', 'SixtyMinutes', 'Forever'];
const QUESTION = ['None', 'DoesNotContainPassword'];
const TIMEOUT_MINUTES: readonly (readonly [number, string])[] = [
  [15, 'FifteenMinutes'],
  [30, 'ThirtyMinutes'],
  [60, 'SixtyMinutes'],
  [90, 'NinetyMinutes'],
  [120, 'TwoHours'],
  [240, 'FourHours'],
  [480, 'EightHours'],
  [720, 'TwelveHours'],
  [1440, 'TwentyFourHours'],
];
const TIMEOUT = TIMEOUT_MINUTES.map(([, name]) => name);

/** Strength by position in a list of values from weakest to strongest; values in one inner list are equally strong. */
function ranked(weakestFirst: readonly (string | readonly string[])[]): (value: string) => number | undefined {
  const rank = new Map<string, number>();
  weakestFirst.forEach((entry, i) => {
    for (const v of typeof entry === 'string' ? [entry] : entry) rank.set(v.toLowerCase(), i);
  });
  return (value) => rank.get(value.trim().toLowerCase());
}

/** Minimum length and history: more is stronger. */
function numberStrength(value: string): number | undefined {
  const n = value.trim() === '' ? Number.NaN : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Minimum 1-day lifetime and obscured answer: on is stronger. */
const onIsStronger = ranked(['false', 'true']);

/** Maps the integer codes of ProfilePasswordPolicy (doc: Metadata API ProfilePasswordPolicy) to the org-wide enum names. */
function byCode(codes: Record<number, string>): (raw: string) => string | undefined {
  return (raw) => (/^\s*\d+\s*$/u.test(raw) ? codes[Number(raw)] : undefined);
}

/** ProfileSessionSetting `sessionTimeout` is in minutes; 0 (seen in real files) is read as "no override". Between two steps, the longer one. */
function timeoutFromMinutes(raw: string): string | undefined {
  if (!/^\s*\d+\s*$/u.test(raw)) return undefined;
  const minutes = Number(raw);
  if (minutes <= 0) return undefined;
  return (TIMEOUT_MINUTES.find(([m]) => minutes <= m) ?? TIMEOUT_MINUTES[TIMEOUT_MINUTES.length - 1]!)[1];
}

const bool = (compliant: boolean, nonCompliant: 'warning' | 'critical' = 'critical'): Threshold => ({
  kind: 'boolean',
  compliant,
  nonCompliant,
});
const oneOf = (compliant: string[], warning: string[], critical: string[] = []): Threshold => ({
  kind: 'enum',
  compliant,
  warning,
  critical,
});
const pwd = (field: string, strength: ProfileField['strength'], toValue?: (raw: string) => string | undefined): ProfileField => ({
  type: 'ProfilePasswordPolicy',
  field,
  strength,
  ...(toValue ? { toValue } : {}),
});

/**
 * The Salesforce Baseline Standard, mapped to metadata. Names, risk groups and values follow a public
 * copy of the baseline export (3p, matching the project reference table); the metadata paths are
 * matched by name (guess). Keep every threshold here: the rules and the health report read only this.
 */
export const HEALTH_BASELINE: Baseline = Object.freeze({
  name: 'Salesforce Baseline Standard',
  settings: Object.freeze<BaselineSetting[]>([
    {
      setting: 'SessionSettings.lockSessionsToDomain',
      label: 'Lock sessions to the domain in which they were first used',
      area: 'session',
      riskGroup: 'High',
      threshold: bool(true),
      securityPath: 'sessionSettings/lockSessionsToDomain',
    },
    {
      setting: 'SessionSettings.enableSmsIdentity',
      label: 'SMS method of identity confirmation',
      area: 'session',
      riskGroup: 'High',
      threshold: bool(true),
      securityPath: 'sessionSettings/enableSMSIdentity',
    },
    {
      setting: 'SessionSettings.clickjackSetup',
      label: 'Clickjack protection for Setup pages',
      area: 'session',
      riskGroup: 'High',
      threshold: bool(true),
      securityPath: 'sessionSettings/enableClickjackSetup',
    },
    {
      setting: 'SessionSettings.clickjackNonSetup',
      label: 'Clickjack protection for non-Setup Salesforce pages',
      area: 'session',
      riskGroup: 'High',
      threshold: bool(true),
      securityPath: 'sessionSettings/enableClickjackNonsetupSFDC',
    },
    {
      setting: 'SessionSettings.clickjackVisualForceHeaders',
      label: 'Clickjack protection for customer Visualforce pages with standard headers',
      area: 'session',
      riskGroup: 'High',
      threshold: bool(true),
      securityPath: 'sessionSettings/enableClickjackNonsetupUser',
    },
    {
      setting: 'SessionSettings.clickjackVisualForceNoHeaders',
      label: 'Clickjack protection for customer Visualforce pages with headers disabled',
      area: 'session',
      riskGroup: 'High',
      threshold: bool(true),
      securityPath: 'sessionSettings/enableClickjackNonsetupUserHeaderless',
    },
    {
      setting: 'SessionSettings.csrfGet',
      label: 'CSRF protection on GET requests on non-Setup pages',
      area: 'session',
      riskGroup: 'High',
      threshold: bool(true),
      securityPath: 'sessionSettings/enableCSRFOnGet',
    },
    {
      setting: 'SessionSettings.csrfPost',
      label: 'CSRF protection on POST requests on non-Setup pages',
      area: 'session',
      riskGroup: 'High',
      threshold: bool(true),
      securityPath: 'sessionSettings/enableCSRFOnPost',
    },
    {
      setting: 'SessionSettings.requireHttpOnly',
      label: 'Require HttpOnly attribute',
      area: 'session',
      riskGroup: 'High',
      threshold: bool(true),
      securityPath: 'sessionSettings/requireHttpOnly',
    },
    {
      setting: 'PasswordPolicies.maxLoginAttempts',
      label: 'Maximum invalid login attempts',
      area: 'password',
      riskGroup: 'High',
      threshold: oneOf(['ThreeAttempts'], ['FiveAttempts', 'TenAttempts'], ['NoLimit']),
      securityPath: 'passwordPolicies/maxLoginAttempts',
      enumValues: MAX_LOGIN_ATTEMPTS,
      profile: pwd(
        'maxLoginAttempts',
        ranked(['NoLimit', 'TenAttempts', 'FiveAttempts', 'ThreeAttempts']),
        byCode({ 0: 'NoLimit', 3: 'ThreeAttempts', 5: 'FiveAttempts', 10: 'TenAttempts' }),
      ),
    },
    {
      setting: 'PasswordPolicies.minOneDayPasswordLifetime',
      label: 'Minimum 1-day password lifetime',
      area: 'password',
      riskGroup: 'Medium',
      threshold: bool(true),
      securityPath: 'passwordPolicies/minimumPasswordLifetime',
      profile: pwd('minimumPasswordLifetime', onIsStronger),
    },
    {
      setting: 'SessionSettings.forceRelogin',
      label: 'Force relogin after Login-As-User',
      area: 'session',
      riskGroup: 'Medium',
      threshold: bool(true),
      securityPath: 'sessionSettings/forceRelogin',
    },
    {
      setting: 'SessionSettings.enforceLoginIp',
      label: 'Enforce login IP ranges on every request',
      area: 'session',
      riskGroup: 'Medium',
      threshold: bool(true),
      securityPath: 'sessionSettings/enforceIpRangesEveryRequest',
    },
    {
      setting: 'SessionSettings.terminateSessionsOnPasswordReset',
      label: "Terminate a user's sessions when an admin resets the password",
      area: 'session',
      riskGroup: 'Medium',
      threshold: bool(true),
      securityPath: 'sessionSettings/terminateUserSessionsWhenAdminResetsPassword',
    },
    {
      setting: 'SessionSettings.cspOnEmail',
      label: 'Content Security Policy protection for email templates',
      area: 'session',
      riskGroup: 'Medium',
      threshold: bool(true),
      securityPath: 'sessionSettings/enableCSPOnEmail',
    },
    {
      setting: 'SessionSettings.contentSniffingProtection',
      label: 'Content sniffing protection',
      area: 'session',
      riskGroup: 'Medium',
      threshold: bool(true),
      securityPath: 'sessionSettings/enableContentSniffingProtection',
    },
    {
      setting: 'LoginAccessPolicies.adminLoginAsAnyUser',
      label: 'Administrators can log in as any user',
      area: 'login-access',
      riskGroup: 'Medium',
      threshold: bool(false),
      securityPath: 'enableAdminLoginAsAnyUser',
    },
    {
      setting: 'PasswordPolicies.history',
      label: 'Password history',
      area: 'password',
      riskGroup: 'Medium',
      threshold: { kind: 'numeric', compliant: 3, warning: 1 },
      securityPath: 'passwordPolicies/historyRestriction',
      profile: pwd('passwordHistory', numberStrength),
    },
    {
      setting: 'PasswordPolicies.minPasswordLength',
      label: 'Minimum password length',
      area: 'password',
      riskGroup: 'Medium',
      threshold: { kind: 'numeric', compliant: 8, warning: 6 },
      securityPath: 'passwordPolicies/minimumPasswordLength',
      profile: pwd('minimumPasswordLength', numberStrength),
    },
    {
      setting: 'PasswordPolicies.expiration',
      label: 'Password expiration',
      area: 'password',
      riskGroup: 'Medium',
      threshold: oneOf(['ThirtyDays', 'SixtyDays', 'NinetyDays'], ['SixMonths'], ['OneYear', 'Never']),
      securityPath: 'passwordPolicies/expiration',
      enumValues: EXPIRATION,
      profile: pwd(
        'passwordExpiration',
        ranked(['Never', 'OneYear', 'SixMonths', 'NinetyDays', 'SixtyDays', 'ThirtyDays']),
        byCode({ 0: 'Never', 30: 'ThirtyDays', 60: 'SixtyDays', 90: 'NinetyDays', 180: 'SixMonths', 365: 'OneYear' }),
      ),
    },
    {
      setting: 'PasswordPolicies.complexity',
      label: 'Password complexity requirement',
      area: 'password',
      riskGroup: 'Medium',
      threshold: oneOf(
        [
          'SpecialCharacters',
          'UpperLowerCaseNumeric',
          'UpperLowerCaseNumericSpecialCharacters',
          'Any3UpperLowerCaseNumericSpecialCharacters',
        ],
        ['AlphaNumeric'],
        ['NoRestriction'],
      ),
      securityPath: 'passwordPolicies/complexity',
      enumValues: COMPLEXITY,
      profile: pwd(
        'passwordComplexity',
        // Three rules of equal reach (alpha+number+special; number+upper+lower; any three of the four) sit between.
        ranked([
          'NoRestriction',
          'AlphaNumeric',
          ['SpecialCharacters', 'UpperLowerCaseNumeric', 'Any3UpperLowerCaseNumericSpecialCharacters'],
          'UpperLowerCaseNumericSpecialCharacters',
        ]),
        byCode({
          0: 'NoRestriction',
          1: 'AlphaNumeric',
          2: 'SpecialCharacters',
          3: 'UpperLowerCaseNumeric',
          4: 'UpperLowerCaseNumericSpecialCharacters',
          5: 'Any3UpperLowerCaseNumericSpecialCharacters',
        }),
      ),
    },
    {
      setting: 'PasswordPolicies.obscureSecretAnswer',
      label: 'Obscure secret answer for password resets',
      area: 'password',
      riskGroup: 'Low',
      threshold: bool(true),
      securityPath: 'passwordPolicies/obscureSecretAnswer',
      profile: pwd('obscure', onIsStronger),
    },
    {
      setting: 'SessionSettings.forceLogoutOnTimeout',
      label: 'Force logout on session timeout',
      area: 'session',
      riskGroup: 'Low',
      threshold: bool(true),
      securityPath: 'sessionSettings/forceLogoutOnSessionTimeout',
    },
    {
      setting: 'SessionSettings.icOn2faRegistration',
      label: 'Identity verification for multi-factor authentication registration',
      area: 'session',
      riskGroup: 'Low',
      threshold: bool(true),
      securityPath: 'sessionSettings/identityConfirmationOnTwoFactorRegistrationEnabled',
    },
    {
      setting: 'SessionSettings.icOnEmailChange',
      label: 'Identity verification for email address changes',
      area: 'session',
      riskGroup: 'Low',
      threshold: bool(true),
      securityPath: 'sessionSettings/identityConfirmationOnEmailChange',
    },
    {
      setting: 'PasswordPolicies.questionRestriction',
      label: 'Password question requirement',
      area: 'password',
      riskGroup: 'Low',
      threshold: oneOf(['DoesNotContainPassword'], ['None']),
      securityPath: 'passwordPolicies/questionRestriction',
      enumValues: QUESTION,
      profile: pwd('passwordQuestion', ranked(['None', 'DoesNotContainPassword']), byCode({ 0: 'None', 1: 'DoesNotContainPassword' })),
    },
    {
      setting: 'PasswordPolicies.lockoutInterval',
      label: 'Lockout effective period',
      area: 'password',
      riskGroup: 'Low',
      threshold: oneOf(['ThirtyMinutes', 'SixtyMinutes', 'Forever'], ['FifteenMinutes']),
      securityPath: 'passwordPolicies/lockoutInterval',
      enumValues: LOCKOUT,
      profile: pwd(
        'lockoutInterval',
        ranked(['FifteenMinutes', 'ThirtyMinutes', 'SixtyMinutes', 'Forever']),
        byCode({ 0: 'Forever', 15: 'FifteenMinutes', 30: 'ThirtyMinutes', 60: 'SixtyMinutes' }),
      ),
    },
    {
      setting: 'SessionSettings.timeout',
      label: 'Session timeout',
      area: 'session',
      riskGroup: 'Low',
      threshold: oneOf(
        ['FifteenMinutes', 'ThirtyMinutes', 'SixtyMinutes', 'NinetyMinutes', 'TwoHours'],
        ['FourHours', 'EightHours', 'TwelveHours'],
        ['TwentyFourHours'],
      ),
      securityPath: 'sessionSettings/sessionTimeout',
      enumValues: TIMEOUT,
      profile: {
        type: 'ProfileSessionSetting',
        field: 'sessionTimeout',
        toValue: timeoutFromMinutes,
        strength: ranked([...TIMEOUT].reverse()),
      },
    },
    {
      setting: 'SessionSettings.lockSessionsToIp',
      label: 'Lock sessions to the IP address from which they originated',
      area: 'session',
      riskGroup: 'Informational',
      threshold: bool(true, 'warning'),
      securityPath: 'sessionSettings/lockSessionsToIp',
    },
  ]),
});

/** Health Check settings of the export that no metadata file shows (MFA, certificates, guest access, ...): a custom baseline may list them; they are skipped quietly. */
export const UNEVALUATED_SETTINGS: readonly string[] = [
  'Identity.mfaEnabled',
  'Identity.samlEnabled',
  'ExternalClientApps.metadataApiAccess',
  'FileUploadAndDownloadSecurity.hybridSecurityRiskFileTypes',
  'CertificateAndKeyManagement.expiredCert',
  'CertificateAndKeyManagement.keySize',
  'CertificateAndKeyManagement.certExpiration',
  'SharingSettings.orgWideDefaults',
  'NetworkSecurity.trustedIpRangesConfigured',
  'RemoteSiteSettings.remoteSiteSettings',
  'UserPIISettings.enforceNameVisibility',
  'SessionSettings.redirectionAllowUntrusted',
  'GuestUserAccess.guestEditAccess',
  'GuestUserAccess.guestReadAccess',
  'GuestUserAccess.guestAccessSharingRules',
  'AdminUsers.activeSystemAdministratorCount',
];

/** The metadata types the evaluation reads; the health command must load them into the model. */
export const HEALTH_NEEDS = ['Settings', 'ProfilePasswordPolicy', 'ProfileSessionSetting'] as const satisfies readonly ViewType[];
