// The model helpers the rules share: names (decoding, keys, license families), element-tree accessors and the
// permission tiers, each on the edge cases the rules rely on.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/api/index.js';
import { external, health, xnode } from '../../src/model/index.js';
import {
  CUSTOMER_LICENSES,
  decodeName,
  GUEST_LICENSE,
  licenseKind,
  nameKey,
  OTHER_EXTERNAL_LICENSES,
  PARTNER_LICENSES,
} from '../../src/model/names.js';
import { EXTERNAL_ADMIN, enabledGrants, isAllowed, isExternalAdmin, kindLabel } from '../../src/model/permissions.js';
import type { DynamicActions, Located, PermissionContainer, XNode } from '../../src/model/types.js';
import { makeProject, SFDX_PROJECT, xml } from '../support/fixtures.js';

describe('names', () => {
  it('decodes URL-encoded names, and leaves a malformed escape as written', () => {
    expect(decodeName('Custom%3A Sales Profile')).toBe('Custom: Sales Profile');
    expect(decodeName('Contact-Contact %28Partner%29 Layout')).toBe('Contact-Contact (Partner) Layout');
    expect(decodeName('100%')).toBe('100%');
    expect(decodeName('a%E9b')).toBe('a%E9b');
    expect(decodeName('plain+name')).toBe('plain+name');
  });

  it('keys a name decoded, trimmed and lower-cased', () => {
    expect(nameKey('Custom%3A Sales Profile')).toBe('custom: sales profile');
    expect(nameKey('  Customer Community Login User ')).toBe('customer community login user');
    expect(nameKey('%20Admin%20')).toBe('admin');
  });

  it('sorts each license into its family, exactly as written', () => {
    for (const license of CUSTOMER_LICENSES) expect(licenseKind(license), license).toBe('customer');
    for (const license of PARTNER_LICENSES) expect(licenseKind(license), license).toBe('partner');
    for (const license of OTHER_EXTERNAL_LICENSES) expect(licenseKind(license), license).toBe('external');
    expect(licenseKind(GUEST_LICENSE)).toBe('guest');
    expect(licenseKind('Salesforce')).toBe('internal');
    expect(licenseKind('customer community')).toBe('internal');
    expect(licenseKind('')).toBe('unknown');
    expect(licenseKind(undefined)).toBe('unknown');
    expect(
      [...CUSTOMER_LICENSES, ...PARTNER_LICENSES, ...OTHER_EXTERNAL_LICENSES, GUEST_LICENSE].every((l) => l.trim() === l && l !== ''),
    ).toBe(true);
  });
});

describe('xnode accessors', () => {
  let line = 0;
  const node = (name: string, text: string, children: XNode[] = [], nil = false): XNode => {
    line++;
    return {
      file: 'a.xml',
      element: `${name}@${line}`,
      range: { startLine: line, startColumn: 1, endLine: line, endColumn: 2 },
      name,
      text,
      nil,
      children,
    };
  };
  const tree = node('SecuritySettings', '', [
    node('sessionSettings', '', [node('lockSessionsToDomain', 'true'), node('timeout', 'TwoHours'), node('empty', '')]),
    node('sessionSettings', '', [node('lockSessionsToDomain', 'false')]),
    node('profile', 'admin'),
    node('profile', '', [], true),
    node('profile', 'partner'),
    node('flag', 'false'),
    node('unset', '', [], true),
    node('yes', 'TRUE'),
  ]);

  it('finds the first element at a path, or nothing', () => {
    expect(xnode.at(tree, 'sessionSettings/timeout')?.text).toBe('TwoHours');
    expect(xnode.at(tree, 'sessionSettings/lockSessionsToDomain')?.text).toBe('true');
    expect(xnode.at(tree, 'sessionSettings')?.children).toHaveLength(3);
    expect(xnode.at(tree, 'sessionSettings/missing')).toBeUndefined();
    expect(xnode.at(tree, 'missing/timeout')).toBeUndefined();
  });

  it('reads text with its location, and treats xsi:nil as unset', () => {
    const found = xnode.at(tree, 'sessionSettings/timeout')!;
    expect(xnode.text(tree, 'sessionSettings/timeout')).toEqual({
      file: 'a.xml',
      range: found.range,
      element: found.element,
      value: 'TwoHours',
    });
    expect(xnode.text(tree, 'sessionSettings/empty')?.value).toBe('');
    expect(xnode.text(tree, 'unset')).toBeUndefined();
    expect(xnode.text(tree, 'missing')).toBeUndefined();
  });

  it('reads true and false, and nothing from an empty, nil or missing element', () => {
    expect(xnode.bool(tree, 'sessionSettings/lockSessionsToDomain')?.value).toBe(true);
    expect(xnode.bool(tree, 'flag')).toMatchObject({ value: false, element: xnode.at(tree, 'flag')!.element });
    expect(xnode.bool(tree, 'yes')?.value).toBe(false);
    expect(xnode.bool(tree, 'sessionSettings/empty')).toBeUndefined();
    expect(xnode.bool(tree, 'unset')).toBeUndefined();
    expect(xnode.bool(tree, 'missing')).toBeUndefined();
  });

  it('lists every child of a name, and their texts without the nil ones', () => {
    expect(xnode.all(tree, 'sessionSettings')).toHaveLength(2);
    expect(xnode.all(tree, 'nothing')).toEqual([]);
    expect(xnode.texts(tree, 'profile').map((p) => p.value)).toEqual(['admin', 'partner']);
    const partner = xnode.all(tree, 'profile')[2]!;
    expect(xnode.texts(tree, 'profile')[1]).toEqual({ file: 'a.xml', range: partner.range, element: partner.element, value: 'partner' });
  });
});

