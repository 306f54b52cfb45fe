// Reference entries as they are found in a file, in one flat scratch array, before they are ordered and encoded.

// Per entry, in a flat scratch array: section, start, end, flags (encoded), the children seen (bit 0 the name, 1 the
// second name, 2 + f flag f), whether one of them was not a leaf; then per child (name, second name, each flag) the
// first element with its name: start, end, value start, value end, and the value's source: 0 for the file's text, or
// k for values[k - 1] (text from the tree, whose references are expanded).
export const E_SECTION = 0;
export const E_START = 1;
export const E_END = 2;
export const E_FLAGS = 3;
export const E_SEEN = 4;
export const E_ODD = 5;
export const E_CHILD = 6;
export const CHILD = 5;
/** The children an entry can have: its name, its second name, up to seven flags (objectPermissions). */
export const MAX_CHILDREN = 9;
export const STRIDE = E_CHILD + CHILD * MAX_CHILDREN;
export const E_KEY = E_CHILD;
export const E_KEY2 = E_CHILD + CHILD;

/** Where child `c` of an entry is in its record: 0 the name, 1 the second name, 2 + f flag f. */
export function childSlot(c: number): number {
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
    const d = this.data;
    d[at + E_SECTION] = section;
    d[at + E_START] = start;
    d[at + E_END] = -1;
    d[at + E_FLAGS] = 0;
    d[at + E_SEEN] = 0;
    d[at + E_ODD] = 0;
    // A child's start is -1 until the child is found; its other numbers are read only once it is.
    for (let c = 0; c < MAX_CHILDREN; c++) d[at + E_CHILD + CHILD * c] = -1;
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
