// Health Check baseline: the one table of thresholds, and the rows of a project's security settings evaluated against it.
import type { Location, RelatedLocation, Severity } from '../findings/index.js';
import type { ViewType } from './views.js';
import type { ProjectModel } from './project-model.js';
import type { GenericView, XNode } from './types.js';
import { decodeName, nameKey } from './names.js';
import { listNames } from './permissions.js';
import { at } from './xnode.js';

export type RiskGroup = 'High' | 'Medium' | 'Low' | 'Informational';
export type HealthStatus = 'compliant' | 'warning' | 'critical' | 'not-set';
/** Which rule reports a setting: `password-policy-baseline`, `session-security-baseline`, or neither (`login-access` has its own rule). */
export type HealthArea = 'password' | 'session' | 'login-access';

export interface HealthRow {
  setting: string;
  label: string;
  riskGroup: RiskGroup;
  area: HealthArea;
  /** `org`: Security.settings; `profile`: a ProfilePasswordPolicy / ProfileSessionSetting override. */
  scope: 'org' | 'profile';
  /** The profile a profile-level row belongs to (its `<profile>` element). */
  profile?: string;
  /** The value as written, with the Health Check value in parentheses when a profile file codes it as a number. */
  yourValue?: string;
  baselineValue: string;
  status: HealthStatus;
  /** The element that holds the value. */
  location?: Location;
  /**
   * Profile rows: the org-wide value of the same setting, when the project sets one, and how the profile's value
   * compares with it. Salesforce copies the org-wide policy into each profile until someone changes it, so `same` is
   * the usual case and no problem of its own.
   */
  org?: { value: string; comparison: OrgComparison };
}

export type OrgComparison = 'weaker' | 'same' | 'stronger';

export type ProfilePolicyType = 'ProfilePasswordPolicy' | 'ProfileSessionSetting';

/** A profile password policy or session settings file, with the profile it belongs to. */
export interface ProfilePolicy {
  type: ProfilePolicyType;
  /** The file's component name (decoded), e.g. `W/O MFA_profilePasswordPolicy1700000000000`. */
  name: string;
  /** The decoded `<profile>` (`W%2FO MFA` reads `W/O MFA`); undefined for `<profile xsi:nil="true"/>`. */
  profile?: string;
  /** The `<profile>` element, or the root element when the file has none. */
  profileAt: Location;
  /**
   * `deleted`: `<profile xsi:nil="true"/>`, what Salesforce retrieves for a deleted profile's policy; `absent`: the
   * profile is not in the project, said only when the project holds profiles (a project without any cannot tell).
   */
  orphan?: 'deleted' | 'absent';
  view: GenericView;
}

/** The three setting types of a Health Check baseline export (`booleanSetting`, `numericRangeSetting`, `enumSetting`). */
export type Threshold =
  | { kind: 'boolean'; compliant: boolean; nonCompliant: 'warning' | 'critical' }
  /** Higher is better when `compliant >= warning` (minimum length), lower is better otherwise. */
  | { kind: 'numeric'; compliant: number; warning: number }
  /** A value in none of the lists is critical. */
  | { kind: 'enum'; compliant: readonly string[]; warning: readonly string[]; critical: readonly string[] };

export interface ProfileField {
  type: ProfilePolicyType;
  /** The element of the profile-level file, e.g. `passwordComplexity`. */
  field: string;
  /** Profile files store numbers where Security.settings has enum names; undefined means "no override" or not a valid value. */
  toValue?: (raw: string) => string | undefined;
  /**
   * How strong a value is (as Security.settings writes it), higher is stronger, whatever the baseline's thresholds;
   * undefined for a value it does not know. Compares a profile's value with the org-wide one.
   */
  strength: (value: string) => number | undefined;
}

export interface BaselineSetting {
  /** Health Check's name, as in the baseline export: `PasswordPolicies.minPasswordLength`. */
  setting: string;
  /** The label Health Check shows (approximately). */
  label: string;
  area: HealthArea;
  riskGroup: RiskGroup;
  threshold: Threshold;
  /** Where the org-wide value lives in `Security.settings`, as a path under `<SecuritySettings>`. */
  securityPath: string;
  /** The values an enum setting can take, for validating a custom baseline. */
  enumValues?: readonly string[];
  /** The profile-level override, when Salesforce has one. */
  profile?: ProfileField;
}

export interface Baseline {
  name: string;
  settings: readonly BaselineSetting[];
}

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

// ---------------------------------------------------------------------------------------------
// Classification

/** A value's status under a threshold; undefined when the value is not of the setting's type (a file that would not deploy). */
export function classify(threshold: Threshold, value: string): Exclude<HealthStatus, 'not-set'> | undefined {
  const text = value.trim();
  switch (threshold.kind) {
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower !== 'true' && lower !== 'false') return undefined;
      return (lower === 'true') === threshold.compliant ? 'compliant' : threshold.nonCompliant;
    }
    case 'numeric': {
      const n = text === '' ? Number.NaN : Number(text);
      if (!Number.isFinite(n)) return undefined;
      const higherIsBetter = threshold.compliant >= threshold.warning;
      const atLeast = (limit: number) => (higherIsBetter ? n >= limit : n <= limit);
      if (atLeast(threshold.compliant)) return 'compliant';
      return atLeast(threshold.warning) ? 'warning' : 'critical';
    }
    case 'enum': {
      const has = (list: readonly string[]) => list.some((v) => v.toLowerCase() === text.toLowerCase());
      if (has(threshold.compliant)) return 'compliant';
      return has(threshold.warning) ? 'warning' : 'critical';
    }
  }
}

