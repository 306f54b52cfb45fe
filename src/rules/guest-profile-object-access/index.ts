// Rule: a guest (Guest User License) profile has no Edit, Delete, Modify All or View All access on any object.
import { defineRule, fixes } from '../../engine/index.js';
import { external, type ObjectFlag } from '../../model/index.js';

/** The object flags Salesforce's guest user security policy forbids, with how each reads in a message. */
const WRITE_FLAGS: readonly { flag: ObjectFlag; access: string }[] = [
  { flag: 'allowEdit', access: 'Edit (allowEdit)' },
  { flag: 'allowDelete', access: 'Delete (allowDelete)' },
  { flag: 'modifyAllRecords', access: 'Modify All Records (modifyAllRecords)' },
];

export default defineRule({
  meta: {
    id: 'guest-profile-object-access',
    description: 'A guest user profile grants no Edit, Delete, Modify All or View All access on objects',
    category: 'security',
    defaultSeverity: 'error',
    securitySeverity: 8.5,
    tags: ['security', 'guest-users', 'experience-cloud', 'permissions'],
    messages: {
      writeAccess: 'Guest profile {{profile}} grants {{access}} on {{object}}.',
      viewAll: 'Guest profile {{profile}} grants View All Records (viewAllRecords) on {{object}}.',
    },
    options: {
      allowViewAll: {
        type: 'array',
        description:
          'Objects (API names, case-insensitive) on which a guest profile may keep View All Records, e.g. public catalogue objects.',
        items: { type: 'string' },
      },
    },
    defaultOptions: { allowViewAll: [] as string[] },
    needs: ['Profile'],
    fixable: 'fix-and-suggestion',
    fixMessages: { revoke: 'Turn {{access}} on {{object}} off (false).' },
  },
  check({ model, options, report }) {
    const allowViewAll = new Set(options.allowViewAll.map((o) => o.trim().toLowerCase()));
    for (const profile of model.profiles.all.filter(external.isGuestProfile)) {
      for (const permission of profile.objectPermissions) {
        const data = { profile: profile.name, object: permission.object };
        for (const { flag, access } of WRITE_FLAGS) {
          const value = permission.flags[flag];
          if (value?.value) {
            const revoke = { messageId: 'revoke', data: { ...data, access }, changes: [fixes.revokeObjectFlag(value)] };
            report({ messageId: 'writeAccess', data: { ...data, access }, location: value, fix: revoke });
          }
        }
        const viewAll = permission.flags.viewAllRecords;
        // Salesforce's own sample apps still ship View All on guest profiles: a warning, not an error.
        if (viewAll?.value && !allowViewAll.has(permission.object.toLowerCase())) {
          // Salesforce's own sample sites keep it on catalogue objects: turning it off is for a person to decide.
          const revoke = {
            messageId: 'revoke',
            data: { ...data, access: 'View All Records (viewAllRecords)' },
            changes: [fixes.revokeObjectFlag(viewAll)],
          };
          report({ messageId: 'viewAll', data, location: viewAll, cap: 'warning', suggestions: [revoke] });
        }
      }
    }
  },
});
