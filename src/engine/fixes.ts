// The fix vocabulary rules use: semantic edits on located elements (remove, set a value, insert an element), and the
// edits that several permission rules share. Pure data; src/fix turns it into text edits.
import type { Change, Location, NewElement, Placement } from '../findings/index.js';
import type { ObjectFlag, ObjectPermission, PermissionContainer, UserPermission } from '../model/index.js';

/** Removes the element (or comment); its whole lines when it stands alone on them. */
export function remove(target: Location, child?: string): Change {
  return { kind: 'remove', target, ...(child !== undefined ? { child } : {}) };
}

/** Replaces the character content of a leaf element. */
export function setText(target: Location, text: string, child?: string): Change {
  return { kind: 'set-text', target, text, ...(child !== undefined ? { child } : {}) };
}

/** Inserts an element as a child of `parent`; by default where the Metadata API's order puts it (see Placement). */
export function insert(parent: Location, element: NewElement, place: Placement = { kind: 'sorted' }): Change {
  return { kind: 'insert', parent, element, place };
}

export function leaf(name: string, text: string): NewElement {
  return { name, text };
}

export function element(name: string, children: NewElement[]): NewElement {
  return { name, children };
}

// Profiles and permission sets. What a retrieve writes and what a deploy does differ between the two:
// https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_profile.htm ("We designed Profile metadata
// deployment to overlay the existing Profile settings in a target org": what a profile file leaves out stays as it is), and
// https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_permissionset.htm (a permission set
// deploy replaces the permission set, so include all of its metadata).

/**
 * Revokes a user permission. In a profile, `<enabled>false</enabled>`: a profile deploy leaves what the file does not
 * list as it is, so removing the entry would revoke nothing. In a permission set, the entry goes: its deploy replaces the
 * whole permission set, and its retrieve lists only what it grants.
 */
export function revokeUserPermission(container: PermissionContainer, permission: UserPermission): Change[] {
  if (container.kind !== 'Profile') return [remove(permission)];
  return hasEnabledElement(permission) ? [setText(permission.enabledAt, 'false')] : [insert(permission, leaf('enabled', 'false'))];
}

/**
 * Grants a user permission: turns a listed one on, or adds the entry in its sorted place. Undefined when the entry would
 * have to be added to a decomposed permission set, whose layout decides the file.
 */
export function grantUserPermission(container: PermissionContainer, name: string): Change[] | undefined {
  const listed = container.userPermissions.find((p) => p.name.trim().toLowerCase() === name.toLowerCase());
  if (listed?.enabled) return [];
  if (listed) return hasEnabledElement(listed) ? [setText(listed.enabledAt, 'true')] : [insert(listed, leaf('enabled', 'true'))];
  if (container.files.length > 1) return undefined;
  return [
    insert(container.root, element('userPermissions', [leaf('enabled', 'true'), leaf('name', name)]), { kind: 'sorted', key: 'name' }),
  ];
}

/**
 * Grants object flags on one object: sets listed flags to true, adds missing ones to the entry, or adds an entry for the
 * object with every flag (as a retrieve writes it; `viewAllFields` only when the file's other entries have it, since
 * older API versions do not know it). Undefined when the entry would have to be added to a decomposed permission set.
 */
export function grantObjectFlags(
  container: PermissionContainer,
  object: string,
  entry: ObjectPermission | undefined,
  flags: readonly ObjectFlag[],
): Change[] | undefined {
  if (entry) {
    return flags.flatMap((flag) => {
      const value = entry.flags[flag];
      if (value?.value) return [];
      return [value ? setText(value, 'true') : insert(entry, leaf(flag, 'true'))];
    });
  }
  if (container.files.length > 1) return undefined;
  const granted = new Set<string>(flags);
  const written: string[] = ['allowCreate', 'allowDelete', 'allowEdit', 'allowRead', 'modifyAllRecords', 'object', 'viewAllRecords'];
  if (container.objectPermissions.some((p) => p.flags.viewAllFields !== undefined)) written.push('viewAllFields');
  const children = written.sort().map((name) => leaf(name, name === 'object' ? object : String(granted.has(name))));
  return [insert(container.root, element('objectPermissions', children), { kind: 'sorted', key: 'object' })];
}

/** Turns an object flag off: object permission entries list every flag, true or false, in profiles and permission sets. */
export function revokeObjectFlag(flag: Location): Change {
  return setText(flag, 'false');
}

/** Whether the entry has its own `<enabled>` element (the model points `enabledAt` at the entry when it has none). */
function hasEnabledElement(permission: UserPermission): boolean {
  return permission.enabledAt.element.endsWith('/enabled');
}
