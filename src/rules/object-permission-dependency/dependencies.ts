// The permission dependencies deploys enforce, each with its public source: object flags on one object, and user permissions.
import type { ObjectFlag } from '../../model/index.js';

/** documented: Salesforce documentation states it; seen: a real deploy (or DML) error quotes it. */
export type Evidence = 'documented' | 'seen';

/** How the platform names an object permission in "Permission X depends on permission(s): Y" (`Read All` is View All). */
export const FLAG_VERBS: Readonly<Partial<Record<ObjectFlag, string>>> = {
  allowRead: 'Read',
  allowCreate: 'Create',
  allowEdit: 'Edit',
  allowDelete: 'Delete',
  viewAllRecords: 'Read All',
  modifyAllRecords: 'Modify All',
};

/**
 * The flags each object flag needs on the same object, in the order the platform lists them. Documented:
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_objectpermissions.htm
 * (PermissionsCreate "Requires PermissionsRead for the same object", ...) and Salesforce Help "Object Permissions"
 * https://help.salesforce.com/s/articleView?id=platform.users_profiles_object_perms.htm
 */
export const OBJECT_FLAG_REQUIRES: Readonly<Partial<Record<ObjectFlag, readonly ObjectFlag[]>>> = {
  allowCreate: ['allowRead'],
  allowEdit: ['allowRead'],
  allowDelete: ['allowRead', 'allowEdit'],
  viewAllRecords: ['allowRead'],
  modifyAllRecords: ['allowRead', 'allowEdit', 'allowDelete', 'viewAllRecords'],
};

/** A flag another object must have: `{ object: 'Account', flag: 'allowCreate' }` is "Create Account". */
export interface ObjectRequirement {
  object: string;
  flag: ObjectFlag;
}

/** A condition on the org under which a dependency applies, and the setting that tells it when the project holds it. */
export interface Condition {
  /** For the message: "... when {{condition}}". */
  text: string;
  /** The Settings component (`Language` is Language.settings) and the element below its root that turns it on. */
  settings: string;
  element: string;
}

export interface UserPermissionDependency {
  permission: string;
  userPermissions: readonly string[];
  objects: readonly ObjectRequirement[];
  evidence: Evidence;
  source: string;
  condition?: Condition;
}

/** User permissions and what they need; starting with the ones real deploy errors quote. */
export const USER_PERMISSION_DEPENDENCIES: readonly UserPermissionDependency[] = [
  {
    // "Permission ManageUsers depends on permission(s): ViewRoles", deploying a permission set to a new Developer Edition org.
    permission: 'ManageUsers',
    userPermissions: ['ViewRoles'],
    objects: [],
    evidence: 'seen',
    source: 'https://github.com/jsforce/jsforce/issues/749',
  },
  {
    // "Permission CustomizeApplication depends on permission(s): ManageTranslation"; only with the Translation Workbench on (issue #8).
    permission: 'CustomizeApplication',
    userPermissions: ['ManageTranslation'],
    objects: [],
    evidence: 'seen',
    source: 'https://github.com/Kathy-Lueckeman/EASY-Open-Source-Solution/issues/6',
    condition: { text: 'the Translation Workbench is on', settings: 'Language', element: 'enableTranslationWorkbench' },
  },
  {
    // The PermissionDependency object's own example: "Modify All Data, which requires View All Data and other permissions".
    permission: 'ModifyAllData',
    userPermissions: ['ViewAllData'],
    objects: [],
    evidence: 'documented',
    source: 'https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_permissiondependency.htm',
  },
  {
    // "Permission Convert Leads depends on permission(s): Create Account" (FIELD_INTEGRITY_EXCEPTION).
    permission: 'ConvertLeads',
    userPermissions: [],
    objects: [{ object: 'Account', flag: 'allowCreate' }],
    evidence: 'seen',
    source: 'https://wiki.sfxd.org/books/best-practices/page/important-notes',
  },
  {
    // "Permission Import Personal Contacts depends on permission(s): create account, Create Contact, Edit Account, Edit Contact".
    permission: 'ImportPersonal',
    userPermissions: [],
    objects: [
      { object: 'Account', flag: 'allowCreate' },
      { object: 'Contact', flag: 'allowCreate' },
      { object: 'Account', flag: 'allowEdit' },
      { object: 'Contact', flag: 'allowEdit' },
    ],
    evidence: 'seen',
    source: 'https://developer.salesforce.com/forums/?id=906F00000008lFkIAI',
  },
];
