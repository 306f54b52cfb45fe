// The doctor report (`sfmeta-lint doctor external-users`): step statuses from the rules' findings, the filters, the formats and the sample project.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  doctorExternalUsers,
  EXTERNAL_USER_RULES,
  type DoctorLayout,
  type DoctorReport,
  type DoctorStep,
} from '../../src/reports/doctor/index.js';
import { ConfigError } from '../../src/config/index.js';
import { DOCTOR_JSON_VERSION, formatDoctor } from '../../src/reports/doctor/format.js';
import { RULES } from '../../src/rules/index.js';
import { makeProject, SFDX_PROJECT, xml } from '../support/fixtures.js';
import { ROOT } from '../support/paths.js';

const D = 'force-app/main/default';
const COMMUNITIES = `${D}/settings/Communities.settings-meta.xml`;
const SHARING = `${D}/settings/Sharing.settings-meta.xml`;
const MANAGER = `${D}/profiles/Custom%3A Manager.profile-meta.xml`;
const SUPPORT = `${D}/profiles/Support.profile-meta.xml`;
const CUSTOMER = `${D}/profiles/Customer User.profile-meta.xml`;
const CONTACT_LAYOUT = `${D}/layouts/Contact-Contact Layout.layout-meta.xml`;
const SUPPORT_LAYOUT = `${D}/layouts/Contact-Support Layout.layout-meta.xml`;
const NETWORK = `${D}/networks/Portal.network-meta.xml`;

const permission = (name: string) =>
  `    <userPermissions>\n        <enabled>true</enabled>\n        <name>${name}</name>\n    </userPermissions>`;
const assignment = (layout: string) => `    <layoutAssignments>\n        <layout>${layout}</layout>\n    </layoutAssignments>`;
const objectPermission = (object: string, flags: Record<string, boolean>) =>
  `    <objectPermissions>\n${Object.entries(flags)
    .map(([k, v]) => `        <${k}>${v}</${k}>`)
    .join('\n')}\n        <object>${object}</object>\n    </objectPermissions>`;
const profile = (license: string, ...body: string[]) =>
  xml('Profile', [...body, '    <custom>true</custom>', `    <userLicense>${license}</userLicense>`].join('\n'));
const action = (name: string, order: number) =>
  `        <platformActionListItems>\n            <actionName>${name}</actionName>\n            <actionType>StandardButton</actionType>\n            <sortOrder>${order}</sortOrder>\n        </platformActionListItems>`;
const layout = (actions: string[], excluded: string[] = []) =>
  xml(
    'Layout',
    [
      ...excluded.map((b) => `    <excludeButtons>${b}</excludeButtons>`),
      '    <platformActionList>',
      '        <actionListContext>Record</actionListContext>',
      ...actions.map(action),
      '    </platformActionList>',
    ].join('\n'),
  );
const network = (options: { status?: string; members: string[]; welcome?: boolean; selfRegProfile?: string }) =>
  xml(
    'Network',
    [
      '    <networkMemberGroups>',
      ...options.members.map((m) => `        <profile>${m}</profile>`),
      '    </networkMemberGroups>',
      ...(options.selfRegProfile
        ? [`    <selfRegProfile>${options.selfRegProfile}</selfRegProfile>`, '    <selfRegistration>true</selfRegistration>']
        : ['    <selfRegistration>false</selfRegistration>']),
      `    <sendWelcomeEmail>${options.welcome ?? false}</sendWelcomeEmail>`,
      `    <status>${options.status ?? 'Live'}</status>`,
    ].join('\n'),
  );

