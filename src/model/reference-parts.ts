// The reference index's vocabulary (a referrer, a target, an object's components), which files are referrers, and a
// layout's object; reference-index.ts is the index itself.
import { decodeName } from './names.js';
import type { FileFacts, RefTable, SourceFileRef } from './types.js';

/** A file's reference entries. */
export interface RefFile {
  file: SourceFileRef;
  refs: RefTable;
}

/** A component whose entries name others: a profile, a permission set (all files of a decomposed one), a group, a layout. */
export interface Referrer {
  type: string;
  /** The decoded full name, e.g. `Custom: Sales Profile`. */
  name: string;
  files: RefFile[];
}

/**
 * Why a reference is or is not checked. `owned`: a child of a custom object the project defines (its fields, record
 * types, layouts, buttons, actions), which can come from nowhere else. `tracked`: a custom component of a type (or of an
 * object) the project holds, which a partial project may still leave to the org. The rest is never checked: `standard`
 * (the platform's own), `managed` (another namespace), `untracked` (a type or object the project holds nothing of),
 * `token` (a build-time token other than the namespace).
 */
export type Scope = 'owned' | 'tracked' | 'standard' | 'managed' | 'untracked' | 'token';

/** What a reference entry names, resolved against the project. */
export interface Target {
  /** The metadata type named. */
  type: string;
  /** The full name, as written (build-time namespace tokens removed). */
  name: string;
  /** The name as compared: decoded, own namespace and tokens removed, lower case. */
  key: string;
  scope: Scope;
  /** For a child of an object: the object as written. */
  object?: string;
}

export interface ObjectInfo {
  /** The name as the project writes it. */
  name: string;
  /** The project holds the object's definition (`X.object-meta.xml`, `X.object`), not only some of its children. */
  defined: boolean;
  /** Child types the project holds at least one of for this object, with one such file (where the others would live). */
  children: Map<string, SourceFileRef>;
}

/** Child types of an object, whose full names are `Object.Child` (SDR's CustomObject children; Layout and QuickAction are their own types but named after an object). */

/** A permission set is decomposed when it lives in its own folder: `permissionsets/<Name>/<Name>.permissionset-meta.xml`. */
export function isDecomposed(file: SourceFileRef): boolean {
  return file.parent !== undefined || /\/permissionsets\/[^/]+\/[^/]+$/u.test(`/${file.path}`);
}

export const REFERRER_TYPES: ReadonlySet<string> = new Set([
  'Profile',
  'PermissionSet',
  'MutingPermissionSet',
  'PermissionSetGroup',
  'Layout',
]);

/** Whether a file's facts define components beside the file itself (an object's inline children, a field's requirements). */
export function definesComponents(facts: FileFacts): boolean {
  return facts.field !== undefined || (facts.refs !== undefined && facts.file.type === 'CustomObject');
}

/** The referrers among these files' facts, in their order: each decomposed permission set's files make one. */
export function referrersOf(facts: readonly FileFacts[]): Referrer[] {
  const referrers: Referrer[] = [];
  const grouped = new Map<string, Referrer>();
  for (const fact of facts) {
    const refs = fact.refs;
    if (!refs || !REFERRER_TYPES.has(fact.file.type)) continue;
    const decomposed = fact.file.type === 'PermissionSet' && isDecomposed(fact.file);
    const name = decodeName(decomposed ? (fact.file.parent ?? fact.file.fullName) : fact.file.fullName);
    const group = decomposed ? `${fact.file.packageDir}\u0000${name}` : undefined;
    const existing = group !== undefined ? grouped.get(group) : undefined;
    if (existing) existing.files.push({ file: fact.file, refs });
    else {
      const referrer = { type: fact.file.type, name, files: [{ file: fact.file, refs }] };
      referrers.push(referrer);
      if (group !== undefined) grouped.set(group, referrer);
    }
  }
  return referrers;
}

/** A layout's object: its name up to the first hyphen (`Account-Account Layout`). */
export function layoutObjectOf(name: string): string {
  const hyphen = name.indexOf('-');
  return hyphen >= 0 ? name.slice(0, hyphen) : name;
}

export const CHILD_TYPES: ReadonlySet<string> = new Set([
  'CustomField',
  'RecordType',
  'ListView',
  'FieldSet',
  'ValidationRule',
  'WebLink',
  'BusinessProcess',
  'CompactLayout',
  'Index',
  'SharingReason',
]);

/** What splits a type's full names into owner and member: `Account.Industry`, `Account-Account Layout`. */
export function separatorOf(type: string): '.' | '-' | undefined {
  if (type === 'Layout') return '-';
  return CHILD_TYPES.has(type) || type === 'QuickAction' ? '.' : undefined;
}

/** A key's owner and member ('' and the whole key when it has no owner). */
export function split(key: string, separator: '.' | '-' | undefined): [string, string] {
  const at = separator ? key.indexOf(separator) : -1;
  return at < 0 ? ['', key] : [key.slice(0, at), key.slice(at + 1)];
}
