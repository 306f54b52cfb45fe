// The model helpers the rules share: names (decoding, keys, license families), element-tree accessors and the
// permission tiers, each on the edge cases the rules rely on.
import { describe, expect, it } from 'vitest';
import { xnode } from '../../src/model/index.js';
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
import type { PermissionContainer, XNode } from '../../src/model/types.js';

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
