// The steps the external-user rules decide, in the order an admin would check them, and how a rule's findings answer each.
import type { Finding, Location } from '../../findings/index.js';
import { safeText } from '../../findings/text.js';
import { external, nameKey, xnode, type GenericView, type LayoutView, type PermissionContainer, type ProjectModel } from '../../model/index.js';
import { HELP_MEMBER_LOGIN, HELP_NO_WELCOME, HELP_OWD_EXTERNAL, HELP_PARTNER_ACCOUNT, HELP_SECURE, HELP_SELF_REG, KB_BUTTON, KB_DISABLED_USER, KB_LOGIN_AS, kbSteps } from './links.js';
import { assignedProfiles, type ContactLayoutRef, excludedEnableButtons, layoutInActionsScope, listedEnableActions, names, toDoctorLocation, trueSettings } from './lookups.js';
import type { DoctorLocation, DoctorStep } from './types.js';

/** The rules the doctor runs; each rule step's status comes from their findings (one source of truth). */
export const EXTERNAL_USER_RULES = [
  'digital-experiences-enabled',
  'contact-layout-external-user-actions',
  'manage-external-users-granted',
  'contact-view-all-without-account-access',
  'login-as-experience-user-account-edit',
  'external-profile-site-membership',
  'self-registration-profile',
  'welcome-email-before-site-live',
  'external-profile-admin-permissions',
  'external-sharing-model-enabled',
  'partner-account-enable-action',
] as const;

/** What the walk of one layout knows. */
export interface Walk {
  model: ProjectModel;
  findings: Finding[];
  crashed: Map<string, string>;
  ref?: ContactLayoutRef;
  layout?: LayoutView;
  layoutFiles: Set<string>;
  profiles: PermissionContainer[];
  profileFiles: Set<string>;
  managers: PermissionContainer[];
  permissionSetFiles: Set<string>;
}

/** A rule step's answer when the rule reported nothing: a pass at the deciding element, or cannot tell when the facts are absent. */
type Quiet = { status: 'pass' | 'cannot-tell'; detail: string; locations: Location[] };

interface RuleStep {
  id: string;
  title: string;
  rule: (typeof EXTERNAL_USER_RULES)[number];
  source: string;
  fix: string;
  relevant: (finding: Finding) => boolean;
  quiet: () => Quiet;
}

const PERMISSION_LABELS: Record<string, string> = {
  ManagePartners: 'Manage External Users',
  ManageCssUsers: 'Manage Customer Users',
  ManageUsers: 'Manage Users (contactless External Identity users)',
};

const ENABLE_ACTION_LABELS: Record<string, string> = { EnableCustomerPortal: 'Enable Customer User', EnablePartnerPortalUser: 'Enable Partner User' };

/** The steps the rules decide, in the order an admin would check them. */
const STEPS: ((walk: Walk) => RuleStep)[] = [
  digitalExperiencesEnabled,
  enableActionsLightning,
  enableActionsClassic,
  enableActionsDynamic,
  manageExternalUsersPermission,
  accountAccessViewAll,
  accountAccessLoginAs,
  siteMembership,
  selfRegistration,
  welcomeEmail,
  externalProfileAdminPermissions,
  externalSharingModel,
  partnerAccountEnablement,
];

/** The rule steps of one layout's walk, answered. */
export function ruleSteps(walk: Walk): DoctorStep[] {
  return STEPS.map((step) => step(walk)).map((s) => answer(walk, s));
}

