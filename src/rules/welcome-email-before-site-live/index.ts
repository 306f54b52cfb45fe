// Rule: an Experience Cloud site that is not Live does not have welcome emails switched on.
import { defineRule, related } from '../../engine/index.js';
import { xnode } from '../../model/index.js';

const LIVE = 'Live';
/** Network status values as Setup labels them, since admins know the labels, not the API values. */
const SETUP_LABELS: Record<string, string> = { Live: 'Active', UnderConstruction: 'Preview', DownForMaintenance: 'Inactive' };

export default defineRule({
  meta: {
    id: 'welcome-email-before-site-live',
    description: 'An Experience Cloud site sends welcome emails only once it is Live',
    category: 'external-users',
    defaultSeverity: 'warning',
    tags: ['external-users', 'sites'],
    messages: {
      notLive: 'Site {{network}} sends welcome emails (sendWelcomeEmail is true) while its status is {{status}}, not Live.',
      noStatus: 'Site {{network}} sends welcome emails (sendWelcomeEmail is true) but its file sets no status.',
    },
    needs: ['Network'],
  },
  check({ model, report }) {
    for (const network of model.networks.all) {
      const send = xnode.bool(network.tree, 'sendWelcomeEmail');
      if (!send?.value) continue;
      const status = xnode.text(network.tree, 'status');
      if (!status || status.value.trim() === '') {
        report({ messageId: 'noStatus', data: { network: network.name }, location: send, cap: 'note' });
        continue;
      }
      const value = status.value.trim();
      if (value === LIVE) continue;
      const label = SETUP_LABELS[value];
      report({
        messageId: 'notLive',
        data: { network: network.name, status: label ? `${value} (${label} in Setup)` : value },
        location: send,
        related: [related(status, `Site ${network.name} is ${value}`)],
      });
    }
  },
});
