// Reads a file's reference entries into a RefTable: from the cut blocks with a walk over offsets, and from the parsed tree.
import { isTrimmed, nameIs, skipElement, walkBlocks, type BlockVisitor, type LineIndex, type XmlElement } from '../xml/index.js';
import { ByteWriter, encodeFlag, flagValue, key2Bit, MEMBER_RESTART, SECTIONS, type SectionSpec } from './refs.js';
import type { Location } from '../findings/index.js';
import { IntTable } from './int-table.js';
import { hashName, memberKind } from './reference-names.js';
import type { FieldFacts, RefTable } from './types.js';

/** One element name on the way to the entries of a root type; `section` marks an entry element. */
interface Node {
  name: string;
  children: Node[];
  section?: SectionSpec;
  /** The child matched last: entries come in runs of one section. */
  last?: Node;
}

/** The sections a permission container's view is built from (see extract.ts): read like the references, from the cut blocks. */
export const VIEW_SECTIONS: ReadonlySet<string> = new Set(['userPermissions', 'objectPermissions', 'layoutAssignments']);

function trieFor(rootType: string, viewOnly: boolean): Node | undefined {
  const root: Node = { name: rootType, children: [] };
  for (const section of SECTIONS) {
    if (!section.roots.includes(rootType) || (viewOnly && !VIEW_SECTIONS.has(section.path[0]!))) continue;
    let node = root;
    for (const name of section.path) {
      let next = node.children.find((c) => c.name === name);
      if (!next) node.children.push((next = { name, children: [] }));
      node = next;
    }
    node.section = section;
  }
  return root.children.length > 0 ? root : undefined;
}

// Built once per root type; read-only afterwards but for the `last` match hint.
const TRIES = new Map<string, Node | undefined>();

function trie(rootType: string, viewOnly = false): Node | undefined {
  const key = viewOnly ? `${rootType}\u0000view` : rootType;
  if (!TRIES.has(key)) TRIES.set(key, trieFor(rootType, viewOnly));
  return TRIES.get(key);
}

/** The root children that hold a type's reference entries (so that the parse can cut them out and the walk read them). */
export function refRootChildren(rootType: string): ReadonlySet<string> | undefined {
  const node = trie(rootType);
  return node && new Set(node.children.map((c) => c.name));
}

function childNamed(node: Node, text: string, start: number, end: number): Node | undefined {
  const last = node.last;
  if (last && nameIs(text, start, end, last.name)) return last;
  for (const c of node.children) {
    if (nameIs(text, start, end, c.name)) {
      node.last = c;
      return c;
    }
  }
  return undefined;
}

// Per entry, in a flat scratch array: section, start, end, flags (encoded), the children seen (bit 0 the name, 1 the
// second name, 2 + f flag f), whether one of them was not a leaf; then per child (name, second name, each flag) the
// first element with its name: start, end, value start, value end, and the value's source: 0 for the file's text, or
// k for values[k - 1] (text from the tree, whose references are expanded).
const E_SECTION = 0;
const E_START = 1;
const E_END = 2;
const E_FLAGS = 3;
const E_SEEN = 4;
const E_ODD = 5;
const E_CHILD = 6;
const CHILD = 5;
/** The children an entry can have: its name, its second name, up to seven flags (objectPermissions). */
const MAX_CHILDREN = 9;
const STRIDE = E_CHILD + CHILD * MAX_CHILDREN;
const E_KEY = E_CHILD;
const E_KEY2 = E_CHILD + CHILD;

/** Where child `c` of an entry is in its record: 0 the name, 1 the second name, 2 + f flag f. */
function childSlot(c: number): number {
  return E_CHILD + CHILD * c;
}

/** Entries as they are found, before they are ordered and encoded (one instance serves every file of a thread). */
export class Entries {
  data = new Int32Array(STRIDE * 256);
  count = 0;
  /** How many came from the tree (they come first). */
  fromTree = 0;
  values: string[] = [];

