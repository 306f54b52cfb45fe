// The reference entries of a file (RefTable): which sections hold them, how they are encoded, and how they are read back.
import { nameIs } from '../xml/index.js';

/** A child element of an entry that is read as a flag: `true`/`false`, or one of a few values. */
export interface FlagSpec {
  name: string;
  /** The values of an enumeration (stored as their position + 1); a boolean flag has none. */
  values?: readonly string[];
  /** Whether the element's range is kept (for rules that point at it, such as `<default>`). */
  located?: boolean;
}

export interface SectionSpec {
  id: number;
  /** The root element types whose files hold the section. */
  roots: readonly string[];
  /** Element names from the root's child down to the entry element. */
  path: readonly string[];
  /** The entry's child that holds the name; none when the entry is a leaf whose text is the name. */
  key?: string;
  /** What splits a name into its owner and the rest: `Account.Industry`, `Account-Account Layout`. */
  separator?: '.' | '-';
  /** A second name read with the entry (a layout assignment's record type). */
  key2?: string;
  flags: readonly FlagSpec[];
  /** The metadata type the name refers to (or, for a definition, defines). */
  type: string;
  /** The entries define components (the children of a metadata-format object) rather than refer to them. */
  defines?: boolean;
}

const PERMISSION_ROOTS = ['Profile', 'PermissionSet', 'MutingPermissionSet'];
const ENABLED: readonly FlagSpec[] = [{ name: 'enabled' }];
const OBJECT_FLAGS: readonly FlagSpec[] = [
  { name: 'allowCreate' },
  { name: 'allowRead' },
  { name: 'allowEdit' },
  { name: 'allowDelete' },
  { name: 'viewAllRecords' },
  { name: 'modifyAllRecords' },
  { name: 'viewAllFields' },
];

type Spec = Omit<SectionSpec, 'id'>;

function permission(path: string, key: string, type: string, flags: readonly FlagSpec[] = ENABLED, more: Partial<Spec> = {}): Spec {
  return { roots: PERMISSION_ROOTS, path: [path], key, type, flags, ...more };
}

function objectChild(path: string, type: string, flags: readonly FlagSpec[] = []): Spec {
  return { roots: ['CustomObject'], path: [path], key: 'fullName', type, flags, defines: true };
}

/**
 * Every section read, by id. The ids are part of the encoding: a change here changes EXTRACTOR_VERSION.
 * Profile and permission set elements: https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_profile.htm
 * and https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_permissionset.htm; the
 * children of an object in metadata format are SDR's CustomObject child directories.
 */
