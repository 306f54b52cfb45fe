// Rule: a guest (Guest User License) profile grants no View All Users, API Enabled, Run Flows, sharing-bypass, administration or privileged user permission.
import { defineRule, fixes, type ReportFix } from '../../engine/index.js';
import { external, permissions } from '../../model/index.js';

const { enabledGrants, isExternalAdmin, PRIVILEGED, USER_ADMINISTRATION } = permissions;
const PRIVILEGED_SET: ReadonlySet<string> = new Set(PRIVILEGED);
const ADMINISTRATION_SET: ReadonlySet<string> = new Set(USER_ADMINISTRATION);
/**
 * The grants with a message of their own (the sharing-bypass tier without View All Data, which is privileged, and
 * three that Salesforce removed from or advises against on guest profiles). Guests never sign in, so the sign-in
 * permissions (Password Never Expires, which Salesforce itself sets on guest profiles, and the MFA waiver) are not here.
 */
const NAMED: Readonly<Record<string, { messageId: string; cap?: 'warning' }>> = {
  ViewAllUsers: { messageId: 'viewAllUsers' },
  EditReadonlyFields: { messageId: 'editReadonlyFields' },
  QueryAllFiles: { messageId: 'queryAllFiles' },
  ApiEnabled: { messageId: 'apiEnabled', cap: 'warning' },
  RunFlow: { messageId: 'runFlow', cap: 'warning' },
};
/** Some sites still rely on API Enabled for their guests, so turning it off is offered, not applied. */
const SUGGESTED_ONLY: ReadonlySet<string> = new Set(['ApiEnabled']);

export default defineRule({
  meta: {
    id: 'guest-profile-user-permissions',
    description: 'A guest user profile grants no View All Users, API Enabled, Run Flows, sharing-bypass or administration permission',
    category: 'security',
    defaultSeverity: 'error',
    securitySeverity: 9.0,
    tags: ['security', 'guest-users', 'experience-cloud', 'permissions'],
    messages: {
      viewAllUsers: 'Guest profile {{profile}} grants View All Users (ViewAllUsers).',
      editReadonlyFields: 'Guest profile {{profile}} grants Edit Read Only Fields (EditReadonlyFields).',
      queryAllFiles: 'Guest profile {{profile}} grants Query All Files (QueryAllFiles).',
      apiEnabled: 'Guest profile {{profile}} grants API Enabled (ApiEnabled).',
      runFlow: 'Guest profile {{profile}} grants Run Flows (RunFlow).',
      privileged: 'Guest profile {{profile}} grants the privileged permission {{permission}}.',
      userAdministration: 'Guest profile {{profile}} grants the user-administration permission {{permission}}.',
    },
    needs: ['Profile'],
    fixable: 'fix-and-suggestion',
    fixMessages: { revoke: 'Turn {{permission}} off in this profile (enabled false).' },
  },
  check({ model, report }) {
    for (const profile of model.profiles.all.filter(external.isGuestProfile)) {
      for (const grant of enabledGrants(profile)) {
        // Setup and administration grants are external-profile-admin-permissions' findings: one grant, one finding.
        if (isExternalAdmin(grant.name)) continue;
        const data = { profile: profile.name, permission: grant.name };
        const revoke: ReportFix = { messageId: 'revoke', data, changes: fixes.revokeUserPermission(profile, grant) };
        const remedy = SUGGESTED_ONLY.has(grant.name) ? { suggestions: [revoke] } : { fix: revoke };
        const named = NAMED[grant.name];
        if (named)
          report({ messageId: named.messageId, data, location: grant.enabledAt, ...remedy, ...(named.cap ? { cap: named.cap } : {}) });
        else if (PRIVILEGED_SET.has(grant.name)) report({ messageId: 'privileged', data, location: grant.enabledAt, ...remedy });
        else if (ADMINISTRATION_SET.has(grant.name))
          report({ messageId: 'userAdministration', data, location: grant.enabledAt, ...remedy });
      }
    }
  },
});
