// CumulusCI projects: the unpackaged/ bundles are named in the run summary, not merged into the package's model, and
// linted one at a time with the package as context; their %%%NAMESPACE%%% tokens resolve to the package's components.
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/index.js';
import { makeProject, SFDX_PROJECT, xml } from '../support/fixtures.js';

const D = 'force-app/main/default';
const BUNDLE = 'unpackaged/config/community';
const BUNDLE_PROFILE = `${BUNDLE}/profiles/Customer Community - Staff.profile`;

const files = (cumulusci: boolean): Record<string, string> => ({
  'sfdx-project.json': SFDX_PROJECT,
  ...(cumulusci ? { 'cumulusci.yml': 'project:\n    name: Sample\n' } : {}),
  [`${D}/profiles/Custom%3A Manager.profile-meta.xml`]: xml(
    'Profile',
    [
      '    <custom>true</custom>',
      '    <layoutAssignments>',
      '        <layout>Contact-Community Layout</layout>',
      '    </layoutAssignments>',
      '    <userLicense>Salesforce</userLicense>',
      '    <userPermissions>',
      '        <enabled>true</enabled>',
      '        <name>ManagePartners</name>',
      '    </userPermissions>',
    ].join('\n'),
  ),
  [`${D}/layouts/Contact-Community Layout.layout-meta.xml`]: xml('Layout', '    <excludeButtons>Submit</excludeButtons>'),
  [`${D}/objects/Staff_Levels__c/Staff_Levels__c.object-meta.xml`]: xml(
    'CustomObject',
    '    <externalSharingModel>Private</externalSharingModel>\n    <sharingModel>Private</sharingModel>',
  ),
  [`${D}/settings/Communities.settings-meta.xml`]: xml('CommunitiesSettings', '    <enableNetworksEnabled>true</enableNetworksEnabled>'),
  [`${D}/settings/Sharing.settings-meta.xml`]: xml('SharingSettings', '    <enableExternalSharingModel>true</enableExternalSharingModel>'),
  // A partial profile of a CumulusCI bundle, in metadata format, whose references carry namespace tokens.
  [BUNDLE_PROFILE]: xml(
    'Profile',
    [
      '    <custom>true</custom>',
      '    <layoutAssignments>',
      '        <layout>Contact-%%%NAMESPACE%%%Community Layout</layout>',
      '    </layoutAssignments>',
      '    <objectPermissions>',
      '        <allowRead>true</allowRead>',
      '        <object>%%%NAMESPACE%%%Staff_Levels__c</object>',
      '    </objectPermissions>',
      '    <userLicense>Customer Community Login</userLicense>',
    ].join('\n'),
  ),
  [`${BUNDLE}/networks/Community.network`]: xml(
    'Network',
    '    <networkMemberGroups>\n        <profile>customer community - staff</profile>\n    </networkMemberGroups>\n    <status>Live</status>',
  ),
  [`${BUNDLE}/package.xml`]: xml('Package', '    <version>62.0</version>'),
  'unpackaged/pre/roles/roles/Community_Owner.role': xml('Role', '    <name>Community Owner</name>'),
});

describe('CumulusCI projects', () => {
  it('names the bundles that a whole-project run leaves out, and how to lint them', async () => {
    const run = await lint({ cwd: makeProject(files(true)) });
    expect(run.warnings).toEqual([
      'cumulusci.yml: 2 CumulusCI bundles were not linted (unpackaged/pre/roles, unpackaged/config/community); lint each on its own, with the package as context: sfmeta-lint unpackaged/pre/roles',
    ]);
    expect(run.project.files.filter((f) => f.path.startsWith('unpackaged/'))).toEqual([]);
  });

  it('says nothing of unpackaged/ without cumulusci.yml', async () => {
    const run = await lint({ cwd: makeProject(files(false)) });
    expect(run.warnings).toEqual([]);
  });

  it('lints a bundle on its own with the package as context, resolving its namespace tokens', async () => {
    const run = await lint({ cwd: makeProject(files(true)), paths: [BUNDLE] });
    expect(run.warnings).toEqual([]);
    expect(run.project.targets).toEqual([`${BUNDLE}/networks/Community.network`, BUNDLE_PROFILE]);
    // The bundle's profile is a site member, its layout resolves to the package's, its object to Staff_Levels__c: nothing to report.
    expect(run.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.range.startLine} ${f.message}`)).toEqual([]);
    expect(run.model.layouts.get('Contact-%%%NAMESPACE%%%Community Layout')?.file.path).toBe(
      `${D}/layouts/Contact-Community Layout.layout-meta.xml`,
    );
  });
});