describe('permission tiers', () => {
  const container = (over: Partial<PermissionContainer>): PermissionContainer =>
    ({
      kind: 'Profile',
      fullName: 'Custom%3A Sales',
      name: 'Custom: Sales',
      userPermissions: [],
      objectPermissions: [],
      objectFlagsGranted: new Uint8Array(0),
      layoutAssignments: [],
      loginIpRanges: [],
      fieldPermissionCount: 0,
      ...over,
    }) as PermissionContainer;

  it('knows the external-admin grants by exact API name', () => {
    for (const permission of EXTERNAL_ADMIN) expect(isExternalAdmin(permission), permission).toBe(true);
    expect(isExternalAdmin('viewsetup')).toBe(false);
    expect(isExternalAdmin('ManagePartners')).toBe(false);
  });

  it('lists the enabled grants only, in document order', () => {
    const grant = (name: string, enabled: boolean) => ({ name, enabled }) as PermissionContainer['userPermissions'][number];
    const c = container({ userPermissions: [grant('B', true), grant('A', false), grant('C', true)] });
    expect(enabledGrants(c).map((g) => g.name)).toEqual(['B', 'C']);
  });

  it('matches an allowlist by full or decoded name, case-insensitively', () => {
    const c = container({});
    expect(isAllowed(c, ['custom: sales'])).toBe(true);
    expect(isAllowed(c, ['CUSTOM%3A SALES'])).toBe(true);
    expect(isAllowed(container({ fullName: 'Ops', name: 'Operations' }), ['operations'])).toBe(true);
    expect(isAllowed(container({ fullName: 'Ops', name: 'Operations' }), ['ops'])).toBe(true);
    expect(isAllowed(c, ['Custom: Sales Manager', 'Sales'])).toBe(false);
    expect(isAllowed(c, [])).toBe(false);
  });

  it('labels each kind of container', () => {
    expect(kindLabel(container({ kind: 'Profile' }))).toBe('Profile');
    expect(kindLabel(container({ kind: 'PermissionSet' }))).toBe('Permission set');
    expect(kindLabel(container({ kind: 'MutingPermissionSet' }))).toBe('Muting permission set');
  });
});

