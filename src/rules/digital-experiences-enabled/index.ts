// Rule: a project with external users has Digital Experiences enabled (Communities.settings enableNetworksEnabled).
import { defineRule, fixes, related } from '../../engine/index.js';
import { external, xnode } from '../../model/index.js';

export default defineRule({
  meta: {
    id: 'digital-experiences-enabled',
    description: 'Digital Experiences are enabled when the project uses external users',
    category: 'external-users',
    defaultSeverity: 'error',
    tags: ['external-users', 'settings'],
    messages: {
      disabled: 'Digital Experiences are disabled (enableNetworksEnabled is false), but {{reason}}.',
      unset: 'Communities settings do not set enableNetworksEnabled, but {{reason}}.',
      noSettings: 'The project has no Communities settings file, but {{reason}}.',
    },
    needs: [...external.EVIDENCE_NEEDS],
    // Org-wide and not undone lightly; removing the stale external metadata is the other way out: a person chooses.
    fixable: 'suggestion',
    fixMessages: { enable: 'Turn Digital Experiences on (enableNetworksEnabled true).' },
  },
  check({ model, report }) {
    const evidence = external.externalUseEvidence(model, { countNetworksSetting: false });
    if (!evidence) return;
    // Every copy counts: with Communities settings in two package directories, either may be the one deployed.
    const copies = model.settings.named('Communities');
    // A retrieved site exists only in an org with Digital Experiences on: then an absent or unset flag needs no note.
    const siteProvesEnabled = model.networks.all.length > 0;
    if (copies.length === 0) {
      if (siteProvesEnabled) return;
      report({ messageId: 'noSettings', data: { reason: evidence.reason }, location: evidence.location, cap: 'note' });
      return;
    }
    const why = [related(evidence.location, `External users are used here: ${evidence.reason}`)];
    for (const communities of copies) {
      const flag = xnode.bool(communities.tree, 'enableNetworksEnabled');
      if (!flag) {
        if (!siteProvesEnabled)
          report({ messageId: 'unset', data: { reason: evidence.reason }, location: communities.root, related: why, cap: 'note' });
      } else if (!flag.value) {
        const enable = { messageId: 'enable', changes: [fixes.setText(flag, 'true')] };
        report({ messageId: 'disabled', data: { reason: evidence.reason }, location: flag, related: why, suggestions: [enable] });
      }
    }
  },
});
