// Rule: a metadata file's root element and namespace match its type, or Salesforce rejects it on deploy.
import { defineRule } from '../../engine/index.js';

export default defineRule({
  meta: {
    id: 'invalid-root-element',
    description: 'The root element and namespace of a metadata file match its metadata type',
    category: 'deployability',
    defaultSeverity: 'error',
    tags: ['xml', 'deploy'],
    messages: { root: '{{message}}' },
    // Every file of an extracted type is checked, whichever other rules run; the root element is found without parsing the rest.
    needs: [],
    checksFiles: true,
    scope: 'file',
  },
  check({ model, report }) {
    for (const problem of model.problems) {
      if (problem.kind !== 'root') continue;
      report({
        messageId: 'root',
        data: { message: problem.message },
        location: { file: problem.file, range: problem.range, element: '' },
      });
    }
  },
});