describe('external-user facts', () => {
  const FA = 'force-app/main/default';
  const model = async (files: Record<string, string>) =>
    (await analyze({ cwd: makeProject({ 'sfdx-project.json': SFDX_PROJECT, ...files }) })).model;
  const permissionSet = (license: string | undefined, permission: string) =>
    xml(
      'PermissionSet',
      `${license ? `    <license>${license}</license>\n` : ''}    <label>x</label>\n    <userPermissions>\n        <enabled>true</enabled>\n        <name>${permission}</name>\n    </userPermissions>`,
    );

  it('counts as managers only permission sets whose license is not an external or guest one', async () => {
    const m = await model({
      [`${FA}/permissionsets/Internal.permissionset-meta.xml`]: permissionSet('Salesforce', 'ManagePartners'),
      [`${FA}/permissionsets/NoLicense.permissionset-meta.xml`]: permissionSet(undefined, 'ManageCssUsers'),
      [`${FA}/permissionsets/Partner.permissionset-meta.xml`]: permissionSet('Partner Community', 'ManagePartners'),
      [`${FA}/permissionsets/Customer.permissionset-meta.xml`]: permissionSet('Customer Community', 'ManagePartners'),
      [`${FA}/permissionsets/Identity.permissionset-meta.xml`]: permissionSet('External Identity', 'ManagePartners'),
      [`${FA}/permissionsets/Guest.permissionset-meta.xml`]: permissionSet('Guest User License', 'ManagePartners'),
    });
    expect(external.managers(m).map((x) => [x.container.name, x.grant.name])).toEqual([
      ['Internal', 'ManagePartners'],
      ['NoLicense', 'ManageCssUsers'],
    ]);
  });

  it('finds an enable action in a Lightning action list only as a standard button', async () => {
    const item = (name: string, type: string) =>
      `        <platformActionListItems>\n            <actionName>${name}</actionName>\n            <actionType>${type}</actionType>\n            <sortOrder>0</sortOrder>\n        </platformActionListItems>`;
    const m = await model({
      [`${FA}/layouts/Contact-Contact Layout.layout-meta.xml`]: xml(
        'Layout',
        `    <platformActionList>\n        <actionListContext>Record</actionListContext>\n${item('EnableCustomerPortal', 'QuickAction')}\n${item('EnablePartnerPortalUser', 'StandardButton')}\n    </platformActionList>`,
      ),
    });
    const [layout] = m.layoutsOf('Contact');
    expect(external.listedAction(layout!, 'EnableCustomerPortal')).toBeUndefined();
    expect(external.listedEnableAction(layout!)?.actionName).toBe('EnablePartnerPortalUser');
  });

  it('finds Dynamic Actions entries for any of the names, bare or prefixed with the object', () => {
    const entry = (value: string) => ({ value }) as Located<string>;
    const panel = {
      actions: [
        entry('EnableCustomerPortal'),
        entry('Contact.EnablePartnerPortalUser'),
        entry('Account.EnableCustomerPortal'),
        entry('Edit'),
      ],
    };
    expect(
      external
        .dynamicActionEntries(panel as DynamicActions, 'Contact', ['EnableCustomerPortal', 'EnablePartnerPortalUser'])
        .map((e) => e.value),
    ).toEqual(['EnableCustomerPortal', 'Contact.EnablePartnerPortalUser']);
    expect(external.dynamicActionListed(panel as DynamicActions, 'Contact', 'EnablePartnerPortalUser')).toBe(true);
    expect(external.dynamicActionListed(panel as DynamicActions, 'Account', 'EnablePartnerPortalUser')).toBe(false);
  });

  it('takes enabled Digital Experiences as evidence of external users, unless told not to', async () => {
    const m = await model({
      [`${FA}/settings/Communities.settings-meta.xml`]: xml(
        'CommunitiesSettings',
        '    <enableNetworksEnabled>true</enableNetworksEnabled>',
      ),
    });
    const evidence = external.externalUseEvidence(m);
    expect(evidence?.reason).toBe('Digital Experiences are enabled');
    expect(evidence?.location).toMatchObject({
      file: `${FA}/settings/Communities.settings-meta.xml`,
      range: { startLine: 3, startColumn: 5 },
    });
    expect(external.externalUseEvidence(m, { countNetworksSetting: false })).toBeUndefined();
    const off = await model({
      [`${FA}/settings/Communities.settings-meta.xml`]: xml(
        'CommunitiesSettings',
        '    <enableNetworksEnabled>false</enableNetworksEnabled>',
      ),
    });
    expect(external.externalUseEvidence(off)).toBeUndefined();
  });

  it("points a membership finding at the site's member groups, or at the site when it lists none", async () => {
    const m = await model({
      [`${FA}/networks/Customers.network-meta.xml`]: xml(
        'Network',
        '    <networkMemberGroups>\n        <profile>customer community user</profile>\n    </networkMemberGroups>\n    <status>Live</status>',
      ),
      [`${FA}/networks/Partners.network-meta.xml`]: xml('Network', '    <status>Live</status>'),
    });
    const [customers, partners] = m.networks.all;
    expect(external.memberGroupsRelated(customers!)).toMatchObject({ message: 'Members of site Customers', range: { startLine: 3 } });
    expect(external.memberGroupsRelated(partners!)).toMatchObject({
      message: 'Site Partners lists no member groups',
      range: { startLine: 2 },
    });
    expect([...external.memberProfileKeys(customers!)]).toEqual(['customer community user']);
  });
});

