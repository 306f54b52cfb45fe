// Rule: an object or user permission is granted without a permission it depends on, which the deploy rejects ("depends on permission(s)").
import { compareStrings, type Change, type RelatedLocation } from '../../findings/index.js';
import { defineRule, fixes, related, type Report, type ReportFix } from '../../engine/index.js';
import {
  external,
  objectFlagBit,
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
/** Each rule as bits (see objectFlagsGranted): the flag, and the flags it needs. */
const OBJECT_FLAG_BITS = OBJECT_FLAG_RULES.map(([flag, requires]) => ({
  flag: objectFlagBit(flag),
  requires: requires.reduce((bits, r) => bits | objectFlagBit(r), 0),
}));
/** The object access guest-profile-object-access forbids on guest profiles: granting it there is never the whole answer. */
const GUEST_FORBIDDEN_FLAGS: ReadonlySet<ObjectFlag> = new Set(['allowEdit', 'allowDelete', 'modifyAllRecords', 'viewAllRecords']);

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
    fixable: 'fix-and-suggestion',
    fixMessages: { grantPrerequisites: 'Also grant {{required}}.' },
  },
  check({ model, report }) {
    // Muting permission sets are left out: there `true` removes a permission, and no dependency rule for mutes is documented.
    const containers: PermissionContainer[] = [...model.profiles.all, ...model.permissionSets.all];
    for (const container of containers) {
      // The entries are decoded only for a container that grants a flag without what it needs: most grant none.
      const objectPermissions = breaksObjectDependency(container.objectFlagsGranted) ? container.objectPermissions : [];
      for (const entry of objectPermissions) {
        for (const [flag, requires] of OBJECT_FLAG_RULES) {
          const granted = entry.flags[flag];
          if (granted?.value !== true) continue;
          const missing = requires.filter((r) => entry.flags[r]?.value !== true);
          if (missing.length === 0) continue;
          const required = missing.map((m) => objectPermission(entry.object, m)).join(', ');
          const grant = {
            messageId: 'grantPrerequisites',
            data: { required },
            changes: fixes.grantObjectFlags(container, entry.object, entry, missing)!,
          };
          // Access the guest rules forbid is offered on a guest profile, not applied: there the dependent flag may be what must go.
          const judged = external.isGuestProfile(container) && missing.some((m) => GUEST_FORBIDDEN_FLAGS.has(m));
          report({
            messageId: 'objectDependency',
            data: { permission: objectPermission(entry.object, flag), required },
            location: granted,
            ...(judged ? { suggestions: [grant] } : { fix: grant }),
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
        const changes = prerequisiteChanges(container, missing);
        const grantAll: ReportFix | undefined = changes && { messageId: 'grantPrerequisites', data, changes };
        // A fix only for a documented dependency known to apply, and never a user permission for an external or guest profile.
        const judged =
          dependency.evidence === 'seen' ||
          (dependency.condition !== undefined && condition === undefined) ||
          (container.kind === 'Profile' && (external.isExternalProfile(container) || external.isGuestProfile(container)));
        const remedy: Pick<Report, 'fix' | 'suggestions'> = !grantAll ? {} : judged ? { suggestions: [grantAll] } : { fix: grantAll };
        if (dependency.condition && condition === undefined) {
          report({
            messageId: 'conditionalDependency',
            data: { ...data, condition: dependency.condition.text },
            location: grant.enabledAt,
            related: evidence,
            cap: 'note',
            ...remedy,
          });
        } else {
          report({
            messageId: 'userDependency',
            data,
            location: grant.enabledAt,
            related: condition ? [...evidence, related(condition, `${dependency.condition!.element} is on here`)] : evidence,
            // A dependency seen in deploy errors but not documented may hold only in some orgs: a warning, not an error.
            ...(dependency.evidence === 'seen' ? { cap: 'warning' as const } : {}),
            ...remedy,
          });
        }
      }
    }
  },
});

/** Whether some entry grants a flag without every flag it depends on (the check below, on the granted bits). */
function breaksObjectDependency(granted: Uint8Array): boolean {
  for (const bits of granted)
    for (const rule of OBJECT_FLAG_BITS) if ((bits & rule.flag) !== 0 && (bits & rule.requires) !== rule.requires) return true;
  return false;
}

interface Missing {
  /** As the platform names it: `ViewRoles`, `Create Account`. */
  name: string;
  /** Where the file turns it off, when it says so. */
  at?: RelatedLocation;
  /** What to grant: a user permission, or an object flag. */
  grant: { userPermission: string } | ObjectRequirement;
}

/** The edits that grant every missing prerequisite (one entry per object); undefined when one cannot be added here. */
function prerequisiteChanges(container: PermissionContainer, missing: readonly Missing[]): Change[] | undefined {
  const changes: Change[] = [];
  const flagsByObject = new Map<string, ObjectFlag[]>();
  for (const { grant } of missing) {
    if ('userPermission' in grant) {
      const granted = fixes.grantUserPermission(container, grant.userPermission);
      if (!granted) return undefined;
      changes.push(...granted);
    } else flagsByObject.set(grant.object, [...(flagsByObject.get(grant.object) ?? []), grant.flag]);
  }
  // In name order: new entries for two objects go in at the same place, in the order the changes give them.
  for (const [object, flags] of [...flagsByObject].sort(([a], [b]) => compareStrings(a, b))) {
    const entry = container.objectPermissions.find((p) => sameName(p.object, object));
    const granted = fixes.grantObjectFlags(container, entry?.object ?? object, entry, withPrerequisites(flags));
    if (!granted) return undefined;
    changes.push(...granted);
  }
  return changes.length > 0 ? changes : undefined;
}

/** The flags and the flags they need in turn (Create needs Read), so that a grant does not make a dependency of its own. */
function withPrerequisites(flags: readonly ObjectFlag[]): ObjectFlag[] {
  const all = new Set<ObjectFlag>();
  const add = (flag: ObjectFlag): void => {
    if (all.has(flag)) return;
    all.add(flag);
    for (const required of OBJECT_FLAG_REQUIRES[flag] ?? []) add(required);
  };
  flags.forEach(add);
  return [...all];
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
  const grant = { userPermission: name };
  if (listed.length > 0) return [{ name, at: related(listed[0]!.enabledAt, `${name} is not enabled here`), grant }];
  return container.kind === 'PermissionSet' ? [{ name, grant }] : [];
}

function missingObjectPermission(container: PermissionContainer, requirement: ObjectRequirement): Missing[] {
  const { object, flag } = requirement;
  const name = objectPermission(object, flag);
  const listed: ObjectPermission[] = container.objectPermissions.filter((p) => sameName(p.object, object));
  if (listed.some((p) => p.flags[flag]?.value === true)) return [];
  if (listed.length > 0) {
    const off: Located<boolean> | ObjectPermission = listed[0]!.flags[flag] ?? listed[0]!;
    return [{ name, at: related(off, `${name} is not granted here`), grant: requirement }];
  }
  return container.kind === 'PermissionSet' ? [{ name, grant: requirement }] : [];
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
