// The files a fix changes: read once (bytes, encoding, mode), written back atomically only if unchanged since.
import { closeSync, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { decodeText, readBytesSync } from '../project/read.js';

type Encoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

/** A file as it was read: its bytes (to notice a change on disk), how its text was encoded, and its mode. */
export interface Snapshot {
  /** The real path (a symbolic link is followed, so that the rename replaces the file it points to, not the link). */
  absolute: string;
  bytes: Buffer;
  encoding: Encoding;
  /** The text without a byte order mark. */
  text: string;
  mode: number;
}

export type SnapshotResult = { ok: true; snapshot: Snapshot } | { ok: false; message: string };

export function readSnapshot(file: string, maxBytes: number): SnapshotResult {
  let absolute: string;
  try {
    absolute = realpathSync(file);
  } catch {
    return { ok: false, message: 'it could not be read' };
  }
  const read = readBytesSync(absolute, maxBytes);
  if (!read.ok) return { ok: false, message: read.message };
  const bytes = Buffer.from(read.bytes);
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, message: decoded.message };
  return { ok: true, snapshot: { absolute, bytes, encoding: encodingOf(bytes), text: decoded.text, mode: read.stats.mode & 0o7777 } };
}

function encodingOf(bytes: Buffer): Encoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 'utf8-bom' : 'utf8';
}

/** The new text in the file's own encoding, byte order mark included. */
export function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  }
}

/**
 * Replaces the file with the new text: a temporary file in the same folder, with the file's mode, then a rename, so that
 * a reader sees the old file or the new one, never half of it. Returns why it did not, when it did not: the file
 * changed on disk since it was read (it is then left alone), or it could not be written.
 */
export function writeAtomically(snapshot: Snapshot, text: string): string | undefined {
  const now = readBytesSync(snapshot.absolute, Math.max(snapshot.bytes.length * 2, 1024));
  if (!now.ok || !Buffer.from(now.bytes).equals(snapshot.bytes)) return 'it changed on disk since it was read; run again to fix it';
  const folder = path.dirname(snapshot.absolute);
  const temporary = path.join(folder, `.${path.basename(snapshot.absolute)}.${process.pid}.${Date.now().toString(36)}.sfmeta-lint.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'wx', snapshot.mode);
    // The mode given to open is narrowed by the umask; the file keeps exactly the one it had.
    fchmodSync(fd, snapshot.mode);
    const bytes = encode(text, snapshot.encoding);
    for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, snapshot.absolute);
    return undefined;
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    return `it could not be written: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  }
}
