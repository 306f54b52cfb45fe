// doctorExternalUsers(options): the "Manage External User" troubleshooting path walked per Contact layout, decided by the external-user rules' findings.
import { ConfigError } from '../../config/index.js';
import { compareStrings, type Finding, type Location } from '../../findings/index.js';
import * as doctor from './lookups.js';
import { external, xnode, type GenericView, type LayoutView, type PermissionContainer, type ProjectModel } from '../../model/index.js';
import { ruleById } from '../../rules/index.js';
import { lint } from '../../api/index.js';
import type { DoctorLocation, DoctorStep, DoctorLayout, DoctorReport } from './types.js';

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

export type { DoctorStatus, DoctorLocation, DoctorCheck, DoctorStep, DoctorProfile, DoctorLayout, DoctorReport } from './types.js';

export interface DoctorOptions {
  cwd: string;
  paths: string[];
  configFile?: string;
  /** Walk only this profile (decoded or encoded name, case-insensitive). */
  profile?: string;
  /** Walk only this Contact layout (`Contact-Name` or `Name`; decoded or encoded, case-insensitive). */
  layout?: string;
}

const KB_BUTTON = 'Help article 000213565, Unable to see the Manage External Users button: https://help.salesforce.com/s/articleView?id=000213565&type=1';
const kbSteps = (step: number) => `Help article 000387665, step ${step}: https://help.salesforce.com/s/articleView?id=000387665&type=1`;
const KB_LOGIN_AS = 'Help article 000395861: https://help.salesforce.com/s/articleView?id=000395861&type=1';
const HELP_PARTNER_ACCOUNT = 'Create Partner Accounts: https://help.salesforce.com/s/articleView?id=experience.networks_partner_community_create_account.htm&type=5';
const HELP_NO_WELCOME = 'Welcome emails and site status: https://help.salesforce.com/s/articleView?id=experience.exp_cloud_administer_no_welcome_email.htm&language=en_US&type=5';
const HELP_MEMBER_LOGIN = 'How external members log in: https://help.salesforce.com/s/articleView?id=platform.faq_communities_external_member_login_info.htm&language=en_US&type=5';
const HELP_SELF_REG = 'NetworkSelfRegistration: https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_networkselfregistration.htm';
const HELP_SECURE = 'Secure your Experience Cloud site: https://help.salesforce.com/s/articleView?id=platform.networks_secure_community.htm&type=5';
const HELP_OWD_EXTERNAL = 'External organization-wide defaults: https://help.salesforce.com/s/articleView?id=platform.security_owd_external_setting.htm&language=en_US&type=5';
const GUIDE = 'external-user-checks.md (the troubleshooting path this report follows)';

const PERMISSION_LABELS: Record<string, string> = {
  ManagePartners: 'Manage External Users',
  ManageCssUsers: 'Manage Customer Users',
  ManageUsers: 'Manage Users (contactless External Identity users)',
};

const ENABLE_ACTION_LABELS: Record<string, string> = { EnableCustomerPortal: 'Enable Customer User', EnablePartnerPortalUser: 'Enable Partner User' };

