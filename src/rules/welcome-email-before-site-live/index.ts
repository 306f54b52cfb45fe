// Rule: an Experience Cloud site in Preview (UnderConstruction) does not have welcome emails switched on.
import { defineRule, related } from '../../engine/index.js';
import { xnode } from '../../model/index.js';

/** The status of a site never published (Preview in Setup); a site taken offline (DownForMaintenance) was live before. */
const PREVIEW = 'UnderConstruction';

export default defineRule({
  meta: {
    id: 'welcome-email-before-site-live',
    description: 'An Experience Cloud site in Preview does not have welcome emails on before it is activated',
    category: 'external-users',
    defaultSeverity: 'warning',
    tags: ['external-users', 'sites'],
    messages: {
      notLive: 'Site {{network}} is in Preview (UnderConstruction) with welcome emails on: activating it emails every member.',
      noStatus: 'Site {{network}} sends welcome emails (sendWelcomeEmail is true) but its file sets no status.',
    },
    needs: ['Network'],
  },
  check({ model, report }) {
    for (const network of model.networks.all) {
      const send = xnode.bool(network.tree, 'sendWelcomeEmail');
      if (!send?.value) continue;
      const status = xnode.text(network.tree, 'status');
      const value = status?.value.trim() ?? '';
      // No status, or an empty <status/>: a new site deploys in Preview, an existing one keeps its status; say so.
      if (value === '') {
        report({ messageId: 'noStatus', data: { network: network.name }, location: send, cap: 'note' });
        continue;
      }
      if (value !== PREVIEW) continue;
      report({
        messageId: 'notLive',
        data: { network: network.name },
        location: send,
        related: [related(status!, `Site ${network.name} is ${value}`)],
      });
    }
  },
});
