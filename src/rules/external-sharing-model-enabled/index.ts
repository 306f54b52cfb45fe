// Rule: a project with external profiles keeps the external sharing model (external org-wide defaults) enabled.
import { defineRule, related } from '../../engine/index.js';
import { external, xnode } from '../../model/index.js';

export default defineRule({
  meta: {
    id: 'external-sharing-model-enabled',
    description: 'The external sharing model is enabled when the project has external profiles in use',
    category: 'external-users',
    defaultSeverity: 'warning',
    tags: ['external-users', 'settings', 'sharing'],
    messages: {
      disabled: 'Sharing settings set enableExternalSharingModel to false, but profile {{profile}} has the external license {{license}}.',
      unset: 'Sharing settings do not set enableExternalSharingModel, but profile {{profile}} has the external license {{license}}.',
      noSettings: 'The project has no Sharing settings file, but profile {{profile}} has the external license {{license}}.',
    },
    needs: [...external.USED_PROFILE_NEEDS],
  },
  check({ model, report }) {
    // Unused standard external profiles exist in every org with those licenses: they say nothing about external users.
    const profile = external
      .usedExternalProfiles(model)
      .filter((p) => p.license)
      .sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0))[0];
    if (!profile?.license) return;
    const data = { profile: profile.name, license: profile.license.value };
    // Every Sharing settings file deploys its value: a project may hold one per package directory.
    const files = model.settings.named('Sharing');
    if (files.length === 0) {
      report({ messageId: 'noSettings', data, location: profile.license, cap: 'note' });
      return;
    }
    const why = [related(profile.license, `Profile ${profile.name} has the ${profile.license.value} license`)];
    for (const sharing of files) {
      const flag = xnode.bool(sharing.tree, 'enableExternalSharingModel');
      if (!flag) report({ messageId: 'unset', data, location: sharing.root, related: why, cap: 'note' });
      else if (!flag.value) report({ messageId: 'disabled', data, location: flag, related: why });
    }
  },
});
