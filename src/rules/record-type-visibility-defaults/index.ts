// Rule: a profile's record type visibilities for one object name one visible default; two defaults, or a hidden one, fail the deploy.
import { defineRule, fixes, related, type Report, type ReportFix } from '../../engine/index.js';
import type { Change, Location } from '../../findings/index.js';
import { refs } from '../../model/index.js';

type RefEntry = refs.RefEntry;

const DEFAULT = 0;
const PERSON_DEFAULT = 1;
const VISIBLE = 2;
/** Person account record types are Account record types (https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_guidelines_personaccounts.htm). */
const PERSON_ACCOUNT_OBJECT = 'account';

export default defineRule({
  meta: {
    id: 'record-type-visibility-defaults',
    description: 'A profile gives each object with visible record types exactly one visible default record type',
    category: 'deployability',
    defaultSeverity: 'error',
    tags: ['deploy', 'profiles', 'record-types'],
    messages: {
      multipleDefaults: '{{object}} has more than one default record type in this profile: {{recordType}} and {{first}}.',
      defaultNotVisible: 'The default record type {{recordType}} is not visible in this profile.',
      noDefault: 'Record types of {{object}} are visible in this profile, but none is the default.',
      multiplePersonDefaults: 'Account has more than one person account default record type: {{recordType}} and {{first}}.',
      personDefaultNotVisible: 'The person account default record type {{recordType}} is not visible in this profile.',
    },
    needs: [],
    references: true,
    // Which record type is the default is a person's choice: suggestions only.
    fixable: 'suggestion',
    fixMessages: {
      keepFirstDefault: 'Keep {{first}} as the default and set default to false here.',
      makeDefault: 'Make {{recordType}} the default record type of {{object}}.',
      makeVisible: 'Make {{recordType}} visible in this profile.',
      unsetDefault: 'Set default to false on {{recordType}}.',
      keepFirstPersonDefault: 'Keep {{first}} as the person account default and set personAccountDefault to false here.',
      makePersonDefault: 'Make {{recordType}} the person account default record type.',
      unsetPersonDefault: 'Set personAccountDefault to false on {{recordType}}.',
    },
    scope: 'referrer',
  },
  check({ model, report }) {
    const index = model.references;
    const section = refs.SECTION['recordTypeVisibilities']!;
    for (const referrer of index.referrers) {
      if (referrer.type !== 'Profile') continue;
      for (const { file, refs: table } of referrer.files) {
        // The profile's record type visibilities by object, from their flags alone; a record type listed twice counts
        // once (duplicate-permission-entry reports it).
        const byObject = new Map<string, { visibilities: Visibility[]; seen: Set<number> }>();
        for (let run = 0; run < table.sections.length; run++) {
          if (table.sections[run] !== section) continue;
          const object = index.key(table.owners[run]!, undefined);
          let group = byObject.get(object);
          if (!group) byObject.set(object, (group = { visibilities: [], seen: new Set() }));
          const { visibilities, seen } = group;
          refs.readFlags(table, run, (indexInRun, member, flags) => {
            if (seen.has(member)) return;
            seen.add(member);
            visibilities.push({ run, indexInRun, flags });
          });
        }
        for (const [object, { visibilities }] of byObject) {
          const problems = objectProblems(object, visibilities);
          if (problems.length === 0) continue;
          // Only the entries a finding names are read with their places.
          const byRun = new Map<number, Map<number, Visibility>>();
          for (const v of problems.flatMap((p) => p.entries)) {
            let inRun = byRun.get(v.run);
            if (!inRun) byRun.set(v.run, (inRun = new Map()));
            inRun.set(v.indexInRun, v);
          }
          const entries = new Map<Visibility, RefEntry>();
          for (const [run, inRun] of byRun) {
            const first = table.first[run]!;
            for (const entry of index.entries(table, run, (i) => inRun.has(i))) entries.set(inRun.get(entry.index - first)!, entry);
          }
          for (const problem of problems) report(problem.report(file.path, entries));
        }
      }
    }
  },
});

/** One record type visibility of a profile: where it is (run, number in the run) and its flags. */
interface Visibility {
  run: number;
  indexInRun: number;
  flags: number;
}

/** A finding about some visibilities: which ones, and how to report it once they are read with their places. */
interface Problem {
  entries: Visibility[];
  report(file: string, read: Map<Visibility, RefEntry>): Report;
}

function flag(v: Visibility, which: number): boolean | undefined {
  return refs.flagBool(v.flags, refs.SECTION['recordTypeVisibilities']!, which);
}

/** The element of a flag that is set (kept flags always have their place). */
function at(file: string, entry: RefEntry, which: number): Location {
  return refs.flagLocation(file, entry, which)!;
}

/**
 * Sets a flag of an entry: its element's value, or a new element in the Metadata API's order (`default`,
 * `personAccountDefault`, `recordType`, `visible`) when the entry has none.
 */
function setFlag(file: string, entry: RefEntry, which: number, value: boolean): Change {
  const element = refs.flagLocation(file, entry, which);
  if (element) return fixes.setText(element, String(value));
  return fixes.insert(refs.entryLocation(file, entry), fixes.leaf(refs.SECTIONS[entry.section]!.flags[which]!.name, String(value)));
}

/**
 * Makes one record type the only default (or person account default) of its object: its flag on, every other
 * default's off, and visible when it is not.
 */
