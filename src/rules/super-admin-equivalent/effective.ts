// A permission set group's effective user permissions: the union of its member permission sets minus what its muting
// permission sets mute. It belongs in the model (beside external.ts) once another rule needs it; it lives here until then.
import {
  xnode,
  type GenericView,
  type PermissionContainer,
  type ProjectModel,
  type UserPermission,
  type XNode,
} from '../../model/index.js';

export interface GroupEntry {
  /** The group's `<permissionSets>` or `<mutingPermissionSets>` element. */
  entry: XNode;
  name: string;
  /** The referenced set; undefined when it is not in the project. */
  set?: PermissionContainer;
}

export interface Contribution {
  member: GroupEntry & { set: PermissionContainer };
  grant: UserPermission;
}

export interface GroupGrants {
  members: GroupEntry[];
  muting: GroupEntry[];
  /** Muted user permissions by name: the muting set's entry with `<enabled>true` (which TURNS OFF the grant for the group). */
  muted: Map<string, UserPermission>;
  /** Enabled member grants by permission name, muted ones left out, in the group's member order. */
  grants: Map<string, Contribution[]>;
}

function entries(group: GenericView, element: string, lookup: (name: string) => PermissionContainer | undefined): GroupEntry[] {
  return xnode
    .all(group.tree, element)
    .filter((e) => !e.nil && e.text.trim() !== '')
    .map((entry) => {
      const name = entry.text.trim();
      const set = lookup(name);
      return { entry, name, ...(set ? { set } : {}) };
    });
}

export function groupGrants(model: ProjectModel, group: GenericView): GroupGrants {
  const members = entries(group, 'permissionSets', (n) => model.permissionSets.get(n));
  const muting = entries(group, 'mutingPermissionSets', (n) => model.mutingPermissionSets.get(n));
  const muted = new Map<string, UserPermission>();
  for (const { set } of muting) {
    // Polarity: in a muting permission set, enabled=true means "muted", i.e. removed from the group.
    for (const p of set?.userPermissions ?? []) if (p.enabled && !muted.has(p.name)) muted.set(p.name, p);
  }
  const grants = new Map<string, Contribution[]>();
  for (const member of members) {
    if (!member.set) continue;
    const seen = new Set<string>();
    for (const grant of member.set.userPermissions) {
      if (!grant.enabled || muted.has(grant.name) || seen.has(grant.name)) continue;
      seen.add(grant.name);
      const list = grants.get(grant.name) ?? [];
      list.push({ member: member as Contribution['member'], grant });
      grants.set(grant.name, list);
    }
  }
  return { members, muting, muted, grants };
}
