// Rule: someone in the project can enable external users (Manage External Users / Manage Customer Users / contactless Manage Users).
import { defineRule, related } from '../../engine/index.js';
import { external } from '../../model/index.js';

const { MANAGE_CUSTOMER_USERS, MANAGE_EXTERNAL_USERS, MANAGE_USERS } = external;

export default defineRule({
  meta: {
    id: 'manage-external-users-granted',
    description: 'An internal profile or permission set grants Manage External Users when the project uses external users',
    category: 'external-users',
    defaultSeverity: 'warning',
    tags: ['external-users', 'permissions'],
    messages: {
      noManager: 'No internal profile or permission set in the project grants {{permission}}, but {{reason}}.',
      customerOnly: 'Partner licenses are in use, but the project grants Manage Customer Users (ManageCssUsers), not ManagePartners.',
      layoutWithoutPermission:
        'Profile {{profile}} has layout {{layout}} with the enable actions, but grants neither ManagePartners nor ManageCssUsers.',
    },
    options: {
      layoutsWithoutPermission: {
        type: 'boolean',
        description:
          'Also note each internal profile assigned a Contact layout with the enable actions that grants neither permission (its users may hold a permission set).',
      },
    },
    defaultOptions: { layoutsWithoutPermission: false },
    needs: [...external.EVIDENCE_NEEDS],
  },
  check({ model, options, report }) {
    const evidence = external.externalUseEvidence(model);
    if (!evidence) return;
    const { customer, partner } = external.externalLicenses(model);
    const managers = external.managers(model);
    const contactless = external.contactlessUsersEnabled(model);
    const contactlessManagers = contactless ? external.internalContainers(model).filter((c) => external.grant(c, MANAGE_USERS)) : [];
    if (managers.length === 0 && contactlessManagers.length === 0) {
      const permission =
        partner.length === 0 && customer.length > 0 ? `${MANAGE_EXTERNAL_USERS} or ${MANAGE_CUSTOMER_USERS}` : MANAGE_EXTERNAL_USERS;
      // Without internal profiles in source control the grant may well live in the org: say so, do not warn. A profile
      // file without <userLicense> or without any user permission (a partial overlay, as CumulusCI bundles keep them)
      // says nothing about grants, nor does a Chatter, Identity or Integration profile, which never holds one.
      const tracksInternalProfiles = model.profiles.all.some(
        (p) =>
          external.profileLicense(p) === 'internal' && p.userPermissions.length > 0 && !external.isNonManagingLicense(p.license?.value),
      );
      report({
        messageId: 'noManager',
        data: { permission, reason: evidence.reason },
        location: evidence.location,
        ...(tracksInternalProfiles ? {} : { cap: 'note' as const }),
      });
    } else if (partner.length > 0 && managers.length > 0 && managers.every((m) => m.grant.name === MANAGE_CUSTOMER_USERS)) {
      const first = managers[0]!;
      report({
        messageId: 'customerOnly',
        location: first.grant.enabledAt,
        related: [
          ...managers.slice(1).map((m) => related(m.grant, `${m.container.name} grants only ManageCssUsers`)),
          ...partner.filter((p) => p.license).map((p) => related(p.license!, `${p.name} has a partner license`)),
        ],
      });
    }
    if (!options.layoutsWithoutPermission) return;
    for (const profile of model.profiles.all.filter(external.isInternalProfile)) {
      if (external.managerGrant(profile, model) || external.isNonManagingLicense(profile.license?.value)) continue;
      for (const { layout, assignment } of external.assignedContactLayouts(model, profile).found) {
        const action = external.listedEnableAction(layout);
        if (!action) continue;
        report({
          messageId: 'layoutWithoutPermission',
          data: { profile: profile.name, layout: layout.name },
          location: assignment,
          related: [related(action, `${layout.name} offers ${action.actionName}`)],
          cap: 'note',
        });
      }
    }
  },
});
