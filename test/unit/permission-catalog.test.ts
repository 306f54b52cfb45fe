// The user permission catalog: every name real projects use is known, typos find their name, the data is consistent; sourceApiVersion reaches the model.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/index.js';
import { permissionCatalog } from '../../src/model/index.js';
import { PERMISSION_ENTRIES } from '../../src/model/permission-catalog-data.js';
import { USER_PERMISSION_DEPENDENCIES } from '../../src/rules/object-permission-dependency/dependencies.js';
import { discover, locateProject } from '../../src/project/index.js';
import { listFiles } from '../support/harness.js';
import { CORPUS, ROOT } from '../support/paths.js';
import { makeProject, xml } from '../support/fixtures.js';

const { closestPermission, permissionEntry, PERMISSION_SOURCES } = permissionCatalog;
const USER_PERMISSION = /<userPermissions>[^]*?<name>\s*([^<]*?)\s*<\/name>[^]*?<\/userPermissions>/g;
const PERMISSION_FILE = /\.(profile|permissionset|mutingpermissionset|userPermission)(-meta\.xml)?$/u;

describe('user permission catalog', () => {
  it('records where every name comes from', () => {
    expect(PERMISSION_SOURCES.length).toBeGreaterThanOrEqual(10);
    for (const source of PERMISSION_SOURCES) {
      expect(source.url, source.id).toMatch(/^https:\/\//u);
      expect(PERMISSION_ENTRIES.filter(([, mask]) => mask & (1 << PERMISSION_SOURCES.indexOf(source))).length).toBe(source.names);
    }
    const all = (1 << PERMISSION_SOURCES.length) - 1;
    for (const [name, mask] of PERMISSION_ENTRIES) {
      expect(mask, name).toBeGreaterThan(0);
      expect(mask & ~all, name).toBe(0);
    }
    expect(new Set(PERMISSION_ENTRIES.map(([name]) => name.toLowerCase())).size).toBe(PERMISSION_ENTRIES.length);
  });

  it('is what scripts/permission-catalog.mjs builds from the recorded lists', () => {
    const sources = JSON.parse(readFileSync(path.join(ROOT, 'scripts', 'permission-catalog', 'sources.json'), 'utf8')) as {
      sources: { id: string; url: string; list?: string }[];
    };
    expect(sources.sources.map((s) => [s.id, s.url])).toEqual(PERMISSION_SOURCES.map((s) => [s.id, s.url]));
    for (const [index, source] of sources.sources.entries()) {
      if (!source.list) continue;
      const names = readFileSync(path.join(ROOT, 'scripts', 'permission-catalog', source.list), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => line.split('\t')[0]!);
      for (const name of names) expect(permissionEntry(name)?.sources, name).toContain(PERMISSION_SOURCES[index]);
    }
  });

  it('knows the names of the dependency table and the org-shape dependent names deploys reject on some orgs', () => {
    const names = USER_PERMISSION_DEPENDENCIES.flatMap((d) => [d.permission, ...d.userPermissions]);
    for (const name of [...names, 'AllowUniversalSearch', 'ManageUnlistedGroups', 'SendExternalEmailAvailable', 'ManagePartners'])
      expect(permissionEntry(name), name).toBeDefined();
    expect(permissionEntry('manageusers')?.name).toBe('ManageUsers');
  });

  it('gives the version a name is known by, and labels', () => {
    expect(permissionEntry('ManageUsers')).toMatchObject({ label: 'Manage Users', firstSeenApiVersion: '34.0' });
    expect(permissionEntry('AISearchUser')?.firstSeenApiVersion).toBe('66.0');
    expect(permissionCatalog.VERSION_CHECKS_FROM).toBe('62.0');
  });

  it('suggests the name a typo or a label meant, and nothing for a name far from all', () => {
    expect(closestPermission('ManageUser')).toBe('ManageUsers');
    expect(closestPermission('ModifyAllDatta')).toBe('ModifyAllData');
    expect(closestPermission('ModifyAllDtaa')).toBe('ModifyAllData');
    expect(closestPermission('Manage Users')).toBe('ManageUsers');
    expect(closestPermission('View Setup and Configuration')).toBe('ViewSetup');
    expect(closestPermission('ManageHpi')).toBeUndefined();
    expect(closestPermission('Xyzzy')).toBeUndefined();
    expect(permissionEntry('ManageHpi')).toBeUndefined();
  });
});

const corpusPresent = existsSync(CORPUS);

describe.skipIf(!corpusPresent)('user permission catalog on ../shared/corpus', () => {
  it('knows every user permission name of the real projects', () => {
    const unknown = new Set<string>();
    let names = 0;
    for (const project of readdirSync(CORPUS).filter((d) => statSync(path.join(CORPUS, d)).isDirectory())) {
      for (const file of listFiles(path.join(CORPUS, project)).filter((f) => PERMISSION_FILE.test(f))) {
        for (const [, name] of readFileSync(file, 'utf8').matchAll(USER_PERMISSION)) {
          names++;
          if (!permissionEntry(name!)) unknown.add(`${name} (${path.relative(CORPUS, file)})`);
        }
      }
    }
    expect(names).toBeGreaterThan(0);
    expect([...unknown]).toEqual([]);
  });
});

if (!corpusPresent) {
  describe('user permission catalog on ../shared/corpus', () => {
    it.skip('skipped: ../shared/corpus is absent (a fresh clone outside the workspace)', () => {});
  });
}

describe('project shape', () => {
  it('reads sourceApiVersion from sfdx-project.json, and leaves out one it cannot read', async () => {
    const shapeOf = async (project: object) => {
      const root = makeProject({ 'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app' }], ...project }) });
      return (await discover(locateProject(root, []))).shape;
    };
    expect(await shapeOf({ sourceApiVersion: '63.0' })).toEqual({ sourceApiVersion: '63.0' });
    expect(await shapeOf({ sourceApiVersion: 58 })).toEqual({ sourceApiVersion: '58.0' });
    expect(await shapeOf({ sourceApiVersion: 'latest' })).toEqual({});
    expect(await shapeOf({})).toEqual({});
  });

  it('reaches the rules, and a cached run sees a changed sourceApiVersion', async () => {
    const project = (version: string) => JSON.stringify({ packageDirectories: [{ path: 'force-app' }], sourceApiVersion: version });
    const root = makeProject({
      'sfdx-project.json': project('63.0'),
      'force-app/permissionsets/Search.permissionset-meta.xml': xml(
        'PermissionSet',
        '<userPermissions><enabled>true</enabled><name>AISearchUser</name></userPermissions>',
      ),
    });
    const run = async () =>
      (await lint({ cwd: root, only: ['unknown-user-permission'], cache: true })).findings.map((f) => `${f.messageId} ${f.severity}`);
    expect(await run()).toEqual(['newerThanProject note']);
    writeFileSync(path.join(root, 'sfdx-project.json'), project('66.0'));
    expect(await run()).toEqual([]);
  });
});