const SPECS: Spec[] = [
  permission('applicationVisibilities', 'application', 'CustomApplication', [{ name: 'default' }, { name: 'visible' }]),
  permission('classAccesses', 'apexClass', 'ApexClass'),
  permission('customMetadataTypeAccesses', 'name', 'CustomObject'),
  permission('customPermissions', 'name', 'CustomPermission'),
  permission('customSettingAccesses', 'name', 'CustomObject'),
  permission('externalDataSourceAccesses', 'externalDataSource', 'ExternalDataSource'),
  permission('fieldPermissions', 'field', 'CustomField', [{ name: 'editable' }, { name: 'readable' }], { separator: '.' }),
  permission('flowAccesses', 'flow', 'Flow'),
  permission('layoutAssignments', 'layout', 'Layout', [], { separator: '-', key2: 'recordType' }),
  permission('objectPermissions', 'object', 'CustomObject', OBJECT_FLAGS),
  permission('pageAccesses', 'apexPage', 'ApexPage'),
  permission(
    'recordTypeVisibilities',
    'recordType',
    'RecordType',
    [
      { name: 'default', located: true },
      { name: 'personAccountDefault', located: true },
      { name: 'visible', located: true },
    ],
    { separator: '.' },
  ),
  permission('tabVisibilities', 'tab', 'CustomTab', [{ name: 'visibility', values: ['DefaultOn', 'DefaultOff', 'Hidden'] }]),
  permission('tabSettings', 'tab', 'CustomTab', [{ name: 'visibility', values: ['Visible', 'Available', 'None'] }]),
  permission('userPermissions', 'name', 'UserPermission'),
  { roots: ['PermissionSetGroup'], path: ['permissionSets'], type: 'PermissionSet', flags: [] },
  { roots: ['PermissionSetGroup'], path: ['mutingPermissionSets'], type: 'MutingPermissionSet', flags: [] },
  { roots: ['Layout'], path: ['layoutSections', 'layoutColumns', 'layoutItems'], key: 'field', type: 'CustomField', flags: [] },
  { roots: ['Layout'], path: ['relatedLists'], key: 'relatedList', separator: '.', type: 'CustomField', flags: [] },
  {
    roots: ['Layout'],
    path: ['quickActionList', 'quickActionListItems'],
    key: 'quickActionName',
    separator: '.',
    type: 'QuickAction',
    flags: [],
  },
  {
    roots: ['Layout'],
    path: ['platformActionList', 'platformActionListItems'],
    key: 'actionName',
    separator: '.',
    type: 'QuickAction',
    flags: [{ name: 'actionType', values: ['QuickAction', 'CustomButton', 'StandardButton', 'ProductivityAction'] }],
  },
  { roots: ['Layout'], path: ['customButtons'], type: 'WebLink', flags: [] },
  objectChild('fields', 'CustomField', [
    { name: 'required', located: true },
    { name: 'type', values: ['MasterDetail'], located: true },
  ]),
  objectChild('recordTypes', 'RecordType'),
  objectChild('listViews', 'ListView'),
  objectChild('fieldSets', 'FieldSet'),
  objectChild('validationRules', 'ValidationRule'),
  objectChild('webLinks', 'WebLink'),
  objectChild('businessProcesses', 'BusinessProcess'),
  objectChild('compactLayouts', 'CompactLayout'),
  objectChild('indexes', 'Index'),
  objectChild('sharingReasons', 'SharingReason'),
];
export const SECTIONS: readonly SectionSpec[] = SPECS.map((spec, id) => ({ id, ...spec }));

/** The section ids rules ask for by name. */
export const SECTION = Object.fromEntries(
  SECTIONS.map((s) => [s.roots[0] === 'CustomObject' ? `object.${s.path[0]}` : s.path[s.path.length - 1]!, s.id]),
) as Record<string, number>;

/** Where each flag's value sits in an entry's flag bits, per section. */
interface FlagLayout {
  shift: number;
  bits: number;
}
const FLAG_LAYOUTS: readonly (readonly FlagLayout[])[] = SECTIONS.map((section) => {
  let shift = 0;
  return section.flags.map((flag) => {
    // Absent, then false/true or each value, then "something else".
    const bits = flag.values ? Math.ceil(Math.log2(flag.values.length + 2)) : 2;
    const layout = { shift, bits };
    shift += bits;
    return layout;
  });
});
/** Per section, the bit that says an entry has its second name (after the flags). */
const KEY2_BITS: readonly number[] = SECTIONS.map((section, id) => {
  const last = FLAG_LAYOUTS[id]!.at(-1);
  return section.key2 ? (last ? last.shift + last.bits : 0) : -1;
});

/** A flag's stored value: 0 absent, 1 false, 2 true; for an enumeration, 1 + the value's position, or values + 1. */
export function flagValue(flags: number, section: number, flag: number): number {
  const { shift, bits } = FLAG_LAYOUTS[section]![flag]!;
  return (flags >>> shift) & ((1 << bits) - 1);
}

/** A boolean flag: undefined when the element is absent (or empty). */
export function flagBool(flags: number, section: number, flag: number): boolean | undefined {
  const value = flagValue(flags, section, flag);
  return value === 0 ? undefined : value === 2;
}

/** An enumeration flag's value as written, `''` for another value, undefined when absent. */
export function flagText(flags: number, section: number, flag: number): string | undefined {
  const value = flagValue(flags, section, flag);
  if (value === 0) return undefined;
  return SECTIONS[section]!.flags[flag]!.values![value - 1] ?? '';
}

