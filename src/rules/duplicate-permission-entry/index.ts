// Rule: the same field, object, class, page, tab, record type or permission listed twice in one profile or permission set (merge debris).
import { defineRule, fixes, related, type Report } from '../../engine/index.js';
import { refs, type ReferenceIndex, type RefFile } from '../../model/index.js';

type RefEntry = refs.RefEntry;

const TYPES: ReadonlySet<string> = new Set(['Profile', 'PermissionSet', 'MutingPermissionSet', 'PermissionSetGroup']);
const LAYOUT_ASSIGNMENTS = refs.SECTION['layoutAssignments'];

export default defineRule({
  meta: {
    id: 'duplicate-permission-entry',
    description: 'A profile or permission set lists each field, object, class, page, tab, record type and permission once',
    category: 'deployability',
    defaultSeverity: 'warning',
    tags: ['deploy', 'permissions', 'merge'],
    messages: {
      repeated: '{{name}} is listed again in {{section}}.',
      conflicting: '{{name}} is listed again in {{section}}, with other values: {{here}} here, {{before}} before.',
    },
    needs: [],
    references: true,
    fixable: 'fix-and-suggestion',
    fixMessages: {
      removeRepeated: 'Remove the repeated {{section}} entry of {{name}}.',
      keepEarlier: 'Keep the earlier entry ({{before}}) and remove this one.',
      keepLater: 'Keep this entry ({{here}}) and remove the earlier one.',
    },
    scope: 'referrer',
  },
  check({ model, report }) {
    const index = model.references;
    for (const referrer of index.referrers) {
      if (!TYPES.has(referrer.type)) continue;
      const pairs: { later: Located; earlier: Located }[] = [];
      for (const file of referrer.files) {
        const { repeats } = file.refs;
        if (repeats.length === 0) continue;
        const numbers = new Set<number>();
        for (const n of repeats) numbers.add(n);
        const entries = entriesNumbered(index, file, numbers);
        for (let k = 0; k < repeats.length; k += 2)
          pairs.push({ later: { file, entry: entries.get(repeats[k]!)! }, earlier: { file, entry: entries.get(repeats[k + 1]!)! } });
      }
      // A decomposed permission set: the same entry in two of its files.
      if (referrer.files.length > 1) pairs.push(...acrossFiles(index, referrer.files));
      for (const { later, earlier } of pairs) {
        const { entry } = later;
        const section = refs.SECTIONS[entry.section]!.path.join('/');
        const [here, before] = differences(entry, earlier.entry);
        const name = entry.section === LAYOUT_ASSIGNMENTS ? assignmentName(entry) : entry.name;
        const location = refs.entryLocation(later.file.file.path, entry);
        const earlierLocation = refs.entryLocation(earlier.file.file.path, earlier.entry);
        // An exact repeat goes; between differing values only a person knows which one was meant.
        const repair: Pick<Report, 'fix' | 'suggestions'> =
          here === undefined
            ? { fix: { messageId: 'removeRepeated', data: { section, name: entry.name }, changes: [fixes.remove(location)] } }
            : {
                suggestions: [
                  { messageId: 'keepEarlier', data: { before: before ?? '' }, changes: [fixes.remove(location)] },
                  { messageId: 'keepLater', data: { here }, changes: [fixes.remove(earlierLocation)] },
                ],
              };
        report({
          messageId: here === undefined ? 'repeated' : 'conflicting',
          data: { name, section, here: here ?? '', before: before ?? '' },
          location,
          related: [related(earlierLocation, 'The earlier entry')],
          ...repair,
        });
      }
    }
  },
});

interface Located {
  file: RefFile;
  entry: RefEntry;
}

/** The entries with these numbers, read run by run. */
function entriesNumbered(index: ReferenceIndex, file: RefFile, numbers: ReadonlySet<number>): Map<number, RefEntry> {
  const found = new Map<number, RefEntry>();
  const { refs: table } = file;
  for (let run = 0; run < table.sections.length; run++) {
    const first = table.first[run]!;
    const end = table.first[run + 1]!;
    let any = false;
    for (const n of numbers) if (n >= first && n < end) any = true;
    if (any) for (const entry of index.entries(table, run, (i) => numbers.has(first + i))) found.set(entry.index, entry);
  }
  return found;
}

/** Entries of one section and name in two files of a decomposed permission set. */
function acrossFiles(index: ReferenceIndex, files: readonly RefFile[]): { later: Located; earlier: Located }[] {
  const seen = new Map<string, { file: RefFile; number: number }>();
  const wanted: { later: { file: RefFile; number: number }; earlier: { file: RefFile; number: number } }[] = [];
  for (const file of files) {
    const { refs: table } = file;
    for (let run = 0; run < table.sections.length; run++) {
      const first = table.first[run]!;
      const names = index.names(table, run);
      const owner = table.owners[run]!;
      const separator = refs.SECTIONS[table.sections[run]!]!.separator ?? '';
      names.forEach((name, i) => {
        const key = `${table.sections[run]}\u0000${owner === '' ? name : owner + separator + name}`;
        const earlier = seen.get(key);
        if (!earlier) seen.set(key, { file, number: first + i });
        else if (earlier.file !== file) wanted.push({ later: { file, number: first + i }, earlier });
      });
    }
  }
  const read = (at: { file: RefFile; number: number }): Located => ({
    file: at.file,
    entry: entriesNumbered(index, at.file, new Set([at.number])).get(at.number)!,
  });
  return wanted.map(({ later, earlier }) => ({ later: read(later), earlier: read(earlier) }));
}

/** A layout assignment is repeated per object and record type; name it by them. */
function assignmentName(entry: RefEntry): string {
  if (entry.name2 !== undefined) return `The layout assignment of record type ${entry.name2}`;
  const hyphen = entry.name.indexOf('-');
  return `The layout assignment of ${hyphen >= 0 ? entry.name.slice(0, hyphen) : entry.name} without a record type`;
}

/** What differs between two entries of one section, described for each ("editable=true", ...); undefined when nothing does. */
function differences(here: RefEntry, before: RefEntry): [string | undefined, string | undefined] {
  if (here.section === LAYOUT_ASSIGNMENTS) return here.name === before.name ? [undefined, undefined] : [here.name, before.name];
  const spec = refs.SECTIONS[here.section]!;
  const a: string[] = [];
  const b: string[] = [];
  spec.flags.forEach((flag, f) => {
    const mine = describe(here, f);
    const theirs = describe(before, f);
    if (mine !== theirs) {
      a.push(`${flag.name}=${mine}`);
      b.push(`${flag.name}=${theirs}`);
    }
  });
  return a.length === 0 ? [undefined, undefined] : [a.join(', '), b.join(', ')];
}

function describe(entry: RefEntry, flag: number): string {
  const spec = refs.SECTIONS[entry.section]!.flags[flag]!;
  if (spec.values) return refs.flagText(entry.flags, entry.section, flag) ?? '(none)';
  const value = refs.flagBool(entry.flags, entry.section, flag);
  return value === undefined ? '(none)' : String(value);
}
