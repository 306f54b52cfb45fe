// Rule: a guest (Guest User License) profile grants no View All Users, API Enabled, Run Flows or privileged user permission.
import { defineRule } from '../../engine/index.js';
import { external, permissions } from '../../model/index.js';

const { enabledGrants, IDENTITY_TAKEOVER, isExternalAdmin, PRIVILEGED, SHARING_BYPASS } = permissions;
const VIEW_ALL_USERS = 'ViewAllUsers';
const API_ENABLED = 'ApiEnabled';
const RUN_FLOW = 'RunFlow';
/** Privileged for a guest: full compromise, identity takeover and sharing bypass (View All Users has its own message). */
const GUEST_PRIVILEGED: ReadonlySet<string> = new Set(
  [...PRIVILEGED, ...IDENTITY_TAKEOVER, ...SHARING_BYPASS].filter((p) => p !== VIEW_ALL_USERS),
);

export default defineRule({
  meta: {
    id: 'guest-profile-user-permissions',
    description: 'A guest user profile grants no View All Users, API Enabled, Run Flows or privileged user permission',
    category: 'security',
    defaultSeverity: 'error',
    securitySeverity: 9.0,
    tags: ['security', 'guest-users', 'experience-cloud', 'permissions'],
    messages: {
      viewAllUsers: 'Guest profile {{profile}} grants View All Users (ViewAllUsers).',
      apiEnabled: 'Guest profile {{profile}} grants API Enabled (ApiEnabled).',
      runFlow: 'Guest profile {{profile}} grants Run Flows (RunFlow).',
      privileged: 'Guest profile {{profile}} grants the privileged permission {{permission}}.',
    },
    needs: ['Profile'],
  },
  check({ model, report }) {
    for (const profile of model.profiles.all.filter(external.isGuestProfile)) {
      for (const grant of enabledGrants(profile)) {
        // Setup and administration grants are external-profile-admin-permissions' findings: one grant, one finding.
        if (isExternalAdmin(grant.name)) continue;
        const data = { profile: profile.name, permission: grant.name };
        if (grant.name === VIEW_ALL_USERS) report({ messageId: 'viewAllUsers', data, location: grant.enabledAt });
        else if (grant.name === API_ENABLED) report({ messageId: 'apiEnabled', data, location: grant.enabledAt, cap: 'warning' });
        else if (grant.name === RUN_FLOW) report({ messageId: 'runFlow', data, location: grant.enabledAt, cap: 'warning' });
        else if (GUEST_PRIVILEGED.has(grant.name)) report({ messageId: 'privileged', data, location: grant.enabledAt });
      }
    }
  },
});
