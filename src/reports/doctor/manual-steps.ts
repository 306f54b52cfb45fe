// The steps only the org can answer (record data, licenses, users), each with the query or Setup path that answers it.
import { compareStrings } from '../../findings/index.js';
import { safeText } from '../../findings/text.js';
import { external, type ProjectModel } from '../../model/index.js';
import { HELP_PARTNER_ACCOUNT, KB_BUTTON, KB_DISABLED_USER, KB_PATH } from './links.js';
import { names, profilesWithLicense, ROLE_HIERARCHY_LICENSES, toDoctorLocation } from './lookups.js';
import type { DoctorStep } from './types.js';

// Details quote names from the project (licenses): one line each, like every text from the project.
const manual = (step: Omit<DoctorStep, 'status'>): DoctorStep => ({ ...step, detail: safeText(step.detail), status: 'manual' });

/** The steps only the org can answer, each with the query or Setup path that answers it. */
export function manualSteps(model: ProjectModel): DoctorStep[] {
  return [contactHasAccount(), accountOwnerRole(), roleHierarchyLicense(model), licenseSeat(model), accountIsPartner(model), contactUserOneToOne()];
}

function contactHasAccount(): DoctorStep {
  return manual({
    id: 'contact-has-account',
    title: 'The Contact belongs to an Account',
    detail: 'Record data: a Contact without an Account (a private Contact) shows no "Manage External User" menu and cannot be enabled.',
    locations: [],
    fix: 'Set the Contact\'s Account Name, then reload the Contact.',
    source: KB_BUTTON,
    check: { soql: 'SELECT Id, Name FROM Contact WHERE AccountId = null', setup: 'The Contact record: the Account Name field' },
  });
}

function accountOwnerRole(): DoctorStep {
  return manual({
    id: 'account-owner-role',
    title: 'The owner of the Contact\'s Account has a role',
    detail: 'Record data: the Account\'s owner must have a role (User.UserRoleId) before external users can be created under the Account.',
    locations: [],
    fix: 'Give the Account owner a role (Setup > Users > Users > Edit > Role), or transfer the Account to a user who has one.',
    source: KB_PATH,
    check: {
      soql: "SELECT Id, Name, Owner.Name FROM Account WHERE Owner.UserRoleId = null AND Id IN (SELECT AccountId FROM Contact WHERE Id = '<Contact Id>')",
      setup: 'Setup > Users > Users: the Role column of the Account owner',
    },
  });
}

function roleHierarchyLicense(model: ProjectModel): DoctorStep {
  const roleProfiles = profilesWithLicense(model, (l) => ROLE_HIERARCHY_LICENSES.has(l));
  return manual({
    id: 'role-hierarchy-license',
    title: 'Role-hierarchy licenses get a role, and the role count stays low',
    detail:
      roleProfiles.length > 0
        ? `${names(roleProfiles)} ${roleProfiles.length === 1 ? 'uses a license' : 'use licenses'} with roles (Customer Community Plus, partner): each enabled user gets a role under the Account; many roles per Account slow sharing recalculation.`
        : 'No profile in the project has a role-hierarchy license (Customer Community Plus, Partner Community and their Login variants, Gold/Silver Partner); check this only if the org uses one.',
    locations: roleProfiles.map((p) => toDoctorLocation(p.license!)),
    fix: 'Keep the number of customer and partner roles per Account low (often one), and give the user a role when the license needs one.',
    source: KB_PATH,
    check: {
      soql: "SELECT PortalType, COUNT(Id) FROM UserRole WHERE PortalType != 'None' GROUP BY PortalType",
      setup: 'Setup > Digital Experiences > Settings: Role and User Settings (number of customer and partner roles)',
    },
  });
}

function licenseSeat(model: ProjectModel): DoctorStep {
  const externalProfiles = model.profiles.all.filter((p) => external.isExternalProfile(p) && p.license);
  const licenses = [...new Set(externalProfiles.map((p) => p.license!.value))].sort(compareStrings);
  const licenseList = (licenses.length > 0 ? licenses : ['Customer Community', 'Customer Community Login', 'Customer Community Plus', 'Partner Community']).map((l) => `'${l}'`).join(', ');
  return manual({
    id: 'license-seat',
    title: 'A seat of the external license is free',
    detail: `Org data: enabling a user fails when every seat of its license is used${licenses.length > 0 ? ` (licenses in the project: ${licenses.join(', ')})` : ''}.`,
    locations: externalProfiles.map((p) => toDoctorLocation(p.license!)),
    fix: 'Free a seat (deactivate a user who left) or buy more licenses.',
    source: KB_PATH,
    check: { soql: `SELECT Name, UsedLicenses, TotalLicenses FROM UserLicense WHERE Name IN (${licenseList})`, setup: 'Setup > Company Information > User Licenses' },
  });
}

function accountIsPartner(model: ProjectModel): DoctorStep {
  const partnerProfiles = external.externalLicenses(model).partner.filter((p) => p.license);
  return manual({
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
  });
}

function contactUserOneToOne(): DoctorStep {
  return manual({
    id: 'contact-user-one-to-one',
    title: 'The Contact has no external user yet (one user per Contact)',
    detail:
      'Org data: a Contact has at most one external user. When it already has one, active or not, the menu offers View / Disable instead of Enable: reactivate that user rather than creating another. Deactivate users who leave; Disable Customer/Partner User unlinks the user from the Contact for good.',
    locations: [],
    fix: 'Open the existing user (Manage External User > View Customer User / View Partner User) and reactivate or update it.',
    source: `${KB_PATH}; ${KB_DISABLED_USER}`,
    check: { soql: "SELECT Id, Username, IsActive, Profile.Name FROM User WHERE ContactId = '<Contact Id>'", setup: 'The Contact record: Manage External User > View Customer User / View Partner User' },
  });
}
