// Rule: a metadata file that cannot be parsed (malformed XML, DOCTYPE, not text) is reported where the fault is.
import { defineRule } from '../../engine/index.js';

export default defineRule({
  meta: {
    id: 'parse-error',
    description: 'Metadata files are well-formed XML',
    category: 'correctness',
    defaultSeverity: 'error',
    tags: ['xml'],
    messages: { parse: '{{message}}' },
    // Every file of an extracted type is checked, whichever other rules run; the types no other rule reads are checked, not parsed.
    needs: [],
    checksFiles: true,
    scope: 'file',
  },
  check({ model, report }) {
    for (const problem of model.problems) {
      if (problem.kind !== 'parse') continue;
      report({
        messageId: 'parse',
        data: { message: problem.message },
        location: { file: problem.file, range: problem.range, element: '' },
      });
    }
  },
});
