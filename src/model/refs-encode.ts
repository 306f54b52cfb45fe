// Orders a file's reference entries and encodes them into a RefTable (the compact form refs.ts describes).
import type { LineIndex } from '../xml/index.js';
import { IntTable } from './int-table.js';
import { hashName, memberKind } from './reference-names.js';
import { ByteWriter, flagValue, key2Bit, MEMBER_RESTART, SECTIONS } from './refs.js';
import { childSlot, E_END, E_FLAGS, E_KEY, E_KEY2, E_SECTION, E_START, Entries, STRIDE } from './refs-entries.js';
import type { RefTable } from './types.js';

/** The entries in document order: those from the tree come first, then the cut ones, each in document order. */
function entryOrder(entries: Entries, fromTree: number): Int32Array {
  const d = entries.data;
  const count = entries.count;
  const order = new Int32Array(count);
  let a = 0;
  let b = fromTree;
  for (let o = 0; o < count; o++) {
    if (b >= count || (a < fromTree && d[a * STRIDE + E_START]! < d[b * STRIDE + E_START]!)) order[o] = a++;
    else order[o] = b++;
  }
  return order;
}

function sameRegion(a: string, a0: number, a1: number, b: string, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let k = 0; k < a1 - a0; k++) if (a.charCodeAt(a0 + k) !== b.charCodeAt(b0 + k)) return false;
  return true;
}

/** Turns positions into the encoding's numbers: one instance per file, walking forward through its lines. */
class Positions {
  line = 0;
  column = 0;
  constructor(private readonly lines: LineIndex) {}

  /** Sets line (1-based) and column for `offset`, searching forward from the 0-based line `from`. */
  at(offset: number, from: number): void {
    const line = this.lines.lineAfter(offset, from);
    this.line = line + 1;
    this.column = offset - this.lines.lineStart(line) + 1;
  }
}

const decoder = new TextDecoder();

/** A fresh copy of source[start, end): a slice could keep the whole file's text alive. */
function copyOf(source: string, start: number, end: number, scratch: ByteWriter): string {
  scratch.reset();
  scratch.text(source, start, end);
  let at = 0;
  while (scratch.buffer[at]! >= 0x80) at++;
  return decoder.decode(scratch.buffer.subarray(at + 1, scratch.length));
}

/**
 * A file's distinct name rests (members), each written once: a profile lists the same field names under many objects.
 * Members are exact (case kept); ids follow first appearance. One instance serves every file of a thread (reset()).
 */
class Members {
  readonly bytes = new ByteWriter();
  /** Member id by the hash of its text; ids sharing a hash with an earlier member (rare) are in `more`. */
  private readonly ids = new IntTable();
  private readonly more = new Map<number, number[]>();
  /** Per id: where its text is (source 0 is the file's text, k is values[k - 1]), its hash and kind. */
  private sources = new Int32Array(1024);
  private starts = new Int32Array(1024);
  private ends = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private kinds = new Uint8Array(1024);
  private restarts: number[] = [];
  private text = '';
  private values: string[] = [];
  count = 0;

  reset(text: string, values: string[]): void {
    this.bytes.reset();
    this.ids.clear();
    this.more.clear();
    this.restarts = [];
    this.text = text;
    this.values = values;
    this.count = 0;
  }

  id(source: number, start: number, end: number): number {
    const str = source === 0 ? this.text : this.values[source - 1]!;
    // The case-blind hash (the reference index's) keys the table too: members differing only in case share a slot
    // (rare, and same() tells them apart), and a new member needs no second pass over its text.
    const hash = hashName(str, start, end);
    const first = this.ids.get(hash);
    if (first >= 0) {
      if (this.same(first, str, start, end)) return first;
      for (const id of this.more.get(hash) ?? []) if (this.same(id, str, start, end)) return id;
    }
    const id = this.count++;
    if (first < 0) this.ids.set(hash, id);
    else this.more.set(hash, [...(this.more.get(hash) ?? []), id]);
    if (id >= this.starts.length) this.grow();
    // Front coding against the previous member (first appearances follow the sorted fieldPermissions); every
    // MEMBER_RESTART-th member is written whole, so that one can be read without the ones before it.
    let shared = 0;
    if (id % MEMBER_RESTART === 0) this.restarts.push(this.bytes.length);
    else {
      const ps = this.textOf(id - 1);
      const p0 = this.starts[id - 1]!;
      const most = Math.min(end - start, this.ends[id - 1]! - p0);
      while (shared < most) {
        const c = str.charCodeAt(start + shared);
        if (c >= 0x80 || c !== ps.charCodeAt(p0 + shared)) break;
        shared++;
      }
    }
    // Most members end with `__c`: a bit says so instead of three bytes.
    const custom = end - start - shared >= 3 && str.endsWith('__c', end);
    this.bytes.uint(shared * 2 + (custom ? 1 : 0));
    this.bytes.text(str, start + shared, custom ? end - 3 : end);
    this.sources[id] = source;
    this.starts[id] = start;
    this.ends[id] = end;
    this.hashes[id] = hash;
    this.kinds[id] = memberKind(str, start, end, hash);
    return id;
  }