/** What the walk of one layout knows. */
interface Walk {
  model: ProjectModel;
  findings: Finding[];
  crashed: Map<string, string>;
  ref?: doctor.ContactLayoutRef;
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

/**
 * Walks the external-user troubleshooting path for each Contact layout (or the one named) and the profiles
 * assigned to it (or the one named). Throws ConfigError for a --profile or --layout that names nothing,
 * and ConfigError / ProjectError as lint() does for a bad configuration or path.
 */
export async function doctorExternalUsers(options: DoctorOptions): Promise<DoctorReport> {
  const run = await lint({
    cwd: options.cwd,
    paths: options.paths,
    ...(options.configFile !== undefined ? { configFile: options.configFile } : {}),
    only: [...EXTERNAL_USER_RULES],
    // The doctor diagnoses: a rule the configuration turned off or down still answers its step.
    ruleSeverities: Object.fromEntries(EXTERNAL_USER_RULES.map((id) => [id, ruleById(id)!.meta.defaultSeverity])),
    baseline: false,
  });
  const model = run.model;
  // Suppressions and the baseline record what a team accepted; the doctor reports what is, so it reads every finding.
  const findings = run.allFindings.filter((f) => (EXTERNAL_USER_RULES as readonly string[]).includes(f.ruleId));
  const internalErrors = run.internalErrors.map((e) => ({ ruleId: e.ruleId, message: e.message }));
  const crashed = new Map(internalErrors.map((e) => [e.ruleId, e.message]));
  const filters = { ...(options.profile !== undefined ? { profile: options.profile } : {}), ...(options.layout !== undefined ? { layout: options.layout } : {}) };

  const refs = doctor.contactLayouts(model);
  const profile = options.profile !== undefined ? findProfile(model, options.profile) : undefined;
  const named = options.layout !== undefined ? findLayouts(refs, options.layout) : undefined;

  const notes = model.problems.map((p) => `${p.file} was not read (${p.message}): steps that depend on it may be wrong.`);
  const evidence = external.externalUseEvidence(model);
  if (!evidence) {
    return {
      usesExternalUsers: false,
      summary:
        'The project does not use external users: it has no external profile, Experience Cloud site, Contact layout offering Enable Customer/Partner User, Digital Experiences setting or profile or permission set that manages external users. Nothing to check.',
      filters,
      notes,
      internalErrors,
      layouts: [],
      failed: false,
    };
  }

  let walked: (doctor.ContactLayoutRef | undefined)[] = named ?? refs;
  if (!named && profile) {
    const assigned = refs.filter((r) => r.assignments.some((a) => a.profile === profile));
    if (assigned.length > 0) walked = assigned;
    else notes.push(`Profile ${profile.name} lists no Contact layout assignment in the project (its assignments may live in the org): every Contact layout is walked for it.`);
  }
  if (named && profile) {
    for (const ref of named) {
      if (!ref.assignments.some((a) => a.profile === profile)) notes.push(`Profile ${profile.name} is not assigned layout ${ref.name} in the project; it is walked as asked.`);
    }
  }
  if (walked.length === 0) {
    walked = [undefined];
    notes.push('The project has no Contact layout: the layout steps cannot be answered from it.');
  }

  const permissionSetFiles = new Set(model.permissionSets.all.flatMap((ps) => ps.files.map((f) => f.path)));
  const layouts = walked.map((ref): DoctorLayout => {
    const profiles = profile ? [profile] : ref ? doctor.assignedProfiles(ref) : [];
    const layout = ref?.views[0];
    const walk: Walk = {
      model,
      findings,
      crashed,
      ...(ref ? { ref } : {}),
      ...(layout ? { layout } : {}),
      layoutFiles: new Set(ref?.views.flatMap((v) => v.files.map((f) => f.path)) ?? []),
      profiles,
      profileFiles: new Set(profiles.flatMap((p) => p.files.map((f) => f.path))),
      managers: doctor.managerProfiles(model, profiles),
      permissionSetFiles,
    };
    const steps = [...ruleSteps(walk).map((s) => answer(walk, s)), ...manualSteps(model)];
    return {
      ...(ref ? { layout: ref.name } : {}),
      ...(layout ? { file: layout.file.path } : {}),
      profiles: profiles.map((p) => ({
        name: p.name,
        file: p.file.path,
        ...(p.license ? { license: p.license.value } : {}),
        manager: external.managerGrant(p, model) !== undefined && external.isInternalProfile(p),
      })),
      steps,
      failed: steps.some((s) => s.status === 'fail'),
    };
  });

  const failed = layouts.some((l) => l.failed);
  const failing = layouts.reduce((n, l) => n + l.steps.filter((s) => s.status === 'fail').length, 0);
  const walkedLayouts = layouts.filter((l) => l.layout !== undefined).length;
  const scope = walkedLayouts === 0 ? 'the project (it has no Contact layout)' : `${walkedLayouts} Contact layout${walkedLayouts === 1 ? '' : 's'}`;
  const summary = failed
    ? `${failing} step${failing === 1 ? '' : 's'} fail${failing === 1 ? 's' : ''} on ${walkedLayouts === 0 ? scope : `${layouts.filter((l) => l.failed).length} of ${scope}`}: fix them in order, the first one first.`
    : `No step fails on ${scope}; check the steps marked cannot tell and the manual steps in the org.`;
  return {
    usesExternalUsers: true,
    evidence: { reason: evidence.reason, location: toDoctorLocation(evidence.location) },
    summary,
    filters,
    notes,
    internalErrors,
    layouts,
    failed,
  };
}

function findProfile(model: ProjectModel, name: string): PermissionContainer {
  const found = model.profiles.get(name);
  if (found) return found;
  const known = model.profiles.all.map((p) => p.name).sort(compareStrings);
  throw new ConfigError(
    known.length === 0
      ? `--profile ${JSON.stringify(name)}: the project has no profiles.`
      : `--profile ${JSON.stringify(name)}: no such profile in the project. Profiles: ${[...new Set(known)].join(', ')}.`,
  );
}

function findLayouts(refs: doctor.ContactLayoutRef[], name: string): doctor.ContactLayoutRef[] {
  const found = refs.filter((r) => doctor.layoutMatches(r, name));
  if (found.length > 0) return found;
  throw new ConfigError(
    refs.length === 0
      ? `--layout ${JSON.stringify(name)}: the project has no Contact layout and no profile assigns one.`
      : `--layout ${JSON.stringify(name)}: no such Contact layout in the project. Contact layouts: ${refs.map((r) => r.name).join(', ')}.`,
  );
}

function toDoctorLocation(location: Location): DoctorLocation {
  return { file: location.file, line: location.range.startLine, column: location.range.startColumn };
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
  return [...new Set(lines)].join('\n');
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
  return { ...base, status: quiet.status, detail: quiet.detail, locations: uniqueLocations(quiet.locations) };
}

const pass = (detail: string, locations: Location[] = []): Quiet => ({ status: 'pass', detail, locations });
const cannotTell = (detail: string, locations: Location[] = []): Quiet => ({ status: 'cannot-tell', detail, locations });

function names(items: readonly { name: string }[]): string {
  return items.map((i) => i.name).join(', ');
}

function sameStart(a: Location, b: Location): boolean {
  return a.file === b.file && a.range.startLine === b.range.startLine && a.range.startColumn === b.range.startColumn;
}

/** The steps the rules decide, in the order an admin would check them. */
function ruleSteps(walk: Walk): RuleStep[] {
  const { model, layout, ref } = walk;
  const inLayout = (f: Finding) => walk.layoutFiles.has(f.location.file);
  // contact-layout-external-user-actions notes a manager's layout that is not in the project at the profile's assignment.
  const notInProject = (f: Finding) => f.messageId === 'layoutNotInProject' && (ref?.assignments.some((a) => sameStart(a.assignment, f.location)) ?? false);
  const inProfiles = (f: Finding) => walk.profileFiles.has(f.location.file);
  const relatesToLayout = (f: Finding) => f.related.some((r) => walk.layoutFiles.has(r.file));
  const everything = () => true;
  const layoutName = ref?.name ?? 'The Contact layout';
  const missingLayout = (): Quiet | undefined => {
    if (layout) return undefined;
    if (!ref) return cannotTell('The project has no Contact layout: which actions the layout offers cannot be verified. Retrieve the Contact layouts (sf project retrieve start -m Layout).');
    return cannotTell(`Layout ${ref.name} is assigned to ${names(doctor.assignedProfiles(ref))} but is not in the project, so its actions could not be checked. Retrieve it.`, ref.assignments.map((a) => a.assignment));
  };
  const outOfScope = (): Quiet | undefined => {
    if (!ref || doctor.layoutInActionsScope(model, ref)) return undefined;
    const listed = layout ? doctor.listedEnableActions(layout) : [];
    return cannotTell(
      `No profile assigned ${ref.name} in the project manages external users, so contact-layout-external-user-actions does not check it: its users can enable external users only through a permission set assigned in the org. If they have one, make sure this layout offers the enable actions too${listed.length > 0 ? ` (it lists ${listed.map((i) => i.actionName).join(', ')})` : ''}.`,
      listed,
    );
  };
  const networks = model.networks.all;
  const noNetwork = (what: string): Quiet =>
    cannotTell(`The project has no Experience Cloud site (networks/*.network-meta.xml), so ${what} cannot be verified. Check it in Setup > Digital Experiences > All Sites > Workspaces > Administration.`);

  return [
    {
      id: 'digital-experiences-enabled',
      title: 'Digital Experiences are enabled',
      rule: 'digital-experiences-enabled',
      source: `${kbSteps(2)}; ${KB_BUTTON}`,
      fix: 'Enable Digital Experiences in Setup > Digital Experiences > Settings (this cannot be undone), and set <enableNetworksEnabled>true</enableNetworksEnabled> in settings/Communities.settings-meta.xml.',
      relevant: everything,
      quiet: () => {
        const flags = doctor.trueSettings(model, 'Communities', 'enableNetworksEnabled');
        return flags.length > 0
          ? pass('Communities settings set enableNetworksEnabled to true.', flags)
          : cannotTell('No Communities settings file sets enableNetworksEnabled: whether Digital Experiences are enabled cannot be verified from the project.');
      },
    },
    {
      id: 'enable-actions-lightning',
      title: `${layoutName} offers Enable Customer/Partner User in Lightning Experience`,
      rule: 'contact-layout-external-user-actions',
      source: `${kbSteps(1)}; ${KB_BUTTON}`,
      fix: `Edit ${layoutName}: under "Salesforce Mobile and Lightning Experience Actions", add Enable Customer User and/or Enable Partner User (a <platformActionListItems> with <actionName>EnableCustomerPortal</actionName> / EnablePartnerPortalUser and <actionType>StandardButton</actionType>).`,
      relevant: (f) => (f.messageId === 'missingLightning' && inLayout(f)) || notInProject(f),
      quiet: () => {
        const missing = missingLayout() ?? outOfScope();
        if (missing) return missing;
        if (!layout!.platformActionList) {
          return pass(`${layoutName} has no Lightning action list, so Lightning Experience shows the Classic buttons (next step).`, [layout!.root]);
        }
        const listed = doctor.listedEnableActions(layout!);
        return listed.length > 0
          ? pass(`${layoutName} lists ${listed.map((i) => `${i.actionName} (${ENABLE_ACTION_LABELS[i.actionName]})`).join(' and ')} in its Lightning action list.`, listed)
          : cannotTell(`${layoutName} lists no enable action in its Lightning action list, but contact-layout-external-user-actions did not report it.`, [layout!.platformActionList]);
      },
    },
    {
      id: 'enable-actions-classic',
      title: `${layoutName} offers Enable Customer/Partner User in Salesforce Classic`,
      rule: 'contact-layout-external-user-actions',
      source: `${KB_BUTTON}; help article 000220285: https://help.salesforce.com/s/articleView?id=000220285&type=1`,
      fix: `Edit ${layoutName} in Classic (or remove the <excludeButtons> entry): the "Manage External User" drop-down shows only while one of its buttons (EnableCustomerPortal, EnablePartnerPortalUser) is on the layout.`,
      relevant: (f) => (f.messageId === 'excludedClassic' && inLayout(f)) || notInProject(f),
      quiet: () => {
        const missing = missingLayout() ?? outOfScope();
        if (missing) return missing;
        const excluded = doctor.excludedEnableButtons(layout!);
        return excluded.length === 0
          ? pass(`${layoutName} excludes neither EnableCustomerPortal nor EnablePartnerPortalUser, so Classic shows the "Manage External User" menu.`, [layout!.root])
          : pass(`${layoutName} excludes only ${excluded.map((e) => e.value).join(', ')}, which the project's licenses do not need.`, excluded);
      },
    },
    {
      id: 'enable-actions-dynamic',
      title: 'Contact Lightning pages with Dynamic Actions offer the enable actions',
      rule: 'contact-layout-external-user-actions',
      source: `${KB_BUTTON}; salesforce-metadata.md §1 (Dynamic Actions replace the layout's list: inferred)`,
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
    },
    {
      id: 'manage-external-users-permission',
      title: 'The users of this layout hold Manage External Users (or Manage Customer Users)',
      rule: 'manage-external-users-granted',
      source: `${kbSteps(3)}; ${KB_BUTTON}`,
      fix: 'Grant Manage External Users (<userPermissions><name>ManagePartners</name>) to the internal profile, or a permission set assigned to the users who enable external users; Manage Customer Users (ManageCssUsers) is enough for customer users only.',
      relevant: (f) => f.messageId === 'noManager' || f.messageId === 'customerOnly' || (f.messageId === 'layoutWithoutPermission' && inProfiles(f) && relatesToLayout(f)),
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
        return walk.profiles.length === 0
          ? cannotTell(`No profile in the project is assigned ${layoutName} (assignments may live in the org), so who uses it cannot be verified.${viaSets}`, sets.map((s) => s.grant.enabledAt))
          : cannotTell(`${names(walk.profiles)} ${walk.profiles.length === 1 ? 'does' : 'do'} not grant ManagePartners or ManageCssUsers: the users need a permission set that does, assigned in the org.${viaSets}`, sets.map((s) => s.grant.enabledAt));
      },
    },
    {
      id: 'account-access-view-all',
      title: 'Managers reach the Contact\'s Account, not only the Contact through View All Records',
      rule: 'contact-view-all-without-account-access',
      source: `${KB_BUTTON} (access to the Contact through View All Records is not enough)`,
      fix: 'Grant Read on Account (<objectPermissions><object>Account</object><allowRead>true</allowRead>) to the profile or permission set, or share the Accounts with the users: the menu needs access to the Contact\'s Account.',
      relevant: (f) => inProfiles(f) || walk.permissionSetFiles.has(f.location.file),
      quiet: () => {
        if (walk.managers.length === 0) {
          return pass(`No profile assigned ${layoutName} manages external users in the project, and no manager permission set reaches Contacts through View All Records without Account access.`);
        }
        const where = walk.managers.map((p) => {
          const all = external.grant(p, 'ViewAllData') ?? external.grant(p, 'ModifyAllData');
          if (all) return all.enabledAt;
          const account = doctor.objectPermission(p, 'Account');
          const readFlag = [account?.flags.allowRead, account?.flags.viewAllRecords, account?.flags.modifyAllRecords].find((f) => f?.value === true);
          return readFlag ?? doctor.objectPermission(p, 'Contact') ?? p.root;
        });
        return pass(`${names(walk.managers)}: Accounts are readable, or Contacts are not reached through View All Records alone.`, where);
      },
    },
    {
      id: 'account-access-login-as',
      title: 'Managers who see "Log in to Experience as User" have Edit on Account',
      rule: 'login-as-experience-user-account-edit',
      source: `${KB_BUTTON}; ${KB_LOGIN_AS}`,
      fix: 'Grant Edit on Account (<allowEdit>true</allowEdit> in the Account <objectPermissions>) to the profile, or remove Log in to Experience as User (LoginToNetworkAsUser) from the layout.',
      relevant: (f) => inProfiles(f) && relatesToLayout(f),
      quiet: () => {
        const missing = missingLayout();
        if (missing) return missing;
        const item = external.listedAction(layout!, external.LOGIN_AS_EXPERIENCE_USER);
        if (!item) return pass(`${layoutName} does not list Log in to Experience as User (LoginToNetworkAsUser) in Lightning.`, [layout!.platformActionList ?? layout!.root]);
        if (walk.managers.length === 0) {
          return cannotTell(`${layoutName} offers Log in to Experience as User, but no profile assigned it manages external users in the project; users who get that permission from a permission set also need Edit on Account.`, [item]);
        }
        const where = walk.managers.map((p) => {
          const all = external.grant(p, 'ModifyAllData');
          if (all) return all.enabledAt;
          const account = doctor.objectPermission(p, 'Account');
          return [account?.flags.allowEdit, account?.flags.modifyAllRecords].find((f) => f?.value === true) ?? account ?? p.root;
        });
        return pass(`${names(walk.managers)} ${walk.managers.length === 1 ? 'has' : 'have'} Edit on Account, which Log in to Experience as User needs.`, where);
      },
    },
    {
      id: 'site-membership',
      title: 'The site exists, and every external profile is a member of it',
      rule: 'external-profile-site-membership',
      source: `${HELP_MEMBER_LOGIN}; ${HELP_NO_WELCOME}`,
      fix: 'Add the profile to the site: Experience Workspaces > Administration > Members (networkMemberGroups/profile in networks/<Site>.network-meta.xml). Members log in once the site is Live (Active).',
      relevant: everything,
      quiet: () => {
        if (networks.length === 0) return noNetwork('whether a site exists and admits the external profiles');
        const statuses = networks.map((n) => siteStatus(n)).filter((s) => s !== '');
        return pass(
          `Every external profile in the project is a member of a site (${names(networks)}).${statuses.length > 0 ? ` ${statuses.join(' ')}` : ''}`,
          networks.map((n) => xnode.at(n.tree, 'networkMemberGroups') ?? n.root),
        );
      },
    },
    {
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
    },
    {
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
          return send?.value
            ? { text: `${n.name} sends welcome emails and is Live.`, at: (status ?? send) as Location }
            : { text: `${n.name} does not send welcome emails.`, at: (send ?? n.root) as Location };
        });
        return pass(facts.map((f) => f.text).join(' '), facts.map((f) => f.at));
      },
    },
    {
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
    },
    {
      id: 'external-sharing-model',
      title: 'External users have their own sharing model (external org-wide defaults)',
      rule: 'external-sharing-model-enabled',
      source: HELP_OWD_EXTERNAL,
      fix: 'Enable external organization-wide defaults (Setup > Sharing Settings; <enableExternalSharingModel>true</enableExternalSharingModel> in settings/Sharing.settings-meta.xml), then set each object\'s external default.',
      relevant: everything,
      quiet: () => {
        const flags = doctor.trueSettings(model, 'Sharing', 'enableExternalSharingModel');
        return flags.length > 0
          ? pass('Sharing settings set enableExternalSharingModel to true.', flags)
          : cannotTell('The project has no external profile, so whether external users get their own sharing model is not checked; retrieve the external profiles and settings/Sharing.settings-meta.xml.');
      },
    },
    {
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
    },
  ];
}

