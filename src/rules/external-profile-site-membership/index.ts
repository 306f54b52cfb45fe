// Rule: every external profile is a member (networkMemberGroups/profile) of at least one Experience Cloud site in the project.
import { defineRule, related } from '../../engine/index.js';
import { external, nameKey, xnode } from '../../model/index.js';

export default defineRule({
  meta: {
    id: 'external-profile-site-membership',
    description: 'Every external profile is a member of an Experience Cloud site in the project',
    category: 'external-users',
    defaultSeverity: 'warning',
    tags: ['external-users', 'sites'],
    messages: {
      notMember: 'Profile {{profile}} has the external license {{license}}, but no Experience Cloud site in the project ({{networks}}) lists it in networkMemberGroups: its users cannot log in to any of these sites.',
    },
    options: {},
    defaultOptions: {},
    needs: ['Profile', 'Network'],
  },
  check({ model, report }) {
    const networks = model.networks.all;
    if (networks.length === 0) return;
    const members = new Set(networks.flatMap((n) => [...external.memberProfileKeys(n)]));
    const where = networks.map((n) => {
      const groups = xnode.at(n.tree, 'networkMemberGroups');
      return related(groups ?? n.root, groups ? `Members of site ${n.name}` : `Site ${n.name} lists no member groups`);
    });
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
