// Rule: privileged user permissions (Modify All Data, Author Apex, ...) are granted only by allowlisted profiles and permission sets.
import { defineRule } from '../../engine/index.js';
import { external, type PermissionContainer, permissions } from '../../model/index.js';

const { DATA_EXPORT, enabledGrants, IDENTITY_TAKEOVER, isAllowed, isExternalAdmin, kindLabel, PRIVILEGED } = permissions;
const PRIVILEGED_SET: ReadonlySet<string> = new Set(PRIVILEGED);
const IDENTITY_SET: ReadonlySet<string> = new Set(IDENTITY_TAKEOVER);
const EXPORT_SET: ReadonlySet<string> = new Set(DATA_EXPORT);

export default defineRule({
  meta: {
    id: 'privileged-permission-granted',
    description: 'Privileged user permissions are granted only by allowlisted profiles and permission sets',
    category: 'security',
    defaultSeverity: 'error',
    securitySeverity: 7.5,
    tags: ['security', 'permissions', 'least-privilege'],
    messages: {
      privileged: '{{kind}} {{container}} grants the privileged permission {{permission}} and is not on the allowlist.',
      identityTakeover: '{{kind}} {{container}} grants the identity-takeover permission {{permission}} and is not on the allowlist.',
      dataExport: '{{kind}} {{container}} grants the data-export permission {{permission}} and is not on the allowlist.',
    },
    options: {
      allow: {
        type: 'array',
        description: 'Profiles and permission sets that may grant these permissions (names, decoded and case-insensitive).',
        items: { type: 'string' },
      },
      identityTakeover: {
        type: 'boolean',
        description: 'Also report identity-takeover permissions (Manage Users, Assign Permission Sets, Reset Passwords, ...), as warnings.',
      },
      dataExport: {
        type: 'boolean',
        description: 'Also report data-export permissions (Weekly Data Export, Export Reports, API Enabled, ...), as notes.',
      },
    },
    defaultOptions: { allow: ['Admin'], identityTakeover: true, dataExport: false },
    needs: ['Profile', 'PermissionSet'],
  },
  check({ model, options, report }) {
    // Guest profiles are left to guest-profile-user-permissions and external-profile-admin-permissions: one grant, one finding.
    const containers: PermissionContainer[] = [
      ...model.profiles.all.filter((p) => !external.isGuestProfile(p)),
      ...model.permissionSets.all,
    ];
    for (const container of containers) {
      if (isAllowed(container, options.allow)) continue;
      const externalProfile = container.kind === 'Profile' && external.isExternalProfile(container);
      for (const grant of enabledGrants(container)) {
        // On external profiles these grants are external-profile-admin-permissions' findings: one grant, one finding.
        if (externalProfile && isExternalAdmin(grant.name)) continue;
        const data = { kind: kindLabel(container), container: container.name, permission: grant.name };
        if (PRIVILEGED_SET.has(grant.name)) report({ messageId: 'privileged', data, location: grant.enabledAt });
        else if (options.identityTakeover && IDENTITY_SET.has(grant.name))
          report({ messageId: 'identityTakeover', data, location: grant.enabledAt, cap: 'warning' });
        else if (options.dataExport && EXPORT_SET.has(grant.name))
          report({ messageId: 'dataExport', data, location: grant.enabledAt, cap: 'note' });
      }
    }
  },
});
