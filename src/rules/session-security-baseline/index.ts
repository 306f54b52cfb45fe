// Rule: the org-wide session settings (Security.settings) and profile session settings meet the Health Check baseline.
import { defineRule } from '../../engine/index.js';
import { baselineFindings, HEALTH_BASELINE } from '../../model/health.js';

export default defineRule({
  meta: {
    id: 'session-security-baseline',
    description: 'Org-wide and profile session settings meet the Health Check baseline',
    category: 'security',
    defaultSeverity: 'error',
    tags: ['security', 'settings', 'health-check', 'session'],
    messages: {
      orgWide: '{{label}} is {{value}} in the org-wide session settings; Health Check expects {{baseline}} ({{setting}}).',
      weakerThanOrg: "Profile {{profile}}'s session settings set {{labelLower}} to {{value}}, weaker than the org-wide {{orgValue}}.",
      profile: "Profile {{profile}}'s session settings set {{labelLower}} to {{value}}; Health Check expects {{baseline}} ({{setting}}).",
      profiles: '{{count}} profile session settings ({{profiles}}) set {{labelLower}} to {{value}}; Health Check expects {{baseline}}.',
      orphanProfile: 'Session settings {{policy}} set values below the baseline for profile {{profile}}, which is not in the project.',
      deletedProfile: 'Session settings {{policy}} belong to a deleted profile (their profile is nil); they were not checked.',
    },
    needs: ['Settings', 'ProfileSessionSetting'],
    securitySeverity: 7.5,
  },
  // enableAdminLoginAsAnyUser is in the same file and baseline (area login-access), but admin-login-as-any-user reports it.
  check({ model, settings, report }) {
    for (const finding of baselineFindings(model, 'session', settings.securityBaseline ?? HEALTH_BASELINE)) report(finding);
  },
});
