// Rule: privileged and user-administration permissions (Modify All Data, Author Apex, Manage Users, ...) are granted only by allowlisted profiles and permission sets.
import { defineRule, related } from '../../engine/index.js';
import { external, type PermissionContainer, permissions, type UserPermission } from '../../model/index.js';

const {
  BYPASS_MFA,
  DATA_EXPORT,
  enabledGrants,
  isAllowed,
  isExternalAdmin,
  isStandardNonAdminProfile,
  kindLabel,
  listNames,
  PASSWORD_NEVER_EXPIRES,
  PRIVILEGED,
  standardMarker,
  USER_ADMINISTRATION,
} = permissions;
const PRIVILEGED_SET: ReadonlySet<string> = new Set(PRIVILEGED);
const ADMINISTRATION_SET: ReadonlySet<string> = new Set(USER_ADMINISTRATION);
const EXPORT_SET: ReadonlySet<string> = new Set(DATA_EXPORT);

/** One report per container and group: the first grant is the anchor, the others are related locations. */
function grouped(container: PermissionContainer, grants: readonly UserPermission[]) {
  const [first, ...others] = grants;
  return {
    location: first!.enabledAt,
    related: others.map((g) => related(g.enabledAt, `${container.name} also grants ${g.name}`)),
    permissions: listNames(grants.map((g) => g.name)),
  };
}

export default defineRule({
  meta: {
    id: 'privileged-permission-granted',
    description: 'Privileged and user-administration permissions are granted only by allowlisted profiles and permission sets',
    category: 'security',
    defaultSeverity: 'error',
    securitySeverity: 7.5,
    tags: ['security', 'permissions', 'least-privilege'],
    messages: {
      privileged: '{{kind}} {{container}} grants privileged access ({{permissions}}) and is not on the allowlist.',
      userAdministration: '{{kind}} {{container}} can administer users, access or sign-in ({{permissions}}) and is not on the allowlist.',
      mfaWaived: "{{kind}} {{container}} waives multi-factor authentication for its users' UI logins (BypassMFAForUiLogins).",
      passwordNeverExpires: "{{kind}} {{container}} makes its users' passwords never expire (PasswordNeverExpires).",
      dataExport: '{{kind}} {{container}} grants data-export permissions ({{permissions}}) and is not on the allowlist.',
      standardProfile: 'Standard profile {{container}} grants {{permissions}}, which cannot be removed from a standard profile.',
    },
    options: {
      allow: {
        type: 'array',
        description: 'Profiles and permission sets that may grant these permissions (names, decoded and case-insensitive).',
        items: { type: 'string' },
      },
      identityTakeover: {
        type: 'boolean',
        description:
          'Also report user-administration permissions (Manage Users, Assign Permission Sets, ...) and the MFA waiver, as warnings, and Password Never Expires, as a note.',
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
      // On external profiles these grants are external-profile-admin-permissions' findings: one grant, one finding.
      const grants = enabledGrants(container).filter((g) => !(externalProfile && isExternalAdmin(g.name)));
      const privileged = grants.filter((g) => PRIVILEGED_SET.has(g.name));
      const administration = options.identityTakeover ? grants.filter((g) => ADMINISTRATION_SET.has(g.name)) : [];
      const mfaWaiver = options.identityTakeover ? grants.find((g) => g.name === BYPASS_MFA) : undefined;
      const kind = kindLabel(container);

      if (isStandardNonAdminProfile(container)) {
        // Salesforce set these and nobody can edit them: one note, so the team knows who holds what without a finding to fix.
        const held = [...privileged, ...administration, ...(mfaWaiver ? [mfaWaiver] : [])];
        if (held.length === 0) continue;
        const ordered = grants.filter((g) => held.includes(g));
        const group = grouped(container, ordered);
        const marker = standardMarker(container);
        report({
          messageId: 'standardProfile',
          data: { container: container.name, permissions: group.permissions },
          location: group.location,
          related: [...group.related, ...(marker ? [related(marker, `${container.name} is a standard profile (custom false)`)] : [])],
          cap: 'note',
        });
        continue;
      }

      if (privileged.length > 0) {
        const group = grouped(container, privileged);
        report({
          messageId: 'privileged',
          data: { kind, container: container.name, permissions: group.permissions },
          location: group.location,
          related: group.related,
        });
      }
      if (administration.length > 0) {
        const group = grouped(container, administration);
        report({
          messageId: 'userAdministration',
          data: { kind, container: container.name, permissions: group.permissions },
          location: group.location,
          related: group.related,
          cap: 'warning',
        });
      }
      if (mfaWaiver)
        report({ messageId: 'mfaWaived', data: { kind, container: container.name }, location: mfaWaiver.enabledAt, cap: 'warning' });
      const neverExpires = options.identityTakeover ? grants.find((g) => g.name === PASSWORD_NEVER_EXPIRES) : undefined;
      if (neverExpires)
        report({
          messageId: 'passwordNeverExpires',
          data: { kind, container: container.name },
          location: neverExpires.enabledAt,
          cap: 'note',
        });
      const exports = options.dataExport ? grants.filter((g) => EXPORT_SET.has(g.name)) : [];
      if (exports.length > 0) {
        const group = grouped(container, exports);
        report({
          messageId: 'dataExport',
          data: { kind, container: container.name, permissions: group.permissions },
          location: group.location,
          related: group.related,
          cap: 'note',
        });
      }
    }
  },
});
