// Health Check baseline: the types of its settings and of the rows evaluated against it, and how a value is graded.
import type { Location, Severity } from '../findings/index.js';
import type { GenericView } from './types.js';

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
