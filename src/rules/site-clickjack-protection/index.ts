// Rule: a Salesforce site (CustomSite) keeps clickjack protection and its other browser security headers on.
import { defineRule } from '../../engine/index.js';
import { xnode } from '../../model/index.js';
import type { Severity } from '../../findings/index.js';

/** A security header a site can turn off, the message for `false`, and how far its absence matters today. */
const HEADERS: readonly { element: string; messageId: string; cap: Severity }[] = [
  // X-Content-Type-Options: nosniff still matters in every current browser.
  { element: 'contentSniffingProtection', messageId: 'contentSniffingOff', cap: 'warning' },
  // X-XSS-Protection: current browsers ignore it (MDN), so only a note.
  { element: 'browserXssProtection', messageId: 'xssProtectionOff', cap: 'note' },
  // Current browsers default to strict-origin-when-cross-origin without a policy (MDN), so only a note.
  { element: 'referrerPolicyOriginWhenCrossOrigin', messageId: 'referrerPolicyOff', cap: 'note' },
  // Salesforce serves every site over HTTPS and can no longer turn that off (Sites security help): a stale value.
  { element: 'requireHttps', messageId: 'httpsNotRequired', cap: 'note' },
];

export default defineRule({
  meta: {
    id: 'site-clickjack-protection',
    description: 'Salesforce sites keep clickjack protection and the other browser security headers on',
    category: 'security',
    defaultSeverity: 'error',
    tags: ['security', 'sites', 'guest-users'],
    messages: {
      allowAllFraming: 'Site {{site}} allows framing by any page (clickjackProtectionLevel AllowAllFraming).',
      contentSniffingOff: 'Site {{site}} turns off content sniffing protection (contentSniffingProtection false).',
      xssProtectionOff: 'Site {{site}} turns off the browser XSS protection header (browserXssProtection false).',
      referrerPolicyOff: 'Site {{site}} turns off referrer URL protection (referrerPolicyOriginWhenCrossOrigin false).',
      httpsNotRequired: 'Site {{site}} sets requireHttps to false.',
    },
    needs: ['CustomSite'],
    securitySeverity: 6.1,
  },
  check({ model, report }) {
    for (const site of model.customSites.all) {
      const data = { site: site.name };
      const level = xnode.text(site.tree, 'clickjackProtectionLevel');
      if (level?.value.trim() === 'AllowAllFraming') report({ messageId: 'allowAllFraming', data, location: level });
      for (const header of HEADERS) {
        const flag = xnode.text(site.tree, header.element);
        if (flag?.value.trim() === 'false') report({ messageId: header.messageId, data, location: flag, cap: header.cap });
      }
    }
  },
});
