// Rule: Security.settings trusted IP ranges (networkAccess/ipRanges) stay narrow, since logins from them skip identity verification.
import { defineRule, related } from '../../engine/index.js';
import { nameKey, xnode, type XNode } from '../../model/index.js';
import { coversAll, formatCount, readRange, spaceOf, type Family } from './ip.js';

/** A /16: wider than this is a warning (this project's threshold; a /8 trusted range is seen in publicly available retrieved metadata). */
const WARN_ABOVE = 1n << 16n;
/** A /8: this wide or wider is an error. */
const ERROR_FROM = 1n << 24n;

export default defineRule({
  meta: {
    id: 'trusted-ip-range-too-broad',
    description: 'Trusted IP ranges in Security settings are no wider than a /16',
    category: 'security',
    defaultSeverity: 'error',
    tags: ['security', 'settings', 'network-access'],
    messages: {
      broad: 'Trusted IP range {{start}} to {{end}} covers {{count}} addresses, more than a /16 (65,536).',
      veryBroad: 'Trusted IP range {{start}} to {{end}} covers {{count}} addresses, at least a /8 (16,777,216).',
      allAddresses: 'Trusted IP range {{start}} to {{end}} covers every {{family}} address.',
      reversed: 'Trusted IP range starts at {{start}}, after its end {{end}}.',
      unreadable: 'Trusted IP range {{start}} to {{end}} is not two valid addresses of one family (IPv4 or IPv6).',
      profileAllAddresses: 'The login IP ranges of profile {{profile}} allow every {{family}} address.',
    },
    needs: ['Settings', 'Profile'],
    securitySeverity: 6.5,
  },
  check({ model, report }) {
    for (const settings of model.settings.all) {
      if (nameKey(settings.fullName) !== 'security') continue;
      const access = xnode.at(settings.tree, 'networkAccess');
      if (!access) continue;
      for (const range of xnode.all(access, 'ipRanges')) {
        const start = xnode.text(range, 'start')?.value.trim();
        const end = xnode.text(range, 'end')?.value.trim();
        const data = { start: start ?? '(none)', end: end ?? '(none)' };
        const reading = readRange(start, end);
        if (reading.kind === 'unreadable') {
          report({ messageId: 'unreadable', data, location: range, cap: 'note' });
        } else if (reading.kind === 'reversed') {
          report({ messageId: 'reversed', data, location: range });
        } else if (reading.size === spaceOf(reading.family)) {
          report({ messageId: 'allAddresses', data: { ...data, family: reading.family }, location: range });
        } else if (reading.family === 'IPv4' && reading.size >= ERROR_FROM) {
          report({ messageId: 'veryBroad', data: { ...data, count: formatCount(reading.size) }, location: range });
        } else if (reading.family === 'IPv4' && reading.size > WARN_ABOVE) {
          report({ messageId: 'broad', data: { ...data, count: formatCount(reading.size) }, location: range, cap: 'warning' });
        }
      }
    }

    // Profile login IP ranges restrict logins rather than trust them: only ranges that together allow
    // every address are worth a note (they restrict nothing and exempt the profile from login challenges).
    for (const profile of model.profiles.all) {
      const byFamily = new Map<Family, { node: XNode; start: bigint; end: bigint }[]>();
      for (const node of profile.loginIpRanges) {
        const reading = readRange(xnode.text(node, 'startAddress')?.value, xnode.text(node, 'endAddress')?.value);
        if (reading.kind !== 'range') continue;
        const list = byFamily.get(reading.family) ?? [];
        list.push({ node, start: reading.start, end: reading.end });
        byFamily.set(reading.family, list);
      }
      for (const [family, ranges] of byFamily) {
        if (!coversAll(ranges, family)) continue;
        const [first, ...others] = ranges;
        report({
          messageId: 'profileAllAddresses',
          data: { profile: profile.name, family },
          location: first!.node,
          related: others.map((r) => related(r.node, "Also part of the profile's login IP ranges")),
          cap: 'note',
        });
      }
    }
  },
});
