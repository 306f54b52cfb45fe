// Rule: an Experience Cloud site (Network) does not open Chatter, member lists or files to unauthenticated guest users.
import { defineRule } from '../../engine/index.js';
import type { Severity } from '../../findings/index.js';
import { xnode } from '../../model/index.js';

/** The guest options of a Network (Network Metadata API reference), in file order. */
const GUEST_OPTIONS: readonly { element: string; messageId: string; cap?: Severity }[] = [
  { element: 'enableGuestChatter', messageId: 'guestChatter' },
  // Documented as switched on automatically when a page or the site is public: expected on public sites, so a note.
  { element: 'enableGuestFileAccess', messageId: 'guestFileAccess', cap: 'note' },
  { element: 'enableGuestMemberVisibility', messageId: 'guestMemberVisibility' },
];

export default defineRule({
  meta: {
    id: 'network-guest-exposure',
    description: 'Experience Cloud sites do not open Chatter, member lists or files to guest users',
    category: 'security',
    defaultSeverity: 'warning',
    tags: ['security', 'experience-cloud', 'guest-users'],
    messages: {
      guestChatter: 'Site {{network}} lets guest users read its public Chatter groups (enableGuestChatter true).',
      guestFileAccess: 'Site {{network}} lets guest users view the asset files shared with it (enableGuestFileAccess true).',
      guestMemberVisibility: 'Site {{network}} lets guest users see its authenticated members (enableGuestMemberVisibility true).',
    },
    needs: ['Network'],
    securitySeverity: 5.3,
  },
  check({ model, report }) {
    for (const network of model.networks.all) {
      const data = { network: network.name };
      for (const option of GUEST_OPTIONS) {
        const flag = xnode.bool(network.tree, option.element);
        if (flag?.value) report({ messageId: option.messageId, data, location: flag, ...(option.cap ? { cap: option.cap } : {}) });
      }
    }
  },
});
