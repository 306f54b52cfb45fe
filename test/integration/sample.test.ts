// The sample project (sample-project/, what `npm start` lints): every rule fires at least once, at exactly the
// places sample-project/README.md lists, and the things that are correct on purpose stay quiet.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, RULES } from '../../src/api/index.js';
import { ROOT } from '../support/paths.js';

const SAMPLE = path.join(ROOT, 'sample-project');

const FA = 'force-app/main/default';
const LEGACY = 'legacy-app/main/default';

/**
 * Every finding on the sample project, as [ruleId, file, line], in report order (file, then line).
 * Each entry was checked by hand against the file; the comment names the element on that line.
 * When the sample changes, regenerate the list and review every changed entry again.
 */
const EXPECTED: ReadonlyArray<readonly [string, string, number]> = [
  // Dynamic Actions list EnableCustomerPortal but not EnablePartnerPortalUser (<componentInstance>).
  ['contact-layout-external-user-actions', `${FA}/flexipages/Contact_Record_Page.flexipage-meta.xml`, 5],
  // No Account layout offers Enable As Partner in Classic: both exclude it (<excludeButtons>EnableAsPartner).
  ['partner-account-enable-action', `${FA}/layouts/Account-Account Layout.layout-meta.xml`, 3],
  ['partner-account-enable-action', `${FA}/layouts/Account-Partner Account Layout.layout-meta.xml`, 3],
  // <excludeButtons>EnablePartnerPortalUser (Classic), then the Lightning <platformActionList> lacking both actions (one finding).
  ['contact-layout-external-user-actions', `${FA}/layouts/Contact-Contact Layout.layout-meta.xml`, 4],
  ['contact-layout-external-user-actions', `${FA}/layouts/Contact-Contact Layout.layout-meta.xml`, 60],
  // <enableGuestChatter>true, <sendWelcomeEmail>true while UnderConstruction.
  ['network-guest-exposure', `${FA}/networks/Partners.network-meta.xml`, 14],
  ['welcome-email-before-site-live', `${FA}/networks/Partners.network-meta.xml`, 48],
  // The stale `disable-next-line network-guest-exposure` comment above <enableGuestFileAccess>false.
  ['unused-suppression', `${FA}/networks/Support.network-meta.xml`, 15],
  // <selfRegProfile>orphan customer, not in Support's networkMemberGroups.
  ['self-registration-profile', `${FA}/networks/Support.network-meta.xml`, 44],
  // <externalSharingModel>Read.
  ['external-sharing-default-public', `${FA}/objects/Ticket__c/Ticket__c.object-meta.xml`, 16],
  // <permissionSets>Identity_Admin (first member): ViewAllData + ModifyAllData + ManageUsers.
  ['super-admin-equivalent', `${FA}/permissionsetgroups/Support_Superuser.permissionsetgroup-meta.xml`, 7],
  // <enabled> of ManageUsers, granted without ViewRoles.
  ['object-permission-dependency', `${FA}/permissionsets/Identity_Admin.permissionset-meta.xml`, 8],
  // <enabled> of ManageUsers; of ModifyAllData, with ViewAllData (line 12) as its related location: one finding per
  // permission set and tier.
  ['privileged-permission-granted', `${FA}/permissionsets/Identity_Admin.permissionset-meta.xml`, 8],
  ['privileged-permission-granted', `${FA}/permissionsets/Support_Admin.permissionset-meta.xml`, 8],
  // Weaker than the org-wide policy: minimumPasswordLength 6 (8), passwordExpiration 0 (NinetyDays), passwordHistory 0 (3).
  // lockoutInterval 15, maxLoginAttempts 10, minimumPasswordLifetime false and passwordComplexity 1 copy the org-wide values.
  ...[6, 10, 11].map(
    (line) =>
      [
        'password-policy-baseline',
        `${FA}/profilePasswordPolicies/PartnerCommunityUserProfilePasswordPolicy1700000000000.profilePasswordPolicy-meta.xml`,
        line,
      ] as const,
  ),
  // <sessionTimeout>1440, longer than the org-wide TwelveHours.
  [
    'session-security-baseline',
    `${FA}/profileSessionSettings/PartnerCommunityUserProfileSessionSetting1700000000000.profileSessionSetting-meta.xml`,
    5,
  ],
  // Account <allowEdit>false, Contact <viewAllRecords>true, <enabled> of CustomizeApplication.
  // <field>Ticket__c.Priority__c (no such field), the repeated Ticket__c.Status__c <fieldPermissions>, the
  // <fieldPermissions> of the required Ticket_Number__c, the second <default>true of a Ticket__c record type.
  ['missing-reference', `${FA}/profiles/Custom%3A Marketing Profile.profile-meta.xml`, 6],
  ['duplicate-permission-entry', `${FA}/profiles/Custom%3A Marketing Profile.profile-meta.xml`, 14],
  ['required-field-permission', `${FA}/profiles/Custom%3A Marketing Profile.profile-meta.xml`, 19],
  ['record-type-visibility-defaults', `${FA}/profiles/Custom%3A Marketing Profile.profile-meta.xml`, 39],
  ['login-as-experience-user-account-edit', `${FA}/profiles/Custom%3A Sales Profile.profile-meta.xml`, 14],
  ['contact-view-all-without-account-access', `${FA}/profiles/Custom%3A Sales Profile.profile-meta.xml`, 27],
  ['privileged-permission-granted', `${FA}/profiles/Custom%3A Sales Profile.profile-meta.xml`, 39],
  // <layoutAssignments> of Contact-Partner Contact Layout, without ManagePartners or ManageCssUsers (a note the
  // sample's sfmeta-lint.config.json turns on: layoutsWithoutPermission).
  ['manage-external-users-granted', `${FA}/profiles/Custom%3A Support Profile.profile-meta.xml`, 13],
  // <userLicense>Customer Community, member of no site.
  ['external-profile-site-membership', `${FA}/profiles/Orphan Customer.profile-meta.xml`, 14],
  // <enabled> of ViewSetup.
  ['external-profile-admin-permissions', `${FA}/profiles/Partner Community User.profile-meta.xml`, 54],
  // Product__c <viewAllRecords>true, Ticket__c <allowDelete>true and <allowEdit>true.
  ['guest-profile-object-access', `${FA}/profiles/Partners Profile.profile-meta.xml`, 17],
  ['guest-profile-object-access', `${FA}/profiles/Partners Profile.profile-meta.xml`, 21],
  ['guest-profile-object-access', `${FA}/profiles/Partners Profile.profile-meta.xml`, 22],
  // <enabled> of RunFlow and of ViewAllUsers.
  ['guest-profile-user-permissions', `${FA}/profiles/Partners Profile.profile-meta.xml`, 30],
  ['guest-profile-user-permissions', `${FA}/profiles/Partners Profile.profile-meta.xml`, 34],
  // <url>http://erp.example.com.
  ['remote-site-insecure-protocol', `${FA}/remoteSiteSettings/Legacy_ERP.remoteSite-meta.xml`, 6],
  // <enableNetworksEnabled>false.
  ['digital-experiences-enabled', `${FA}/settings/Communities.settings-meta.xml`, 7],
  // <enableAdminLoginAsAnyUser>true, the 10.0.0.0/8 <ipRanges>.
  ['admin-login-as-any-user', `${FA}/settings/Security.settings-meta.xml`, 4],
  ['trusted-ip-range-too-broad', `${FA}/settings/Security.settings-meta.xml`, 8],
  // complexity AlphaNumeric, lockoutInterval FifteenMinutes, maxLoginAttempts TenAttempts, minimumPasswordLifetime false.
  ['password-policy-baseline', `${FA}/settings/Security.settings-meta.xml`, 20],
  ['password-policy-baseline', `${FA}/settings/Security.settings-meta.xml`, 23],
  ['password-policy-baseline', `${FA}/settings/Security.settings-meta.xml`, 24],
  ['password-policy-baseline', `${FA}/settings/Security.settings-meta.xml`, 26],
  // enableClickjackNonsetupUser false, enableClickjackNonsetupUserHeaderless false, lockSessionsToIp false, TwelveHours.
  ['session-security-baseline', `${FA}/settings/Security.settings-meta.xml`, 39],
  ['session-security-baseline', `${FA}/settings/Security.settings-meta.xml`, 40],
  ['session-security-baseline', `${FA}/settings/Security.settings-meta.xml`, 51],
  ['session-security-baseline', `${FA}/settings/Security.settings-meta.xml`, 52],
  // <enableExternalSharingModel>false.
  ['external-sharing-model-enabled', `${FA}/settings/Sharing.settings-meta.xml`, 5],
  // <clickjackProtectionLevel>AllowAllFraming.
  ['site-clickjack-protection', `${FA}/sites/Partners.site-meta.xml`, 15],
  // A Layout file whose root is <Profile>.
  ['invalid-root-element', `${LEGACY}/layouts/Case-Case Layout.layout-meta.xml`, 2],
  // <Layout> root of the second copy; the force-app copy is the reference.
  ['duplicate-component', `${LEGACY}/layouts/Contact-Partner Contact Layout.layout-meta.xml`, 2],
  // <trackHistory>false</trueHistory>.
  ['parse-error', `${LEGACY}/objects/Invoice__c/fields/Amount__c.field-meta.xml`, 9],
  // Invoice__c <allowCreate>true and <allowEdit>true without Read; <userPermissions> ExportReports (ExportReport).
  ['object-permission-dependency', `${LEGACY}/permissionsets/Invoice_Clerk.permissionset-meta.xml`, 8],
  ['object-permission-dependency', `${LEGACY}/permissionsets/Invoice_Clerk.permissionset-meta.xml`, 10],
  ['unknown-user-permission', `${LEGACY}/permissionsets/Invoice_Clerk.permissionset-meta.xml`, 16],
];

