// A compact binary form of one file's FileFacts, for the extraction workers (one transferred buffer per batch,
// not a structured clone) and for the cache. Lossless for plain data: objects keep their keys in order, strings and
// numbers come back equal. It is 5 to 8 times smaller than v8.serialize of the same facts, and faster to read back:
// - the file's SourceFileRef is written as a reference and read back as the caller's own object;
// - every string is written once per file, and a location's element identity (`objectPermissions[object=X]/allowRead`)
//   as its parent's identity plus the last segment;
// - an object's keys are written once per file (its "shape"), and a Range as four small numbers.
import type { FileFacts, SourceFileRef } from '../model/index.js';

/** Bumped whenever the encoding changes: cached facts in another encoding are not read. */
export const CODEC_VERSION = 4;

const T_UNDEFINED = 0;
const T_NULL = 1;
const T_FALSE = 2;
const T_TRUE = 3;
const T_INT = 4;
const T_DOUBLE = 5;
const T_STRING = 6;
const T_ARRAY = 7;
const T_OBJECT = 8;
const T_SHAPE = 9;
const T_FILE = 10;
const T_RANGE = 11;
const T_LAZY = 12;
const T_BYTES = 13;
const T_INT32 = 14;

/**
 * Arrays that are large and that few rules read (a profile's objectPermissions and layoutAssignments are most of its
 * view; the rules open those of a handful of profiles): they are encoded as self-contained blocks and decoded on first access, so that a
 * warm run does not build what it never reads. Short ones are written inline.
 */
const LAZY_KEYS: ReadonlySet<string> = new Set(['objectPermissions', 'layoutAssignments']);
const LAZY_MIN_LENGTH = 16;

// A string is a reference to one seen before, a new string's UTF-8 bytes, or a seen string + a string that starts with '/'.
const S_SEEN = 0;
const S_NEW = 1;
const S_CHILD = 2;

const MAX_SMALL_INT = 0x3fffffff;
const LITTLE_ENDIAN = new Uint8Array(Int32Array.of(1).buffer)[0] === 1;

/** One shape seen by a Writer: its keys, and its number. */
interface Shape {
  keys: string[];
  id: number;
}

/** Grows and is reused from file to file: encoding allocates no buffer of its own. */
let scratch = Buffer.allocUnsafeSlow(64 * 1024);

class Writer {
  buffer = scratch;
  pos = 0;
  private readonly strings = new Map<string, number>();
  /** Shapes by first key; keys are compared one by one (property names are interned), with no string built. */
  private readonly shapes = new Map<string, Shape[]>();
  private shapeCount = 0;

  constructor(private readonly file: SourceFileRef) {
    this.strings.set(file.path, 0);
  }

