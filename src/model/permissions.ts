// High-risk user permissions by tier (Salesforce's MFA requirement, third-party benchmark tiers): one table read by the privileged-access, guest and external rules.
import { nameKey } from './names.js';
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

/** Tier 1: permissions that let a user take over other users' identities or access. */
export const IDENTITY_TAKEOVER = [
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
  'PasswordNeverExpires',
  'BypassMFAForUiLogins',
] as const;

/** Tier 2: permissions that bypass sharing (ViewAllData is also privileged). */
export const SHARING_BYPASS = ['ViewAllData', 'ViewAllUsers', 'EditReadonlyFields', 'QueryAllFiles'] as const;

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
