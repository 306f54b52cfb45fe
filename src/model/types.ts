// Typed, located views of the metadata the rules read; all plain data so that extraction can be cached or run in workers.
import type { Location, Range } from '../findings/index.js';

export type MetadataFormat = 'source' | 'metadata';

/** A classified file of the project. */
export interface SourceFileRef {
  /** Relative to the project root, forward slashes. */
  path: string;
  /** The SDR registry's type name, e.g. `Layout`, `CustomSite`. */
  type: string;
  /** The component's full name as written in the file name (URL-encoded where Salesforce encodes it). */
  fullName: string;
  /** The package directory (or metadata folder) the file belongs to, relative to the project root. */
  packageDir: string;
  format: MetadataFormat;
  /** For a file that is part of a bigger component (decomposed permission set, a field of an object): that component's full name. */
  parent?: string;
}

/** A value read from an element, with the element's location. */
export interface Located<T> extends Location {
  value: T;
}

/** A generic located element, for the small metadata types whose rules read a few fields. */
export interface XNode extends Location {
  name: string;
  text: string;
  nil: boolean;
  children: XNode[];
}

export type FileProblemKind = 'parse' | 'root';

export interface FileProblem {
  kind: FileProblemKind;
  file: string;
  message: string;
  range: Range;
}

export interface ComponentBase {
  /** The file that defines the component (for a decomposed permission set, its main file). */
  file: SourceFileRef;
  /** Every file merged into the component. */
  files: SourceFileRef[];
  /** The full name as in the file name (URL-encoded). */
  fullName: string;
  /** The decoded name, e.g. `Custom: Sales Profile`. */
  name: string;
  /** The root element. */
  root: Location;
}

export interface UserPermission extends Location {
  name: string;
  enabled: boolean;
  /** The `<enabled>` element, where the value is decided. */
  enabledAt: Location;
}

export const OBJECT_FLAGS = [
  'allowCreate',
  'allowRead',
  'allowEdit',
  'allowDelete',
  'viewAllRecords',
  'modifyAllRecords',
  'viewAllFields',
] as const;
export type ObjectFlag = (typeof OBJECT_FLAGS)[number];

/** The bit of each flag in PermissionContainer.objectFlagsGranted. */
export function objectFlagBit(flag: ObjectFlag): number {
  return 1 << OBJECT_FLAGS.indexOf(flag);
}

/** An objectPermissions entry's granted flags, as PermissionContainer.objectFlagsGranted holds them. */
export function grantedBits(entry: ObjectPermission): number {
  let bits = 0;
  for (let f = 0; f < OBJECT_FLAGS.length; f++) if (entry.flags[OBJECT_FLAGS[f]!]?.value === true) bits |= 1 << f;
  return bits;
}

export interface ObjectPermission extends Location {
  object: string;
  flags: Partial<Record<ObjectFlag, Located<boolean>>>;
}

export interface LayoutAssignment extends Location {
  /** As written: URL-encoded `Object-Layout Name`. */
  layout: string;
  recordType?: string;
}

export type PermissionContainerKind = 'Profile' | 'PermissionSet' | 'MutingPermissionSet';

export interface PermissionContainer extends ComponentBase {
  kind: PermissionContainerKind;
  userPermissions: UserPermission[];
  objectPermissions: ObjectPermission[];
  /**
   * Per objectPermissions entry, in the same order, the flags it grants (value true) as bits in OBJECT_FLAGS order (see
   * grantedBits). A rule that looks for certain grants reads these and decodes only the entries worth reading: the
   * entries themselves are most of a large profile's view.
   */
  objectFlagsGranted: Uint8Array;
  fieldPermissionCount: number;
  /** Profile: `<userLicense>`; permission set: `<license>`. */
  license?: Located<string>;
  custom?: Located<boolean>;
  label?: Located<string>;
  layoutAssignments: LayoutAssignment[];
  loginIpRanges: XNode[];
}

export interface PlatformAction extends Location {
  actionName: string;
  actionType: string;
  /** `<sortOrder>`, when it is a whole number: the position the Metadata API lists the action at. */
  sortOrder?: number;
}

