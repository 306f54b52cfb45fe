// Project discovery and classification: source and metadata format, package directories, .forceignore, decomposed permission sets.
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/index.js';
import { classify, discover, locateProject } from '../../src/project/index.js';
import { makeProject, SFDX_PROJECT, xml } from '../support/fixtures.js';

const typeOf = (p: string) => {
  const c = classify(p, '');
  return c.ok ? `${c.file.type}:${c.file.fullName}${c.file.parent ? `<${c.file.parent}` : ''}` : `skip:${c.reason}`;
};

describe('classify', () => {
  it('knows source and metadata format by suffix', () => {
    expect(typeOf('force-app/main/default/layouts/Contact-Contact Layout.layout-meta.xml')).toBe('Layout:Contact-Contact Layout');
    expect(typeOf('src/layouts/Contact-Contact Layout.layout')).toBe('Layout:Contact-Contact Layout');
    expect(typeOf('src/profiles/Custom%3A Sales Profile.profile')).toBe('Profile:Custom%3A Sales Profile');
    expect(typeOf('force-app/main/default/settings/Communities.settings-meta.xml')).toBe('Settings:Communities');
    expect(typeOf('src/settings/Security.settings')).toBe('Settings:Security');
    expect(typeOf('force-app/main/default/networks/Partners.network-meta.xml')).toBe('Network:Partners');
  });

  it('tells the three .site-meta.xml types apart by folder', () => {
    expect(typeOf('force-app/main/default/sites/Partners.site-meta.xml')).toBe('CustomSite:Partners');
    expect(typeOf('force-app/main/default/siteDotComSites/Partners1.site-meta.xml')).toBe('SiteDotCom:Partners1');
    expect(typeOf('force-app/main/default/experiences/Partners1/config/partners.json')).toMatch(/^ExperienceBundle:/);
  });

  it('names object children after their object', () => {
    expect(typeOf('force-app/main/default/objects/Account/Account.object-meta.xml')).toBe('CustomObject:Account');
    expect(typeOf('force-app/main/default/objects/Account/fields/Rating__c.field-meta.xml')).toBe('CustomField:Account.Rating__c<Account');
    expect(typeOf('src/objects/Account.object')).toBe('CustomObject:Account');
  });

  it('merges decomposed permission set parts into their permission set', () => {
    expect(typeOf('force-app/main/default/permissionsets/Case_Agent/Case_Agent.permissionset-meta.xml')).toBe('PermissionSet:Case_Agent');
    expect(typeOf('force-app/main/default/permissionsets/Case_Agent/objectSettings/Case.objectSettings-meta.xml')).toBe(
      'PermissionSet:Case_Agent<Case_Agent',
    );
    expect(typeOf('force-app/main/default/permissionsets/Case_Agent/Case_Agent.userPermission-meta.xml')).toBe(
      'PermissionSet:Case_Agent<Case_Agent',
    );
  });

  it('skips what is not metadata', () => {
    expect(typeOf('force-app/main/default/README.md')).toBe('skip:not a metadata file');
    expect(typeOf('src/package.xml')).toBe('skip:a deployment manifest');
  });
});

