// High-risk user permissions by tier (security-checks.md section 5): one table read by the privileged-access and guest rules.
// It belongs in the model (e.g. src/model/security.ts) beside external.ts; it lives here until the model owns it.
import { nameKey, type PermissionContainer, type UserPermission } from '../../model/index.js';

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
export const DATA_EXPORT = ['DataExport', 'ExportReport', 'ApiEnabled', 'BulkApiHardDelete', 'ApexRestServices', 'UseAnyApiClient'] as const;

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
