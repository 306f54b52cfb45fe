// The listing kept between runs (in the cache, and in the language server's memory) is never wrong: a file added,
// removed or renamed between two runs is seen whether or not its folder's times were put back, a folder changed a
// moment before it was listed is listed again, and a run whose folders are all as recorded gives exactly what listing
// everything again gives. The edits of fixes kept in the cache are those a run without it works out.
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lint, type LintOptions } from '../../src/api/index.js';
import { FORMATTERS } from '../../src/formatters/index.js';
import { changedTooRecently, discover, Listing, locateProject, type Project } from '../../src/project/index.js';
import { tempDir } from '../support/fixtures.js';
import { SAMPLE } from '../support/paths.js';

const D = 'force-app/main/default';
const PROFILES = `${D}/profiles`;
const ADMIN = `${PROFILES}/Admin.profile-meta.xml`;
/** Folders changed a moment before they are listed are not trusted (see changedTooRecently): wait that moment out. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 250));

function copySample(): string {
  const root = tempDir('sfmeta-lint-listing-');
  cpSync(SAMPLE, root, { recursive: true });
  return root;
}

const listed = (project: Project) => ({ files: project.files, skipped: project.skipped, targets: project.targets });

/** The project as a fresh discovery lists it, and as one with the listing (in memory, then read back from its snapshot). */
async function compare(root: string, listing: Listing): Promise<{ reused: boolean }> {
  const location = locateProject(root, []);
  const fresh = await discover(location);
  const kept = await discover(location, { listing });
  expect(listed(kept)).toEqual(listed(fresh));
  const snapshot = listing.toSnapshot();
  if (snapshot) expect(listed(await discover(location, { listing: Listing.fromSnapshot(snapshot) }))).toEqual(listed(fresh));
  return { reused: listing.reused };
}

/** The JSON report of one run, fix edits included (as the CLI writes it). */
async function report(cwd: string, options: LintOptions = {}): Promise<string> {
  const result = await lint({ cwd, today: '2026-01-01', fixEdits: true, ...options });
  return FORMATTERS['json']!(result, { color: false });
}

describe('the listing kept between runs', () => {
  it('reuses the last result only when no folder changed, and sees a file added, removed or renamed', async () => {
    const root = copySample();
    const listing = new Listing();
    await compare(root, listing);
    await settle();
    // Listed once more after the wait: now every folder can be trusted, and the next run stats them only.
    await compare(root, listing);
    expect((await compare(root, listing)).reused).toBe(true);

    writeFileSync(path.join(root, PROFILES, 'New.profile-meta.xml'), readFileSync(path.join(root, ADMIN)));
    expect((await compare(root, listing)).reused).toBe(false);
    rmSync(path.join(root, PROFILES, 'New.profile-meta.xml'));
    await compare(root, listing);
    renameSync(path.join(root, ADMIN), path.join(root, PROFILES, 'Renamed.profile-meta.xml'));
    await compare(root, listing);
    mkdirSync(path.join(root, D, 'objects', 'Ticket__c', 'validationRules'));
    writeFileSync(path.join(root, D, 'objects', 'Ticket__c', 'validationRules', 'Check.validationRule-meta.xml'), '<x/>');
    await compare(root, listing);
    rmSync(path.join(root, D, 'objects', 'Ticket__c'), { recursive: true });
    await compare(root, listing);
  });

  it('sees an entry added to a folder whose modification time was put back', async () => {
    const root = copySample();
    const folder = path.join(root, PROFILES);
    const listing = new Listing();
    // A time that survives being written back exactly.
    const then = new Date('2026-01-01T00:00:00Z');
    utimesSync(folder, then, then);
    await settle();
    await compare(root, listing);
    await compare(root, listing);
    expect(listing.reused).toBe(true);
    writeFileSync(path.join(folder, 'Hidden.profile-meta.xml'), readFileSync(path.join(root, ADMIN)));
    utimesSync(folder, then, then);
    expect(statSync(folder).mtimeMs).toBe(then.getTime());
    // The change time cannot be put back: it tells.
    expect((await compare(root, listing)).reused).toBe(false);
  });

  it('lists a folder changed a moment before it was listed again, and one with a link every time', async () => {
    const root = copySample();
    const listing = new Listing();
    const location = locateProject(root, []);
    // Just copied: no folder can be trusted yet, so none is recorded and nothing can be reused.
    await discover(location, { listing });
    expect(listing.toSnapshot()).toBeUndefined();
    await discover(location, { listing });
    expect(listing.reused).toBe(false);

    await settle();
    symlinkSync(path.join(root, ADMIN), path.join(root, PROFILES, 'Linked.profile-meta.xml'));
    await settle();
    await compare(root, listing);
    expect(listing.toSnapshot()).toBeUndefined();
    expect((await compare(root, listing)).reused).toBe(false);
  });

  it('tells a change within a clock tick: whole-second file systems get two seconds', () => {
    expect(changedTooRecently({ mtimeMs: 1_000_000.5, ctimeMs: 1_000_000.5 }, 1_000_050)).toBe(true);
    expect(changedTooRecently({ mtimeMs: 1_000_000.5, ctimeMs: 1_000_000.5 }, 1_000_200)).toBe(false);
    expect(changedTooRecently({ mtimeMs: 1_000_000, ctimeMs: 1_000_000 }, 1_001_500)).toBe(true);
    expect(changedTooRecently({ mtimeMs: 1_000_000, ctimeMs: 1_000_000 }, 1_002_500)).toBe(false);
  });

  it('a snapshot that cannot be read lists everything again', async () => {
    const root = copySample();
    const listing = Listing.fromSnapshot(Buffer.from('{ not json'));
    const location = locateProject(root, []);
    expect(listed(await discover(location, { listing }))).toEqual(listed(await discover(location)));
  });
});