describe('sample-project', async () => {
  const run = await lint({ cwd: SAMPLE });
  const triples = run.findings.map((f) => [f.ruleId, f.location.file, f.location.range.startLine] as const);
  const findingsIn = (file: string) => run.findings.filter((f) => f.location.file === file);
  const findingsOf = (ruleId: string) => run.findings.filter((f) => f.ruleId === ruleId);

  it('lints without internal errors', () => {
    expect(run.internalErrors).toEqual([]);
  });

  it('has at least one (unsuppressed) finding for every rule', () => {
    const fired = new Set(run.findings.map((f) => f.ruleId));
    expect(RULES.map((r) => r.meta.id).filter((id) => !fired.has(id))).toEqual([]);
  });

  it('reports exactly the planted problems, at their lines', () => {
    expect(triples).toEqual(EXPECTED);
  });

  it('suppresses only the reviewed browserXssProtection note of the Support site, inline and with its reason', () => {
    expect(run.suppressed.map((f) => [f.ruleId, f.messageId, f.location.file, f.location.range.startLine, f.suppression])).toEqual([
      [
        'site-clickjack-protection',
        'xssProtectionOff',
        `${FA}/sites/Support.site-meta.xml`,
        14,
        expect.objectContaining({ kind: 'inline', justification: expect.stringContaining('SEC-91') }),
      ],
    ]);
    expect(findingsIn(`${FA}/sites/Support.site-meta.xml`)).toEqual([]);
  });

  describe('correct on purpose: stays quiet', () => {
    it('the Partner Contact Layout (all three actions, nothing excluded), and its assignee Admin (Account Edit)', () => {
      expect(findingsIn(`${FA}/layouts/Contact-Partner Contact Layout.layout-meta.xml`)).toEqual([]);
      expect(findingsIn(`${FA}/profiles/Admin.profile-meta.xml`)).toEqual([]);
      expect(findingsOf('login-as-experience-user-account-edit').map((f) => f.location.file)).toEqual([
        `${FA}/profiles/Custom%3A Sales Profile.profile-meta.xml`,
      ]);
    });

    it('the duplicate layout in legacy-app yields only duplicate-component', () => {
      expect(findingsIn(`${LEGACY}/layouts/Contact-Partner Contact Layout.layout-meta.xml`).map((f) => f.ruleId)).toEqual([
        'duplicate-component',
      ]);
    });

    it('Enable As Partner is offered in Lightning by the Partner Account Layout: only the Classic exclusions fire', () => {
      expect(findingsOf('partner-account-enable-action').map((f) => f.messageId)).toEqual(['excluded', 'excluded']);
    });

    it('manage-external-users-granted: Admin, Custom: Sales Profile and Partner_Manager grant ManagePartners', () => {
      // Only the layoutWithoutPermission note on the support profile; no noManager, no customerOnly.
      expect(findingsOf('manage-external-users-granted').map((f) => [f.messageId, f.severity])).toEqual([
        ['layoutWithoutPermission', 'note'],
      ]);
      expect(findingsIn(`${FA}/permissionsets/Partner_Manager.permissionset-meta.xml`)).toEqual([]);
      expect(findingsIn(`${FA}/settings/UserManagement.settings-meta.xml`)).toEqual([]);
    });

    it('the Partners site self-registers into a member external profile', () => {
      expect(findingsOf('self-registration-profile').map((f) => f.location.file)).toEqual([`${FA}/networks/Support.network-meta.xml`]);
    });

    it('the clean external profile Customer Community Login User, and the guest profile as a non-member', () => {
      expect(findingsIn(`${FA}/profiles/Customer Community Login User.profile-meta.xml`)).toEqual([]);
      expect(findingsOf('external-profile-admin-permissions').map((f) => f.location.file)).toEqual([
        `${FA}/profiles/Partner Community User.profile-meta.xml`,
      ]);
      expect(findingsOf('external-profile-site-membership').map((f) => f.location.file)).toEqual([
        `${FA}/profiles/Orphan Customer.profile-meta.xml`,
      ]);
    });

    it('objects with Private or ControlledByParent external access', () => {
      for (const object of ['Account/Account', 'Contact/Contact', 'Product__c/Product__c']) {
        expect(findingsIn(`${FA}/objects/${object}.object-meta.xml`)).toEqual([]);
      }
      expect(findingsIn(`${LEGACY}/objects/Invoice__c/Invoice__c.object-meta.xml`)).toEqual([]);
    });

    it('the https remote site Payments_API', () => {
      expect(findingsIn(`${FA}/remoteSiteSettings/Payments_API.remoteSite-meta.xml`)).toEqual([]);
    });

    it('enableEnablePRM xsi:nil in Communities settings is unset, not false', () => {
      expect(findingsIn(`${FA}/settings/Communities.settings-meta.xml`).map((f) => f.ruleId)).toEqual(['digital-experiences-enabled']);
    });

    it('the decomposed permission set Case_Agent merges into one quiet component', () => {
      const caseAgent = run.model.permissionSets.all.filter((p) => p.name === 'Case_Agent');
      expect(caseAgent).toHaveLength(1);
      expect(caseAgent[0]!.files.length).toBe(3);
      expect(run.findings.filter((f) => f.location.file.includes('/permissionsets/Case_Agent/'))).toEqual([]);
    });

    it('the used inline suppression is not reported as unused', () => {
      expect(findingsOf('unused-suppression').map((f) => f.location.file)).toEqual([`${FA}/networks/Support.network-meta.xml`]);
    });
  });
});
