// Rule: a self-registering Experience Cloud site names an external profile that is a member of the site.
import { defineRule, related } from '../../engine/index.js';
import { external, nameKey, xnode } from '../../model/index.js';

export default defineRule({
  meta: {
    id: 'self-registration-profile',
    description: 'A self-registering Experience Cloud site assigns an external profile that is a member of the site',
    category: 'external-users',
    defaultSeverity: 'error',
    tags: ['external-users', 'sites'],
    messages: {
      noProfile: 'Site {{network}} allows self-registration but sets no selfRegProfile.',
      notExternal: 'Site {{network}} self-registers users with profile {{profile}}, whose license {{license}} is not external.',
      notMember: 'Site {{network}} self-registers users with profile {{profile}}, which its networkMemberGroups do not list.',
      unverified: 'Site {{network}} self-registers users with profile {{profile}}, which {{reason}}.',
    },
    needs: ['Profile', 'Network'],
  },
  check({ model, report }) {
    for (const network of model.networks.all) {
      const selfRegistration = xnode.bool(network.tree, 'selfRegistration');
      if (!selfRegistration?.value) continue;
      const selfRegProfile = xnode.text(network.tree, 'selfRegProfile');
      if (!selfRegProfile || selfRegProfile.value.trim() === '') {
        report({ messageId: 'noProfile', data: { network: network.name }, location: selfRegistration });
        continue;
      }
      const name = selfRegProfile.value.trim();
      const profile = model.profiles.get(name);
      const shown = profile?.name ?? name;
      if (!external.memberProfileKeys(network).has(nameKey(name))) {
        report({
          messageId: 'notMember',
          data: { network: network.name, profile: shown },
          location: selfRegProfile,
          related: [external.memberGroupsRelated(network)],
        });
      }
      if (!profile) {
        report({
          messageId: 'unverified',
          data: { network: network.name, profile: shown, reason: 'is not in the project' },
          location: selfRegProfile,
          cap: 'note',
        });
      } else if (!profile.license || profile.license.value.trim() === '') {
        report({
          messageId: 'unverified',
          data: { network: network.name, profile: shown, reason: 'has no userLicense element' },
          location: selfRegProfile,
          related: [related(profile.root, `Profile ${profile.name}`)],
          cap: 'note',
        });
      } else if (!external.isExternalProfile(profile)) {
        report({
          messageId: 'notExternal',
          data: { network: network.name, profile: shown, license: profile.license.value },
          location: selfRegProfile,
          related: [related(profile.license, `Profile ${profile.name} has the ${profile.license.value} license`)],
        });
      }
    }
  },
});