describe('--cache between runs', () => {
  it('gives what a run without it gives, after random changes to the files (fix edits included)', async () => {
    const root = copySample();
    const options: LintOptions = { cache: true, cacheLocation: path.join(tempDir('sfmeta-lint-listing-cache-'), 'cache') };
    const profiles = ['Admin', 'Custom%3A Sales Profile', 'Partner Community User'].map((name) => `${PROFILES}/${name}.profile-meta.xml`);
    const change = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), from: fc.constantFrom(...profiles), name: fc.constantFrom('A', 'B') }),
      fc.record({ kind: fc.constant('remove' as const), name: fc.constantFrom('A', 'B') }),
      fc.record({ kind: fc.constant('rename' as const), name: fc.constantFrom('A', 'B') }),
      fc.record({ kind: fc.constant('edit' as const), file: fc.constantFrom(...profiles) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(change, fc.boolean()), { minLength: 3, maxLength: 8 }), async (changes) => {
        for (const [step, wait] of changes) {
          const at = (name: string) => path.join(root, PROFILES, `${name}.profile-meta.xml`);
          if (step.kind === 'add') writeFileSync(at(step.name), readFileSync(path.join(root, step.from)));
          else if (step.kind === 'remove') rmSync(at(step.name), { force: true });
          else if (step.kind === 'rename') {
            try {
              renameSync(at(step.name), at(step.name === 'A' ? 'B' : 'A'));
            } catch {
              // Nothing to rename.
            }
          } else {
            const file = path.join(root, step.file);
            const text = readFileSync(file, 'utf8');
            writeFileSync(
              file,
              text.includes('<enabled>true</enabled>')
                ? text.replace('<enabled>true</enabled>', '<enabled>false</enabled>')
                : text.replace('<enabled>false</enabled>', '<enabled>true</enabled>'),
            );
          }
          // Some changes come long enough after the last run for its folders to be trusted, some right after.
          if (wait) await settle();
          expect(await report(root, options)).toBe(await report(root));
        }
      }),
      { numRuns: 6, seed: 20261206 },
    );
  }, 120_000);

  it('keeps the edits of the findings, and works them out again when a file changed', async () => {
    const root = copySample();
    const options: LintOptions = { cache: true, cacheLocation: path.join(tempDir('sfmeta-lint-listing-cache-'), 'cache') };
    const notes: Record<string, string> = {};
    const timed = { ...options, onTiming: (phase: string, _ms: number, note?: string) => (notes[phase] = note ?? '') };
    await report(root, options);
    await settle();
    await report(root, options);
    expect(await report(root, timed)).toBe(await report(root));
    expect(notes['edits']).toBe('from the cache');
    expect(notes['discover']).toMatch(/no folder changed/u);
    const file = path.join(root, `${PROFILES}/Custom%3A Sales Profile.profile-meta.xml`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('<enabled>true</enabled>', '<enabled>false</enabled>'));
    expect(await report(root, timed)).toBe(await report(root));
    expect(notes['edits']).toBe('');
  });
});
