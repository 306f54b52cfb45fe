// Rule: inline suppression comments name real rules and still suppress something; stale ones hide future problems.
import { defineRule } from '../../engine/index.js';

export default defineRule({
  meta: {
    id: 'unused-suppression',
    description: 'Inline suppression comments name known rules and suppress a finding',
    category: 'correctness',
    defaultSeverity: 'warning',
    tags: ['suppression'],
    messages: {
      unknownRule: 'The suppression comment names {{rule}}, which is not a sfmeta-lint rule.',
      unused: 'This suppression comment for {{rules}} no longer suppresses anything.',
    },
    // The engine attaches the fix to `unused` findings (see check); an unknown rule id may be a typo a person must correct.
    fixable: 'fix',
    fixMessages: { removeComment: 'Remove the suppression comment.' },
    // Suppression comments are read from every file of an extracted type, parsed or only checked.
    needs: [],
    checksFiles: true,
    scope: 'file',
  },
  // Whether a comment suppressed something is known only after every rule ran: the engine reports `unused`.
  check({ model, ruleIds, report }) {
    const known = new Set(ruleIds);
    for (const directive of model.directives) {
      for (const rule of directive.rules) {
        if (!known.has(rule)) report({ messageId: 'unknownRule', data: { rule }, location: directive });
      }
    }
  },
});
