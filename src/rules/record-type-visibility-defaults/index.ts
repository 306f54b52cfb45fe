// Rule: a profile's record type visibilities for one object name one visible default; two defaults, or a hidden one, fail the deploy.
import { defineRule, related, type Report } from '../../engine/index.js';
import type { Location } from '../../findings/index.js';
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
          const wanted = new Set(problems.flatMap((p) => p.entries));
          const entries = new Map<Visibility, RefEntry>();
          for (const run of new Set([...wanted].map((v) => v.run))) {
            const inRun = [...wanted].filter((v) => v.run === run);
            for (const entry of index.entries(table, run, (i) => inRun.some((v) => v.indexInRun === i)))
              entries.set(
                inRun.find((v) => v.indexInRun === entry.index - table.first[run]!)!,
                entry,
              );
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

/** The problems of one object's record types in one profile. */
function objectProblems(object: string, visibilities: Visibility[]): Problem[] {
  const found: Problem[] = [];
  const objectOf = (entry: RefEntry) => entry.name.slice(0, entry.name.indexOf('.'));
  const defaults = visibilities.filter((v) => flag(v, DEFAULT) === true);
  for (const extra of defaults.slice(1)) {
    found.push({
      entries: [extra, defaults[0]!],
      report: (file, read) => ({
        messageId: 'multipleDefaults',
        data: { object: objectOf(read.get(extra)!), recordType: read.get(extra)!.name, first: read.get(defaults[0]!)!.name },
        location: at(file, read.get(extra)!, DEFAULT),
        related: [related(at(file, read.get(defaults[0]!)!, DEFAULT), 'The first default record type')],
      }),
    });
  }
  for (const v of defaults) {
    if (flag(v, VISIBLE) === false)
      found.push({
        entries: [v],
        report: (file, read) => ({
          messageId: 'defaultNotVisible',
          data: { recordType: read.get(v)!.name },
          location: at(file, read.get(v)!, VISIBLE),
        }),
      });
  }
  const visible = visibilities.find((v) => flag(v, VISIBLE) === true);
  if (defaults.length === 0 && visible) {
    // A profile deploys over the org's: the org may already hold a default for the object.
    found.push({
      entries: [visible],
      report: (file, read) => ({
        messageId: 'noDefault',
        data: { object: objectOf(read.get(visible)!) },
        location: refs.keyLocation(file, read.get(visible)!),
        cap: 'warning',
      }),
    });
  }
  if (object === PERSON_ACCOUNT_OBJECT) {
    // Ignored by orgs without person accounts, where CumulusCI's own templates set it on every entry: notes only.
    const personDefaults = visibilities.filter((v) => flag(v, PERSON_DEFAULT) === true);
    for (const extra of personDefaults.slice(1)) {
      found.push({
        entries: [extra, personDefaults[0]!],
        report: (file, read) => ({
          messageId: 'multiplePersonDefaults',
          data: { recordType: read.get(extra)!.name, first: read.get(personDefaults[0]!)!.name },
          location: at(file, read.get(extra)!, PERSON_DEFAULT),
          related: [related(at(file, read.get(personDefaults[0]!)!, PERSON_DEFAULT), 'The first person account default record type')],
          cap: 'note',
        }),
      });
    }
    for (const v of personDefaults) {
      if (flag(v, VISIBLE) === false)
        found.push({
          entries: [v],
          report: (file, read) => ({
            messageId: 'personDefaultNotVisible',
            data: { recordType: read.get(v)!.name },
            location: at(file, read.get(v)!, VISIBLE),
            cap: 'note',
          }),
        });
    }
  }
  return found;
}