/** The stored value of a flag whose text is source[start, end), shifted to its place (see flagValue). */
export function encodeFlag(section: number, flag: number, source: string, start: number, end: number): number {
  if (end <= start) return 0;
  const values = SECTIONS[section]!.flags[flag]!.values;
  let value: number;
  if (values) {
    value = values.length + 1;
    for (let v = 0; v < values.length; v++) if (nameIs(source, start, end, values[v]!)) value = v + 1;
  } else value = nameIs(source, start, end, 'true') ? 2 : 1;
  return value << FLAG_LAYOUTS[section]![flag]!.shift;
}

export function key2Bit(section: number): number {
  const bit = KEY2_BITS[section]!;
  return bit < 0 ? 0 : 1 << bit;
}

// ---- Encoding -------------------------------------------------------------------------------------------------
//
// `members`: a count, then per distinct member how many bytes it shares with the previous one (first appearances follow
// the sorted fieldPermissions; every 16th member shares none, so that it can be read alone from `membersAt`) times two,
// plus one when it ends with `__c` (not written), and the UTF-8 length and bytes of the rest; shared bytes are ASCII, so
// they are as many characters. `names`: per entry, its member's position. A second name (a layout assignment's record
// type) is a member too. All numbers are unsigned LEB128.
// `places` of a run, per entry: a header (flags × 2 + 1 when the shape follows), the second name's member when the
// flags say there is one, then the shape when the header says so, else the previous entry's shape.
// A shape is the entry's element ranges as small numbers: for the entry, its start line (for a run's first entry
// absolute, else from the previous entry's end line), start column, line count and end column; for the name element,
// the second name's and each kept flag's, the start line from the entry's, the start column, the line count and the end
// column, less the start column and the element's text length when it ends on its start line. Regular formatting
// repeats the same shape entry after entry, so most entries take one byte of `places` plus their name.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A growing byte buffer for LEB128 numbers and UTF-8 text. */
export class ByteWriter {
  buffer = new Uint8Array(1024);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const bigger = new Uint8Array(Math.max(this.buffer.length * 2, this.length + n));
    bigger.set(this.buffer.subarray(0, this.length));
    this.buffer = bigger;
  }

  uint(n: number): void {
    this.room(8);
    const buffer = this.buffer;
    while (n >= 0x80) {
      buffer[this.length++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    buffer[this.length++] = n;
  }

  /** `source[start, end)` as its UTF-8 length and bytes. */
  text(source: string, start: number, end: number): void {
    this.room(end - start + 8);
    let ascii = true;
    for (let k = start; k < end; k++) {
      if (source.charCodeAt(k) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      this.uint(end - start);
      const buffer = this.buffer;
      for (let k = start; k < end; k++) buffer[this.length++] = source.charCodeAt(k);
      return;
    }
    const bytes = encoder.encode(source.slice(start, end));
    this.uint(bytes.length);
    this.room(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  take(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  reset(): void {
    this.length = 0;
  }
}

/** Reads what a ByteWriter wrote. */
export class ByteReader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  uint(): number {
    const bytes = this.bytes;
    let b = bytes[this.pos++]!;
    if (b < 0x80) return b;
    let n = b & 0x7f;
    let scale = 0x80;
    do {
      b = bytes[this.pos++]!;
      n += (b & 0x7f) * scale;
      scale *= 0x80;
    } while (b >= 0x80);
    return n;
  }

  text(): string {
    const length = this.uint();
    const bytes = this.bytes;
    let s = '';
    let ascii = true;
    for (let k = 0; k < length; k++) {
      const b = bytes[this.pos + k]!;
      if (b >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) for (let k = 0; k < length; k++) s += String.fromCharCode(bytes[this.pos + k]!);
    else s = decoder.decode(bytes.subarray(this.pos, this.pos + length));
    this.pos += length;
    return s;
  }

  skipText(): void {
    this.pos += this.uint();
  }
}

/** Every this many members, one is written whole (see membersAt). */
export const MEMBER_RESTART = 16;