  /** The members' encoding: their count, then each one (see refs.ts), where the whole ones start, hashes and kinds. */
  take(): Pick<RefTable, 'members' | 'membersAt' | 'memberHashes' | 'memberKinds'> {
    const head = new ByteWriter();
    head.uint(this.count);
    const members = new Uint8Array(head.length + this.bytes.length);
    members.set(head.buffer.subarray(0, head.length));
    members.set(this.bytes.buffer.subarray(0, this.bytes.length), head.length);
    return {
      members,
      membersAt: Int32Array.from(this.restarts, (at) => at + head.length),
      memberHashes: this.hashes.slice(0, this.count),
      memberKinds: this.kinds.slice(0, this.count),
    };
  }

  private textOf(id: number): string {
    const source = this.sources[id]!;
    return source === 0 ? this.text : this.values[source - 1]!;
  }

  private same(id: number, str: string, start: number, end: number): boolean {
    return sameRegion(this.textOf(id), this.starts[id]!, this.ends[id]!, str, start, end);
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const grown = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.sources = grown(this.sources, (n) => new Int32Array(n));
    this.starts = grown(this.starts, (n) => new Int32Array(n));
    this.ends = grown(this.ends, (n) => new Int32Array(n));
    this.hashes = grown(this.hashes, (n) => new Int32Array(n));
    this.kinds = grown(this.kinds, (n) => new Uint8Array(n));
  }
}

/** Reused from file to file on a thread: extraction is synchronous, and these grow to the largest file's size. */
export const SCRATCH = {
  entries: new Entries(),
  places: new ByteWriter(),
  names: new ByteWriter(),
  members: new Members(),
  text: new ByteWriter(),
  /** Repeats: the entry that first had a key (section, owner, member; or object and record type). */
  seen: new IntTable(),
  /** Owners by the hash of their text, for the repeats' keys. */
  owners: new Map<number, number>(),
};

// Repeats' keys are numbers: the section, the owner's number and the member's, within 2^53.
const OWNER_FACTOR = 2 ** 21;
const SECTION_FACTOR = 2 ** 42;
const SMALL_OWNERS = 1024;
const SMALL_MEMBERS = 2 ** 14;
const SMALL_KEYS = SMALL_MEMBERS * SMALL_OWNERS * 64;

