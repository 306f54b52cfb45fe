// Salesforce naming rules: URL-encoded file names, case-insensitive profile references, license families.

/** Decodes `Custom%3A Sales Profile` to `Custom: Sales Profile`; a malformed escape leaves the name as written. */
export function decodeName(name: string): string {
  if (!name.includes('%')) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** The key under which a name is indexed: decoded and lower-cased, since Networks write profile names lower-cased. */
export function nameKey(name: string): string {
  return decodeName(name).trim().toLowerCase();
}

// License names as profiles' <userLicense> writes them (seen in publicly available retrieved metadata); the licenses are the
// UserLicense object's: https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_userlicense.htm
export const CUSTOMER_LICENSES: ReadonlySet<string> = new Set([
  'Customer Community',
  'Customer Community Login',
  'Customer Community Plus',
  'Customer Community Plus Login',
  'High Volume Customer Portal',
  'Overage High Volume Customer Portal',
  'Authenticated Website',
  'Customer Portal Manager Custom',
  'Customer Portal Manager Standard',
]);

export const PARTNER_LICENSES: ReadonlySet<string> = new Set([
  'Partner Community',
  'Partner Community Login',
  'Gold Partner',
  'Silver Partner',
]);

/** External licenses that are neither customer nor partner (no Contact enablement of their own). */
export const OTHER_EXTERNAL_LICENSES: ReadonlySet<string> = new Set([
  'External Identity',
  'External Apps Login',
  'Partner App Subscription',
  'Company Communities',
]);

export const GUEST_LICENSE = 'Guest User License';

export type LicenseKind = 'customer' | 'partner' | 'external' | 'guest' | 'internal' | 'unknown';

export function licenseKind(license: string | undefined): LicenseKind {
  if (license === undefined || license === '') return 'unknown';
  if (license === GUEST_LICENSE) return 'guest';
  if (CUSTOMER_LICENSES.has(license)) return 'customer';
  if (PARTNER_LICENSES.has(license)) return 'partner';
  if (OTHER_EXTERNAL_LICENSES.has(license)) return 'external';
  return 'internal';
}
