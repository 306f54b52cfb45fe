// One recipe per metadata type the rules read: which root children its parse keeps, which view it becomes, where the model files it.

/** The shape of view a type is built into (see extract.ts). */
export type ViewKind = 'permissions' | 'layout' | 'flexiPage' | 'generic';

/** The ProjectModel index that holds a type's views. */
export type ViewIndex =
  | 'profiles'
  | 'permissionSets'
  | 'mutingPermissionSets'
  | 'permissionSetGroups'
  | 'layouts'
  | 'flexiPages'
  | 'settings'
  | 'networks'
  | 'customSites'
  | 'objects'
  | 'fields'
  | 'profilePasswordPolicies'
  | 'profileSessionSettings'
  | 'remoteSites'
  | 'sharingRules';

interface ViewRecipe {
  kind: ViewKind;
  index: ViewIndex;
  /** Only these root children are built into the tree; in a large profile the unread fieldPermissions are 85 % of the file. */
  reads?: ReadonlySet<string>;
  /** These root children are left out of the tree: large, and read by no rule. */
  skips?: ReadonlySet<string>;
}

// Keep each `reads` in step with what the view's builder in extract.ts reads. A permission container's
// userPermissions, objectPermissions and layoutAssignments are read without the parser, from the cut blocks
// (refs-extract.ts VIEW_SECTIONS), like its references: they are most of what the parser would build.
const PERMISSION_CONTAINER_READS: ReadonlySet<string> = new Set(['loginIpRanges', 'userLicense', 'license', 'custom', 'label']);
/** What the parser reads of a permission container when its view sections cannot be read from the blocks. */
export const PERMISSION_CONTAINER_TREE_READS: ReadonlySet<string> = new Set([
  ...PERMISSION_CONTAINER_READS,
  'userPermissions',
  'objectPermissions',
  'layoutAssignments',
]);
const LAYOUT_READS: ReadonlySet<string> = new Set(['excludeButtons', 'customButtons', 'platformActionList', 'quickActionList']);
const FLEXIPAGE_READS: ReadonlySet<string> = new Set(['sobjectType', 'type', 'flexiPageRegions']);
/** Object children that are large and read by no rule (metadata-format objects inline them all). */
export const HEAVY_OBJECT_CHILDREN: ReadonlySet<string> = new Set([
  'listViews',
  'searchLayouts',
  'webLinks',
  'compactLayouts',
  'fieldSets',
  'validationRules',
  'recordTypes',
  'businessProcesses',
]);

/** A new metadata type for the rules is one entry here (and, for a new kind of view, its builder in extract.ts). */
export const VIEW_RECIPES = {
  Profile: { kind: 'permissions', index: 'profiles', reads: PERMISSION_CONTAINER_READS },
  PermissionSet: { kind: 'permissions', index: 'permissionSets', reads: PERMISSION_CONTAINER_READS },
  MutingPermissionSet: { kind: 'permissions', index: 'mutingPermissionSets', reads: PERMISSION_CONTAINER_READS },
  PermissionSetGroup: { kind: 'generic', index: 'permissionSetGroups' },
  Layout: { kind: 'layout', index: 'layouts', reads: LAYOUT_READS },
  FlexiPage: { kind: 'flexiPage', index: 'flexiPages', reads: FLEXIPAGE_READS },
  Settings: { kind: 'generic', index: 'settings' },
  Network: { kind: 'generic', index: 'networks' },
  CustomSite: { kind: 'generic', index: 'customSites' },
  CustomObject: { kind: 'generic', index: 'objects', skips: HEAVY_OBJECT_CHILDREN },
  CustomField: { kind: 'generic', index: 'fields' },
  ProfilePasswordPolicy: { kind: 'generic', index: 'profilePasswordPolicies' },
  ProfileSessionSetting: { kind: 'generic', index: 'profileSessionSettings' },
  RemoteSiteSetting: { kind: 'generic', index: 'remoteSites' },
  SharingRules: { kind: 'generic', index: 'sharingRules' },
} as const satisfies Record<string, ViewRecipe>;

/** A metadata type that has a view: the types rules can read (`meta.needs`) and the model can hold. */
export type ViewType = keyof typeof VIEW_RECIPES;

/** Every view type, in a fixed order. Files of other types are classified but never parsed into views. */
export const VIEW_TYPES = Object.keys(VIEW_RECIPES) as ViewType[];

export function viewRecipe(type: string): ViewRecipe | undefined {
  return (VIEW_RECIPES as Record<string, ViewRecipe>)[type];
}