/** The file's entries, in document order, encoded as a RefTable (see refs.ts). */
export function encode(entries: Entries, fromTree: number, text: string, lines: LineIndex): RefTable | undefined {
  const d = entries.data;
  const values = entries.values;
  const order = entryOrder(entries, fromTree);
  const { places, names, members, seen, owners } = SCRATCH;
  places.reset();
  names.reset();
  members.reset(text, values);
  seen.clear();
  owners.clear();
  const runSections: number[] = [];
  const runOwners: string[] = [];
  const runFirst: number[] = [];
  const runNamesAt: number[] = [];
  const runPlacesAt: number[] = [];
  const position = new Positions(lines);
  const shape = new Int32Array(24);
  const previous = new Int32Array(24);
  let previousSize = -1;
  let runCount = 0;
  let section = -1;
  let ownerSource = '';
  let owner0 = 0;
  let owner1 = 0;
  let ownerNumber = 0;
  let endLine = 0;
  let lineHint = 0;
  const repeats: number[] = [];
  let number = 0;
  let base = 0;
  let size = 0;
  let startLine = 0;
  let from = 0;
  /** Adds an inner element's numbers to the shape: the element at `slot`, whose text is `valueLength` long. */
  const element = (slot: number, valueLength: number) => {
    position.at(d[base + slot]!, from);
    const line = position.line;
    const column = position.column;
    shape[size++] = line - startLine;
    shape[size++] = column;
    position.at(d[base + slot + 1]!, line - 1);
    shape[size++] = position.line - line;
    shape[size++] = position.line === line ? position.column - column - valueLength : position.column;
  };

  for (let o = 0; o < order.length; o++) {
    base = order[o]! * STRIDE;
    // An entry names something when its first name element is a leaf with text.
    if (d[base + E_KEY]! === -1 || d[base + E_KEY + 3]! <= d[base + E_KEY + 2]! || d[base + E_END]! === -1) continue;
    const sectionId = d[base + E_SECTION]!;
    const spec = SECTIONS[sectionId]!;
    const keySource = d[base + E_KEY + 4]!;
    const source = keySource === 0 ? text : values[keySource - 1]!;
    const v0 = d[base + E_KEY + 2]!;
    const v1 = d[base + E_KEY + 3]!;
    let o1 = v0;
    let m0 = v0;
    // Whether the owner is the run's: found in the same pass as the separator (most entries continue a run).
    let sameOwner = sectionId === section && runCount > 0;
    if (spec.separator) {
      // Searched within the name only: the source is often the whole file.
      const separator = spec.separator.charCodeAt(0);
      const ownerLength = owner1 - owner0;
      let differs = false;
      for (let k = v0; k < v1; k++) {
        const c = source.charCodeAt(k);
        if (c === separator) {
          o1 = k;
          m0 = k + 1;
          break;
        }
        if (!differs && (k - v0 >= ownerLength || c !== ownerSource.charCodeAt(owner0 + k - v0))) differs = true;
      }
      // Without a separator the owner is empty, whatever the characters were.
      if (o1 > v0 ? differs || o1 - v0 !== ownerLength : ownerLength !== 0) sameOwner = false;
    } else if (owner1 !== owner0) sameOwner = false;
    if (!sameOwner) {
      runCount = 0;
      section = sectionId;
      ownerSource = source;
      owner0 = v0;
      owner1 = o1;
      const ownerHash = hashName(source, v0, o1);
      ownerNumber = owners.get(ownerHash) ?? owners.size;
      if (!owners.has(ownerHash)) owners.set(ownerHash, ownerNumber);
      runSections.push(sectionId);
      runOwners.push(o1 > v0 ? copyOf(source, v0, o1, SCRATCH.text) : '');
      runFirst.push(number);
      runNamesAt.push(names.length);
      runPlacesAt.push(places.length);
      previousSize = -1;
    }
    const member = members.id(keySource, m0, v1);
    names.uint(member);

    // The entry's places.
    let flags = d[base + E_FLAGS]!;
    const hasKey2 = spec.key2 !== undefined && d[base + E_KEY2]! !== -1 && d[base + E_KEY2 + 3]! > d[base + E_KEY2 + 2]!;
    if (hasKey2) flags |= key2Bit(sectionId);
    const member2 = hasKey2 ? members.id(d[base + E_KEY2 + 4]!, d[base + E_KEY2 + 2]!, d[base + E_KEY2 + 3]!) : -1;
    size = 0;
    position.at(d[base + E_START]!, lineHint);
    startLine = position.line;
    const startColumn = position.column;
    from = startLine - 1;
    shape[size++] = startLine - (runCount === 0 ? 0 : endLine);
    shape[size++] = startColumn;
    position.at(d[base + E_END]!, from);
    shape[size++] = position.line - startLine;
    shape[size++] = position.line === startLine ? position.column - startColumn : position.column;
    endLine = position.line;
    lineHint = endLine - 1;
    if (spec.key) element(E_KEY, v1 - v0);
    if (hasKey2) element(E_KEY2, d[base + E_KEY2 + 3]! - d[base + E_KEY2 + 2]!);
    for (let f = 0; f < spec.flags.length; f++) {
      if (spec.flags[f]!.located && flagValue(flags, sectionId, f) !== 0) element(childSlot(2 + f), 0);
    }
    let same = size === previousSize;
    for (let k = 0; same && k < size; k++) same = shape[k] === previous[k];
    places.uint(flags * 2 + (same ? 0 : 1));
    if (hasKey2) places.uint(member2);
    if (!same) {
      for (let k = 0; k < size; k++) places.uint(shape[k]!);
      previous.set(shape.subarray(0, size));
      previousSize = size;
    }
    runCount++;

    // Repeats: the same section and name (for a layout assignment: the same object and record type), exactly.
    if (!spec.defines && spec.roots[0] !== 'Layout') {
      const rest = spec.key2 !== undefined ? member2 + 1 : member;
      // A small integer when it fits (a faster map key), else a larger exact one.
      const key =
        ownerNumber < SMALL_OWNERS && rest < SMALL_MEMBERS
          ? (rest * SMALL_OWNERS + ownerNumber) * 64 + sectionId
          : sectionId * SECTION_FACTOR + ownerNumber * OWNER_FACTOR + rest + SMALL_KEYS;
      const earlier = seen.get(key);
      if (earlier < 0) seen.set(key, number);
      else repeats.push(number, earlier);
    }
    number++;
  }
  if (runSections.length === 0) return undefined;
  runFirst.push(number);
  return {
    sections: Uint8Array.from(runSections),
    owners: runOwners,
    first: Int32Array.from(runFirst),
    ...members.take(),
    names: names.take(),
    namesAt: Int32Array.from(runNamesAt),
    places: places.take(),
    placesAt: Int32Array.from(runPlacesAt),
    repeats: Int32Array.from(repeats),
  };
}
