// Shared facts about external (Experience Cloud) users that several rules and the doctor read; one source of truth.
import type { Location, RelatedLocation } from '../findings/index.js';
import type { ViewType } from './views.js';
import type { ProjectModel } from './project-model.js';
import { licenseKind, nameKey, NON_MANAGING_LICENSES, withoutNamespaceTokens, type LicenseKind } from './names.js';
import type {
  DynamicActions,
  GenericView,
  Located,
  LayoutView,
  ObjectPermission,
  PermissionContainer,
  PlatformAction,
  UserPermission,
} from './types.js';
import { all, at, bool, text, texts } from './xnode.js';

export const MANAGE_EXTERNAL_USERS = 'ManagePartners';
export const MANAGE_CUSTOMER_USERS = 'ManageCssUsers';
export const MANAGE_USERS = 'ManageUsers';

export const ENABLE_CUSTOMER_USER = 'EnableCustomerPortal';
export const ENABLE_PARTNER_USER = 'EnablePartnerPortalUser';
export const LOGIN_AS_EXPERIENCE_USER = 'LoginToNetworkAsUser';
export const ENABLE_AS_PARTNER = 'EnableAsPartner';
/** The Contact "Manage External User" family's enable actions. */
export const ENABLE_ACTIONS = [ENABLE_CUSTOMER_USER, ENABLE_PARTNER_USER] as const;
const STANDARD_BUTTON = 'StandardButton';

export function profileLicense(profile: PermissionContainer): LicenseKind {
  return licenseKind(profile.license?.value);
}

export function isExternalProfile(profile: PermissionContainer): boolean {
  const kind = profileLicense(profile);
  return kind === 'customer' || kind === 'partner' || kind === 'external';
}

export function isGuestProfile(profile: PermissionContainer): boolean {
  return profileLicense(profile) === 'guest';
}

/**
 * A standard profile: Salesforce created it with its license (`<custom>false</custom>`), whether or not the org uses it.
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_profile.htm
 */
export function isStandardProfile(profile: PermissionContainer): boolean {
  return profile.custom?.value === false;
}

/**
 * Communities settings' `enableOotbProfExtUserOpsEnable` when true in some copy: only then may users with a standard
 * external profile be created, self-register and log in to sites (Spring '20 and Spring '21; Salesforce says to clone
 * the profiles instead). https://releasenotes.docs.salesforce.com/en-us/spring21/release-notes/rn_experiences_std_login_removed.htm
 */
export function standardExternalProfilesAllowed(model: ProjectModel): Located<boolean> | undefined {
  return model.settings
    .named('Communities')
    .map((s) => bool(s.tree, 'enableOotbProfExtUserOpsEnable'))
    .find((flag) => flag?.value === true);
}

/** The profiles some Experience Cloud site in the project names, as member or self-registration profile (name keys). */
function siteProfileKeys(model: ProjectModel): Set<string> {
  const keys = new Set<string>();
  for (const network of model.networks.all) {
    for (const key of memberProfileKeys(network)) keys.add(key);
    const selfReg = text(network.tree, 'selfRegProfile');
    if (selfReg && selfReg.value.trim() !== '') keys.add(nameKey(selfReg.value));
  }
  return keys;
}

/** The metadata types usedExternalProfiles and externalLicenses read: a rule that calls them lists these in its `needs`. */
export const USED_PROFILE_NEEDS = ['Profile', 'Network', 'Settings'] as const satisfies readonly ViewType[];

/**
 * The external profiles the org can really use: custom ones, and standard ones that a site in the project names or that
 * Communities settings allow. Every org with a customer or partner license has the standard profiles, used or not.
 */
export function usedExternalProfiles(model: ProjectModel): PermissionContainer[] {
  const external = model.profiles.all.filter(isExternalProfile);
  if (!external.some(isStandardProfile) || standardExternalProfilesAllowed(model)) return external;
  const named = siteProfileKeys(model);
  return external.filter((p) => !isStandardProfile(p) || named.has(nameKey(p.fullName)) || named.has(nameKey(p.name)));
}