  add(section: number, start: number): number {
    if ((this.count + 1) * STRIDE > this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const at = this.count * STRIDE;
    this.data.fill(-1, at, at + STRIDE);
    this.data[at + E_SECTION] = section;
    this.data[at + E_START] = start;
    this.data[at + E_FLAGS] = 0;
    this.data[at + E_SEEN] = 0;
    this.data[at + E_ODD] = 0;
    return this.count++;
  }

  value(text: string): number {
    this.values.push(text);
    return this.values.length;
  }

  reset(): void {
    this.count = 0;
    this.fromTree = 0;
    this.values = [];
  }

  section(i: number): number {
    return this.data[i * STRIDE + E_SECTION]!;
  }

  start(i: number): number {
    return this.data[i * STRIDE + E_START]!;
  }

  end(i: number): number {
    return this.data[i * STRIDE + E_END]!;
  }

  /** Whether a child the entry is read for has children of its own (the views then read the file's tree instead). */
  odd(i: number): boolean {
    return this.data[i * STRIDE + E_ODD]! !== 0;
  }

  /** The first element of child `c` (0 the name, 1 the second name, 2 + f flag f): [start, end, value start, value end]. */
  child(i: number, c: number): [number, number, number, number] | undefined {
    const at = i * STRIDE + childSlot(c);
    const d = this.data;
    return d[at]! === -1 ? undefined : [d[at]!, d[at + 1]!, d[at + 2]!, d[at + 3]!];
  }
}

/**
 * Reads a child of the entry `at`: its name, second name or a flag; the first element of each counts, as the views
 * read them. `text[nameStart, nameEnd)` is the child's name; its value is text[valueStart, valueEnd), or
 * values[source - 1] from the tree. `leaf` is false for an element with children of its own (it then names nothing).
 */
function entryChild(
  entries: Entries,
  at: number,
  section: SectionSpec,
  text: string,
  nameStart: number,
  nameEnd: number,
  start: number,
  end: number,
  valueStart: number,
  valueEnd: number,
  source: number,
  leaf: boolean,
): void {
  let c = -1;
  if (section.key && nameIs(text, nameStart, nameEnd, section.key)) c = 0;
  else if (section.key2 && nameIs(text, nameStart, nameEnd, section.key2)) c = 1;
  else {
    for (let f = 0; f < section.flags.length; f++) {
      if (nameIs(text, nameStart, nameEnd, section.flags[f]!.name)) {
        c = 2 + f;
        break;
      }
    }
  }
  if (c < 0) return;
  const d = entries.data;
  const base = at * STRIDE;
  if ((d[base + E_SEEN]! & (1 << c)) !== 0) return;
  d[base + E_SEEN] = d[base + E_SEEN]! | (1 << c);
  if (!leaf) {
    d[base + E_ODD] = 1;
    return;
  }
  const slot = base + childSlot(c);
  d[slot] = start;
  d[slot + 1] = end;
  d[slot + 2] = valueStart;
  d[slot + 3] = valueEnd;
  d[slot + 4] = source;
  if (c >= 2) {
    const encoded =
      source === 0
        ? encodeFlag(section.id, c - 2, text, valueStart, valueEnd)
        : encodeFlag(section.id, c - 2, entries.values[source - 1]!, 0, valueEnd);
    d[base + E_FLAGS] = d[base + E_FLAGS]! | encoded;
  }
}

/** Collects entries from cut blocks. */
class BlockCollector implements BlockVisitor {
  private readonly stack: (Node | undefined)[] = [];

  constructor(
    private readonly text: string,
    root: Node,
    private readonly entries: Entries,
  ) {
    this.stack[0] = root;
  }

  open(depth: number, start: number, nameStart: number, nameEnd: number, gt: number): boolean | number {
    const parent = this.stack[depth - 1];
    const node = parent && childNamed(parent, this.text, nameStart, nameEnd);
    if (!node) return false;
    this.stack[depth] = node;
    const section = node.section;
    if (!section) return true;
    if (!section.key) return false;
    // An entry: its children are read here, in one pass (most of a large profile is such entries).
    return this.entry(section, start, gt);
  }