  /** The encoding, in the scratch buffer: valid until the next file is encoded. */
  finish(): Buffer {
    scratch = this.buffer;
    return this.buffer.subarray(0, this.pos);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.pos + n));
    this.buffer.copy(bigger, 0, 0, this.pos);
    this.buffer = bigger;
  }

  private byte(b: number): void {
    this.ensure(1);
    this.buffer[this.pos++] = b;
  }

  /** An unsigned integer up to 2^53, 7 bits a byte. */
  uint(n: number): void {
    this.ensure(8);
    const buffer = this.buffer;
    while (n >= 0x80) {
      buffer[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    buffer[this.pos++] = n;
  }

  string(s: string): void {
    const seen = this.strings.get(s);
    if (seen !== undefined) return this.uint(seen * 4 + S_SEEN);
    const slash = s.lastIndexOf('/');
    const parent = slash > 0 ? this.strings.get(s.slice(0, slash)) : undefined;
    if (parent !== undefined) {
      this.uint(parent * 4 + S_CHILD);
      // The separator goes with the segment ('/allowRead'): the decoder then joins two strings, not three.
      this.string(s.slice(slash));
    } else {
      const length = Buffer.byteLength(s, 'utf8');
      this.uint(length * 4 + S_NEW);
      this.ensure(length);
      this.pos += this.buffer.write(s, this.pos, length, 'utf8');
    }
    this.strings.set(s, this.strings.size);
  }

  value(v: unknown): void {
    switch (typeof v) {
      case 'undefined':
        return this.byte(T_UNDEFINED);
      case 'boolean':
        return this.byte(v ? T_TRUE : T_FALSE);
      case 'number':
        if (Number.isInteger(v) && v >= -MAX_SMALL_INT && v <= MAX_SMALL_INT && !Object.is(v, -0)) {
          this.byte(T_INT);
          return this.uint(v >= 0 ? v * 2 : -v * 2 - 1);
        }
        this.byte(T_DOUBLE);
        this.ensure(8);
        this.buffer.writeDoubleLE(v, this.pos);
        this.pos += 8;
        return;
      case 'string':
        this.byte(T_STRING);
        return this.string(v);
      case 'object':
        if (v === null) return this.byte(T_NULL);
        if (v === this.file) return this.byte(T_FILE);
        if (v instanceof Uint8Array) {
          this.byte(T_BYTES);
          return this.bytes(v);
        }
        if (v instanceof Int32Array) {
          this.byte(T_INT32);
          this.uint(v.length);
          this.ensure(v.length * 4);
          if (LITTLE_ENDIAN) this.buffer.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), this.pos);
          else for (let i = 0; i < v.length; i++) this.buffer.writeInt32LE(v[i]!, this.pos + i * 4);
          this.pos += v.length * 4;
          return;
        }
        if (Array.isArray(v)) {
          this.byte(T_ARRAY);
          this.uint(v.length);
          for (const item of v) this.value(item);
          return;
        }
        return this.object(v as Record<string, unknown>);
      default:
        throw new TypeError(`cannot encode a ${typeof v} in file facts`);
    }
  }

  private object(o: Record<string, unknown>): void {
    if (Object.getPrototypeOf(o) !== Object.prototype) throw new TypeError('only plain objects can be encoded in file facts');
    const keys = Object.keys(o);
    if (keys.length === 4 && keys[0] === 'startLine' && keys[1] === 'startColumn' && keys[2] === 'endLine' && keys[3] === 'endColumn') {
      const { startLine, startColumn, endLine, endColumn } = o as Record<string, number>;
      if (isCount(startLine) && isCount(startColumn) && isCount(endColumn) && isCount(endLine) && endLine >= startLine) {
        this.byte(T_RANGE);
        this.uint(startLine);
        this.uint(startColumn);
        this.uint(endLine - startLine);
        this.uint(endColumn);
        return;
      }
    }
    const first = keys[0] ?? '';
    let candidates = this.shapes.get(first);
    if (!candidates) this.shapes.set(first, (candidates = []));
    const known = candidates.find((shape) => sameKeys(shape.keys, keys));
    if (known) {
      this.byte(T_OBJECT);
      this.uint(known.id);
    } else {
      this.byte(T_SHAPE);
      this.uint(keys.length);
      for (const key of keys) this.string(key);
      candidates.push({ keys, id: this.shapeCount++ });
    }
    for (const key of keys) {
      const value = o[key];
      if (LAZY_KEYS.has(key) && Array.isArray(value) && value.length >= LAZY_MIN_LENGTH) this.lazy(value);
      else this.value(value);
    }
  }

  private bytes(v: Uint8Array): void {
    this.uint(v.length);
    this.ensure(v.length);
    this.buffer.set(v, this.pos);
    this.pos += v.length;
  }

  /** A value as a block of its own (its own strings and shapes), so that it can be decoded later, alone. */
  private lazy(value: unknown): void {
    const inner = new Writer(this.file);
    inner.buffer = Buffer.allocUnsafeSlow(4096);
    inner.value(value);
    const block = inner.buffer.subarray(0, inner.pos);
    this.byte(T_LAZY);
    this.uint(block.length);
    this.ensure(block.length);
    block.copy(this.buffer, this.pos);
    this.pos += block.length;
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/** Builds an object of one shape from the values that follow: a literal with the keys in order is far faster than assigning keys one by one. */
type Make = (reader: Reader) => Record<string, unknown>;
const makers = new Map<string, Make>();

function maker(keys: string[]): Make {
  const shape = keys.join('\u0000');
  let make = makers.get(shape);
  if (make) return make;
  // Object literals evaluate their values in order, as they were written. `__proto__` in a literal would set the
  // prototype, so such a shape is filled key by key.
  if (keys.includes('__proto__')) make = (reader) => reader.fill(keys);
  else make = new Function('r', `return {${keys.map((k) => `${JSON.stringify(k)}: r.value()`).join(', ')}};`) as Make;
  const lazyKeys = keys.filter((k) => LAZY_KEYS.has(k));
  if (lazyKeys.length > 0) {
    const literal = make;
    make = (reader) => {
      const o = literal(reader);
      for (const key of lazyKeys) if (o[key] instanceof LazyBlock) defineLazy(o, key, o[key]);
      return o;
    };
  }
  makers.set(shape, make);
  return make;
}

/** A block encoded apart (see LAZY_KEYS), waiting to be decoded. */
class LazyBlock {
  constructor(
    readonly bytes: Buffer,
    readonly file: SourceFileRef,
  ) {}
}

/**
 * Makes `o[key]` decode its block on first access (a get or a set), then become a plain data property: reading it
 * gives what reading the decoded facts would, and it keeps its place among the object's keys.
 */
function defineLazy(o: Record<string, unknown>, key: string, block: LazyBlock): void {
  const settle = (value: unknown) => Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(o, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = new Reader(block.bytes, block.file, true).value();
      settle(value);
      return value;
    },
    set(value: unknown) {
      settle(value);
    },
  });
}

class Reader {
  private pos = 0;
  private readonly strings: string[];
  private readonly shapes: Make[] = [];

  constructor(
    private readonly buffer: Buffer,
    private readonly file: SourceFileRef,
    /** The buffer lives as long as the facts (the cache's blocks): byte arrays are views of it, not copies. */
    private readonly shared: boolean,
  ) {
    this.strings = [file.path];
  }

