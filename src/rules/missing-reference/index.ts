// Rule: a profile, permission set, group or layout names a custom component the project should hold but does not; the deploy fails "no X named Y found".
import { defineRule, fixes } from '../../engine/index.js';
import { layoutObjectOf, refs, type ReferenceIndex, type RefTable, type Scope, type Target } from '../../model/index.js';

type Assume = 'partial' | 'complete';

/** The scopes each assumption checks (see Scope in the model): a partial project only what it alone can hold. */
const CHECKED: Record<Assume, ReadonlySet<Scope>> = {
  partial: new Set<Scope>(['owned']),
  complete: new Set<Scope>(['owned', 'tracked']),
};

export default defineRule<{ assume: Assume }>({
  meta: {
    id: 'missing-reference',
    description: 'Profiles, permission sets, groups and layouts name only custom components the project defines',
    category: 'deployability',
    defaultSeverity: 'error',
    tags: ['deploy', 'permissions', 'references'],
    messages: {
      missing: 'No {{type}} named {{name}} found: the project has no {{file}}.',
      missingInObject: 'No {{type}} named {{name}} found: {{file}} does not define it.',
    },
    options: {
      assume: {
        type: 'string',
        enum: ['partial', 'complete'],
        description:
          '"partial" (default): check only children of custom objects the project defines. "complete": the project is the whole org; also check every custom component of a type or object it holds.',
      },
    },
    defaultOptions: { assume: 'partial' },
    needs: [],
    references: true,
    // The component may live in another package or only in the org: removing the entry is a person's call.
    fixable: 'suggestion',
    fixMessages: {
      removeEntry: 'Remove the {{entry}} entry that names {{name}}.',
    },
    scope: 'referrer',
  },
  check({ model, options, report }) {
    const index = model.references;
    const checked = CHECKED[options.assume] ?? CHECKED.partial;
    const reportMissing = (file: string, entry: refs.RefEntry, target: Target, key2: boolean) => {
      const expected = index.expectedFile(target);
      report({
        messageId: expected?.inside ? 'missingInObject' : 'missing',
        data: { type: target.type, name: target.name, file: expected?.path ?? `${target.type} file for it` },
        location: key2
          ? {
              file,
              range: entry.key2Range!,
              element: `${refs.entryIdentity(entry.section, entry.name)}/${refs.SECTIONS[entry.section]!.key2}`,
            }
          : refs.keyLocation(file, entry),
        suggestions: [
          {
            messageId: 'removeEntry',
            data: { entry: refs.SECTIONS[entry.section]!.path.at(-1)!, name: target.name },
            changes: [fixes.remove(refs.entryLocation(file, entry))],
          },
        ],
      });
    };
    for (const referrer of index.referrers) {
      const layoutObject = referrer.type === 'Layout' ? layoutObjectOf(referrer.name) : undefined;
      for (const { file, refs: table } of referrer.files) {
        // The record types this file's layout assignments name, resolved once each.
        const recordTypes = new Map<number, Target | undefined>();
        for (let run = 0; run < table.sections.length; run++) {
          const missing = index.missing(table, run, layoutObject, checked);
          if (missing.length > 0) {
            const wanted = new Set(missing);
            const first = table.first[run]!;
            for (const entry of index.entries(table, run, (i) => wanted.has(i))) {
              const member = index.member(table, run, entry.index - first);
              reportMissing(file.path, entry, index.target(table.sections[run]!, table.owners[run]!, member, layoutObject), false);
            }
          }
          if (table.sections[run] === refs.SECTION['layoutAssignments']) {
            for (const { entry, target } of recordTypesOfAssignments(index, table, run, checked, recordTypes))
              reportMissing(file.path, entry, target, true);
          }
        }
      }
    }
  },
});

/** The record types that a run of layout assignments names and the project lacks (read only where one could be checked). */
function recordTypesOfAssignments(
  index: ReferenceIndex,
  table: RefTable,
  run: number,
  checked: ReadonlySet<Scope>,
  missing: Map<number, Target | undefined>,
): { entry: refs.RefEntry; target: Target }[] {
  // Only where the object's record types could be checked at all.
  if (!checked.has(index.recordTypeScope(table.owners[run]!))) return [];
  // First from the record types' names alone (each once per file), then the places of the entries that name a missing one.
  const wanted = new Map<number, Target>();
  refs.readFlags(table, run, (indexInRun, _member, _flags, member2) => {
    if (member2 < 0) return;
    if (!missing.has(member2)) {
      const target = index.recordType(refs.decodeMember(table, member2));
      missing.set(member2, checked.has(target.scope) && !index.defines(target) ? target : undefined);
    }
    const target = missing.get(member2);
    if (target) wanted.set(indexInRun, target);
  });
  if (wanted.size === 0) return [];
  const first = table.first[run]!;
  return index.entries(table, run, (i) => wanted.has(i)).map((entry) => ({ entry, target: wanted.get(entry.index - first)! }));
}