  /** Reads the entry whose start tag ends at `gt`; returns the offset just after it. */
  private entry(section: SectionSpec, start: number, gt: number): number {
    const text = this.text;
    const entries = this.entries;
    const at = entries.add(section.id, start);
    for (let pos = gt + 1; ;) {
      const lt = text.indexOf('<', pos);
      if (text.charCodeAt(lt + 1) === 47) {
        const end = text.indexOf('>', lt + 2) + 1;
        entries.data[at * STRIDE + E_END] = end;
        return end;
      }
      const close = text.indexOf('>', lt + 1);
      if (text.charCodeAt(close - 1) === 47) {
        entryChild(entries, at, section, text, lt + 1, close - 1, lt, close + 1, close, close, 0, true);
        pos = close + 1;
        continue;
      }
      const next = text.indexOf('<', close + 1);
      if (text.charCodeAt(next + 1) === 47) {
        const end = text.indexOf('>', next + 2) + 1;
        let valueStart = close + 1;
        let valueEnd = next;
        while (valueStart < valueEnd && isTrimmed(text.charCodeAt(valueStart))) valueStart++;
        while (valueEnd > valueStart && isTrimmed(text.charCodeAt(valueEnd - 1))) valueEnd--;
        entryChild(entries, at, section, text, lt + 1, close, lt, end, valueStart, valueEnd, 0, true);
        pos = end;
        continue;
      }
      // A child with elements of its own: it names nothing.
      entryChild(entries, at, section, text, lt + 1, close, lt, lt, lt, lt, 0, false);
      pos = skipElement(text, next);
    }
  }

  leaf(depth: number, start: number, end: number, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
    const parent = this.stack[depth - 1];
    const node = parent && childNamed(parent, this.text, nameStart, nameEnd);
    const section = node?.section;
    // A leaf entry (a group's member, a layout's custom button) is its own name; an empty keyed entry names nothing.
    if (!section || section.key || valueEnd <= valueStart) return;
    const at = this.entries.add(section.id, start);
    this.entries.data[at * STRIDE + E_END] = end;
    setKey(this.entries, at, start, end, valueStart, valueEnd, 0);
  }

