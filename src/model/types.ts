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
}

/** What extraction yields for one file: pure data. */
export interface FileFacts {
  file: SourceFileRef;
  problem?: FileProblem;
  view?: ComponentView;
  directives?: Directive[];
}