function siteStatus(network: GenericView): string {
  const status = xnode.text(network.tree, 'status')?.value.trim();
  if (!status || status === 'Live') return '';
  return `Site ${network.name} is ${status}, not Live: its members can log in once it is activated.`;
}

/** The steps only the org can answer, each with the query or Setup path that answers it. */
function manualSteps(model: ProjectModel): DoctorStep[] {
  const externalProfiles = model.profiles.all.filter((p) => external.isExternalProfile(p) && p.license);
  const roleProfiles = doctor.profilesWithLicense(model, (l) => doctor.ROLE_HIERARCHY_LICENSES.has(l));
  const partnerProfiles = external.externalLicenses(model).partner.filter((p) => p.license);
  const licenses = [...new Set(externalProfiles.map((p) => p.license!.value))].sort(compareStrings);
  const licenseList = (licenses.length > 0 ? licenses : ['Customer Community', 'Customer Community Login', 'Customer Community Plus', 'Partner Community']).map((l) => `'${l}'`).join(', ');
  const manual = (step: Omit<DoctorStep, 'status'>): DoctorStep => ({ ...step, status: 'manual' });
  return [
    manual({
      id: 'contact-has-account',
      title: 'The Contact belongs to an Account',
      detail: 'Record data: a Contact without an Account (a private Contact) shows no "Manage External User" menu and cannot be enabled.',
      locations: [],
      fix: 'Set the Contact\'s Account Name, then reload the Contact.',
      source: KB_BUTTON,
      check: { soql: 'SELECT Id, Name FROM Contact WHERE AccountId = null', setup: 'The Contact record: the Account Name field' },
    }),
    manual({
      id: 'account-owner-role',
      title: 'The owner of the Contact\'s Account has a role',
      detail: 'Record data: the Account\'s owner must have a role (User.UserRoleId) before external users can be created under the Account.',
      locations: [],
      fix: 'Give the Account owner a role (Setup > Users > Users > Edit > Role), or transfer the Account to a user who has one.',
      source: `${GUIDE}, gotcha 2`,
      check: {
        soql: "SELECT Id, Name, Owner.Name FROM Account WHERE Owner.UserRoleId = null AND Id IN (SELECT AccountId FROM Contact WHERE Id = '<Contact Id>')",
        setup: 'Setup > Users > Users: the Role column of the Account owner',
      },
    }),
    manual({
      id: 'role-hierarchy-license',
      title: 'Role-hierarchy licenses get a role, and the role count stays low',
      detail:
        roleProfiles.length > 0
          ? `${names(roleProfiles)} ${roleProfiles.length === 1 ? 'uses a license' : 'use licenses'} with roles (Customer Community Plus, partner): each enabled user gets a role under the Account; many roles per Account slow sharing recalculation.`
          : 'No profile in the project has a role-hierarchy license (Customer Community Plus, Partner Community and their Login variants, Gold/Silver Partner); check this only if the org uses one.',
      locations: roleProfiles.map((p) => toDoctorLocation(p.license!)),
      fix: 'Keep the number of customer and partner roles per Account low (often one), and give the user a role when the license needs one.',
      source: `${GUIDE}, step 14`,
      check: {
        soql: "SELECT PortalType, COUNT(Id) FROM UserRole WHERE PortalType != 'None' GROUP BY PortalType",
        setup: 'Setup > Digital Experiences > Settings: Role and User Settings (number of customer and partner roles)',
      },
    }),
    manual({
      id: 'license-seat',
      title: 'A seat of the external license is free',
      detail: `Org data: enabling a user fails when every seat of its license is used${licenses.length > 0 ? ` (licenses in the project: ${licenses.join(', ')})` : ''}.`,
      locations: externalProfiles.map((p) => toDoctorLocation(p.license!)),
      fix: 'Free a seat (deactivate a user who left) or buy more licenses.',
      source: `${GUIDE}, step 15`,
      check: { soql: `SELECT Name, UsedLicenses, TotalLicenses FROM UserLicense WHERE Name IN (${licenseList})`, setup: 'Setup > Company Information > User Licenses' },
    }),
    manual({
      id: 'account-is-partner',
      title: 'For partner users: the Contact\'s Account is enabled as a partner',
      detail:
        partnerProfiles.length > 0
          ? `Record data: ${names(partnerProfiles)} ${partnerProfiles.length === 1 ? 'has' : 'have'} a partner license, and Enable Partner User shows only on Contacts of partner Accounts (Account.IsPartner).`
          : 'Record data: only partner users need it; no profile in the project has a partner license.',
      locations: partnerProfiles.map((p) => toDoctorLocation(p.license!)),
      fix: 'On the Account: Manage External Account > Enable As Partner, then enable the Contact.',
      source: HELP_PARTNER_ACCOUNT,
      check: {
        soql: "SELECT Id, Name, IsPartner FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Id = '<Contact Id>')",
        setup: 'The Account record: Manage External Account > Enable As Partner',
      },
    }),
    manual({
      id: 'contact-user-one-to-one',
      title: 'The Contact has no external user yet (one user per Contact)',
      detail:
        'Org data: a Contact has at most one external user. When it already has one, active or not, the menu offers View / Disable instead of Enable: reactivate that user rather than creating another. Deactivate users who leave; Disable Customer/Partner User unlinks the user from the Contact for good.',
      locations: [],
      fix: 'Open the existing user (Manage External User > View Customer User / View Partner User) and reactivate or update it.',
      source: `${GUIDE}, step 16; help article 000220285: https://help.salesforce.com/s/articleView?id=000220285&type=1`,
      check: { soql: "SELECT Id, Username, IsActive, Profile.Name FROM User WHERE ContactId = '<Contact Id>'", setup: 'The Contact record: Manage External User > View Customer User / View Partner User' },
    }),
  ];
}
