// Rule: a profile that manages external users and sees "Log in to Experience as User" on its Contact layout has Edit on Account.
import { defineRule, fixes, related } from '../../engine/index.js';
import { external, type LayoutView, type PlatformAction } from '../../model/index.js';

const MODIFY_ALL_DATA = 'ModifyAllData';

export default defineRule({
  meta: {
    id: 'login-as-experience-user-account-edit',
    description: 'Profiles that manage external users and see Log in to Experience as User on a Contact layout have Edit on Account',
    category: 'external-users',
    defaultSeverity: 'warning',
    tags: ['external-users', 'permissions', 'layout', 'lightning'],
    messages: {
      accountEditOff: 'Profile {{profile}} gets "Log in to Experience as User" from {{layouts}}, but has Edit on Account turned off.',
      noAccountEdit: 'Profile {{profile}} gets "Log in to Experience as User" from {{layouts}}, but its Account permissions lack Edit.',
      noAccountPermissions: 'Profile {{profile}} gets "Log in to Experience as User" from {{layouts}}, but has no Account permissions.',
    },
    needs: ['Profile', 'Layout'],
    // Edit on Account widens access, and removing the action from the layout is the other way out: a person decides.
    fixable: 'suggestion',
    fixMessages: { grantAccountEdit: 'Give {{profile}} Edit on Account (with Read, which Edit needs).' },
  },
  check({ model, report }) {
    const offering = new Map<LayoutView, PlatformAction>();
    for (const layout of model.layoutsOf('Contact')) {
      const item = external.listedAction(layout, external.LOGIN_AS_EXPERIENCE_USER);
      if (item) offering.set(layout, item);
    }
    if (offering.size === 0) return;
    for (const { container: profile } of external.managers(model)) {
      if (profile.kind !== 'Profile' || external.grant(profile, MODIFY_ALL_DATA)) continue;
      // Layouts referenced but absent from the project are skipped here: contact-layout-external-user-actions already notes them.
      const assigned = external.assignedContactLayouts(model, profile).found.filter((f) => offering.has(f.layout));
      if (assigned.length === 0) continue;
      const account = external.objectPermission(profile, 'Account');
      if (account?.flags.allowEdit?.value || account?.flags.modifyAllRecords?.value) continue;
      const layouts = [...new Set(assigned.map((a) => a.layout))];
      // The anchor is where the admin must act: the profile's Account access, or (without any) its layout assignment.
      const [messageId, location] = account?.flags.allowEdit
        ? (['accountEditOff', account.flags.allowEdit] as const)
        : account
          ? (['noAccountEdit', account] as const)
          : (['noAccountPermissions', assigned[0]!.assignment] as const);
      const data = { profile: profile.name, layouts: layouts.map((l) => l.name).join(', ') };
      const grantEdit = fixes.grantObjectFlags(profile, 'Account', account, ['allowRead', 'allowEdit']);
      report({
        messageId,
        data,
        ...(grantEdit?.length ? { suggestions: [{ messageId: 'grantAccountEdit', data, changes: grantEdit }] } : {}),
        location,
        related: layouts.map((l) => related(offering.get(l)!, `${l.name} offers Log in to Experience as User (LoginToNetworkAsUser)`)),
      });
    }
  },
});
