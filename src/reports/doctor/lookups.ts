// Small pure lookups for the doctor report: which Contact layouts and profiles to walk, which element decided a passing step, and how names and locations are shown. The checks stay in the rules.
import type { Location } from '../../findings/index.js';
import * as external from '../../model/external.js';
import type { ProjectModel } from '../../model/index.js';
import { decodeName, nameKey } from '../../model/names.js';
import type { LayoutAssignment, LayoutView, Located, PermissionContainer, PlatformAction } from '../../model/types.js';
import * as xnode from '../../model/xnode.js';
import type { DoctorLocation } from './types.js';

/** A Contact layout the doctor walks: one in the project (copies in several package directories merged), or one a profile assigns that is not in the project. */
export interface ContactLayoutRef {
  /** nameKey of the layout's full name. */
  key: string;
  /** Decoded name, e.g. `Contact-Contact Layout`. */
  name: string;
  /** The layout's copies in the project; empty when only assignments name it. */
  views: LayoutView[];
  /** Every profile assignment of this layout in the project. */
  assignments: { profile: PermissionContainer; assignment: LayoutAssignment }[];
}

const CONTACT_PREFIX = 'contact-';

/** Contact layouts in the project and those that profiles assign but the project lacks, sorted by name. */
export function contactLayouts(model: ProjectModel): ContactLayoutRef[] {
  const refs = new Map<string, ContactLayoutRef>();
  const refFor = (name: string): ContactLayoutRef => {
    const key = nameKey(name);
    let ref = refs.get(key);
    if (!ref) {
      ref = { key, name: decodeName(name), views: [], assignments: [] };
      refs.set(key, ref);
    }
    return ref;
  };
  for (const layout of model.layoutsOf('Contact')) refFor(layout.fullName).views.push(layout);
  for (const profile of model.profiles.all) {
    for (const assignment of profile.layoutAssignments) {
      if (!nameKey(assignment.layout).startsWith(CONTACT_PREFIX)) continue;
      refFor(assignment.layout).assignments.push({ profile, assignment });
    }
  }
  return [...refs.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Whether a name given on the command line names this layout: its full name, or the part after `Contact-`; decoded, case-insensitive. */
export function layoutMatches(ref: ContactLayoutRef, name: string): boolean {
  const wanted = nameKey(name);
  return wanted === ref.key || wanted === ref.key.slice(CONTACT_PREFIX.length);
}

/** The profiles assigned a layout, each once, sorted by name. */
export function assignedProfiles(ref: ContactLayoutRef): PermissionContainer[] {
  const unique = [...new Set(ref.assignments.map((a) => a.profile))];
  return unique.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Manager profiles (external.managers) among the given ones. */
export function managerProfiles(model: ProjectModel, profiles: readonly PermissionContainer[]): PermissionContainer[] {
  const managing = new Set(external.managers(model).map((m) => m.container));
  return profiles.filter((p) => managing.has(p));
}

/**
 * Whether contact-layout-external-user-actions looks at this layout: it checks the Contact layouts of the profiles
 * that manage external users, or every Contact layout when no such profile lists a Contact layout assignment.
 */
export function layoutInActionsScope(model: ProjectModel, ref: ContactLayoutRef): boolean {
  const managers = external.managers(model).filter((m) => m.container.kind === 'Profile').map((m) => m.container);
  const anyAssigned = managers.some((p) => p.layoutAssignments.some((a) => nameKey(a.layout).startsWith(CONTACT_PREFIX)));
  if (!anyAssigned) return true;
  return ref.assignments.some((a) => managers.includes(a.profile));
}

/** The enable actions a layout lists in its Lightning action list. */
export function listedEnableActions(layout: LayoutView): PlatformAction[] {
  return external.ENABLE_ACTIONS.map((a) => external.listedAction(layout, a)).filter((i): i is PlatformAction => i !== undefined);
}

/** The enable actions a layout removes in Salesforce Classic. */
export function excludedEnableButtons(layout: LayoutView): Located<string>[] {
  return external.ENABLE_ACTIONS.map((a) => external.excludedButton(layout, a)).filter((b): b is Located<string> => b !== undefined);
}

/** A boolean setting that is true in some copy of a settings file. */
export function trueSettings(model: ProjectModel, settings: string, path: string): Located<boolean>[] {
  return model.settings.named(settings)
    .map((s) => xnode.bool(s.tree, path))
    .filter((f): f is Located<boolean> => f?.value === true);
}

/** The profiles in the project with a given license family. */
export function profilesWithLicense(model: ProjectModel, test: (license: string) => boolean): PermissionContainer[] {
  return model.profiles.all.filter((p) => p.license && test(p.license.value));
}

/**
 * Licenses whose users sit in the role hierarchy under their Account's owner: roles are created per Account when external
 * users are enabled (https://help.salesforce.com/s/articleView?id=005167124&type=1); which licenses get them is inferred.
 */
export const ROLE_HIERARCHY_LICENSES: ReadonlySet<string> = new Set([
  'Partner Community',
  'Partner Community Login',
  'Customer Community Plus',
  'Customer Community Plus Login',
  'Gold Partner',
  'Silver Partner',
]);

export function toDoctorLocation(location: Location): DoctorLocation {
  return { file: location.file, line: location.range.startLine, column: location.range.startColumn };
}

export function names(items: readonly { name: string }[]): string {
  return items.map((i) => i.name).join(', ');
}
