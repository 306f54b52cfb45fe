// Rule: every external profile the org can use is a member (networkMemberGroups/profile) of an Experience Cloud site in the project.
import { defineRule, related } from '../../engine/index.js';
import { external, nameKey } from '../../model/index.js';

export default defineRule({
  meta: {
    id: 'external-profile-site-membership',
    description: 'Every custom external profile is a member of an Experience Cloud site in the project',
    category: 'external-users',
    defaultSeverity: 'warning',
    tags: ['external-users', 'sites'],
    messages: {
      notMember: 'Profile {{profile}} has the external license {{license}} but is a member of no site in the project ({{networks}}).',
      standardNotMember:
        'Standard profile {{profile}} ({{license}}) is in no site; Communities settings let standard profiles log in to sites.',
    },
    needs: [...external.USED_PROFILE_NEEDS],
  },
  check({ model, report }) {
    const networks = model.networks.all;
    if (networks.length === 0) return;
    const members = new Set(networks.flatMap((n) => [...external.memberProfileKeys(n)]));
    const where = networks.map(external.memberGroupsRelated);
    const names = networks.map((n) => n.name).join(', ');
    // Standard external profiles cannot log in to sites since Spring '21 unless this setting is on: without it they need no membership.
    const standardAllowed = external.standardExternalProfilesAllowed(model);
    for (const profile of model.profiles.all) {
      if (!external.isExternalProfile(profile) || !profile.license) continue;
      if (members.has(nameKey(profile.fullName)) || members.has(nameKey(profile.name))) continue;
      const data = { profile: profile.name, license: profile.license.value, networks: names };
      if (!external.isStandardProfile(profile)) {
        report({ messageId: 'notMember', data, location: profile.license, related: where });
      } else if (standardAllowed) {
        // Every org has the standard profiles of its licenses, used or not: a note, since the setting makes them usable.
        report({
          messageId: 'standardNotMember',
          data,
          location: profile.license,
          related: [...where, related(standardAllowed, 'Standard external profiles may log in (enableOotbProfExtUserOpsEnable)')],
          cap: 'note',
        });
      }
    }
  },
});