  close(): void {
    // Entries are read whole by open(); the elements around them need nothing at their end.
  }
}

/** A leaf entry's name is the entry itself. */
function setKey(entries: Entries, at: number, start: number, end: number, valueStart: number, valueEnd: number, source: number): void {
  const slot = at * STRIDE + E_KEY;
  const d = entries.data;
  d[slot] = start;
  d[slot + 1] = end;
  d[slot + 2] = valueStart;
  d[slot + 3] = valueEnd;
  d[slot + 4] = source;
}

/** Collects entries from the parsed tree (root children that were not cut, or the whole file when nothing was). */
function collectTree(element: XmlElement, node: Node, entries: Entries): void {
  for (const child of element.children) {
    const next = node.children.find((c) => c.name === child.name);
    if (!next) continue;
    const section = next.section;
    if (!section) {
      collectTree(child, next, entries);
      continue;
    }
    if (!section.key) {
      if (child.children.length > 0 || child.nil || child.text === '') continue;
      const at = entries.add(section.id, child.start);
      entries.data[at * STRIDE + E_END] = child.end;
      setKey(entries, at, child.start, child.end, 0, child.text.length, entries.value(child.text));
      continue;
    }
    const at = entries.add(section.id, child.start);
    entries.data[at * STRIDE + E_END] = child.end;
    for (const grand of child.children) {
      const leaf = grand.children.length === 0 && !grand.nil;
      const source = leaf ? entries.value(grand.text) : 0;
      entryChild(
        entries,
        at,
        section,
        grand.name,
        0,
        grand.name.length,
        grand.start,
        grand.end,
        0,
        leaf ? grand.text.length : 0,
        source,
        leaf,
      );
    }
  }
}

// ---- Ordering and encoding ----------------------------------------------------------------------------------------

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

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

function hashRegion(hash: number, source: string, start: number, end: number): number {
  for (let k = start; k < end; k++) hash = Math.imul(hash ^ lower(source.charCodeAt(k)), FNV_PRIME);
  return hash;
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
  /** Member id by the hash of its exact text; ids sharing a hash with an earlier member (rare) are in `more`. */
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
    let hash = FNV_OFFSET;
    for (let k = start; k < end; k++) hash = Math.imul(hash ^ str.charCodeAt(k), FNV_PRIME);
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
    const lowerHash = hashName(str, start, end);
    this.hashes[id] = lowerHash;
    this.kinds[id] = memberKind(str, start, end, lowerHash);
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
const SCRATCH = {
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
function encode(entries: Entries, fromTree: number, text: string, lines: LineIndex): RefTable | undefined {
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
    if (spec.separator) {
      // Searched within the name only: the source is often the whole file.
      const separator = spec.separator.charCodeAt(0);
      for (let k = v0; k < v1; k++) {
        if (source.charCodeAt(k) === separator) {
          o1 = k;
          m0 = k + 1;
          break;
        }
      }
    }
    if (sectionId !== section || runCount === 0 || !sameRegion(source, v0, o1, ownerSource, owner0, owner1)) {
      runCount = 0;
      section = sectionId;
      ownerSource = source;
      owner0 = v0;
      owner1 = o1;
      const ownerHash = hashRegion(FNV_OFFSET, source, v0, o1);
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

/**
 * The reference entries of a file of type `rootType`: from `tree` (the parsed root, whose children are those that were
 * not cut) and from the cut blocks of `text`. Undefined when the type has none.
 */
export function extractRefs(
  rootType: string,
  text: string,
  lines: LineIndex,
  cuts: readonly number[],
  tree: XmlElement | undefined,
): RefTable | undefined {
  const entries = collectEntries(rootType, text, cuts, tree, false);
  return entries && entries.count > 0 ? encodeEntries(entries, text, lines) : undefined;
}

/**
 * Collects a file's entries: from `tree` (the parsed root, whose children are those that were not cut) and from the
 * cut blocks of `text`; `viewOnly`: only the sections a permission container's view reads. The result is scratch
 * space, valid until the next call on this thread.
 */
export function collectEntries(
  rootType: string,
  text: string,
  cuts: readonly number[],
  tree: XmlElement | undefined,
  viewOnly: boolean,
): Entries | undefined {
  const root = trie(rootType, viewOnly);
  if (!root) return undefined;
  const entries = SCRATCH.entries;
  entries.reset();
  if (tree) collectTree(tree, root, entries);
  entries.fromTree = entries.count;
  if (cuts.length > 0) walkBlocks(text, cuts, new BlockCollector(text, root, entries));
  return entries;
}

/** Collected entries as a RefTable; undefined when none names anything. */
export function encodeEntries(entries: Entries, text: string, lines: LineIndex): RefTable | undefined {
  return encode(entries, entries.fromTree, text, lines);
}

const FIELD_FLAGS = new Set(['required', 'type']);

/** The root children a CustomField file is read for. */
export function fieldRootChildren(): ReadonlySet<string> {
  return FIELD_FLAGS;
}

/** What makes a source-format field required: `<required>true</required>` or `<type>MasterDetail</type>` (root children). */
export function extractFieldFacts(
  path: string,
  text: string,
  lines: LineIndex,
  cuts: readonly number[],
  tree: XmlElement | undefined,
): FieldFacts | undefined {
  const facts: FieldFacts = {};
  const seen = new Set<string>();
  const found = (name: string, value: string, start: number, end: number) => {
    if (seen.has(name)) return;
    seen.add(name);
    const at: Location = { file: path, range: lines.range(start, end), element: name };
    if (name === 'required' && value === 'true') facts.required = at;
    if (name === 'type' && value === 'MasterDetail') facts.masterDetail = at;
  };
  const fromTree: { name: string; value: string; start: number; end: number }[] = [];
  for (const child of tree?.children ?? []) {
    if (FIELD_FLAGS.has(child.name) && child.children.length === 0 && !child.nil)
      fromTree.push({ name: child.name, value: child.text, start: child.start, end: child.end });
  }
  const fromBlocks: typeof fromTree = [];
  walkBlocks(text, cuts, {
    open: () => false,
    leaf(depth, start, end, nameStart, nameEnd, valueStart, valueEnd) {
      if (depth !== 1) return;
      const name = text.slice(nameStart, nameEnd);
      if (FIELD_FLAGS.has(name)) fromBlocks.push({ name, value: text.slice(valueStart, valueEnd), start, end });
    },
    close: () => undefined,
  });
  for (const c of [...fromTree, ...fromBlocks].sort((a, b) => a.start - b.start)) found(c.name, c.value, c.start, c.end);
  return facts.required || facts.masterDetail ? facts : undefined;
}
