// Rule: the org-wide session settings (Security.settings) and profile session settings meet the Health Check baseline.
import { defineRule } from '../../engine/index.js';
import { evaluateHealth, findingSeverity, messageData } from '../../model/health.js';

export default defineRule({
  meta: {
    id: 'session-security-baseline',
    description: 'Org-wide and profile session settings meet the Health Check baseline',
    category: 'security',
    defaultSeverity: 'error',
    tags: ['security', 'settings', 'health-check', 'session'],
    messages: {
      orgWide: '{{label}} is {{value}} in the org-wide session settings; the Health Check baseline is {{baseline}} ({{setting}}, {{riskGroup}} risk, {{status}}).',
      profile: 'The session settings of profile {{profile}} set {{labelLower}} to {{value}}; the Health Check baseline is {{baseline}} ({{setting}}, {{riskGroup}} risk, {{status}}).',
    },
    options: {},
    defaultOptions: {},
    needs: ['Settings', 'ProfileSessionSetting'],
    securitySeverity: 7.5,
  },
  check({ model, report }) {
    // enableAdminLoginAsAnyUser (area login-access) is reported by admin-login-as-any-user.
    for (const row of evaluateHealth(model).rows) {
      if (row.area !== 'session' || !row.location) continue;
      const severity = findingSeverity(row.riskGroup, row.status);
      if (!severity) continue;
      report({
        messageId: row.scope === 'org' ? 'orgWide' : 'profile',
        data: messageData(row),
        location: row.location,
        ...(severity === 'error' ? {} : { cap: severity }),
      });
    }
  },
});
