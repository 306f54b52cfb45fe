// High-risk user permissions by what they let a user do (Salesforce's MFA requirement, Salesforce help, third-party benchmark tiers): one table read by the privileged-access, guest and external rules.
import { nameKey } from './names.js';
import type { Location } from '../findings/index.js';
import type { PermissionContainer, UserPermission } from './types.js';

/** Privileged: Salesforce's 2026 phishing-resistant MFA requirement names the first four; the full-compromise tier adds the rest. */
export const PRIVILEGED = [
  'ModifyAllData',
  'ViewAllData',
  'CustomizeApplication',
  'AuthorApex',
  'ModifyMetadata',
  'ManageProfilesPermissionsets',
  'ManageInteraction',
] as const;

/**
 * User, access and authentication administration: their holders create or change other users, what those users may
 * see or do (profiles, permission sets, roles, sharing), or how they sign in (passwords, login access, MFA,
 * identity providers, certificates). Formerly called "identity takeover" after the third-party tier they come from.
 */
export const USER_ADMINISTRATION = [
  'ManageUsers',
  'ManageInternalUsers',
  'AssignPermissionSets',
  'ManageRoles',
  'ManageSharing',
  'ResetPasswords',
  'ManagePasswordPolicies',
  'ManageLoginAccessPolicies',
  'ManageTwoFactor',
  'ManageAuthProviders',
  'ManageCertificates',
] as const;

/** Exempts the holder from multi-factor authentication on UI logins (Salesforce: never for admins or internal users). */
export const BYPASS_MFA = 'BypassMFAForUiLogins';

/** The holder's own password never expires: password hygiene, not access to anything (Salesforce sets it on guest profiles). */
export const PASSWORD_NEVER_EXPIRES = 'PasswordNeverExpires';

/** Tier 3: data export. */
export const DATA_EXPORT = [
  'DataExport',
  'ExportReport',
  'ApiEnabled',
  'BulkApiHardDelete',
  'ApexRestServices',
  'UseAnyApiClient',
] as const;

/**
 * Setup and administration permissions that external and guest profiles must not grant (this project's list, after
 * https://help.salesforce.com/s/articleView?id=platform.networks_secure_community.htm&type=5).
 * external-profile-admin-permissions reports them on those profiles; the other rules leave them to it, so one grant is one finding.
 */
export const EXTERNAL_ADMIN = [
  'ViewSetup',
  'ModifyAllData',
  'ViewAllData',
  'CustomizeApplication',
  'AuthorApex',
  'ManageUsers',
  'ManageProfilesPermissionsets',
  'AssignPermissionSets',
] as const;

const EXTERNAL_ADMIN_SET: ReadonlySet<string> = new Set(EXTERNAL_ADMIN);

/** Whether a grant is one external-profile-admin-permissions reports on external and guest profiles (exact API name). */
export function isExternalAdmin(permission: string): boolean {
  return EXTERNAL_ADMIN_SET.has(permission);
}

/** The super-admin-equivalent combination (SBS-ACS-004). */
export const SUPER_ADMIN = ['ViewAllData', 'ModifyAllData', 'ManageUsers'] as const;

/** The enabled grants of a container, in document order. */
export function enabledGrants(container: PermissionContainer): UserPermission[] {
  return container.userPermissions.filter((p) => p.enabled);
}

/** Whether a container's name is on an allowlist, compared decoded and case-insensitively. */
export function isAllowed(container: { fullName: string; name: string }, allow: readonly string[]): boolean {
  const keys = new Set(allow.map(nameKey));
  return keys.has(nameKey(container.fullName)) || keys.has(nameKey(container.name));
}

export function kindLabel(container: PermissionContainer): string {
  return container.kind === 'Profile' ? 'Profile' : container.kind === 'PermissionSet' ? 'Permission set' : 'Muting permission set';
}

/** The System Administrator profile: `Admin` in metadata (its label, where a file has one, is "System Administrator"). */
export function isSystemAdministratorProfile(container: PermissionContainer): boolean {
  return (
    container.kind === 'Profile' &&
    (nameKey(container.fullName) === 'admin' || nameKey(container.label?.value ?? '') === 'system administrator')
  );
}

/**
 * A standard profile other than System Administrator: `<custom>false</custom>` (Salesforce created it with a license).
 * Salesforce does not let anyone edit a standard profile's permissions
 * (https://help.salesforce.com/s/articleView?id=platform.standard_profiles.htm&language=en_US&type=5), so a grant on
 * it is Salesforce's, not the team's. A profile without `<custom>` counts as custom.
 */
export function isStandardNonAdminProfile(container: PermissionContainer): boolean {
  return container.kind === 'Profile' && container.custom?.value === false && !isSystemAdministratorProfile(container);
}

/** The `<custom>false</custom>` element of a standard profile, for a related location. */
export function standardMarker(container: PermissionContainer): Location | undefined {
  return container.custom?.value === false ? container.custom : undefined;
}

const LISTED = 6;

/** "A, B and C", or "A, B, C, D, E, F and 3 more" for long lists: the related locations carry the full list. */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length > LISTED + 1) return `${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