/** A correct project: a customer portal whose manager profile sees Enable Customer User. */
function correctFiles(): Record<string, string> {
  return {
    'sfdx-project.json': SFDX_PROJECT,
    [COMMUNITIES]: xml('CommunitiesSettings', '    <enableNetworksEnabled>true</enableNetworksEnabled>'),
    [SHARING]: xml('SharingSettings', '    <enableExternalSharingModel>true</enableExternalSharingModel>'),
    [MANAGER]: profile(
      'Salesforce',
      assignment('Contact-Contact Layout'),
      objectPermission('Account', {
        allowCreate: false,
        allowDelete: false,
        allowEdit: true,
        allowRead: true,
        modifyAllRecords: false,
        viewAllRecords: false,
      }),
      objectPermission('Contact', {
        allowCreate: true,
        allowDelete: false,
        allowEdit: true,
        allowRead: true,
        modifyAllRecords: false,
        viewAllRecords: true,
      }),
      permission('ManagePartners'),
    ),
    [CUSTOMER]: profile('Customer Community'),
    [CONTACT_LAYOUT]: layout(['Edit', 'EnableCustomerPortal', 'LoginToNetworkAsUser']),
    [NETWORK]: network({ members: ['custom: manager', 'customer user'] }),
  };
}

function lineOf(content: string, needle: string, occurrence = 1): number {
  const lines = content.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) if (lines[i]!.includes(needle) && ++seen === occurrence) return i + 1;
  throw new Error(`${needle} not found`);
}

async function doctor(files: Record<string, string>, options: { profile?: string; layout?: string } = {}): Promise<DoctorReport> {
  return doctorExternalUsers({ cwd: makeProject(files), paths: [], ...options });
}

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0]!;
}

function step(layout: DoctorLayout, id: string): DoctorStep {
  const found = layout.steps.find((s) => s.id === id);
  expect(found, id).toBeDefined();
  return found!;
}

const statuses = (layout: DoctorLayout) => Object.fromEntries(layout.steps.map((s) => [s.id, s.status]));
const at = (file: string, line: number) => expect.objectContaining({ file, line });

const RULE_STEPS = [
  'digital-experiences-enabled',
  'enable-actions-lightning',
  'enable-actions-classic',
  'enable-actions-dynamic',
  'manage-external-users-permission',
  'account-access-view-all',
  'account-access-login-as',
  'site-membership',
  'self-registration',
  'welcome-email',
  'external-profile-admin-permissions',
  'external-sharing-model',
  'partner-account-enablement',
];
const MANUAL_STEPS = [
  'contact-has-account',
  'account-owner-role',
  'role-hierarchy-license',
  'license-seat',
  'account-is-partner',
  'contact-user-one-to-one',
];