function onlyDefault(
  file: string,
  read: Map<Visibility, RefEntry>,
  chosen: Visibility,
  defaults: readonly Visibility[],
  which: number,
): Change[] {
  const entry = read.get(chosen)!;
  const changes = [setFlag(file, entry, which, true)];
  for (const other of defaults) if (other !== chosen) changes.push(setFlag(file, read.get(other)!, which, false));
  if (flag(chosen, VISIBLE) !== true) changes.push(setFlag(file, entry, VISIBLE, true));
  return changes;
}

/** The problems of one object's record types in one profile. */
function objectProblems(object: string, visibilities: Visibility[]): Problem[] {
  const found: Problem[] = [];
  const objectOf = (entry: RefEntry) => entry.name.slice(0, entry.name.indexOf('.'));
  const defaults = visibilities.filter((v) => flag(v, DEFAULT) === true);
  const visible = visibilities.filter((v) => flag(v, VISIBLE) === true);
  for (const extra of defaults.slice(1)) {
    found.push({
      entries: defaults,
      report: (file, read): Report => {
        const entry = read.get(extra)!;
        const first = read.get(defaults[0]!)!;
        return {
          messageId: 'multipleDefaults',
          data: { object: objectOf(entry), recordType: entry.name, first: first.name },
          location: at(file, entry, DEFAULT),
          related: [related(at(file, first, DEFAULT), 'The first default record type')],
          suggestions: [
            { messageId: 'keepFirstDefault', data: { first: first.name }, changes: [setFlag(file, entry, DEFAULT, false)] },
            {
              messageId: 'makeDefault',
              data: { recordType: entry.name, object: objectOf(entry) },
              changes: onlyDefault(file, read, extra, defaults, DEFAULT),
            },
          ],
        };
      },
    });
  }
  for (const v of defaults) {
    if (flag(v, VISIBLE) !== false) continue;
    // Off as a default, the record type leaves its object without one only when another is visible and none is default.
    const unsetLeavesDefault = visible.length === 0 || defaults.some((d) => d !== v && flag(d, VISIBLE) === true);
    found.push({
      entries: [v],
      report: (file, read): Report => {
        const entry = read.get(v)!;
        const suggestions: ReportFix[] = [
          { messageId: 'makeVisible', data: { recordType: entry.name }, changes: [setFlag(file, entry, VISIBLE, true)] },
        ];
        if (unsetLeavesDefault)
          suggestions.push({
            messageId: 'unsetDefault',
            data: { recordType: entry.name },
            changes: [setFlag(file, entry, DEFAULT, false)],
          });
        return {
          messageId: 'defaultNotVisible',
          data: { recordType: entry.name },
          location: at(file, entry, VISIBLE),
          suggestions,
        };
      },
    });
  }
  if (defaults.length === 0 && visible.length > 0) {
    // A profile deploys over the org's: the org may already hold a default for the object.
    found.push({
      entries: visible,
      report: (file, read): Report => ({
        messageId: 'noDefault',
        data: { object: objectOf(read.get(visible[0]!)!) },
        location: refs.keyLocation(file, read.get(visible[0]!)!),
        cap: 'warning',
        suggestions: visible.map((v) => ({
          messageId: 'makeDefault',
          data: { recordType: read.get(v)!.name, object: objectOf(read.get(v)!) },
          changes: [setFlag(file, read.get(v)!, DEFAULT, true)],
        })),
      }),
    });
  }
  if (object === PERSON_ACCOUNT_OBJECT) {
    // Ignored by orgs without person accounts, where CumulusCI's own templates set it on every entry: notes only.
    const personDefaults = visibilities.filter((v) => flag(v, PERSON_DEFAULT) === true);
    for (const extra of personDefaults.slice(1)) {
      found.push({
        entries: personDefaults,
        report: (file, read): Report => {
          const entry = read.get(extra)!;
          const first = read.get(personDefaults[0]!)!;
          return {
            messageId: 'multiplePersonDefaults',
            data: { recordType: entry.name, first: first.name },
            location: at(file, entry, PERSON_DEFAULT),
            related: [related(at(file, first, PERSON_DEFAULT), 'The first person account default record type')],
            cap: 'note',
            suggestions: [
              {
                messageId: 'keepFirstPersonDefault',
                data: { first: first.name },
                changes: [setFlag(file, entry, PERSON_DEFAULT, false)],
              },
              {
                messageId: 'makePersonDefault',
                data: { recordType: entry.name },
                changes: onlyDefault(file, read, extra, personDefaults, PERSON_DEFAULT),
              },
            ],
          };
        },
      });
    }
    for (const v of personDefaults) {
      if (flag(v, VISIBLE) !== false) continue;
      found.push({
        entries: [v],
        report: (file, read): Report => {
          const entry = read.get(v)!;
          return {
            messageId: 'personDefaultNotVisible',
            data: { recordType: entry.name },
            location: at(file, entry, VISIBLE),
            cap: 'note',
            suggestions: [
              { messageId: 'makeVisible', data: { recordType: entry.name }, changes: [setFlag(file, entry, VISIBLE, true)] },
              { messageId: 'unsetPersonDefault', data: { recordType: entry.name }, changes: [setFlag(file, entry, PERSON_DEFAULT, false)] },
            ],
          };
        },
      });
    }
  }
  return found;
}
