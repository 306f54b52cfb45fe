// Rule: an object or user permission is granted without a permission it depends on, which the deploy rejects ("depends on permission(s)").
import type { RelatedLocation } from '../../findings/index.js';
import { defineRule, related } from '../../engine/index.js';
import {
  xnode,
  type Located,
  type ObjectFlag,
  type ObjectPermission,
  type PermissionContainer,
  type ProjectModel,
  type UserPermission,
} from '../../model/index.js';
import { FLAG_VERBS, OBJECT_FLAG_REQUIRES, USER_PERMISSION_DEPENDENCIES, type Condition, type ObjectRequirement } from './dependencies.js';

const OBJECT_FLAG_RULES = Object.entries(OBJECT_FLAG_REQUIRES) as [ObjectFlag, readonly ObjectFlag[]][];

export default defineRule({
  meta: {
    id: 'object-permission-dependency',
    description: 'Object and user permissions are granted with the permissions they depend on',
    category: 'deployability',
    defaultSeverity: 'error',
    tags: ['deployability', 'permissions'],
    messages: {
      objectDependency: 'Permission {{permission}} depends on permission(s): {{required}}.',
      userDependency: 'Permission {{permission}} depends on permission(s): {{required}}.',
      conditionalDependency: 'Permission {{permission}} depends on permission(s): {{required}} when {{condition}}.',
    },
    needs: ['Profile', 'PermissionSet', 'Settings'],
  },
  check({ model, report }) {
    // Muting permission sets are left out: there `true` removes a permission, and no dependency rule for mutes is documented.
    const containers: PermissionContainer[] = [...model.profiles.all, ...model.permissionSets.all];
    for (const container of containers) {
      for (const entry of container.objectPermissions) {
        for (const [flag, requires] of OBJECT_FLAG_RULES) {
          const granted = entry.flags[flag];
          if (granted?.value !== true) continue;
          const missing = requires.filter((r) => entry.flags[r]?.value !== true);
          if (missing.length === 0) continue;
          report({
            messageId: 'objectDependency',
            data: {
              permission: objectPermission(entry.object, flag),
              required: missing.map((m) => objectPermission(entry.object, m)).join(', '),
            },
            location: granted,
          });
        }
      }
      for (const dependency of USER_PERMISSION_DEPENDENCIES) {
        const grant = container.userPermissions.find((p) => p.enabled && sameName(p.name, dependency.permission));
        if (!grant) continue;
        const condition = dependency.condition ? conditionState(model, dependency.condition) : undefined;
        if (condition === 'off') continue;
        const missing = [
          ...dependency.userPermissions.flatMap((name) => missingUserPermission(container, name)),
          ...dependency.objects.flatMap((requirement) => missingObjectPermission(container, requirement)),
        ];
        if (missing.length === 0) continue;
        const data = { permission: grant.name, required: missing.map((m) => m.name).join(', ') };
        const evidence = missing.flatMap((m) => (m.at ? [m.at] : []));
        if (dependency.condition && condition === undefined) {
          report({
            messageId: 'conditionalDependency',
            data: { ...data, condition: dependency.condition.text },
            location: grant.enabledAt,
            related: evidence,
            cap: 'note',
          });
        } else {
          report({
            messageId: 'userDependency',
            data,
            location: grant.enabledAt,
            related: condition ? [...evidence, related(condition, `${dependency.condition!.element} is on here`)] : evidence,
            // A dependency seen in deploy errors but not documented may hold only in some orgs: a warning, not an error.
            ...(dependency.evidence === 'seen' ? { cap: 'warning' as const } : {}),
          });
        }
      }
    }
  },
});

interface Missing {
  /** As the platform names it: `ViewRoles`, `Create Account`. */
  name: string;
  /** Where the file turns it off, when it says so. */
  at?: RelatedLocation;
}

function objectPermission(object: string, flag: ObjectFlag): string {
  return `${FLAG_VERBS[flag]} ${object}`;
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.toLowerCase();
}

/**
 * A prerequisite the deploy will find off. A permission set deploy replaces the whole permission set (API 40.0 and
 * later), so what it does not list is off; a profile deploy changes only what the file lists, so only what the
 * profile lists as off counts.
 */
function missingUserPermission(container: PermissionContainer, name: string): Missing[] {
  const listed: UserPermission[] = container.userPermissions.filter((p) => sameName(p.name, name));
  if (listed.some((p) => p.enabled)) return [];
  if (listed.length > 0) return [{ name, at: related(listed[0]!.enabledAt, `${name} is not enabled here`) }];
  return container.kind === 'PermissionSet' ? [{ name }] : [];
}

function missingObjectPermission(container: PermissionContainer, { object, flag }: ObjectRequirement): Missing[] {
  const name = objectPermission(object, flag);
  const listed: ObjectPermission[] = container.objectPermissions.filter((p) => sameName(p.object, object));
  if (listed.some((p) => p.flags[flag]?.value === true)) return [];
  if (listed.length > 0) {
    const off: Located<boolean> | ObjectPermission = listed[0]!.flags[flag] ?? listed[0]!;
    return [{ name, at: related(off, `${name} is not granted here`) }];
  }
  return container.kind === 'PermissionSet' ? [{ name }] : [];
}

/** Whether the project's settings turn the condition on (where), off, or do not say (undefined). */
function conditionState(model: ProjectModel, condition: Condition): Located<boolean> | 'off' | undefined {
  const values = model.settings.named(condition.settings).flatMap((s) => {
    const value = xnode.bool(s.tree, condition.element);
    return value ? [value] : [];
  });
  if (values.length === 0) return undefined;
  return values.find((v) => v.value) ?? 'off';
}