describe('Health Check helpers', () => {
  const setting = (name: string) => health.HEALTH_BASELINE.settings.find((s) => s.setting === name)!;

  it('classifies values with surrounding spaces, and refuses blank ones', () => {
    expect(health.classify({ kind: 'boolean', compliant: true, nonCompliant: 'critical' }, ' true ')).toBe('compliant');
    expect(health.classify({ kind: 'numeric', compliant: 12, warning: 8 }, '   ')).toBeUndefined();
    expect(health.classify({ kind: 'numeric', compliant: 12, warning: 8 }, ' 12 ')).toBe('compliant');
  });

  it('reads a numeric threshold whose warning equals its compliant value as "at least"', () => {
    const same = { kind: 'numeric' as const, compliant: 5, warning: 5 };
    expect(health.classify(same, '6')).toBe('compliant');
    expect(health.classify(same, '4')).toBe('critical');
    expect(health.baselineText(same)).toBe('at least 5');
    expect(health.baselineText({ kind: 'numeric', compliant: 3, warning: 5 })).toBe('at most 3');
  });

  it('writes an enum baseline as one value, a list, or nothing', () => {
    const list = (compliant: string[]) => health.baselineText({ kind: 'enum', compliant, warning: [], critical: [] });
    expect(list([])).toBe('');
    expect(list(['A'])).toBe('A');
    expect(list(['A', 'B', 'C'])).toBe('one of A, B or C');
  });

  it('maps the numbers of profile-level password policies to the org-wide values, and nothing else', () => {
    const attempts = setting('PasswordPolicies.maxLoginAttempts').profile!.toValue!;
    expect(attempts('3')).toBe('ThreeAttempts');
    expect(attempts(' 10 ')).toBe('TenAttempts');
    // Number() reads more than digits ('0x3', '3e0', '3.0' are all 3): only plain digits are codes.
    for (const bad of ['x3', '3x', '3 x', '', '7', '-3', '0x3', '3e0', '3.0']) expect(attempts(bad), bad).toBeUndefined();
  });

  it('maps a profile session timeout in minutes to the next longer step', () => {
    const timeout = setting('SessionSettings.timeout').profile!.toValue!;
    expect(timeout('120')).toBe('TwoHours');
    expect(timeout('121')).toBe('FourHours');
    expect(timeout('5000')).toBe('TwentyFourHours');
    for (const none of ['0', 'x120', '120x', '']) expect(timeout(none), none).toBeUndefined();
  });

  it('gives the rules their message data: a lower-cased label unless it starts with an acronym, and no profile org-wide', async () => {
    const FA = 'force-app/main/default';
    const { model } = await analyze({
      cwd: makeProject({
        'sfdx-project.json': SFDX_PROJECT,
        [`${FA}/settings/Security.settings-meta.xml`]: xml(
          'SecuritySettings',
          '    <passwordPolicies>\n        <minimumPasswordLength>5</minimumPasswordLength>\n    </passwordPolicies>',
        ),
      }),
    });
    const length = setting('PasswordPolicies.minPasswordLength');
    const baseline = (label: string) => ({ name: 'test', settings: [{ ...length, label }] });
    const data = (label: string) => health.baselineFindings(model, 'password', baseline(label)).map((f) => f.data);
    expect(data('Minimum password length')).toEqual([
      expect.objectContaining({ label: 'Minimum password length', labelLower: 'minimum password length', value: '5', profile: '' }),
    ]);
    expect(data('XYz length')[0]).toMatchObject({ labelLower: 'XYz length' });
  });
});
