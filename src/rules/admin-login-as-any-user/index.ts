// Rule: Security.settings lets administrators log in as any user (enableAdminLoginAsAnyUser), a Health Check Medium-risk setting.
import { defineRule } from '../../engine/index.js';
import { nameKey, xnode } from '../../model/index.js';

export default defineRule({
  meta: {
    id: 'admin-login-as-any-user',
    description: 'Security settings do not let administrators log in as any user without being granted access',
    category: 'security',
    defaultSeverity: 'warning',
    tags: ['security', 'settings', 'health-check'],
    messages: {
      enabled: 'Administrators can log in as any user (enableAdminLoginAsAnyUser is true).',
    },
    needs: ['Settings'],
    securitySeverity: 5.0,
  },
  check({ model, report }) {
    for (const settings of model.settings.all) {
      if (nameKey(settings.fullName) !== 'security') continue;
      // Top level only: sessionSettings has look-alike elements, and Health Check reads this one.
      const flag = xnode.bool(settings.tree, 'enableAdminLoginAsAnyUser');
      if (flag?.value) report({ messageId: 'enabled', location: flag });
    }
  },
});
