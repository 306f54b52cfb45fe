// Rule: external (customer, partner, External Identity) and guest profiles grant no Setup or administration permission.
import { defineRule } from '../../engine/index.js';
import { external, permissions } from '../../model/index.js';

export default defineRule({
  meta: {
    id: 'external-profile-admin-permissions',
    description: 'External and guest profiles grant no Setup or administration permission',
    category: 'security',
    defaultSeverity: 'error',
    tags: ['external-users', 'guest-users', 'security', 'permissions'],
    messages: {
      externalGrant: 'Profile {{profile}} ({{license}}) is for external users but grants the administration permission {{permission}}.',
      guestGrant: 'Guest profile {{profile}} grants the administration permission {{permission}}.',
    },
    options: {
      additionalPermissions: {
        type: 'array',
        description: 'More user permission API names that external and guest profiles must not grant (e.g. "ManageInternalUsers")',
        items: { type: 'string' },
      },
    },
    defaultOptions: { additionalPermissions: [] as string[] },
    needs: ['Profile'],
    securitySeverity: 8.0,
  },
  check({ model, options, report }) {
    // API names are compared case-insensitively, so "ManageProfilesPermissionSets" in a config still matches.
    const forbidden = new Set([...permissions.EXTERNAL_ADMIN, ...options.additionalPermissions].map((p) => p.toLowerCase()));
    for (const profile of model.profiles.all) {
      const guest = external.isGuestProfile(profile);
      if (!guest && !external.isExternalProfile(profile)) continue;
      for (const permission of profile.userPermissions) {
        if (!permission.enabled || !forbidden.has(permission.name.toLowerCase())) continue;
        report({
          messageId: guest ? 'guestGrant' : 'externalGrant',
          data: { profile: profile.name, license: profile.license?.value ?? '', permission: permission.name },
          location: permission.enabledAt,
        });
      }
    }
  },
});