function uniqueLocations(locations: Location[]): DoctorLocation[] {
  const seen = new Set<string>();
  const result: DoctorLocation[] = [];
  for (const l of locations.map(toDoctorLocation)) {
    const key = `${l.file}\u0000${l.line}\u0000${l.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(l);
  }
  return result;
}

function uniqueLines(lines: string[]): string {
  return [...new Set(lines.map(safeText))].join('\n');
}

const isProblem = (f: Finding) => f.severity === 'error' || f.severity === 'warning';

/** A rule step: fail on a relevant error or warning, cannot tell on relevant notes only, else the quiet answer. */
function answer(walk: Walk, step: RuleStep): DoctorStep {
  const base = { id: step.id, title: step.title, fix: step.fix, rule: step.rule, source: step.source };
  const crash = walk.crashed.get(step.rule);
  if (crash !== undefined) return { ...base, status: 'cannot-tell', detail: `The rule ${step.rule} crashed (${crash}), so this step could not be checked.`, locations: [] };
  const relevant = walk.findings.filter((f) => f.ruleId === step.rule && step.relevant(f));
  const problems = relevant.filter(isProblem);
  if (problems.length > 0) return { ...base, status: 'fail', detail: uniqueLines(problems.map((f) => f.message)), locations: uniqueLocations(problems.map((f) => f.location)) };
  if (relevant.length > 0) return { ...base, status: 'cannot-tell', detail: uniqueLines(relevant.map((f) => f.message)), locations: uniqueLocations(relevant.map((f) => f.location)) };
  const quiet = step.quiet();
  // A quiet answer quotes names from the project: one line, whatever they hold.
  return { ...base, status: quiet.status, detail: safeText(quiet.detail), locations: uniqueLocations(quiet.locations) };
}

const pass = (detail: string, locations: Location[] = []): Quiet => ({ status: 'pass', detail, locations });
const cannotTell = (detail: string, locations: Location[] = []): Quiet => ({ status: 'cannot-tell', detail, locations });

function sameStart(a: Location, b: Location): boolean {
  return a.file === b.file && a.range.startLine === b.range.startLine && a.range.startColumn === b.range.startColumn;
}

const everything = () => true;
const inLayout = (walk: Walk, f: Finding) => walk.layoutFiles.has(f.location.file);
// contact-layout-external-user-actions notes a manager's layout that is not in the project at the profile's assignment.
const notInProject = (walk: Walk, f: Finding) => f.messageId === 'layoutNotInProject' && (walk.ref?.assignments.some((a) => sameStart(a.assignment, f.location)) ?? false);
const inProfiles = (walk: Walk, f: Finding) => walk.profileFiles.has(f.location.file);
const relatesToLayout = (walk: Walk, f: Finding) => f.related.some((r) => walk.layoutFiles.has(r.file));
const layoutNameOf = (walk: Walk) => walk.ref?.name ?? 'The Contact layout';

function missingLayout({ layout, ref }: Walk): Quiet | undefined {
  if (layout) return undefined;
  if (!ref) return cannotTell('The project has no Contact layout: which actions the layout offers cannot be verified. Retrieve the Contact layouts (sf project retrieve start -m Layout).');
  return cannotTell(`Layout ${ref.name} is assigned to ${names(assignedProfiles(ref))} but is not in the project, so its actions could not be checked. Retrieve it.`, ref.assignments.map((a) => a.assignment));
}

function outOfScope({ model, layout, ref }: Walk): Quiet | undefined {
  if (!ref || layoutInActionsScope(model, ref)) return undefined;
  const listed = layout ? listedEnableActions(layout) : [];
  return cannotTell(
    `No profile assigned ${ref.name} in the project manages external users, so contact-layout-external-user-actions does not check it: its users can enable external users only through a permission set assigned in the org. If they have one, make sure this layout offers the enable actions too${listed.length > 0 ? ` (it lists ${listed.map((i) => i.actionName).join(', ')})` : ''}.`,
    listed,
  );
}

function noNetwork(what: string): Quiet {
  return cannotTell(`The project has no Experience Cloud site (networks/*.network-meta.xml), so ${what} cannot be verified. Check it in Setup > Digital Experiences > All Sites > Workspaces > Administration.`);
}

function siteStatus(network: GenericView): string {
  const status = xnode.text(network.tree, 'status')?.value.trim();
  if (!status || status === 'Live') return '';
  return `Site ${network.name} is ${status}, not Live: its members can log in once it is activated.`;
}

function digitalExperiencesEnabled(walk: Walk): RuleStep {
  const { model } = walk;
  return {
    id: 'digital-experiences-enabled',
    title: 'Digital Experiences are enabled',
    rule: 'digital-experiences-enabled',
    source: `${kbSteps(2)}; ${KB_BUTTON}`,
    fix: 'Enable Digital Experiences in Setup > Digital Experiences > Settings (this cannot be undone), and set <enableNetworksEnabled>true</enableNetworksEnabled> in settings/Communities.settings-meta.xml.',
    relevant: everything,
    quiet: () => {
      const flags = trueSettings(model, 'Communities', 'enableNetworksEnabled');
      if (flags.length > 0) return pass('Communities settings set enableNetworksEnabled to true.', flags);
      // Like the rule: a retrieved site exists only in an org with Digital Experiences on.
      const sites = model.networks.all;
      return sites.length > 0
        ? pass(`No Communities settings file sets enableNetworksEnabled, but the project has the site ${sites[0]!.name}, which exists only with Digital Experiences on.`, [sites[0]!.root])
        : cannotTell('No Communities settings file sets enableNetworksEnabled: whether Digital Experiences are enabled cannot be verified from the project.');
    },
  };
}

function enableActionsLightning(walk: Walk): RuleStep {
  const { layout } = walk;
  const layoutName = layoutNameOf(walk);
  return {
    id: 'enable-actions-lightning',
    title: `${layoutName} offers Enable Customer/Partner User in Lightning Experience`,
    rule: 'contact-layout-external-user-actions',
    source: `${kbSteps(1)}; ${KB_BUTTON}`,
    fix: `Edit ${layoutName}: under "Salesforce Mobile and Lightning Experience Actions", add Enable Customer User and/or Enable Partner User (a <platformActionListItems> with <actionName>EnableCustomerPortal</actionName> / EnablePartnerPortalUser and <actionType>StandardButton</actionType>).`,
    // Without a Lightning action list, an excluded button is gone from Lightning too (excludedBoth).
    relevant: (f) => ((f.messageId === 'missingLightning' || f.messageId === 'excludedBoth') && inLayout(walk, f)) || notInProject(walk, f),
    quiet: () => {
      const missing = missingLayout(walk) ?? outOfScope(walk);
      if (missing) return missing;
      if (!layout!.platformActionList) {
        return pass(`${layoutName} has no Lightning action list, so Lightning Experience shows the Classic buttons (next step).`, [layout!.root]);
      }
      const listed = listedEnableActions(layout!);
      return listed.length > 0
        ? pass(`${layoutName} lists ${listed.map((i) => `${i.actionName} (${ENABLE_ACTION_LABELS[i.actionName]})`).join(' and ')} in its Lightning action list.`, listed)
        : cannotTell(`${layoutName} lists no enable action in its Lightning action list, but contact-layout-external-user-actions did not report it.`, [layout!.platformActionList]);
    },
  };
}

function enableActionsClassic(walk: Walk): RuleStep {
  const { layout } = walk;
  const layoutName = layoutNameOf(walk);
  return {
    id: 'enable-actions-classic',
    title: `${layoutName} offers Enable Customer/Partner User in Salesforce Classic`,
    rule: 'contact-layout-external-user-actions',
    source: `${KB_BUTTON}; ${KB_DISABLED_USER}`,
    fix: `Edit ${layoutName} in Classic (or remove the <excludeButtons> entry): the "Manage External User" drop-down shows only while one of its buttons (EnableCustomerPortal, EnablePartnerPortalUser) is on the layout.`,
    relevant: (f) => ((f.messageId === 'excludedClassic' || f.messageId === 'excludedBoth') && inLayout(walk, f)) || notInProject(walk, f),
    quiet: () => {
      const missing = missingLayout(walk) ?? outOfScope(walk);
      if (missing) return missing;
      const excluded = excludedEnableButtons(layout!);
      return excluded.length === 0
        ? pass(`${layoutName} excludes neither EnableCustomerPortal nor EnablePartnerPortalUser, so Classic shows the "Manage External User" menu.`, [layout!.root])
        : pass(`${layoutName} excludes only ${excluded.map((e) => e.value).join(', ')}, which the project's licenses do not need.`, excluded);
    },
  };
}

function enableActionsDynamic(walk: Walk): RuleStep {
  const { model } = walk;
  return {
    id: 'enable-actions-dynamic',
    title: 'Contact Lightning pages with Dynamic Actions offer the enable actions',
    rule: 'contact-layout-external-user-actions',
    source: `${KB_BUTTON}; that Dynamic Actions replace the layout's action list is an inference (standard Lightning behaviour)`,
    fix: 'In Lightning App Builder, open the Contact record page, select the highlights panel and add Enable Customer User / Enable Partner User to its Dynamic Actions (actionNames), or switch the panel back to the page layout\'s actions.',
    relevant: (f) => f.messageId === 'missingDynamic',
    quiet: () => {
      const pages = model.flexiPages.all.filter((p) => p.sobjectType?.value === 'Contact' && p.dynamicActions.length > 0);
      if (pages.length === 0) {
        return pass('No Contact Lightning record page in the project uses Dynamic Actions, so the layout\'s action list decides (a page activated in the org but missing from the project is not seen).');
      }
      const listed = pages.flatMap((p) =>
        p.dynamicActions.flatMap((panel) => external.dynamicActionEntries(panel, 'Contact', external.ENABLE_ACTIONS)),
      );
      return pass(`Contact record page${pages.length === 1 ? '' : 's'} ${names(pages)} list${pages.length === 1 ? 's' : ''} the enable actions in Dynamic Actions.`, listed.length > 0 ? listed : pages.flatMap((p) => p.dynamicActions));
    },
  };
}

function manageExternalUsersPermission(walk: Walk): RuleStep {
  const { model } = walk;
  const layoutName = layoutNameOf(walk);
  return {
    id: 'manage-external-users-permission',
    title: 'The users of this layout hold Manage External Users (or Manage Customer Users)',
    rule: 'manage-external-users-granted',
    source: `${kbSteps(3)}; ${KB_BUTTON}`,
    fix: 'Grant Manage External Users (<userPermissions><name>ManagePartners</name>) to the internal profile, or a permission set assigned to the users who enable external users; Manage Customer Users (ManageCssUsers) is enough for customer users only.',
    relevant: (f) => f.messageId === 'noManager' || f.messageId === 'customerOnly' || (f.messageId === 'layoutWithoutPermission' && inProfiles(walk, f) && relatesToLayout(walk, f)),
    quiet: () => {
      const grants = walk.profiles.filter(external.isInternalProfile).flatMap((p) => {
        const g = external.managerGrant(p, model);
        return g ? [{ profile: p, grant: g }] : [];
      });
      if (grants.length > 0) {
        return pass(grants.map((g) => `${g.profile.name} grants ${g.grant.name} (${PERMISSION_LABELS[g.grant.name] ?? g.grant.name}).`).join(' '), grants.map((g) => g.grant.enabledAt));
      }
      const sets = external.managers(model).filter((m) => m.container.kind !== 'Profile');
      const viaSets = sets.length > 0 ? ` In the project, ${sets.map((s) => `${s.container.name} grants ${s.grant.name}`).join(', ')}: check that the users hold one of these (Setup > Users > the user > Permission Set Assignments).` : '';
      // The walked profiles' assignments of this layout decide the step: their users see the actions without the permission.
      const assignments = (walk.ref?.assignments ?? []).filter((a) => walk.profiles.includes(a.profile)).map((a) => a.assignment);
      return walk.profiles.length === 0
        ? cannotTell(`No profile in the project is assigned ${layoutName} (assignments may live in the org), so who uses it cannot be verified.${viaSets}`, sets.map((s) => s.grant.enabledAt))
        : cannotTell(`${names(walk.profiles)} ${walk.profiles.length === 1 ? 'does' : 'do'} not grant ManagePartners or ManageCssUsers: the users need a permission set that does, assigned in the org.${viaSets}`, [...assignments, ...sets.map((s) => s.grant.enabledAt)]);
    },
  };
}

function accountAccessViewAll(walk: Walk): RuleStep {
  const layoutName = layoutNameOf(walk);
  return {
    id: 'account-access-view-all',
    title: 'Managers reach the Contact\'s Account, not only the Contact through View All Records',
    rule: 'contact-view-all-without-account-access',
    source: `${KB_BUTTON} (access to the Contact through View All Records is not enough)`,
    fix: 'Grant Read on Account (<objectPermissions><object>Account</object><allowRead>true</allowRead>) to the profile or permission set, or share the Accounts with the users: the menu needs access to the Contact\'s Account.',
    relevant: (f) => inProfiles(walk, f) || walk.permissionSetFiles.has(f.location.file),
    quiet: () => {
      if (walk.managers.length === 0) {
        return pass(`No profile assigned ${layoutName} manages external users in the project, and no manager permission set reaches Contacts through View All Records without Account access.`);
      }
      const where = walk.managers.map((p) => {
        const all = external.grant(p, 'ViewAllData') ?? external.grant(p, 'ModifyAllData');
        if (all) return all.enabledAt;
        const account = external.objectPermission(p, 'Account');
        const readFlag = [account?.flags.allowRead, account?.flags.viewAllRecords, account?.flags.modifyAllRecords].find((f) => f?.value === true);
        return readFlag ?? external.objectPermission(p, 'Contact') ?? p.root;
      });
      return pass(`${names(walk.managers)}: Accounts are readable, or Contacts are not reached through View All Records alone.`, where);
    },
  };
}

function accountAccessLoginAs(walk: Walk): RuleStep {
  const { layout } = walk;
  const layoutName = layoutNameOf(walk);
  return {
    id: 'account-access-login-as',
    title: 'Managers who see "Log in to Experience as User" have Edit on Account',
    rule: 'login-as-experience-user-account-edit',
    source: `${KB_BUTTON}; ${KB_LOGIN_AS}`,
    fix: 'Grant Edit on Account (<allowEdit>true</allowEdit> in the Account <objectPermissions>) to the profile, or remove Log in to Experience as User (LoginToNetworkAsUser) from the layout.',
    relevant: (f) => inProfiles(walk, f) && relatesToLayout(walk, f),
    quiet: () => {
      const missing = missingLayout(walk);
      if (missing) return missing;
      const item = external.listedAction(layout!, external.LOGIN_AS_EXPERIENCE_USER);
      if (!item) return pass(`${layoutName} does not list Log in to Experience as User (LoginToNetworkAsUser) in Lightning.`, [layout!.platformActionList ?? layout!.root]);
      if (walk.managers.length === 0) {
        return cannotTell(`${layoutName} offers Log in to Experience as User, but no profile assigned it manages external users in the project; users who get that permission from a permission set also need Edit on Account.`, [item]);
      }
      const where = walk.managers.map((p) => {
        const all = external.grant(p, 'ModifyAllData');
        if (all) return all.enabledAt;
        const account = external.objectPermission(p, 'Account');
        return [account?.flags.allowEdit, account?.flags.modifyAllRecords].find((f) => f?.value === true) ?? account ?? p.root;
      });
      return pass(`${names(walk.managers)} ${walk.managers.length === 1 ? 'has' : 'have'} Edit on Account, which Log in to Experience as User needs.`, where);
    },
  };
}

function siteMembership(walk: Walk): RuleStep {
  const networks = walk.model.networks.all;
  return {
    id: 'site-membership',
    title: 'The site exists, and every external profile is a member of it',
    rule: 'external-profile-site-membership',
    source: `${HELP_MEMBER_LOGIN}; ${HELP_NO_WELCOME}`,
    fix: 'Add the profile to the site: Experience Workspaces > Administration > Members (networkMemberGroups/profile in networks/<Site>.network-meta.xml). Members log in once the site is Live (Active).',
    relevant: everything,
    quiet: () => {
      if (networks.length === 0) return noNetwork('whether a site exists and admits the external profiles');
      const statuses = networks.map((n) => siteStatus(n)).filter((s) => s !== '');
      const standard = external.standardExternalProfilesAllowed(walk.model)
        ? []
        : walk.model.profiles.all.filter(
            (p) => external.isExternalProfile(p) && external.isStandardProfile(p) && !networks.some((n) => external.memberProfileKeys(n).has(nameKey(p.fullName))),
          );
      const skipped = standard.length > 0
        ? ` Standard external profiles (${names(standard)}) need no membership: they cannot log in to sites unless Communities settings set enableOotbProfExtUserOpsEnable.`
        : '';
      return pass(
        `Every custom external profile in the project is a member of a site (${names(networks)}).${skipped}${statuses.length > 0 ? ` ${statuses.join(' ')}` : ''}`,
        networks.map((n) => xnode.at(n.tree, 'networkMemberGroups') ?? n.root),
      );
    },
  };
}

function selfRegistration(walk: Walk): RuleStep {
  const { model } = walk;
  const networks = model.networks.all;
  return {
    id: 'self-registration',
    title: 'Self-registration assigns an external profile that is a member of the site',
    rule: 'self-registration-profile',
    source: HELP_SELF_REG,
    fix: 'In Experience Workspaces > Administration > Login & Registration, choose an external (customer or partner) profile that is a member of the site as the self-registration profile (selfRegProfile).',
    relevant: everything,
    quiet: () => {
      if (networks.length === 0) return noNetwork('self-registration');
      const facts = networks.map((n) => {
        const on = xnode.bool(n.tree, 'selfRegistration');
        const profile = xnode.text(n.tree, 'selfRegProfile');
        return on?.value && profile
          ? { text: `${n.name} self-registers users with ${model.profiles.get(profile.value.trim())?.name ?? profile.value.trim()}, an external member profile.`, at: profile as Location }
          : { text: `${n.name} does not allow self-registration.`, at: (on ?? n.root) as Location };
      });
      return pass(facts.map((f) => f.text).join(' '), facts.map((f) => f.at));
    },
  };
}

function welcomeEmail(walk: Walk): RuleStep {
  const networks = walk.model.networks.all;
  return {
    id: 'welcome-email',
    title: 'Welcome emails are sent only once the site is Live',
    rule: 'welcome-email-before-site-live',
    source: HELP_NO_WELCOME,
    fix: 'Turn off "Send welcome email" (sendWelcomeEmail) until the site is activated, or activate it (status Live): users enabled before then get a login email for a site they cannot use yet.',
    relevant: everything,
    quiet: () => {
      if (networks.length === 0) return noNetwork('welcome emails');
      const facts = networks.map((n) => {
        const send = xnode.bool(n.tree, 'sendWelcomeEmail');
        const status = xnode.text(n.tree, 'status');
        // The rule reports only a site in Preview (UnderConstruction); Live and taken offline (DownForMaintenance) pass.
        return send?.value
          ? { text: `${n.name} sends welcome emails and is ${status?.value.trim() || 'not in Preview'}.`, at: (status ?? send) as Location }
          : { text: `${n.name} does not send welcome emails.`, at: (send ?? n.root) as Location };
      });
      return pass(facts.map((f) => f.text).join(' '), facts.map((f) => f.at));
    },
  };
}

function externalProfileAdminPermissions(walk: Walk): RuleStep {
  const { model } = walk;
  return {
    id: 'external-profile-admin-permissions',
    title: 'External and guest profiles grant no Setup or administration permission',
    rule: 'external-profile-admin-permissions',
    source: HELP_SECURE,
    fix: 'Remove the permission from the external or guest profile (set its <enabled> to false or delete the <userPermissions> entry): Experience Cloud users must not administer the org.',
    relevant: everything,
    quiet: () => {
      const profiles = model.profiles.all.filter((p) => (external.isExternalProfile(p) || external.isGuestProfile(p)) && p.license);
      return profiles.length > 0
        ? pass(`No external or guest profile (${names(profiles)}) grants a Setup or administration permission.`, profiles.map((p) => p.license!))
        : pass('The project has no external or guest profile.');
    },
  };
}

function externalSharingModel(walk: Walk): RuleStep {
  const { model } = walk;
  return {
    id: 'external-sharing-model',
    title: 'External users have their own sharing model (external org-wide defaults)',
    rule: 'external-sharing-model-enabled',
    source: HELP_OWD_EXTERNAL,
    fix: 'Enable external organization-wide defaults (Setup > Sharing Settings; <enableExternalSharingModel>true</enableExternalSharingModel> in settings/Sharing.settings-meta.xml), then set each object\'s external default.',
    relevant: everything,
    quiet: () => {
      const flags = trueSettings(model, 'Sharing', 'enableExternalSharingModel');
      return flags.length > 0
        ? pass('Sharing settings set enableExternalSharingModel to true.', flags)
        : cannotTell('The project has no external profile, so whether external users get their own sharing model is not checked; retrieve the external profiles and settings/Sharing.settings-meta.xml.');
    },
  };
}

function partnerAccountEnablement(walk: Walk): RuleStep {
  const { model } = walk;
  return {
    id: 'partner-account-enablement',
    title: 'An Account layout offers Enable As Partner (partner users)',
    rule: 'partner-account-enable-action',
    source: HELP_PARTNER_ACCOUNT,
    fix: 'Add Enable As Partner (EnableAsPartner, a StandardButton) to an Account layout\'s Lightning actions and keep it out of <excludeButtons>, then enable the Contact\'s Account as a partner before enabling the partner user.',
    relevant: everything,
    quiet: () => {
      const partner = external.externalLicenses(model).partner;
      if (partner.length === 0) return pass('No profile in the project has a partner license: only partner users need their Account enabled as a partner.');
      const accountLayouts = model.layoutsOf('Account');
      const offered = accountLayouts.flatMap((l) => {
        const item = external.listedAction(l, external.ENABLE_AS_PARTNER);
        if (item) return [item as Location];
        return !l.platformActionList && !external.excludedButton(l, external.ENABLE_AS_PARTNER) ? [l.root] : [];
      });
      const dynamic = model.flexiPages.all
        .filter((p) => p.sobjectType?.value === 'Account')
        .flatMap((p) => p.dynamicActions.flatMap((panel) => external.dynamicActionEntries(panel, 'Account', [external.ENABLE_AS_PARTNER])));
      return pass(`An Account layout or page offers Enable As Partner (${names(partner)} ${partner.length === 1 ? 'has' : 'have'} a partner license).`, [...offered, ...dynamic]);
    },
  };
}