/** Licenses that never enable external users (Chatter, Identity, Salesforce Integration). */
export function isNonManagingLicense(license: string | undefined): boolean {
  return license !== undefined && NON_MANAGING_LICENSES.has(license.trim());
}

/** Internal: neither external nor guest. A profile without a license element counts as internal (standard profiles omit nothing, hand-written ones may). */
export function isInternalProfile(profile: PermissionContainer): boolean {
  return !isExternalProfile(profile) && !isGuestProfile(profile);
}

/** The enabled grant of a user permission, if any. */
export function grant(container: PermissionContainer, permission: string): UserPermission | undefined {
  return container.userPermissions.find((p) => p.enabled && p.name === permission);
}

export interface LicensesInProject {
  customer: PermissionContainer[];
  partner: PermissionContainer[];
}

/** The customer and partner profiles the org can use (usedExternalProfiles): unused standard profiles say nothing. */
export function externalLicenses(model: ProjectModel): LicensesInProject {
  const used = usedExternalProfiles(model);
  return {
    customer: used.filter((p) => profileLicense(p) === 'customer'),
    partner: used.filter((p) => profileLicense(p) === 'partner'),
  };
}

/** Whether contactless External Identity users exist: then Manage Users also upgrades them (UserManagementSettings). */
export function contactlessUsersEnabled(model: ProjectModel): Location | undefined {
  const settings = model.settings.get('UserManagement');
  const flag = settings && bool(settings.tree, 'enableContactlessExternalIdentityUsers');
  return flag?.value ? flag : undefined;
}

/** The grants that make a container able to enable external users, strongest first. */
export function managerGrant(container: PermissionContainer, model: ProjectModel): UserPermission | undefined {
  return (
    grant(container, MANAGE_EXTERNAL_USERS) ??
    grant(container, MANAGE_CUSTOMER_USERS) ??
    (contactlessUsersEnabled(model) ? grant(container, MANAGE_USERS) : undefined)
  );
}

/**
 * Internal profiles, and permission sets whose license is not an external or guest one: the containers whose
 * grants let employees enable external users. Grants meant for external or guest users enable nobody from a Contact.
 */
export function internalContainers(model: ProjectModel): PermissionContainer[] {
  return [...model.profiles.all.filter(isInternalProfile), ...model.permissionSets.all.filter((ps) => !isExternalLicenseSet(ps))];
}

/** Internal profiles and permission sets that grant Manage External Users or Manage Customer Users. */
export function managers(model: ProjectModel): { container: PermissionContainer; grant: UserPermission }[] {
  return internalContainers(model).flatMap((container) => {
    const found = grant(container, MANAGE_EXTERNAL_USERS) ?? grant(container, MANAGE_CUSTOMER_USERS);
    return found ? [{ container, grant: found }] : [];
  });
}

function isExternalLicenseSet(permissionSet: PermissionContainer): boolean {
  const kind = licenseKind(permissionSet.license?.value);
  return kind === 'customer' || kind === 'partner' || kind === 'external' || kind === 'guest';
}

/** A Lightning action list item for a standard button. */
export function listedAction(layout: LayoutView, actionName: string) {
  return layout.platformActionList?.items.find((i) => i.actionName === actionName && i.actionType === STANDARD_BUTTON);
}

export function excludedButton(layout: LayoutView, actionName: string) {
  return layout.excludeButtons.find((b) => b.value === actionName);
}

/** The entries of a Dynamic Actions panel that name these standard buttons; pages name them bare or prefixed with the object (guess, seen both ways). */
export function dynamicActionEntries(panel: DynamicActions, object: string, actionNames: readonly string[]): Located<string>[] {
  return panel.actions.filter((a) => actionNames.some((name) => a.value === name || a.value === `${object}.${name}`));
}

export function dynamicActionListed(panel: DynamicActions, object: string, actionName: string): boolean {
  return dynamicActionEntries(panel, object, [actionName]).length > 0;
}