export interface LayoutView extends ComponentBase {
  /** The object: everything before the first hyphen of the name. */
  object: string;
  platformActionList?: Location & { context?: string; items: PlatformAction[] };
  excludeButtons: Located<string>[];
  customButtons: Located<string>[];
  quickActions: Located<string>[];
}

export interface DynamicActions extends Location {
  /** The `force:highlightsPanel` component's actions (`actionNames` values). */
  actions: Located<string>[];
}

export interface FlexiPageView extends ComponentBase {
  sobjectType?: Located<string>;
  pageType?: Located<string>;
  /** Present when the page's highlights panel lists its own actions (Dynamic Actions). */
  dynamicActions: DynamicActions[];
}

/** Settings, Network, CustomSite, CustomObject, PermissionSetGroup and the other small types. */
export interface GenericView extends ComponentBase {
  tree: XNode;
}

export type ComponentView = PermissionContainer | LayoutView | FlexiPageView | GenericView;

/** An inline suppression comment: `<!-- sfmeta-lint-disable-next-line rule-a, rule-b -- reason -->` or `sfmeta-lint-disable` for the whole file. */
export interface Directive extends Location {
  kind: 'next-line' | 'file';
  /** Rule ids; empty means every rule. */
  rules: string[];
  reason: string;
  /** For `next-line`: the line it applies to. */
  line: number;
}

/** What the project declares about the org it deploys to, from sfdx-project.json (read by the project layer). */
export interface ProjectShape {
  /** `sourceApiVersion`, e.g. `62.0`: the API version deploys of the project use. */
  sourceApiVersion?: string;
  /** `namespace`: the project's own namespace prefix, when it names one. */
  namespace?: string;
}

/**
 * The entries of one file that name other components (a profile's `fieldPermissions`, a layout's `layoutItems`) or that
 * define them (the `<fields>` of a metadata-format object), in document order, compactly: a large profile has 14,000
 * of them, in a few typed arrays rather than one object each. Entries are grouped in runs: consecutive entries of one
 * section whose names share an owner (`Account` in `Account.Industry`). refs.ts writes and reads the encoding;
 * reference-index.ts is what rules use.
 */
export interface RefTable {
  /** Per run, its section's id (SECTIONS in refs.ts). */
  sections: Uint8Array;
  /** Per run, the owner part of its entries' names as written (`Account`), or '' when the section's names have none. */
  owners: string[];
  /** Per run, the number of its first entry; one more item holds the number of entries. */
  first: Int32Array;
  /**
   * The file's distinct name rests (after the owner and its separator: `Industry` of `Account.Industry`), each once,
   * front-coded UTF-8 (see refs.ts): a profile lists the same field names under many objects.
   */
  members: Uint8Array;
  /** Where every 16th member starts in `members` (those are written whole), for reading one member alone. */
  membersAt: Int32Array;
  /** Per member, the hash of its text, ASCII letters lower-cased (hashName in reference-names.ts). */
  memberHashes: Int32Array;
  /** Per member, what its text says: plain, namespaced, a custom suffix, a platform name (memberKind). */
  memberKinds: Uint8Array;
  /** Each entry's member, as its position in `members`, run by run. */
  names: Uint8Array;
  /** Per run, where its entries start in `names`. */
  namesAt: Int32Array;
  /** Each entry's flags (editable, default, ...) and exact element ranges, run by run (see refs.ts). */
  places: Uint8Array;
  /** Per run, where its entries start in `places`. */
  placesAt: Int32Array;
  /** Entries that repeat an earlier entry of the same section and name: pairs [entry, earlier entry] of entry numbers. */
  repeats: Int32Array;
}

/** What a field's own definition says that deploys check (source format: the field file; see RefTable for metadata format). */
export interface FieldFacts {
  /** `<required>true</required>`. */
  required?: Location;
  /** `<type>MasterDetail</type>`: master-detail fields are always required. */
  masterDetail?: Location;
}

/** What extraction yields for one file: pure data. */
export interface FileFacts {
  file: SourceFileRef;
  problem?: FileProblem;
  view?: ComponentView;
  directives?: Directive[];
  /** With references (see `RuleMeta.references`): what the file names and defines. */
  refs?: RefTable;
  /** With references, for a CustomField file: what makes the field required. */
  field?: FieldFacts;
}