describe('discover', () => {
  it('lints every package directory, honours .forceignore and skips node_modules', async () => {
    const root = makeProject({
      'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'app-a' }, { path: 'app-b/' }] }),
      '.forceignore': '**/profiles/Ignored*\n',
      'app-a/main/default/profiles/Admin.profile-meta.xml': xml('Profile', '<custom>false</custom>'),
      'app-a/main/default/profiles/Ignored One.profile-meta.xml': xml('Profile', ''),
      'app-b/layouts/Contact-Contact Layout.layout-meta.xml': xml('Layout', ''),
      'app-b/node_modules/x/profiles/Y.profile-meta.xml': xml('Profile', ''),
      'unpackaged/profiles/Outside.profile': xml('Profile', ''),
    });
    const project = await discover(locateProject(root, []));
    expect(project.kind).toBe('sfdx');
    expect(project.packageDirs).toEqual(['app-a', 'app-b']);
    expect(project.files.map((f) => `${f.packageDir}|${f.path}`)).toEqual([
      'app-a|app-a/main/default/profiles/Admin.profile-meta.xml',
      'app-b|app-b/layouts/Contact-Contact Layout.layout-meta.xml',
    ]);
    expect(project.skipped).toContainEqual({
      path: 'app-a/main/default/profiles/Ignored One.profile-meta.xml',
      reason: 'listed in .forceignore',
    });
  });

  it('finds the project root from a file inside it and targets only that file', async () => {
    const root = makeProject({
      'sfdx-project.json': SFDX_PROJECT,
      'force-app/main/default/profiles/Admin.profile-meta.xml': xml('Profile', ''),
      'force-app/main/default/profiles/Other.profile-meta.xml': xml('Profile', ''),
    });
    const location = locateProject(root, ['force-app/main/default/profiles/Admin.profile-meta.xml']);
    expect(location.root).toBe(root);
    const project = await discover(location);
    // The whole project is read as context; only the file asked for is a target.
    expect(project.files.map((f) => f.path)).toEqual([
      'force-app/main/default/profiles/Admin.profile-meta.xml',
      'force-app/main/default/profiles/Other.profile-meta.xml',
    ]);
    expect(project.targets).toEqual(['force-app/main/default/profiles/Admin.profile-meta.xml']);
  });

  it('lints a metadata-format folder without sfdx-project.json', async () => {
    const root = makeProject({
      'src/package.xml': '<Package/>',
      'src/profiles/Admin.profile': xml('Profile', ''),
      'src/layouts/Contact-Contact Layout.layout': xml('Layout', ''),
    });
    const project = await discover(locateProject(root, ['src']));
    expect(project.kind).toBe('folder');
    expect(project.files.map((f) => `${f.type}:${f.format}`)).toEqual(['Layout:metadata', 'Profile:metadata']);
  });

  it('notes a component defined in two package directories', async () => {
    const profile = xml('Profile', '<userLicense>Salesforce</userLicense>');
    const root = makeProject({
      'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'a' }, { path: 'b' }] }),
      'a/profiles/Admin.profile-meta.xml': profile,
      'b/profiles/Admin.profile-meta.xml': profile,
    });
    const run = await lint({ cwd: root, only: ['duplicate-component'] });
    expect(run.findings.map((f) => [f.location.file, f.related[0]?.file])).toEqual([
      ['b/profiles/Admin.profile-meta.xml', 'a/profiles/Admin.profile-meta.xml'],
    ]);
  });

  it('merges a decomposed permission set into one component', async () => {
    const root = makeProject({
      'sfdx-project.json': SFDX_PROJECT,
      'force-app/main/default/permissionsets/Agent/Agent.permissionset-meta.xml': xml('PermissionSet', '<label>Agent</label>'),
      'force-app/main/default/permissionsets/Agent/Agent.userPermission-meta.xml':
        '<PermissionSet><userPermissions><enabled>true</enabled><name>ManagePartners</name></userPermissions></PermissionSet>',
      'force-app/main/default/permissionsets/Agent/objectSettings/Case.objectSettings-meta.xml':
        '<PermissionSet><objectPermissions><allowRead>true</allowRead><object>Case</object></objectPermissions></PermissionSet>',
    });
    const { ProjectModel, extractFile } = await import('../../src/model/index.js');
    const { readFileSync } = await import('node:fs');
    const project = await discover(locateProject(root, []));
    const facts = project.files.map((f) => extractFile(f, readFileSync(`${root}/${f.path}`, 'utf8')));
    const model = new ProjectModel(project.files, facts);
    expect(model.permissionSets.all).toHaveLength(1);
    const agent = model.permissionSets.get('Agent')!;
    expect(agent.files).toHaveLength(3);
    expect(agent.userPermissions.map((p) => [p.name, p.file])).toEqual([
      ['ManagePartners', 'force-app/main/default/permissionsets/Agent/Agent.userPermission-meta.xml'],
    ]);
    expect(agent.objectPermissions.map((p) => p.object)).toEqual(['Case']);
    expect(agent.label?.value).toBe('Agent');
  });
});
