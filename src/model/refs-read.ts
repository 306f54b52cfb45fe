// Reads a RefTable back: its runs, members, names, flags and the exact ranges of each entry's elements.
import type { Location, Range } from '../findings/index.js';
import { ByteReader, MEMBER_RESTART, SECTIONS, flagValue, key2Bit } from './refs.js';
import type { RefTable } from './types.js';

/** How many entries a run holds. */
export function runLength(table: RefTable, run: number): number {
  return table.first[run + 1]! - table.first[run]!;
}

/** The file's distinct members (name rests), decoded. */
export function decodeMembers(table: RefTable): string[] {
  const reader = new ByteReader(table.members);
  const count = reader.uint();
  const out = new Array<string>(count);
  let previous = '';
  for (let i = 0; i < count; i++) {
    const header = reader.uint();
    previous = previous.slice(0, header >>> 1) + reader.text() + (header & 1 ? '__c' : '');
    out[i] = previous;
  }
  return out;
}

/** A run's entries' members, by position in the file's members. */
export function runMembers(table: RefTable, run: number, into?: Int32Array): Int32Array {
  const reader = new ByteReader(table.names);
  reader.pos = table.namesAt[run]!;
  const length = runLength(table, run);
  const out = into && into.length >= length ? into : new Int32Array(length);
  for (let i = 0; i < length; i++) out[i] = reader.uint();
  return out;
}

/**
 * A run's entries' flags and members, without their places or names (for rules that look at every entry and report a
 * few): `visit` gets the entry's number in the run, its member, its flags, and its second name's member (or -1).
 */
export function readFlags(
  table: RefTable,
  run: number,
  visit: (indexInRun: number, member: number, flags: number, member2: number) => void,
): void {
  const section = table.sections[run]!;
  const spec = SECTIONS[section]!;
  const ids = runMembers(table, run);
  const reader = new ByteReader(table.places);
  reader.pos = table.placesAt[run]!;
  for (let i = 0; i < ids.length; i++) {
    const header = reader.uint();
    const flags = Math.floor(header / 2);
    const member2 = spec.key2 !== undefined && (flags & key2Bit(section)) !== 0 ? reader.uint() : -1;
    if (header % 2 === 1) for (let k = shapeSize(section, flags); k > 0; k--) reader.uint();
    visit(i, ids[i]!, flags, member2);
  }
}

/** One member as text, read from the nearest whole one before it. */
export function decodeMember(table: RefTable, id: number): string {
  const reader = new ByteReader(table.members);
  const restart = Math.floor(id / MEMBER_RESTART);
  reader.pos = table.membersAt[restart]!;
  let member = '';
  for (let i = restart * MEMBER_RESTART; i <= id; i++) {
    const header = reader.uint();
    member = member.slice(0, header >>> 1) + reader.text() + (header & 1 ? '__c' : '');
  }
  return member;
}

/** A run's names (the rest after the owner). */
export function decodeNames(table: RefTable, run: number): string[] {
  return Array.from(runMembers(table, run), (id) => decodeMember(table, id));
}

/** One entry, read back with its places (see readRun). */
export interface RefEntry {
  /** The entry's number in its file (document order). */
  index: number;
  section: number;
  /** The whole name as written, e.g. `Account.Industry`. */
  name: string;
  flags: number;
  /** The entry element. */
  range: Range;
  /** The element holding the name (the entry itself for a leaf entry). */
  keyRange: Range;
  /** The second name (a layout assignment's record type) and its element. */
  name2?: string;
  key2Range?: Range;
  /** The kept flags' elements, by flag position. */
  flagRanges: (Range | undefined)[];
}

/** How many numbers an entry's shape holds: entry range, name range, second name's, kept flags'. */
function shapeSize(section: number, flags: number): number {
  const spec = SECTIONS[section]!;
  let size = spec.key ? 8 : 4;
  if (spec.key2 && flags & key2Bit(section)) size += 4;
  spec.flags.forEach((flag, i) => {
    if (flag.located && flagValue(flags, section, i) !== 0) size += 4;
  });
  return size;
}