describe('doctor external-users', () => {
  it('runs only registered external-user rules', () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    for (const id of EXTERNAL_USER_RULES) expect(ids.has(id), id).toBe(true);
  });

  it("passes every rule step of a correct project, naming the element that decided each, in the admin's order", async () => {
    const files = correctFiles();
    const report = await doctor(files);
    expect(report.usesExternalUsers).toBe(true);
    expect(report.failed).toBe(false);
    const walked = only(report.layouts);
    expect(walked.layout).toBe('Contact-Contact Layout');
    expect(walked.file).toBe(CONTACT_LAYOUT);
    expect(walked.profiles).toEqual([{ name: 'Custom: Manager', file: MANAGER, license: 'Salesforce', manager: true }]);
    expect(walked.steps.map((s) => s.id)).toEqual([...RULE_STEPS, ...MANUAL_STEPS]);
    for (const id of RULE_STEPS) expect(step(walked, id).status, id).toBe('pass');
    for (const id of MANUAL_STEPS) expect(step(walked, id).status, id).toBe('manual');

    expect(step(walked, 'digital-experiences-enabled').locations).toEqual([
      at(COMMUNITIES, lineOf(files[COMMUNITIES]!, 'enableNetworksEnabled')),
    ]);
    expect(step(walked, 'enable-actions-lightning').locations).toEqual([
      at(CONTACT_LAYOUT, lineOf(files[CONTACT_LAYOUT]!, '<platformActionListItems>', 2)),
    ]);
    expect(step(walked, 'manage-external-users-permission').locations).toEqual([
      at(MANAGER, lineOf(files[MANAGER]!, '<enabled>true</enabled>')),
    ]);
    expect(step(walked, 'manage-external-users-permission').detail).toContain('Custom: Manager grants ManagePartners');
    // Account Read decides the View All trap; Account Edit decides Log in to Experience as User.
    expect(step(walked, 'account-access-view-all').locations).toEqual([
      at(MANAGER, lineOf(files[MANAGER]!, '<allowRead>true</allowRead>')),
    ]);
    expect(step(walked, 'account-access-login-as').locations).toEqual([
      at(MANAGER, lineOf(files[MANAGER]!, '<allowEdit>true</allowEdit>')),
    ]);
    expect(step(walked, 'site-membership').locations).toEqual([at(NETWORK, lineOf(files[NETWORK]!, '<networkMemberGroups>'))]);
    expect(step(walked, 'external-sharing-model').locations).toEqual([at(SHARING, lineOf(files[SHARING]!, 'enableExternalSharingModel'))]);
    for (const s of walked.steps.filter((x) => x.status !== 'manual')) expect(s.rule, s.id).toBeDefined();
  });

  it("fails the step whose rule reports an error or warning, at the finding's line, with the fix", async () => {
    const files = {
      ...correctFiles(),
      [COMMUNITIES]: xml('CommunitiesSettings', '    <enableNetworksEnabled>false</enableNetworksEnabled>'),
      [CONTACT_LAYOUT]: layout(['Edit'], ['EnableCustomerPortal']),
    };
    const report = await doctor(files);
    expect(report.failed).toBe(true);
    const walked = only(report.layouts);
    expect(walked.failed).toBe(true);
    const digital = step(walked, 'digital-experiences-enabled');
    expect(digital.status).toBe('fail');
    expect(digital.rule).toBe('digital-experiences-enabled');
    expect(digital.detail).toContain('Digital Experiences are disabled');
    expect(digital.locations).toEqual([at(COMMUNITIES, lineOf(files[COMMUNITIES], 'enableNetworksEnabled'))]);
    expect(digital.fix).toContain('Setup > Digital Experiences > Settings');
    expect(step(walked, 'enable-actions-lightning')).toMatchObject({
      status: 'fail',
      locations: [at(CONTACT_LAYOUT, lineOf(files[CONTACT_LAYOUT], '<platformActionList>'))],
    });
    expect(step(walked, 'enable-actions-classic')).toMatchObject({
      status: 'fail',
      locations: [at(CONTACT_LAYOUT, lineOf(files[CONTACT_LAYOUT], '<excludeButtons>'))],
    });
    // The layout no longer lists Log in to Experience as User: that step passes at the action list.
    expect(step(walked, 'account-access-login-as')).toMatchObject({
      status: 'pass',
      locations: [at(CONTACT_LAYOUT, lineOf(files[CONTACT_LAYOUT], '<platformActionList>'))],
    });
    expect(statuses(walked)).toMatchObject({ 'manage-external-users-permission': 'pass', 'site-membership': 'pass' });
  });

  it('fails both the Lightning and the Classic step for a button excluded from a layout without a Lightning action list', async () => {
    const files = {
      ...correctFiles(),
      [CONTACT_LAYOUT]: xml(
        'Layout',
        '    <excludeButtons>EnableCustomerPortal</excludeButtons>\n    <excludeButtons>Submit</excludeButtons>',
      ),
    };
    const walked = only((await doctor(files)).layouts);
    for (const id of ['enable-actions-lightning', 'enable-actions-classic']) {
      expect(step(walked, id), id).toMatchObject({
        status: 'fail',
        locations: [at(CONTACT_LAYOUT, lineOf(files[CONTACT_LAYOUT], '<excludeButtons>EnableCustomerPortal'))],
      });
      expect(step(walked, id).detail).toContain('Enable Customer User (EnableCustomerPortal)');
    }
  });

  it('passes the welcome email step of a site taken offline, and fails the one of a site in Preview', async () => {
    const offline = {
      ...correctFiles(),
      [NETWORK]: network({ members: ['custom: manager', 'customer user'], welcome: true, status: 'DownForMaintenance' }),
    };
    expect(step(only((await doctor(offline)).layouts), 'welcome-email')).toMatchObject({
      status: 'pass',
      detail: 'Portal sends welcome emails and is DownForMaintenance.',
    });
    const preview = {
      ...correctFiles(),
      [NETWORK]: network({ members: ['custom: manager', 'customer user'], welcome: true, status: 'UnderConstruction' }),
    };
    const walked = only((await doctor(preview)).layouts);
    expect(step(walked, 'welcome-email')).toMatchObject({
      status: 'fail',
      locations: [at(NETWORK, lineOf(preview[NETWORK], '<sendWelcomeEmail>'))],
    });
    expect(step(walked, 'welcome-email').detail).toContain('activating it emails every member');
  });

  it('does not count standard external profiles: no site membership needed, and alone no sign of external users', async () => {
    const standard = (license: string) => xml('Profile', `    <custom>false</custom>\n    <userLicense>${license}</userLicense>`);
    const STANDARD_PARTNER = `${D}/profiles/Partner Community User.profile-meta.xml`;
    const walked = only((await doctor({ ...correctFiles(), [STANDARD_PARTNER]: standard('Partner Community') })).layouts);
    expect(step(walked, 'site-membership').status).toBe('pass');
    expect(step(walked, 'site-membership').detail).toContain('Standard external profiles (Partner Community User) need no membership');
    // An unused standard partner profile asks for neither Enable Partner User nor Enable As Partner.
    expect(statuses(walked)).toMatchObject({ 'enable-actions-lightning': 'pass', 'partner-account-enablement': 'pass' });

    const unused = await doctor({
      'sfdx-project.json': SFDX_PROJECT,
      [COMMUNITIES]: xml('CommunitiesSettings', '    <enableNetworksEnabled>false</enableNetworksEnabled>'),
      [STANDARD_PARTNER]: standard('Partner Community'),
      [`${D}/profiles/Customer Community User.profile-meta.xml`]: standard('Customer Community'),
    });
    expect(unused).toMatchObject({ usesExternalUsers: false, failed: false });
  });

  it('fails the Account steps for the manager profile that reaches Contacts through View All, or lacks Edit on Account', async () => {
    const files = {
      ...correctFiles(),
      [MANAGER]: profile(
        'Salesforce',
        assignment('Contact-Contact Layout'),
        objectPermission('Account', { allowEdit: false, allowRead: false }),
        objectPermission('Contact', { allowRead: true, viewAllRecords: true }),
        permission('ManagePartners'),
      ),
    };
    const walked = only((await doctor(files)).layouts);
    expect(step(walked, 'account-access-view-all')).toMatchObject({
      status: 'fail',
      locations: [at(MANAGER, lineOf(files[MANAGER], '<viewAllRecords>true'))],
    });
    expect(step(walked, 'account-access-login-as')).toMatchObject({
      status: 'fail',
      locations: [at(MANAGER, lineOf(files[MANAGER], '<allowEdit>false'))],
    });
  });

  it('cannot tell when the rule only leaves a note or the facts are absent', async () => {
    const files = correctFiles();
    delete files[COMMUNITIES];
    delete files[NETWORK];
    const report = await doctor(files);
    expect(report.failed).toBe(false);
    const walked = only(report.layouts);
    const digital = step(walked, 'digital-experiences-enabled');
    expect(digital.status).toBe('cannot-tell');
    expect(digital.detail).toContain('no Communities settings file');
    for (const id of ['site-membership', 'self-registration', 'welcome-email']) {
      expect(step(walked, id).status, id).toBe('cannot-tell');
      expect(step(walked, id).detail).toContain('no Experience Cloud site');
    }
  });

  it('passes Digital Experiences without a Communities settings file when the project has a site', async () => {
    const files = correctFiles();
    delete files[COMMUNITIES];
    const walked = only((await doctor(files)).layouts);
    expect(step(walked, 'digital-experiences-enabled')).toMatchObject({ status: 'pass', locations: [at(NETWORK, 2)] });
    expect(step(walked, 'digital-experiences-enabled').detail).toContain('the site Portal');
  });

  it('cannot tell the layout steps of a layout assigned but not in the project, nor the permission of a profile that does not grant it', async () => {
    const files = {
      ...correctFiles(),
      [MANAGER]: profile('Salesforce', assignment('Contact-Missing Layout'), permission('ManagePartners')),
      [SUPPORT]: profile('Salesforce', assignment('Contact-Support Layout')),
      [SUPPORT_LAYOUT]: layout(['EnableCustomerPortal']),
    };
    const report = await doctor(files);
    expect(report.layouts.map((l) => l.layout)).toEqual(['Contact-Contact Layout', 'Contact-Missing Layout', 'Contact-Support Layout']);
    const [unassigned, missing, support] = report.layouts as [DoctorLayout, DoctorLayout, DoctorLayout];
    expect(missing.file).toBeUndefined();
    for (const id of ['enable-actions-lightning', 'enable-actions-classic']) {
      expect(step(missing, id).status, id).toBe('cannot-tell');
      expect(step(missing, id).locations).toEqual([at(MANAGER, lineOf(files[MANAGER], '<layoutAssignments>'))]);
    }
    expect(step(missing, 'enable-actions-lightning').detail).toContain('not in the project');
    // Support's layout offers the action, but Support does not manage external users: a note, so cannot tell.
    expect(support.profiles).toEqual([{ name: 'Support', file: SUPPORT, license: 'Salesforce', manager: false }]);
    expect(step(support, 'manage-external-users-permission')).toMatchObject({
      status: 'cannot-tell',
      locations: [at(SUPPORT, lineOf(files[SUPPORT], '<layoutAssignments>'))],
    });
    // A layout no manager uses is outside contact-layout-external-user-actions' scope: never a pass.
    expect(step(unassigned, 'enable-actions-lightning').status).toBe('cannot-tell');
    expect(step(unassigned, 'manage-external-users-permission').status).toBe('cannot-tell');
    expect(unassigned.profiles).toEqual([]);
  });

  it('walks the project once, with the layout steps cannot tell, when it has no Contact layout', async () => {
    const report = await doctor({ 'sfdx-project.json': SFDX_PROJECT, [CUSTOMER]: profile('Partner Community') });
    const walked = only(report.layouts);
    expect(walked.layout).toBeUndefined();
    expect(walked.profiles).toEqual([]);
    for (const id of ['enable-actions-lightning', 'enable-actions-classic', 'account-access-login-as'])
      expect(step(walked, id).status, id).toBe('cannot-tell');
    expect(report.notes).toContain('The project has no Contact layout: the layout steps cannot be answered from it.');
    expect(report.failed).toBe(false);
    expect(formatDoctor(report, 'text')).toContain('No Contact layout in the project');
  });

  it('lists the manual steps with the SOQL query or Setup path that answers them', async () => {
    const walked = only((await doctor(correctFiles())).layouts);
    const manual = walked.steps.filter((s) => s.status === 'manual');
    expect(manual.map((s) => s.id)).toEqual(MANUAL_STEPS);
    for (const s of manual) {
      expect(s.check?.soql ?? s.check?.setup, s.id).toBeTruthy();
      expect(s.fix, s.id).not.toBe('');
    }
    expect(step(walked, 'contact-has-account').check?.soql).toBe('SELECT Id, Name FROM Contact WHERE AccountId = null');
    expect(step(walked, 'account-owner-role').check?.soql).toMatch(
      /^SELECT Id, Name, Owner\.Name FROM Account WHERE Owner\.UserRoleId = null AND Id IN \(/u,
    );
    expect(step(walked, 'license-seat').check).toMatchObject({ setup: 'Setup > Company Information > User Licenses' });
    expect(step(walked, 'license-seat').check?.soql).toContain("'Customer Community'");
    expect(step(walked, 'license-seat').locations).toEqual([at(CUSTOMER, lineOf(correctFiles()[CUSTOMER]!, 'userLicense'))]);
  });

  it("--profile walks only that profile's Contact layouts, matching decoded names case-insensitively", async () => {
    const files = {
      ...correctFiles(),
      [SUPPORT]: profile('Salesforce', assignment('Contact-Support Layout'), permission('ManagePartners')),
      [SUPPORT_LAYOUT]: layout(['Edit']),
    };
    const all = await doctor(files);
    expect(all.layouts.map((l) => l.layout)).toEqual(['Contact-Contact Layout', 'Contact-Support Layout']);
    expect(all.failed).toBe(true);

    const manager = await doctor(files, { profile: 'custom: MANAGER' });
    expect(manager.filters).toEqual({ profile: 'custom: MANAGER' });
    expect(only(manager.layouts).layout).toBe('Contact-Contact Layout');
    expect(only(manager.layouts).profiles.map((p) => p.name)).toEqual(['Custom: Manager']);
    expect(manager.failed).toBe(false);
    expect(only((await doctor(files, { profile: 'Custom%3A Manager' })).layouts).layout).toBe('Contact-Contact Layout');

    const support = await doctor(files, { profile: 'Support' });
    expect(only(support.layouts).layout).toBe('Contact-Support Layout');
    expect(step(only(support.layouts), 'enable-actions-lightning').status).toBe('fail');
    expect(support.failed).toBe(true);
  });

  it('--layout walks only that Contact layout, by full or short name, decoded and case-insensitively', async () => {
    const files = {
      ...correctFiles(),
      [SUPPORT]: profile('Salesforce', assignment('Contact-Support Layout'), permission('ManagePartners')),
      [SUPPORT_LAYOUT]: layout(['Edit']),
    };
    for (const name of ['Contact-Contact Layout', 'contact layout', 'CONTACT-Contact%20Layout']) {
      const report = await doctor(files, { layout: name });
      expect(only(report.layouts).layout, name).toBe('Contact-Contact Layout');
      expect(report.failed, name).toBe(false);
    }
    const both = await doctor(files, { layout: 'support layout', profile: 'custom: manager' });
    expect(only(both.layouts).profiles.map((p) => p.name)).toEqual(['Custom: Manager']);
    expect(both.notes.join(' ')).toContain('not assigned layout Contact-Support Layout');
  });

  it('rejects a --profile or --layout that names nothing, listing the known names', async () => {
    const dir = makeProject(correctFiles());
    await expect(doctorExternalUsers({ cwd: dir, paths: [], profile: 'Nobody' })).rejects.toThrow(ConfigError);
    await expect(doctorExternalUsers({ cwd: dir, paths: [], profile: 'Nobody' })).rejects.toThrow(
      /--profile "Nobody".*Profiles: Custom: Manager, Customer User\./u,
    );
    await expect(doctorExternalUsers({ cwd: dir, paths: [], layout: 'Account-Account Layout' })).rejects.toThrow(ConfigError);
    await expect(doctorExternalUsers({ cwd: dir, paths: [], layout: 'Nope' })).rejects.toThrow(
      /--layout "Nope".*Contact layouts: Contact-Contact Layout\./u,
    );
  });

  it('says so, briefly and without failing, for a project without external users', async () => {
    const files = {
      'sfdx-project.json': SFDX_PROJECT,
      [`${D}/profiles/Sales.profile-meta.xml`]: profile('Salesforce', assignment('Contact-Contact Layout')),
      [CONTACT_LAYOUT]: layout(['Edit']),
    };
    const report = await doctor(files);
    expect(report).toMatchObject({ usesExternalUsers: false, failed: false, layouts: [] });
    expect(report.summary).toContain('does not use external users');
    const text = formatDoctor(report, 'text');
    expect(text).toContain('does not use external users');
    expect(text).not.toMatch(/[✔✘☐]/u);
    expect(JSON.parse(formatDoctor(report, 'json'))).toMatchObject({
      version: DOCTOR_JSON_VERSION,
      usesExternalUsers: false,
      failed: false,
      layouts: [],
    });
  });

  it('renders text with markers, file:line and fixes; stable JSON; Markdown', async () => {
    const files = {
      ...correctFiles(),
      [COMMUNITIES]: xml('CommunitiesSettings', '    <enableNetworksEnabled>false</enableNetworksEnabled>'),
    };
    const dir = makeProject(files);
    const report = await doctorExternalUsers({ cwd: dir, paths: [] });
    const text = formatDoctor(report, 'text');
    expect(text).toContain('✘  1. Digital Experiences are enabled');
    expect(text).toContain(`at ${COMMUNITIES}:${lineOf(files[COMMUNITIES], 'enableNetworksEnabled')}`);
    expect(text).toMatch(/Fix: +Enable Digital Experiences/u);
    expect(text).toMatch(/✔ +2\. /u);
    expect(text).toMatch(/☐ +\d+\. The Contact belongs to an Account/u);
    expect(text).toContain('SOQL:  SELECT Id, Name FROM Contact WHERE AccountId = null');
    expect(text).toContain('Result: FAIL');

    const json = formatDoctor(report, 'json');
    expect(formatDoctor(await doctorExternalUsers({ cwd: dir, paths: [] }), 'json')).toBe(json);
    const parsed = JSON.parse(json);
    expect(Object.keys(parsed)).toEqual([
      'version',
      'topic',
      'usesExternalUsers',
      'failed',
      'summary',
      'evidence',
      'filters',
      'counts',
      'notes',
      'internalErrors',
      'layouts',
    ]);
    expect(parsed.layouts[0].steps[0]).toEqual({
      id: 'digital-experiences-enabled',
      title: 'Digital Experiences are enabled',
      status: 'fail',
      rule: 'digital-experiences-enabled',
      detail: expect.stringContaining('Digital Experiences are disabled'),
      locations: [{ file: COMMUNITIES, line: lineOf(files[COMMUNITIES], 'enableNetworksEnabled'), column: 5 }],
      fix: expect.any(String),
      check: null,
      source: expect.stringContaining('000387665'),
    });
    expect(parsed.filters).toEqual({ profile: null, layout: null });
    expect(parsed.counts.fail).toBe(1);

    const markdown = formatDoctor(report, 'markdown');
    expect(markdown).toMatch(/^# Doctor: external users\n/u);
    expect(markdown).toContain('## ✘ Contact layout `Contact-Contact Layout`');
    expect(markdown).toContain(`- ✘ **1. Digital Experiences are enabled**: fail`);
    expect(markdown).toContain('&lt;enableNetworksEnabled');
  });

  describe('the sample project', () => {
    const SAMPLE = path.join(ROOT, 'sample-project');

    /** sample-project/README.md, "Planted problems": the external-user rules planted, with the files each bullet names; "(note" marks a note. */
    function plantedExternalUserProblems(): Map<string, { note: boolean; files: Set<string> }> {
      const readme = readFileSync(path.join(SAMPLE, 'README.md'), 'utf8');
      const section = readme.slice(readme.indexOf('## Planted problems'), readme.indexOf('## Correct on purpose'));
      const planted = new Map<string, { note: boolean; files: Set<string> }>();
      let current: { note: boolean; files: Set<string> } | undefined;
      for (const line of section.split('\n')) {
        if (/^\S/u.test(line)) {
          const rule = /^- `([a-z-]+)`/u.exec(line)?.[1];
          current = undefined;
          if (rule && (EXTERNAL_USER_RULES as readonly string[]).includes(rule)) {
            current = planted.get(rule) ?? { note: line.includes('(note'), files: new Set<string>() };
            planted.set(rule, current);
          }
        }
        for (const m of current ? line.matchAll(/`([^`]+-meta\.xml)`/gu) : []) current!.files.add(m[1]!);
      }
      return planted;
    }

    it('fails exactly the planted external-user problems, at the planted files; planted notes cannot tell', async () => {
      const planted = plantedExternalUserProblems();
      expect(planted.size).toBeGreaterThan(0);
      const report = await doctorExternalUsers({ cwd: ROOT, paths: ['sample-project'] });
      expect(report.failed).toBe(true);
      expect(report.internalErrors).toEqual([]);
      const byStatus = { fail: new Map<string, Set<string>>(), 'cannot-tell': new Map<string, Set<string>>() };
      for (const walked of report.layouts) {
        for (const s of walked.steps) {
          if (s.status !== 'fail' && s.status !== 'cannot-tell') continue;
          const files = byStatus[s.status].get(s.rule!) ?? new Set<string>();
          for (const l of s.locations) files.add(l.file);
          byStatus[s.status].set(s.rule!, files);
          // A layout's own steps fail only at that layout.
          if (s.status === 'fail' && (s.id === 'enable-actions-lightning' || s.id === 'enable-actions-classic'))
            expect(s.locations.map((l) => l.file)).toEqual([walked.file]);
        }
      }
      const isPlanted = (rule: string, file: string) => [...planted.get(rule)!.files].some((p) => file.endsWith(`/${p}`));
      const errors = [...planted].filter(([, p]) => !p.note).map(([rule]) => rule);
      expect([...byStatus.fail.keys()].sort()).toEqual(errors.sort());
      for (const [rule, files] of byStatus.fail)
        for (const file of files) expect(isPlanted(rule, file), `${rule}: ${file} is not planted`).toBe(true);
      for (const [rule] of [...planted].filter(([, p]) => p.note)) {
        const files = [...(byStatus['cannot-tell'].get(rule) ?? [])];
        expect(files.length, `${rule} cannot tell`).toBeGreaterThan(0);
        for (const file of files) expect(isPlanted(rule, file), `${rule}: ${file} is not planted`).toBe(true);
      }
    });

    it('walks each Contact layout with its profiles, and passes the steps correct on purpose', async () => {
      const report = await doctorExternalUsers({ cwd: SAMPLE, paths: [] });
      const contact = report.layouts.find((l) => l.layout === 'Contact-Contact Layout')!;
      const partner = report.layouts.find((l) => l.layout === 'Contact-Partner Contact Layout')!;
      expect(contact.profiles.map((p) => p.name)).toContain('Custom: Sales Profile');
      expect(partner.profiles.map((p) => p.name)).toContain('Admin');
      // README "Correct on purpose": the partner layout lists the actions and excludes nothing; managers grant ManagePartners.
      expect(statuses(partner)).toMatchObject({ 'enable-actions-lightning': 'pass', 'enable-actions-classic': 'pass' });
      expect(step(contact, 'manage-external-users-permission')).toMatchObject({
        status: 'pass',
        locations: [expect.objectContaining({ file: `${D}/profiles/Custom%3A Sales Profile.profile-meta.xml` })],
      });
    });

    it('filters the sample project by profile', async () => {
      const report = await doctorExternalUsers({ cwd: SAMPLE, paths: [], profile: 'admin' });
      expect(only(report.layouts).layout).toBe('Contact-Partner Contact Layout');
      expect(formatDoctor(report, 'text')).toContain('Profiles: Admin (manages external users)');
    });
  });
});