/** The first enable action a layout lists in its Lightning action list, if any. */
export function listedEnableAction(layout: LayoutView): PlatformAction | undefined {
  return ENABLE_ACTIONS.map((a) => listedAction(layout, a)).find((i) => i !== undefined);
}

/**
 * The metadata types externalUseEvidence reads. A rule that calls it lists them all in its `needs`: without one
 * of them, that kind of evidence is never loaded when the rule runs alone, and the rule goes quiet.
 */
export const EVIDENCE_NEEDS = ['Profile', 'PermissionSet', 'Layout', 'Network', 'Settings'] as const satisfies readonly ViewType[];

/**
 * Why the project is considered to use external users, as the first piece of evidence found;
 * undefined for a project without Experience Cloud, where the external-user rules stay quiet.
 * `countNetworksSetting: false` leaves `enableNetworksEnabled` out, for the rule that checks that very
 * setting: one copy set to true is no reason for another copy to be true.
 */
export function externalUseEvidence(
  model: ProjectModel,
  { countNetworksSetting = true }: { countNetworksSetting?: boolean } = {},
): { location: Location; reason: string } | undefined {
  // A standard external profile exists in every org with that license: only one the org can use is evidence.
  const external = usedExternalProfiles(model).find((p) => p.license);
  if (external?.license)
    return { location: external.license, reason: `profile ${external.name} has the ${external.license.value} license` };
  const network = model.networks.all[0];
  if (network) return { location: network.root, reason: `the project has the Experience Cloud site ${network.name}` };
  for (const layout of model.layoutsOf('Contact')) {
    const item = listedEnableAction(layout);
    if (item) return { location: item, reason: `layout ${layout.name} offers ${item.actionName}` };
  }
  const communities = countNetworksSetting ? model.settings.get('Communities') : undefined;
  const enabled = communities && bool(communities.tree, 'enableNetworksEnabled');
  if (enabled?.value) return { location: enabled, reason: 'Digital Experiences are enabled' };
  // A standard profile's grant (System Administrator) is Salesforce's default, not the team's choice: no evidence.
  const manager = managers(model).find((m) => !isStandardProfile(m.container));
  if (manager) return { location: manager.grant, reason: `${manager.container.name} grants ${manager.grant.name}` };
  return undefined;
}

/** Contact layouts assigned to a profile, resolved; names not in the project are returned apart. */
export function assignedContactLayouts(model: ProjectModel, profile: PermissionContainer) {
  const found: { layout: LayoutView; assignment: PermissionContainer['layoutAssignments'][number] }[] = [];
  const missing: PermissionContainer['layoutAssignments'][number][] = [];
  for (const assignment of profile.layoutAssignments) {
    if (!assignment.layout.toLowerCase().startsWith('contact-')) continue;
    const layout = model.layouts.get(assignment.layout);
    if (layout) found.push({ layout, assignment });
    else missing.push(assignment);
  }
  return { found, missing };
}

/** The object permission entry for an object, by API name (case-insensitive; CumulusCI namespace tokens removed). */
export function objectPermission(container: PermissionContainer, object: string): ObjectPermission | undefined {
  const key = withoutNamespaceTokens(object).toLowerCase();
  return container.objectPermissions.find((p) => withoutNamespaceTokens(p.object).toLowerCase() === key);
}

/** The profiles a Network admits, as name keys (decoded, lower-cased: retrieved Networks write them lower-cased). */
export function memberProfileKeys(network: GenericView): Set<string> {
  return new Set(all(network.tree, 'networkMemberGroups').flatMap((g) => texts(g, 'profile').map((p) => nameKey(p.value))));
}

/** The related location of a membership finding: the Network's `<networkMemberGroups>`, or its root when it lists none. */
export function memberGroupsRelated(network: GenericView): RelatedLocation {
  const groups = at(network.tree, 'networkMemberGroups');
  const { file, range, element } = groups ?? network.root;
  return { file, range, element, message: groups ? `Members of site ${network.name}` : `Site ${network.name} lists no member groups` };
}
