// A map from numbers to non-negative integers in typed arrays, emptied in constant time and reused from file to file:
// extraction looks up every entry of a large profile in two of them, and a Map would be rebuilt (and collected) per file.

export class IntTable {
  private keys = new Float64Array(1024);
  private values = new Int32Array(1024);
  /** Which emptying wrote each slot: a slot of another one is empty. */
  private stamps = new Uint32Array(1024);
  private stamp = 1;
  private size = 0;

  /** Empties the table. */
  clear(): void {
    this.stamp++;
    this.size = 0;
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  /** The value of `key`, or -1. */
  get(key: number): number {
    const mask = this.keys.length - 1;
    for (let slot = mix(key) & mask; ; slot = (slot + 1) & mask) {
      if (this.stamps[slot] !== this.stamp) return -1;
      if (this.keys[slot] === key) return this.values[slot]!;
    }
  }

  /** Sets `key` to `value` (a key already there keeps its value: callers set each key once). */
  set(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    for (let slot = mix(key) & mask; ; slot = (slot + 1) & mask) {
      if (this.stamps[slot] !== this.stamp) {
        this.stamps[slot] = this.stamp;
        this.keys[slot] = key;
        this.values[slot] = value;
        this.size++;
        return;
      }
      if (this.keys[slot] === key) return;
    }
  }

  private grow(): void {
    const { keys, values, stamps, stamp } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Int32Array(keys.length * 2);
    this.stamps = new Uint32Array(keys.length * 2);
    this.stamp = 1;
    this.size = 0;
    for (let slot = 0; slot < keys.length; slot++) if (stamps[slot] === stamp) this.set(keys[slot]!, values[slot]!);
  }
}

/** Spreads a key's bits over the slots (keys are hashes, or small numbers packed together). */
function mix(key: number): number {
  const low = key | 0;
  const high = (key / 4294967296) | 0;
  return Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) >>> 7;
}
