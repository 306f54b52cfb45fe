// Rule: every external profile is a member (networkMemberGroups/profile) of at least one Experience Cloud site in the project.
import { defineRule } from '../../engine/index.js';
import { external, nameKey } from '../../model/index.js';

export default defineRule({
  meta: {
    id: 'external-profile-site-membership',
    description: 'Every external profile is a member of an Experience Cloud site in the project',
    category: 'external-users',
    defaultSeverity: 'warning',
    tags: ['external-users', 'sites'],
    messages: {
      notMember: 'Profile {{profile}} has the external license {{license}} but is a member of no site in the project ({{networks}}).',
    },
    needs: ['Profile', 'Network'],
  },
  check({ model, report }) {
    const networks = model.networks.all;
    if (networks.length === 0) return;
    const members = new Set(networks.flatMap((n) => [...external.memberProfileKeys(n)]));
    const where = networks.map(external.memberGroupsRelated);
    const names = networks.map((n) => n.name).join(', ');
    for (const profile of model.profiles.all) {
      if (!external.isExternalProfile(profile) || !profile.license) continue;
      if (members.has(nameKey(profile.fullName)) || members.has(nameKey(profile.name))) continue;
      report({
        messageId: 'notMember',
        data: { profile: profile.name, license: profile.license.value, networks: names },
        location: profile.license,
        related: where,
      });
    }
  },
});
