// Rule: the org-wide password policies (Security.settings) and profile password policies meet the Health Check baseline.
import { defineRule } from '../../engine/index.js';
import { baselineFindings, HEALTH_BASELINE } from '../../model/health.js';

export default defineRule({
  meta: {
    id: 'password-policy-baseline',
    description: 'Org-wide and profile password policies meet the Health Check baseline',
    category: 'security',
    defaultSeverity: 'error',
    tags: ['security', 'settings', 'health-check', 'password'],
    messages: {
      orgWide: '{{label}} is {{value}} in the org-wide password policy; Health Check expects {{baseline}} ({{setting}}).',
      weakerThanOrg: "Profile {{profile}}'s password policy sets {{labelLower}} to {{value}}, weaker than the org-wide {{orgValue}}.",
      profile: "Profile {{profile}}'s password policy sets {{labelLower}} to {{value}}; Health Check expects {{baseline}} ({{setting}}).",
      profiles: '{{count}} profile password policies ({{profiles}}) set {{labelLower}} to {{value}}; Health Check expects {{baseline}}.',
      orphanProfile: 'Password policy {{policy}} sets values below the baseline for profile {{profile}}, which is not in the project.',
      deletedProfile: 'Password policy {{policy}} belongs to a deleted profile (its profile is nil); it was not checked.',
    },
    needs: ['Settings', 'ProfilePasswordPolicy'],
    securitySeverity: 7.5,
  },
  check({ model, settings, report }) {
    for (const finding of baselineFindings(model, 'password', settings.securityBaseline ?? HEALTH_BASELINE)) report(finding);
  },
});
