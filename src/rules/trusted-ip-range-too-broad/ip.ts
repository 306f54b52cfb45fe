// IPv4 and IPv6 addresses as integers, so that a range's size is counted exactly (end - start + 1), never guessed from a prefix.
// A candidate for src/model once a second rule needs it.

export type Family = 'IPv4' | 'IPv6';

export interface Address {
  family: Family;
  value: bigint;
}

export type RangeReading =
  | { kind: 'range'; family: Family; start: bigint; end: bigint; size: bigint }
  | { kind: 'reversed'; family: Family }
  | { kind: 'unreadable' };

export const IPV4_SPACE = 1n << 32n;
export const IPV6_SPACE = 1n << 128n;

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/u;
const HEX_GROUP = /^[0-9a-f]{1,4}$/iu;
/** `::ffff:0:0/96`: Salesforce stores IPv4 addresses in this IPv6 block (Restricting Login IP Ranges, Security Implementation Guide). */
const IPV4_MAPPED_BASE = 0xffffn << 32n;

function ipv4(text: string): bigint | undefined {
  const match = IPV4.exec(text);
  if (!match) return undefined;
  let value = 0n;
  for (const part of match.slice(1)) {
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256n + BigInt(octet);
  }
  return value;
}

function ipv6(text: string): bigint | undefined {
  let body = text;
  const lastColon = body.lastIndexOf(':');
  if (lastColon < 0) return undefined;
  const tail = body.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = ipv4(tail);
    if (v4 === undefined) return undefined;
    body = `${body.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string): string[] | undefined => {
    if (part === '') return [];
    const groups = part.split(':');
    return groups.every((g) => HEX_GROUP.test(g)) ? groups : undefined;
  };
  const head = groupsOf(halves[0]!);
  const rest = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let value = 0n;
  for (const group of [...head, ...Array<string>(missing).fill('0'), ...rest]) value = (value << 16n) | BigInt(`0x${group}`);
  return value;
}

/** Parses one address; IPv4-mapped IPv6 addresses are read as the IPv4 address they stand for. */
export function parseAddress(raw: string): Address | undefined {
  const text = raw.trim();
  if (text.includes(':')) {
    const value = ipv6(text);
    if (value === undefined) return undefined;
    if (value >= IPV4_MAPPED_BASE && value < IPV4_MAPPED_BASE + IPV4_SPACE) return { family: 'IPv4', value: value - IPV4_MAPPED_BASE };
    return { family: 'IPv6', value };
  }
  const value = ipv4(text);
  return value === undefined ? undefined : { family: 'IPv4', value };
}

/** Reads a start/end pair; both ends must be of one family (Salesforce rejects mixed ranges). */
export function readRange(startText: string | undefined, endText: string | undefined): RangeReading {
  const start = startText === undefined ? undefined : parseAddress(startText);
  const end = endText === undefined ? undefined : parseAddress(endText);
  if (!start || !end || start.family !== end.family) return { kind: 'unreadable' };
  if (start.value > end.value) return { kind: 'reversed', family: start.family };
  return { kind: 'range', family: start.family, start: start.value, end: end.value, size: end.value - start.value + 1n };
}

export function spaceOf(family: Family): bigint {
  return family === 'IPv4' ? IPV4_SPACE : IPV6_SPACE;
}

/** Whether the union of the ranges covers every address of the family. */
export function coversAll(ranges: readonly { start: bigint; end: bigint }[], family: Family): boolean {
  const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  let next = 0n;
  for (const range of sorted) {
    if (range.start > next) return false;
    if (range.end + 1n > next) next = range.end + 1n;
  }
  return next >= spaceOf(family);
}

/** `16777216` as `16,777,216`. */
export function formatCount(count: bigint): string {
  return count.toString().replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
}