/** The compliant value, as Health Check's "Standard Value" column would show it. */
export function baselineText(threshold: Threshold): string {
  switch (threshold.kind) {
    case 'boolean':
      return String(threshold.compliant);
    case 'numeric':
      return `${threshold.compliant >= threshold.warning ? 'at least' : 'at most'} ${threshold.compliant}`;
    case 'enum': {
      const list = threshold.compliant;
      return list.length <= 1 ? (list[0] ?? '') : `one of ${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
    }
  }
}

/**
 * The severity of a rule finding for a non-compliant value, capped from the rule's own (error):
 *
 * | risk | critical | warning |
 * | High | error | warning |
 * | Medium | warning | warning |
 * | Low | warning | note |
 * | Informational | note | note |
 */
export function findingSeverity(riskGroup: RiskGroup, status: HealthStatus): Severity | undefined {
  if (status === 'compliant' || status === 'not-set') return undefined;
  if (riskGroup === 'Informational') return 'note';
  if (status === 'critical') return riskGroup === 'High' ? 'error' : 'warning';
  return riskGroup === 'Low' ? 'note' : 'warning';
}

// ---------------------------------------------------------------------------------------------
// Evaluation

function present(tree: XNode, path: string): XNode | undefined {
  const node = at(tree, path);
  return node && !node.nil ? node : undefined;
}

function orgRow(entry: BaselineSetting, security: GenericView | undefined): HealthRow {
  const base = {
    setting: entry.setting,
    label: entry.label,
    riskGroup: entry.riskGroup,
    area: entry.area,
    scope: 'org' as const,
    baselineValue: baselineText(entry.threshold),
  };
  const node = security && present(security.tree, entry.securityPath);
  if (!node) return { ...base, status: 'not-set' };
  const status = classify(entry.threshold, node.text);
  return { ...base, yourValue: node.text, status: status ?? 'not-set', location: node };
}

/** The profile password policies or session settings of the project, each with its profile and whether it is an orphan. */
export function profilePolicies(model: ProjectModel, type: ProfilePolicyType): ProfilePolicy[] {
  const views = type === 'ProfilePasswordPolicy' ? model.profilePasswordPolicies.all : model.profileSessionSettings.all;
  // Profile files are only listed, never parsed, for this: the file name is the profile's name. Policies name the
  // profile in any case (`admin` for Admin, seen), so the project's spelling is the one shown.
  const profiles = new Map(model.files.filter((f) => f.type === 'Profile').map((f) => [nameKey(f.fullName), decodeName(f.fullName)]));
  return views.map((view) => {
    const node = at(view.tree, 'profile');
    const base = { type, name: view.name, profileAt: node ?? view.root, view };
    if (node?.nil) return { ...base, orphan: 'deleted' as const };
    const written = decodeName(node?.text.trim() || view.name);
    const known = profiles.get(nameKey(written));
    if (known) return { ...base, profile: known };
    return profiles.size > 0 ? { ...base, profile: written, orphan: 'absent' as const } : { ...base, profile: written };
  });
}

function compare(field: ProfileField, value: string, org: HealthRow | undefined): HealthRow['org'] {
  if (!org || org.status === 'not-set' || org.yourValue === undefined) return undefined;
  const mine = field.strength(value);
  const theirs = field.strength(org.yourValue);
  if (mine === undefined || theirs === undefined) return undefined;
  return { value: org.yourValue.trim(), comparison: mine < theirs ? 'weaker' : mine > theirs ? 'stronger' : 'same' };
}

/** The rows of one profile policy, each compared with the org-wide row of its setting. */
function policyRows(baseline: Baseline, policy: ProfilePolicy, orgRows: readonly HealthRow[]): HealthRow[] {
  return baseline.settings.flatMap<HealthRow>((entry) => {
    if (entry.profile?.type !== policy.type) return [];
    const node = present(policy.view.tree, entry.profile.field);
    const value = node && (entry.profile.toValue ? entry.profile.toValue(node.text) : node.text);
    const status = value === undefined ? undefined : classify(entry.threshold, value);
    if (!node || value === undefined || !status) return [];
    const org = compare(
      entry.profile,
      value,
      orgRows.find((r) => r.setting === entry.setting),
    );
    return [
      {
        setting: entry.setting,
        label: entry.label,
        riskGroup: entry.riskGroup,
        area: entry.area,
        scope: 'profile',
        profile: policy.profile ?? policy.name,
        yourValue: value === node.text ? node.text : `${node.text} (${value})`,
        baselineValue: baselineText(entry.threshold),
        status,
        location: node,
        ...(org ? { org } : {}),
      },
    ];
  });
}

/**
 * Evaluates Security.settings and the profile-level policies against a baseline: one row per setting, then per profile
 * override, each compared with the org-wide value. Orphan policies (see profilePolicies) have no rows.
 */
export function healthRows(model: ProjectModel, baseline: Baseline): HealthRow[] {
  const security = model.settings.get('Security');
  const orgRows = baseline.settings.map((entry) => orgRow(entry, security));
  const policies = [...profilePolicies(model, 'ProfilePasswordPolicy'), ...profilePolicies(model, 'ProfileSessionSetting')];
  return [...orgRows, ...policies.filter((p) => !p.orphan).flatMap((p) => policyRows(baseline, p, orgRows))];
}

/** Template data for the rules' messages (label, value, baseline, setting, profile); the risk group and status set the severity. */
function messageData(row: HealthRow): Record<string, string> {
  return {
    label: row.label,
    labelLower: /^[A-Z][a-z]/u.test(row.label) ? row.label[0]!.toLowerCase() + row.label.slice(1) : row.label,
    value: row.yourValue ?? '',
    baseline: row.baselineValue,
    setting: row.setting,
    profile: row.profile ?? '',
    orgValue: row.org?.value ?? '',
  };
}

/** The message ids `password-policy-baseline` and `session-security-baseline` share. */
export type BaselineMessageId = 'orgWide' | 'weakerThanOrg' | 'profile' | 'profiles' | 'orphanProfile' | 'deletedProfile';

/** A finding as `password-policy-baseline` and `session-security-baseline` report it. */
export interface BaselineFinding {
  messageId: BaselineMessageId;
  data: Record<string, string>;
  location: Location;
  related?: RelatedLocation[];
  /** What findingSeverity gives the row's risk group and status (or a note); the rule's own severity stays the ceiling. */
  cap: Severity;
}

const AREA_TYPE: Readonly<Record<'password' | 'session', ProfilePolicyType>> = {
  password: 'ProfilePasswordPolicy',
  session: 'ProfileSessionSetting',
};

/**
 * The findings of one rule's area:
 * - every org-wide value Health Check would not rate compliant;
 * - a profile's value that Health Check would not rate compliant, only where it is weaker than the org-wide value
 *   (a profile that mirrors the org-wide policy, as Salesforce's copy does, adds nothing to the org-wide finding);
 * - where the project sets no org-wide value, each distinct profile value once, the other profiles related;
 * - a note per orphan policy: a deleted profile's, or one for a profile not in the project that would have had a
 *   finding; their values are not reported.
 */
export function baselineFindings(model: ProjectModel, area: 'password' | 'session', baseline: Baseline): BaselineFinding[] {
  const findings: BaselineFinding[] = [];
  const unmatched = new Map<string, { row: HealthRow; cap: Severity }[]>();
  const rows = healthRows(model, baseline);
  /** Whether a profile row is one to report: below the baseline, and weaker than the org-wide value if there is one. */
  const reportable = (row: HealthRow) =>
    row.area === area && findingSeverity(row.riskGroup, row.status) !== undefined && (!row.org || row.org.comparison === 'weaker');
  for (const row of rows) {
    const cap = findingSeverity(row.riskGroup, row.status);
    if (row.area !== area || !row.location || !cap) continue;
    if (row.scope === 'org') findings.push({ messageId: 'orgWide', data: messageData(row), location: row.location, cap });
    else if (row.org?.comparison === 'weaker')
      findings.push({ messageId: 'weakerThanOrg', data: messageData(row), location: row.location, cap });
    else if (!row.org) {
      const key = `${row.setting}\u0000${row.yourValue ?? ''}`;
      unmatched.set(key, [...(unmatched.get(key) ?? []), { row, cap }]);
    }
  }
  for (const [first, ...others] of unmatched.values()) {
    const { row, cap } = first!;
    if (others.length === 0) {
      findings.push({ messageId: 'profile', data: messageData(row), location: row.location!, cap });
      continue;
    }
    const names = [row, ...others.map((o) => o.row)].map((r) => r.profile ?? '');
    findings.push({
      messageId: 'profiles',
      data: { ...messageData(row), count: String(names.length), profiles: listNames(names) },
      location: row.location!,
      related: others.map(({ row: other }) => {
        const { file, range, element } = other.location!;
        return { file, range, element, message: `Profile ${other.profile ?? ''} sets the same value` };
      }),
      cap,
    });
  }
  const orgRows = rows.filter((r) => r.scope === 'org');
  for (const policy of profilePolicies(model, AREA_TYPE[area])) {
    // A policy of a profile the project does not hold is worth a note only when it would have had a finding:
    // projects often retrieve every policy but only some profiles. A deleted profile's policy is always stale.
    if (!policy.orphan) continue;
    if (policy.orphan === 'absent' && !policyRows(baseline, policy, orgRows).some(reportable)) continue;
    findings.push({
      messageId: policy.orphan === 'deleted' ? 'deletedProfile' : 'orphanProfile',
      data: { policy: policy.name, profile: policy.profile ?? '' },
      location: policy.profileAt,
      cap: 'note',
    });
  }
  return findings;
}
