// Rule: no profile, permission set or permission set group (members minus muting) grants View All Data + Modify All Data + Manage Users together.
import { defineRule, related } from '../../engine/index.js';
import { external, type PermissionContainer, type UserPermission, permissions } from '../../model/index.js';
import { groupGrants, type Contribution } from './effective.js';

const { isAllowed, isStandardNonAdminProfile, kindLabel, SUPER_ADMIN } = permissions;

/** The first enabled grant of each of the three permissions in document order, or undefined when one is missing. */
function superAdminGrants(container: PermissionContainer): UserPermission[] | undefined {
  const found = SUPER_ADMIN.map((name) => container.userPermissions.find((p) => p.enabled && p.name === name));
  if (!found.every((g) => g !== undefined)) return undefined;
  const order = (g: UserPermission) => container.userPermissions.indexOf(g);
  return (found as UserPermission[]).sort((a, b) => order(a) - order(b));
}

export default defineRule({
  meta: {
    id: 'super-admin-equivalent',
    description: 'No profile, permission set or permission set group grants View All Data, Modify All Data and Manage Users together',
    category: 'security',
    defaultSeverity: 'error',
    securitySeverity: 8.0,
    tags: ['security', 'permissions', 'least-privilege', 'permission-set-groups'],
    messages: {
      container: '{{kind}} {{name}} grants View All Data, Modify All Data and Manage Users together.',
      group: 'Permission set group {{name}} grants View All Data, Modify All Data and Manage Users through its members ({{members}}).',
      memberMissing:
        'Permission set group {{name}} grants {{reached}}; member {{member}}, which may add {{missing}}, is not in the project.',
      mutingMissing:
        'Permission set group {{name}} reaches all three super-admin permissions; muting set {{muting}} is not in the project.',
    },
    options: {
      allow: {
        type: 'array',
        description:
          'Profiles, permission sets and permission set groups that may be super-admin equivalent (names, decoded and case-insensitive).',
        items: { type: 'string' },
      },
    },
    defaultOptions: { allow: ['Admin'] },
    needs: ['Profile', 'PermissionSet', 'PermissionSetGroup', 'MutingPermissionSet'],
  },
  check({ model, options, report }) {
    // On external and guest profiles each of the three is already an error of external-profile-admin-permissions. A standard
    // profile's permissions are Salesforce's and cannot be edited: privileged-permission-granted gives it one note.
    const internal = model.profiles.all.filter((p) => external.isInternalProfile(p) && !isStandardNonAdminProfile(p));
    const containers = [...internal, ...model.permissionSets.all];
    for (const container of containers) {
      if (isAllowed(container, options.allow)) continue;
      const grants = superAdminGrants(container);
      if (!grants) continue;
      const [first, ...others] = grants;
      report({
        messageId: 'container',
        data: { kind: kindLabel(container), name: container.name },
        location: first!.enabledAt,
        related: others.map((g) => related(g.enabledAt, `${container.name} also grants ${g.name}`)),
      });
    }

    for (const group of model.permissionSetGroups.all) {
      if (isAllowed(group, options.allow)) continue;
      const effective = groupGrants(model, group);
      const contributions = SUPER_ADMIN.map((name) => effective.grants.get(name) ?? []);
      const all = contributions.flat();
      const grantRelated = (c: Contribution) => related(c.grant.enabledAt, `${c.member.set.name} grants ${c.grant.name}`);
      if (contributions.every((c) => c.length > 0)) {
        const missingMuting = effective.muting.filter((m) => !m.set);
        if (missingMuting.length > 0) {
          for (const m of missingMuting) {
            report({
              messageId: 'mutingMissing',
              data: { name: group.name, muting: m.name },
              location: m.entry,
              related: all.map(grantRelated),
              cap: 'note',
            });
          }
          continue;
        }
        const contributing = effective.members.filter((m) => all.some((c) => c.member === m));
        report({
          messageId: 'group',
          data: { name: group.name, members: contributing.map((m) => m.set?.name ?? m.name).join(', ') },
          location: contributing[0]!.entry,
          related: all.map(grantRelated),
        });
        continue;
      }
      // Not reached with what the project holds: absent members could complete it, unless one of the three is muted
      // (then the group can never grant it) or none of the three is granted at all (a note on every group would be noise).
      const missing = effective.members.filter((m) => !m.set);
      const anyMuted = SUPER_ADMIN.some((name) => effective.muted.has(name));
      if (missing.length === 0 || anyMuted || all.length === 0) continue;
      const reached = SUPER_ADMIN.filter((_, i) => contributions[i]!.length > 0).join(' and ');
      const lacking = SUPER_ADMIN.filter((_, i) => contributions[i]!.length === 0).join(' and ');
      for (const m of missing) {
        report({
          messageId: 'memberMissing',
          data: { name: group.name, member: m.name, missing: lacking, reached },
          location: m.entry,
          related: all.map(grantRelated),
          cap: 'note',
        });
      }
    }
  },
});