  /** Bytes of the buffer: a view when it is shared, else a copy (a view would keep a worker's whole batch alive). */
  private bytes(length: number): Uint8Array {
    const at = this.buffer.byteOffset + this.pos;
    this.pos += length;
    if (this.shared) return new Uint8Array(this.buffer.buffer, at, length);
    return new Uint8Array(this.buffer.buffer.slice(at, at + length));
  }

  uint(): number {
    const buffer = this.buffer;
    let b = buffer[this.pos++]!;
    if (b < 0x80) return b;
    let n = b & 0x7f;
    let scale = 0x80;
    do {
      b = buffer[this.pos++]!;
      n += (b & 0x7f) * scale;
      scale *= 0x80;
    } while (b >= 0x80);
    return n;
  }

  string(): string {
    const header = this.uint();
    const kind = header & 3;
    const n = (header - kind) / 4;
    if (kind === S_SEEN) return this.strings[n]!;
    let s: string;
    if (kind === S_CHILD) s = this.strings[n]! + this.string();
    else {
      s = this.buffer.toString('utf8', this.pos, this.pos + n);
      this.pos += n;
    }
    this.strings.push(s);
    return s;
  }

  value(): unknown {
    const tag = this.buffer[this.pos++];
    switch (tag) {
      case T_UNDEFINED:
        return undefined;
      case T_NULL:
        return null;
      case T_FALSE:
        return false;
      case T_TRUE:
        return true;
      case T_INT: {
        const z = this.uint();
        return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
      }
      case T_DOUBLE: {
        const d = this.buffer.readDoubleLE(this.pos);
        this.pos += 8;
        return d;
      }
      case T_STRING:
        return this.string();
      case T_ARRAY: {
        const length = this.uint();
        const array = new Array<unknown>(length);
        for (let i = 0; i < length; i++) array[i] = this.value();
        return array;
      }
      case T_FILE:
        return this.file;
      case T_BYTES:
        return this.bytes(this.uint());
      case T_INT32: {
        const length = this.uint();
        const out = new Int32Array(length);
        // Written little-endian: on a little-endian machine (every one Node runs on today) the bytes are copied as they are.
        if (LITTLE_ENDIAN) new Uint8Array(out.buffer).set(this.buffer.subarray(this.pos, this.pos + length * 4));
        else for (let i = 0; i < length; i++) out[i] = this.buffer.readInt32LE(this.pos + i * 4);
        this.pos += length * 4;
        return out;
      }
      case T_LAZY: {
        const length = this.uint();
        // Unless the buffer is shared, a copy: a view would keep the whole batch it came in alive.
        const view = this.buffer.subarray(this.pos, this.pos + length);
        const block = new LazyBlock(this.shared ? view : Buffer.from(view), this.file);
        this.pos += length;
        return block;
      }
      case T_RANGE: {
        const startLine = this.uint();
        const startColumn = this.uint();
        const endLine = startLine + this.uint();
        return { startLine, startColumn, endLine, endColumn: this.uint() };
      }
      case T_SHAPE: {
        const count = this.uint();
        const keys: string[] = [];
        for (let i = 0; i < count; i++) keys.push(this.string());
        const make = maker(keys);
        this.shapes.push(make);
        return make(this);
      }
      case T_OBJECT:
        return this.shapes[this.uint()]!(this);
      default:
        throw new Error(`corrupt file facts (tag ${tag} at ${this.pos - 1})`);
    }
  }

  fill(keys: string[]): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    for (const key of keys) {
      const value = this.value();
      // A key such as `__proto__` must become an own property, as it was, not the prototype.
      if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
      else o[key] = value;
    }
    return o;
  }

  atEnd(): boolean {
    return this.pos === this.buffer.length;
  }
}

/**
 * Encodes one file's facts; `facts.file` (and every other reference to that object) is written as a reference.
 * The result is a view of a buffer that the next call reuses: copy it to keep it (see encodeFactsCopy).
 */
export function encodeFactsShared(facts: FileFacts): Buffer {
  const writer = new Writer(facts.file);
  writer.value(facts);
  return writer.finish();
}

/** encodeFactsShared, in a buffer of its own. */
export function encodeFacts(facts: FileFacts): Buffer {
  return Buffer.from(encodeFactsShared(facts));
}

/**
 * Decodes facts that encodeFacts wrote, with `file` as their SourceFileRef. Throws on bytes it did not write.
 * `shared`: the bytes stay in memory as long as the facts (the cache's), so byte arrays can be views of them.
 */
export function decodeFacts(bytes: Buffer, file: SourceFileRef, { shared = false }: { shared?: boolean } = {}): FileFacts {
  const reader = new Reader(bytes, file, shared);
  const facts = reader.value() as FileFacts;
  if (!reader.atEnd() || typeof facts !== 'object' || facts === null || facts.file !== file) throw new Error('corrupt file facts');
  return facts;
}
