// Rule: a <userPermissions> names a permission that no public source of any API version lists, or one first seen after the project's API version.
import { defineRule, fixes } from '../../engine/index.js';
import { permissionCatalog, type PermissionContainer } from '../../model/index.js';

const {
  closestPermission,
  compareApiVersions,
  NEWEST_API_VERSION,
  OLDEST_API_VERSION,
  PERMISSION_SOURCES,
  permissionEntry,
  VERSION_CHECKS_FROM,
} = permissionCatalog;

export default defineRule<{ allow: string[] }>({
  meta: {
    id: 'unknown-user-permission',
    description: 'A user permission name is known to no Salesforce API version that public sources cover',
    category: 'deployability',
    defaultSeverity: 'warning',
    tags: ['deployability', 'permissions'],
    messages: {
      unknown: 'Unknown user permission: {{name}} (in none of the {{count}} public sources checked, API {{oldest}} to {{newest}}).',
      unknownClosest:
        'Unknown user permission: {{name}} (in none of the {{count}} public sources checked); closest known name: {{closest}}.',
      newerThanProject:
        "User permission {{name}} is first seen in API {{firstSeen}}, after the project's sourceApiVersion {{sourceApiVersion}}.",
    },
    options: {
      allow: {
        type: 'array',
        description: 'Permission names to accept although no public source lists them (names of your orgs, matched case-insensitively).',
        items: { type: 'string' },
      },
    },
    defaultOptions: { allow: [] },
    needs: ['Profile', 'PermissionSet', 'MutingPermissionSet'],
    // The name may be one of the org's own (see `allow`), or a typo of another: a person chooses.
    fixable: 'suggestion',
    fixMessages: {
      rename: 'Rename the permission to {{closest}}.',
      removeEntry: 'Remove the {{name}} entry.',
    },
  },
  check({ model, options, report }) {
    const allowed = new Set(options.allow.map((name) => name.toLowerCase()));
    const { sourceApiVersion } = model.projectShape;
    // Below the first broad source, a name missing from the older sources may just be a feature that org lacked.
    const checkVersions = sourceApiVersion !== undefined && compareApiVersions(sourceApiVersion, VERSION_CHECKS_FROM) >= 0;
    const containers: PermissionContainer[] = [...model.profiles.all, ...model.permissionSets.all, ...model.mutingPermissionSets.all];
    for (const container of containers) {
      for (const permission of container.userPermissions) {
        const name = permission.name.trim();
        if (name === '' || allowed.has(name.toLowerCase())) continue;
        const entry = permissionEntry(name);
        if (!entry) {
          const closest = closestPermission(name);
          const count = PERMISSION_SOURCES.length;
          const remove = { messageId: 'removeEntry', data: { name }, changes: [fixes.remove(permission)] };
          if (!closest) {
            const data = { name, count, oldest: OLDEST_API_VERSION, newest: NEWEST_API_VERSION };
            report({ messageId: 'unknown', data, location: permission, suggestions: [remove] });
            continue;
          }
          // Renamed to a name the file already lists, the entry would be a duplicate: then only removing it is offered.
          const listed = container.userPermissions.some((p) => p.name.trim().toLowerCase() === closest.toLowerCase());
          const rename = { messageId: 'rename', data: { closest }, changes: [fixes.setText(permission, closest, 'name')] };
          const suggestions = listed ? [remove] : [rename, remove];
          report({ messageId: 'unknownClosest', data: { name, count, closest }, location: permission, suggestions });
        } else if (checkVersions && entry.firstSeenApiVersion && compareApiVersions(entry.firstSeenApiVersion, sourceApiVersion!) > 0) {
          report({
            messageId: 'newerThanProject',
            data: { name, firstSeen: entry.firstSeenApiVersion, sourceApiVersion: sourceApiVersion! },
            location: permission,
            cap: 'note',
          });
        }
      }
    }
  },
});
