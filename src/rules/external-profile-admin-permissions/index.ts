// Rule: external (customer, partner, External Identity) and guest profiles grant no Setup or administration permission.
import { defineRule, fixes, related } from '../../engine/index.js';
import { external, permissions } from '../../model/index.js';

export default defineRule({
  meta: {
    id: 'external-profile-admin-permissions',
    description: 'External and guest profiles grant no Setup or administration permission',
    category: 'security',
    defaultSeverity: 'error',
    tags: ['external-users', 'guest-users', 'security', 'permissions'],
    messages: {
      externalGrant: 'External profile {{profile}} ({{license}}) grants the Setup or administration permission {{permission}}.',
      guestGrant: 'Guest profile {{profile}} grants the Setup or administration permission {{permission}}.',
      standardProfile:
        'Standard profile {{profile}} ({{license}}) grants {{permissions}}, which cannot be removed from a standard profile.',
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
    fixable: 'fix',
    fixMessages: { revoke: 'Turn {{permission}} off in this profile (enabled false).' },
  },
  check({ model, options, report }) {
    // API names are compared case-insensitively, so "ManageProfilesPermissionSets" in a config still matches.
    const forbidden = new Set([...permissions.EXTERNAL_ADMIN, ...options.additionalPermissions].map((p) => p.toLowerCase()));
    for (const profile of model.profiles.all) {
      const guest = external.isGuestProfile(profile);
      if (!guest && !external.isExternalProfile(profile)) continue;
      const grants = profile.userPermissions.filter((p) => p.enabled && forbidden.has(p.name.toLowerCase()));
      if (grants.length === 0) continue;
      const license = profile.license?.value ?? '';
      const marker = permissions.standardMarker(profile);
      if (marker) {
        // Salesforce set these and nobody can edit a standard profile's permissions: one note per profile.
        const [first, ...others] = grants;
        report({
          messageId: 'standardProfile',
          data: { profile: profile.name, license, permissions: permissions.listNames(grants.map((g) => g.name)) },
          location: first!.enabledAt,
          related: [
            ...others.map((g) => related(g.enabledAt, `${profile.name} also grants ${g.name}`)),
            related(marker, `${profile.name} is a standard profile (custom false)`),
          ],
          cap: 'note',
        });
        continue;
      }
      for (const permission of grants) {
        const data = { profile: profile.name, license, permission: permission.name };
        report({
          messageId: guest ? 'guestGrant' : 'externalGrant',
          data,
          location: permission.enabledAt,
          fix: { messageId: 'revoke', data, changes: fixes.revokeUserPermission(profile, permission) },
        });
      }
    }
  },
});
