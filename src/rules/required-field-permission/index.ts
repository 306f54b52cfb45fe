// Rule: field permissions on a field the project defines as required (or master-detail); the deploy fails "You cannot deploy to a required field".
import { defineRule, fixes, related } from '../../engine/index.js';
import { refs } from '../../model/index.js';

const PERMISSION_TYPES: ReadonlySet<string> = new Set(['Profile', 'PermissionSet', 'MutingPermissionSet']);

export default defineRule({
  meta: {
    id: 'required-field-permission',
    description: 'Profiles and permission sets carry no field permissions on required or master-detail fields',
    category: 'deployability',
    defaultSeverity: 'error',
    tags: ['deploy', 'permissions', 'fields'],
    messages: {
      required: 'The deploy fails ("You cannot deploy to a required field"): {{field}} is required.',
      masterDetail: 'The deploy fails ("You cannot deploy to a required field"): {{field}} is a master-detail field.',
    },
    needs: [],
    references: true,
    fixable: 'fix',
    fixMessages: {
      removeEntry: 'Remove the fieldPermissions entry of {{field}}.',
    },
    scope: 'referrer',
  },
  check({ model, report }) {
    const index = model.references;
    const section = refs.SECTION['fieldPermissions'];
    for (const referrer of index.referrers) {
      if (!PERMISSION_TYPES.has(referrer.type)) continue;
      for (const { file, refs: table } of referrer.files) {
        for (let run = 0; run < table.sections.length; run++) {
          const found = table.sections[run] === section ? index.required(table, run) : [];
          if (found.length > 0) {
            const byIndex = new Map(found.map((f) => [f.index, f.facts]));
            const first = table.first[run]!;
            for (const entry of index.entries(table, run, (i) => byIndex.has(i))) {
              const requirement = byIndex.get(entry.index - first)!;
              const at = requirement.masterDetail ?? requirement.required!;
              const location = refs.entryLocation(file.path, entry);
              report({
                messageId: requirement.masterDetail ? 'masterDetail' : 'required',
                data: { field: entry.name },
                location,
                related: [related(at, requirement.masterDetail ? 'The field is a master-detail field here' : 'The field is required here')],
                // The entry changes nothing the platform allows: the deploy refuses it, and the field's access follows the object's.
                fix: { messageId: 'removeEntry', data: { field: entry.name }, changes: [fixes.remove(location)] },
              });
            }
          }
        }
      }
    }
  },
});
