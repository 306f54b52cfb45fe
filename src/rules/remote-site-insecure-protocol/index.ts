// Rule: remote site settings keep protocol security on and call HTTPS endpoints only.
import { defineRule } from '../../engine/index.js';
import { xnode } from '../../model/index.js';

const PLAIN_HTTP = /^http:\/\//iu;

export default defineRule({
  meta: {
    id: 'remote-site-insecure-protocol',
    description: 'Remote site settings keep protocol security on and use HTTPS URLs',
    category: 'security',
    defaultSeverity: 'error',
    tags: ['security', 'integration', 'remote-site-settings'],
    messages: {
      protocolSecurityDisabled: 'Remote site {{site}} disables protocol security (disableProtocolSecurity true).',
      httpUrl: 'Remote site {{site}} allows callouts to an unencrypted URL ({{url}}).',
    },
    needs: ['RemoteSiteSetting'],
    securitySeverity: 5.9,
  },
  check({ model, report }) {
    for (const remote of model.remoteSites.all) {
      // An inactive remote site allows no callout until it is switched on again: only a note.
      const inactive = xnode.bool(remote.tree, 'isActive')?.value === false;
      const data = { site: remote.name };
      const disabled = xnode.bool(remote.tree, 'disableProtocolSecurity');
      if (disabled?.value)
        report({ messageId: 'protocolSecurityDisabled', data, location: disabled, ...(inactive ? { cap: 'note' as const } : {}) });
      const url = xnode.text(remote.tree, 'url');
      const address = url?.value.trim();
      if (url && address && PLAIN_HTTP.test(address))
        report({ messageId: 'httpUrl', data: { ...data, url: address }, location: url, cap: inactive ? 'note' : 'warning' });
    }
  },
});
