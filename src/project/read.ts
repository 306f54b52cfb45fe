// Reads a file's bytes and text safely and fast: synchronous, bounded, never hanging on a pipe, strict about encodings.
// Kept apart from discovery so that the extraction workers load only this.
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import type { Range } from '../findings/index.js';
import { LineIndex } from '../xml/index.js';

/** On failure, `range` is where the fault is when it has a place in the text (the first invalid byte). */
export type ReadResult = { ok: true; text: string } | { ok: false; message: string; range?: Range };

/** A file's bytes, with the status of the open file they were read from (for the cache). */
export type ReadBytesResult = { ok: true; bytes: Buffer; stats: Stats } | { ok: false; message: string };

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const UTF16LE = new TextDecoder('utf-16le', { fatal: true });
const UTF16BE = new TextDecoder('utf-16be', { fatal: true });

function tooBig(size: number, maxBytes: number): { ok: false; message: string } {
  return {
    ok: false,
    message: `The file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit; raise it with --max-file-size.`,
  };
}

/**
 * Reads a file's bytes, synchronously: one open, fstat, read and close, with no promise per file. With `shared`,
 * the bytes are valid only until the next shared read (for callers that are done with them by then).
 * O_NONBLOCK: opening a FIFO nobody writes to must not hang the run; fstat on the open file then refuses it,
 * and the size limit is checked on the file that is read, not on a path that could be swapped meanwhile.
 */
export function readBytesSync(absolute: string, maxBytes: number, { shared = false }: { shared?: boolean } = {}): ReadBytesResult {
  let fd: number | undefined;
  try {
    fd = openSync(absolute, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, message: 'The file is not a regular file (a pipe, socket or device).' };
    if (stats.size > maxBytes) return tooBig(stats.size, maxBytes);
    const bytes = readAll(fd, stats.size, maxBytes, shared);
    if (bytes.length > maxBytes) return tooBig(bytes.length, maxBytes);
    return { ok: true, bytes, stats };
  } catch (error) {
    return { ok: false, message: `The file could not be read: ${errorCode(error)}.` };
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Nothing to do: the bytes, or the error, are what counts.
      }
    }
  }
}

/** A buffer reused from file to file (`shared`): new memory for every file costs page faults that add up on big projects. */
let scratch: Buffer | undefined;

/**
 * Reads to the end of the file: `size` is a hint (a file can grow while it is read); stops once past `maxBytes`.
 * With `shared`, the bytes are in a buffer that the next shared read overwrites.
 */
function readAll(fd: number, size: number, maxBytes: number, shared: boolean): Buffer {
  let buffer = shared && scratch && scratch.length > size ? scratch : Buffer.allocUnsafeSlow(Math.max(size + 1, 64));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) break;
      const bigger = Buffer.allocUnsafeSlow(buffer.length * 2);
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
  }
  if (shared) scratch = buffer;
  return buffer.subarray(0, length);
}

/** Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is reported, not guessed. */
export function decodeText(bytes: Uint8Array): ReadResult {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(UTF16LE, bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(UTF16BE, bytes.subarray(2));
  // The fast path: the native check, then the native decoder; a UTF-8 BOM is dropped as TextDecoder drops it.
  if (isUtf8(bytes)) {
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    return { ok: true, text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', bom) };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return { ok: true, text: UTF8.decode(bytes) };
  // The prefix before the bad byte is valid, so its decoded length gives the line and UTF-16 column.
  const prefix = UTF8.decode(bytes.subarray(0, bad));
  const { line, column } = new LineIndex(prefix).position(prefix.length);
  const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
  return {
    ok: false,
    message: `The file is not valid UTF-8 text: byte 0x${hex} at line ${line}, column ${column} does not form a character.`,
    range: { startLine: line, startColumn: column, endLine: line, endColumn: column + 1 },
  };
}

/** Reads a file as text (see readBytesSync and decodeText). */
export function readTextSync(absolute: string, maxBytes: number): ReadResult {
  const read = readBytesSync(absolute, maxBytes);
  return read.ok ? decodeText(read.bytes) : read;
}

/** readTextSync, for callers that await it. */
export async function readText(absolute: string, maxBytes: number): Promise<ReadResult> {
  return readTextSync(absolute, maxBytes);
}

function decodeUtf16(decoder: TextDecoder, bytes: Uint8Array): ReadResult {
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, message: 'The file starts with a UTF-16 byte order mark but is not valid UTF-16 text.' };
  }
}

/** The offset of the first byte that does not start a well-formed UTF-8 sequence (as WHATWG decoders judge), or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i]!;
    const extra =
      lead < 0x80 ? 0 : lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
    if (extra < 0) return i;
    // The second byte's range excludes overlong forms (E0, F0), surrogates (ED) and code points above U+10FFFF (F4).
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += extra + 1;
  }
  return -1;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} bytes`;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
