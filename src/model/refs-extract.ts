// Reads a file's reference entries into a RefTable: from the cut blocks with a walk over offsets, and from the parsed tree.
import { isTrimmed, nameIs, skipElement, walkBlocks, type BlockVisitor, type LineIndex, type XmlElement } from '../xml/index.js';
import { encodeFlag, SECTIONS, type SectionSpec } from './refs.js';
import type { Location } from '../findings/index.js';
import { encode, SCRATCH } from './refs-encode.js';
import { childSlot, E_END, E_FLAGS, E_KEY, E_ODD, E_SEEN, type Entries, STRIDE } from './refs-entries.js';
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
    return this.entry(section, start, gt, nameEnd - nameStart);
  }

  /**
   * Reads the entry whose start tag ends at `gt` (its name is `nameLength` long); returns the offset just after it. The
   * block is plain markup that the quick scan checked, so every end tag is exactly `</name>`: where it ends is counted,
   * not searched for.
   */
  private entry(section: SectionSpec, start: number, gt: number, nameLength: number): number {
    const text = this.text;
    const entries = this.entries;
    const at = entries.add(section.id, start);
    for (let pos = gt + 1; ;) {
      const lt = text.indexOf('<', pos);
      if (text.charCodeAt(lt + 1) === 47) {
        const end = lt + nameLength + 3;
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
        const end = next + close - lt + 2;
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