function rangeFrom(shape: Int32Array | number[], at: number, baseLine: number, valueLength: number): Range {
  const startLine = baseLine + shape[at]!;
  const startColumn = shape[at + 1]!;
  const lines = shape[at + 2]!;
  const endColumn = lines === 0 ? shape[at + 3]! + startColumn + valueLength : shape[at + 3]!;
  return { startLine, startColumn, endLine: startLine + lines, endColumn };
}

/** Reads a run's entries with their places, calling `visit` for each (or for those `wanted`, by number in the run). */
export function readRun(table: RefTable, run: number, visit: (entry: RefEntry) => void, wanted?: (indexInRun: number) => boolean): void {
  const first = table.first[run]!;
  const ids = runMembers(table, run);
  const section = table.sections[run]!;
  const spec = SECTIONS[section]!;
  const owner = table.owners[run]!;
  const prefix = owner === '' ? '' : owner + spec.separator!;
  const reader = new ByteReader(table.places);
  reader.pos = table.placesAt[run]!;
  let shape: number[] = [];
  let line = 0;
  for (let i = 0; i < ids.length; i++) {
    const header = reader.uint();
    const flags = Math.floor(header / 2);
    const hasKey2 = spec.key2 !== undefined && (flags & key2Bit(section)) !== 0;
    const member2 = hasKey2 ? reader.uint() : -1;
    if (header % 2 === 1) {
      const size = shapeSize(section, flags);
      shape = new Array<number>(size);
      for (let k = 0; k < size; k++) shape[k] = reader.uint();
    }
    // The entry's lines are followed for every entry; its places are built for the wanted ones only.
    const startLine = (i === 0 ? 0 : line) + shape[0]!;
    line = startLine + shape[2]!;
    if (wanted && !wanted(i)) continue;
    const range = rangeFrom(shape, 0, startLine - shape[0]!, 0);
    const name2 = hasKey2 ? decodeMember(table, member2) : undefined;
    const name = prefix + decodeMember(table, ids[i]!);
    let at = 4;
    let keyRange = range;
    if (spec.key) {
      keyRange = rangeFrom(shape, at, range.startLine, name.length);
      at += 4;
    }
    let key2Range: Range | undefined;
    if (hasKey2) {
      key2Range = rangeFrom(shape, at, range.startLine, name2!.length);
      at += 4;
    }
    const flagRanges: (Range | undefined)[] = [];
    spec.flags.forEach((flag, f) => {
      if (!flag.located || flagValue(flags, section, f) === 0) return;
      flagRanges[f] = rangeFrom(shape, at, range.startLine, 0);
      at += 4;
    });
    visit({
      index: first + i,
      section,
      name,
      flags,
      range,
      keyRange,
      ...(hasKey2 ? { name2, key2Range } : {}),
      flagRanges,
    });
  }
}

/** The identity of an entry's element, as the views write them: `fieldPermissions[field=Account.Industry]`. */
export function entryIdentity(section: number, name: string): string {
  const spec = SECTIONS[section]!;
  const path = spec.path.join('/');
  return spec.key ? `${path}[${spec.key}=${name}]` : `${path}[${name}]`;
}

export function entryLocation(file: string, entry: RefEntry): Location {
  return { file, range: entry.range, element: entryIdentity(entry.section, entry.name) };
}

/** The element holding the entry's name (`<field>`), or the entry itself when it is a leaf. */
export function keyLocation(file: string, entry: RefEntry): Location {
  const spec = SECTIONS[entry.section]!;
  const identity = entryIdentity(entry.section, entry.name);
  return { file, range: entry.keyRange, element: spec.key ? `${identity}/${spec.key}` : identity };
}

export function flagLocation(file: string, entry: RefEntry, flag: number): Location | undefined {
  const range = entry.flagRanges[flag];
  if (!range) return undefined;
  const spec = SECTIONS[entry.section]!;
  return { file, range, element: `${entryIdentity(entry.section, entry.name)}/${spec.flags[flag]!.name}` };
}

/** Every entry of a table, in document order (for small tables and tests; the index reads runs as it needs them). */
export function allEntries(table: RefTable): RefEntry[] {
  const out: RefEntry[] = [];
  for (let run = 0; run < table.sections.length; run++) readRun(table, run, (entry) => out.push(entry));
  return out;
}
