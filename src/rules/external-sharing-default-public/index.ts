// Rule: an object in Sharing Settings keeps its default external access (externalSharingModel) Private or controlled by its parent.
import { defineRule, related } from '../../engine/index.js';
import {
  external,
  licenseKind,
  withoutNamespaceTokens,
  xnode,
  type GenericView,
  type PermissionContainer,
  type ProjectModel,
} from '../../model/index.js';

/** Public external defaults (SharingModel values) and the access each gives every external user. */
const PUBLIC_MODELS: ReadonlyMap<string, string> = new Map([
  ['Read', 'read access'],
  ['ReadSelect', 'read access'],
  ['ReadWrite', 'read and edit access'],
  ['ReadWriteTransfer', 'read, edit and transfer access'],
  ['FullAccess', 'full access'],
]);

/**
 * Standard objects whose default external access Sharing Settings shows, as Salesforce documents them; every other standard
 * object (system objects) is left out. https://help.salesforce.com/s/articleView?id=platform.security_owd_external.htm&type=5 ;
 * https://help.salesforce.com/s/articleView?id=platform.security_sharing_owd_default_settings.htm&language=en_US&type=5
 */
const STANDARD_OBJECTS_WITH_EXTERNAL_DEFAULT: ReadonlySet<string> = new Set(
  [
    'Account',
    'Asset',
    'Campaign',
    'Case',
    'Contact',
    'Contract',
    'FlowInterview',
    'Individual',
    'Lead',
    'Opportunity',
    'Order',
    'ServiceContract',
    'User',
  ].map((o) => o.toLowerCase()),
);

/** Whether Sharing Settings lists the object: a custom object (not a custom setting) or a documented standard object. */
function inSharingSettings(object: GenericView): boolean {
  const name = withoutNamespaceTokens(object.fullName).toLowerCase();
  if (name.endsWith('__c')) return xnode.text(object.tree, 'customSettingsType') === undefined;
  return STANDARD_OBJECTS_WITH_EXTERNAL_DEFAULT.has(name);
}

/** External profiles the org can use, and permission sets with an external license: whoever they read, external users read. */
function externalReaders(model: ProjectModel): PermissionContainer[] {
  const externalSets = model.permissionSets.all.filter((ps) =>
    ['customer', 'partner', 'external'].includes(licenseKind(ps.license?.value)),
  );
  return [...external.usedExternalProfiles(model), ...externalSets];
}

/** The first external container that can read the object, with the flag that says so. */
function firstReader(readers: readonly PermissionContainer[], object: string) {
  for (const container of readers) {
    const flags = external.objectPermission(container, object)?.flags;
    const flag = [flags?.allowRead, flags?.viewAllRecords, flags?.modifyAllRecords].find((f) => f?.value === true);
    if (flag) return { container, flag };
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'external-sharing-default-public',
    description: 'Objects that external users can read keep their default external access Private or controlled by the parent',
    category: 'security',
    defaultSeverity: 'warning',
    tags: ['security', 'sharing', 'external-users', 'health-check'],
    messages: {
      publicDefault:
        'Object {{object}} gives external users {{access}} to every record (externalSharingModel {{value}}); {{reader}} reads it.',
      publicDefaultUnread:
        'Object {{object}} gives external users {{access}} to every record ({{value}}); no external profile here reads it.',
    },
    needs: ['CustomObject', 'PermissionSet', ...external.USED_PROFILE_NEEDS],
    securitySeverity: 6.5,
  },
  check({ model, report }) {
    const readers = externalReaders(model);
    for (const object of model.objects.all) {
      const setting = xnode.text(object.tree, 'externalSharingModel');
      const value = setting?.value.trim();
      const access = value === undefined ? undefined : PUBLIC_MODELS.get(value);
      if (!setting || !access || !inSharingSettings(object)) continue;
      const data = { object: object.name, access, value: value! };
      const reader = firstReader(readers, object.fullName);
      if (reader) {
        const who = `${reader.container.kind === 'Profile' ? 'profile' : 'permission set'} ${reader.container.name}`;
        report({
          messageId: 'publicDefault',
          data: { ...data, reader: who },
          location: setting,
          related: [related(reader.flag, `${reader.container.name} can read ${object.name}`)],
        });
      } else {
        // No external profile or permission set in the project reads it: one assigned in the org may, so only a note.
        report({ messageId: 'publicDefaultUnread', data, location: setting, cap: 'note' });
      }
    }
  },
});
