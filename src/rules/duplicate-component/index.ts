// Rule: the same component in two package directories; deploys and retrieves then disagree about which one wins.
import { defineRule, related } from '../../engine/index.js';

export default defineRule({
  meta: {
    id: 'duplicate-component',
    description: 'A component is defined in only one package directory',
    category: 'deployability',
    defaultSeverity: 'warning',
    tags: ['deploy', 'project'],
    messages: {
      duplicate: '{{type}} {{name}} is also defined in {{other}}.',
    },
    needs: ['Profile', 'PermissionSet', 'Layout', 'Network', 'CustomSite', 'Settings', 'CustomObject'],
  },
  check({ model, report }) {
    for (const duplicate of model.duplicates()) {
      const [first, ...others] = duplicate.components;
      for (const component of others) {
        report({
          messageId: 'duplicate',
          data: { type: duplicate.type, name: duplicate.name, other: first!.file.path },
          location: component.root,
          related: [related(first!.root, 'The other definition')],
        });
      }
    }
  },
});
