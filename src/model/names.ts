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

/**
 * CumulusCI namespace tokens (`%%%NAMESPACE%%%Hospital`, `___NAMESPACE___` in file names), which CumulusCI replaces
 * with nothing when it deploys to an org without the package's namespace; its other tokens (`%%%NAMESPACE_OR_C%%%`)
 * never appear in component names. https://github.com/SFDO-Tooling/CumulusCI/blob/main/docs/unpackaged.md
 */
const NAMESPACE_TOKEN = /%%%(?:NAMESPACE|NAMESPACE_DOT|NAMESPACED_ORG)%%%|___(?:NAMESPACE|NAMESPACED_ORG)___/gu;

/** A name as the project's own components spell it: CumulusCI namespace tokens removed. */
export function withoutNamespaceTokens(name: string): string {
  return name.includes('%%%') || name.includes('___') ? name.replace(NAMESPACE_TOKEN, '') : name;
}

/**
 * The key under which a name is indexed: decoded and lower-cased, since Networks write profile names lower-cased;
 * a CumulusCI reference (`Contact-%%%NAMESPACE%%%Community Layout`) finds the component it names.
 */
export function nameKey(name: string): string {
  return decodeName(withoutNamespaceTokens(name)).trim().toLowerCase();
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

/**
 * Internal licenses whose users never enable external users: Chatter licenses (no access to Contacts and Accounts, or
 * only through Chatter), Identity (single sign-on only) and Salesforce Integration (API-only integration users). `Chatter
 * Free`, `Chatter External` and `Salesforce Integration` are seen in retrieved profiles; the others are the licenses'
 * names (inferred). https://help.salesforce.com/s/articleView?id=platform.integration_user.htm&language=en_US&type=5
 */
export const NON_MANAGING_LICENSES: ReadonlySet<string> = new Set([
  'Chatter Free',
  'Chatter External',
  'Chatter Only',
  'Identity',
  'Salesforce Integration',
]);

export type LicenseKind = 'customer' | 'partner' | 'external' | 'guest' | 'internal' | 'unknown';

export function licenseKind(license: string | undefined): LicenseKind {
  if (license === undefined || license === '') return 'unknown';
  if (license === GUEST_LICENSE) return 'guest';
  if (CUSTOMER_LICENSES.has(license)) return 'customer';
  if (PARTNER_LICENSES.has(license)) return 'partner';
  if (OTHER_EXTERNAL_LICENSES.has(license)) return 'external';
  return 'internal';
}

/**
 * Settings files that Salesforce retrieves under a legacy member name, which already ends in `Settings`, with the root
 * element they carry; every other settings file `Name.settings` has the root `<NameSettings>`
 * (https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_settings.htm).
 */
export const LEGACY_SETTINGS_ROOTS: ReadonlyMap<string, string> = new Map([
  // The Metadata API reference shows "a SocialCustomerServiceSettings.settings file" with this root
  // (https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_socialcustomerservicesettings.htm), and a
  // wildcard retrieve of Settings at API 45.0 wrote it so (seen: alexed1/CaseAndHelpdesk, src/settings/).
  ['SocialCustomerServiceSettings', 'SocialCustomerServiceSettings'],
]);
