// Per-file extraction: text in, located facts out. Pure, so a later stage can cache it or run it in a worker.
import type { Location } from '../findings/index.js';
import { checkXml, child, childrenNamed, parseXml, type LineIndex, type ParseOptions, type XmlElement } from '../xml/index.js';
import { directives, DIRECTIVE_MARK, rootProblem } from './file-checks.js';
import { decodeName } from './names.js';
import {
  collectEntries,
  encodeEntries,
  extractFieldFacts,
  extractRefs,
  fieldRootChildren,
  refRootChildren,
  VIEW_SECTIONS,
} from './refs-extract.js';
import type { Entries } from './refs-entries.js';
import { PERMISSION_CONTAINER_TREE_READS, viewRecipe } from './views.js';
import { SECTIONS } from './refs.js';
import {
  grantedBits,
  OBJECT_FLAGS,
  type ComponentBase,
  type Directive,
  type DynamicActions,
  type FileFacts,
  type FlexiPageView,
  type GenericView,
  type LayoutAssignment,
  type LayoutView,
  type Located,
  type ObjectFlag,
  type ObjectPermission,
  type PermissionContainer,
  type PermissionContainerKind,
  type SourceFileRef,
  type UserPermission,
  type XNode,
} from './types.js';

const WHOLE_NUMBER = /^\d+$/u;

/**
 * How much of a file is read. `full`: parsed into its typed view, for the rules that read the type.
 * `check`: only what the file-level rules need (`meta.checksFiles`): well-formedness, the root element and
 * namespace, and suppression comments, found without building a tree. Both report the same problems.
 * `+refs`: also the reference entries (`FileFacts.refs`, `FileFacts.field`), for the rules that read the reference
 * index (`meta.references`); read from the cut blocks without a tree wherever the quick scan allows.
 */
export type ExtractionLevel = 'check' | 'full' | 'check+refs' | 'full+refs';

/** Bumped whenever extraction can give different facts for the same text: cached facts of another version are not used. */
export const EXTRACTOR_VERSION = 3;

/** The metadata types whose files hold reference entries (or, for CustomField, what makes a field required). */
export const REFERENCE_TYPES: readonly string[] = [
  'Profile',
  'PermissionSet',
  'MutingPermissionSet',
  'PermissionSetGroup',
  'Layout',
  'CustomObject',
  'CustomField',
];

/** The root children a file's references are read from; undefined for a type without references. */
function referenceChildren(type: string): ReadonlySet<string> | undefined {
  return type === 'CustomField' ? fieldRootChildren() : refRootChildren(type);
}

/** Child elements with a natural key, used to build stable element identities. */
const KEY_ELEMENTS = [
  'name',
  'fullName',
  'object',
  'field',
  'layout',
  'actionName',
  'apexClass',
  'apexPage',
  'application',
  'tab',
  'recordType',
  'componentName',
  'quickActionName',
];

function parseOptions(type: string): ParseOptions {
  const recipe = viewRecipe(type);
  const reads = recipe?.reads;
  if (reads) return { skip: (name) => !reads.has(name) };
  const skips = recipe?.skips;
  if (skips) return { skip: (name) => skips.has(name) };
  return {};
}

/**
 * Text in, located facts out; the text and any tree are garbage once this returns. `skipUnread: false` builds the
 * whole tree, for tests that check the typed views read nothing that is skipped.
 */
export function extractFile(
  file: SourceFileRef,
  rawText: string,
  level: ExtractionLevel = 'full',
  { skipUnread = true }: { skipUnread?: boolean } = {},
): FileFacts {
  const refChildren = level.endsWith('+refs') ? referenceChildren(file.type) : undefined;
  if (level.startsWith('check')) {
    // A field file that says nothing of required or master-detail needs no more than a check.
    const reads = refChildren && (file.type !== 'CustomField' || mayBeRequired(rawText)) ? refChildren : undefined;
    const checked = checkXml(rawText, reads && ((name) => reads.has(name)));
    if (!checked.ok) return { file, problem: { kind: 'parse', file: file.path, ...checked.problem } };
    const { root, lines, text } = checked;
    const found = suppressionDirectives(file, text, lines, checked.declarations);
    const problem = rootProblem(file, root.name, root.namespace, () => lines.range(root.start, root.end));
    let facts: FileFacts = problem ? { file, problem } : { file };
    if (reads && !problem) {
      if (checked.kept > 0) {
        // Some entries are not plain markup (a reference, a comment): the parser reads them, the walk the rest.
        const parsed = parseXml(rawText, { skip: (name) => reads.has(name) });
        if (parsed.ok) facts = withReferences(facts, parsed.doc.text, parsed.doc.lines, parsed.doc.cuts ?? [], parsed.doc.root);
      } else facts = withReferences(facts, text, lines, checked.cuts, checked.tree);
    }
    return found.length > 0 ? { ...facts, directives: found } : facts;
  }
  const parsed = parseXml(rawText, skipUnread ? parseOptions(file.type) : {});
  if (!parsed.ok) return { file, problem: { kind: 'parse', file: file.path, ...parsed.problem } };
  const { root, lines, text, skipped, cuts } = parsed.doc;
  const found = suppressionDirectives(file, text, lines, parsed.doc.declarations);
  let facts: FileFacts;
  if (viewRecipe(file.type)?.kind === 'permissions') {
    // The view's sections and the references come from one walk over the cut blocks.
    const entries = collectEntries(file.type, text, cuts ?? [], root, refChildren === undefined)!;
    const odd = hasOddViewEntry(entries);
    facts = extractView(file, root, lines, skipped, odd ? undefined : { entries, text });
    if (refChildren && !facts.problem) {
      const refs = encodeEntries(entries, text, lines);
      if (refs) facts = { ...facts, refs };
    }
    if (odd && !facts.problem) {
      // An entry whose flag or name holds elements of its own: the parser reads the view's sections (a rare file).
      const whole = parseXml(rawText, { skip: (name) => !PERMISSION_CONTAINER_TREE_READS.has(name) });
      if (whole.ok) facts = { ...extractView(file, whole.doc.root, lines, whole.doc.skipped), ...(facts.refs ? { refs: facts.refs } : {}) };
    }
  } else {
    facts = extractView(file, root, lines, skipped);
    if (refChildren && !facts.problem) facts = withReferences(facts, text, lines, cuts ?? [], root);
  }
  return found.length > 0 ? { ...facts, directives: found } : facts;
}

/** The file's suppression comments; searched for only when the text can hold a comment (`declarations`: it has `<!`). */
function suppressionDirectives(file: SourceFileRef, text: string, lines: LineIndex, declarations: boolean): Directive[] {
  return declarations && text.includes(DIRECTIVE_MARK) ? directives(file, text, lines) : [];
}

/** Whether an entry of the view's sections, read from the blocks, has a child the view reads that is not a leaf. */
function hasOddViewEntry(entries: Entries): boolean {
  for (let i = entries.fromTree; i < entries.count; i++)
    if (entries.odd(i) && VIEW_SECTIONS.has(SECTIONS[entries.section(i)]!.path[0]!)) return true;
  return false;
}

/** A copy of text[start, end) that does not keep the file's text alive (a longer slice would refer to it). */
function fresh(text: string, start: number, end: number): string {
  // Concatenating makes a new string; slicing it flattens it into one that holds only these characters.
  return end - start < 13 ? text.slice(start, end) : (' ' + text.slice(start, end)).slice(1);
}

/** Whether a field file's text can say the field is required (a quick test before reading its elements). */
function mayBeRequired(text: string): boolean {
  return text.includes('MasterDetail') || /<required>\s*true/u.test(text);
}

/** Adds a file's reference entries, read from the cut blocks of `text` and from `tree` (what was parsed). */
function withReferences(
  facts: FileFacts,
  text: string,
  lines: LineIndex,
  cuts: readonly number[],
  tree: XmlElement | undefined,
): FileFacts {
  const { file } = facts;
  if (file.type === 'CustomField') {
    const field = extractFieldFacts(file.path, text, lines, cuts, tree);
    return field ? { ...facts, field } : facts;
  }
  const refs = extractRefs(file.type, text, lines, cuts, tree);
  return refs ? { ...facts, refs } : facts;
}

/** View entries read from the cut blocks (see collectEntries), with the text their offsets point into. */
interface BlockEntries {
  entries: Entries;
  text: string;
}

function extractView(
  file: SourceFileRef,
  root: XmlElement,
  lines: LineIndex,
  skipped: ReadonlyMap<string, number> | undefined,
  block?: BlockEntries,
): FileFacts {
  const ctx = new Extraction(file, lines, skipped, block);
  const problem = rootProblem(file, root.name, root.attrs['xmlns'], () => ctx.range(root));
  return problem ? { file, problem } : { file, view: ctx.view(root) };
}

class Extraction {
  constructor(
    private readonly file: SourceFileRef,
    private readonly lines: LineIndex,
    /** Root children left out of the tree, by name (only ones the view does not read, or only counts). */
    private readonly skipped: ReadonlyMap<string, number> | undefined,
    /** A permission container's view sections read from the cut blocks. */
    private readonly block?: BlockEntries,
  ) {}

  range(element: XmlElement) {
    return this.lines.range(element.start, element.end);
  }

  at(element: XmlElement, identity: string): Location {
    return { file: this.file.path, range: this.range(element), element: identity };
  }

  located<T>(element: XmlElement, identity: string, value: T): Located<T> {
    return { ...this.at(element, identity), value };
  }

  text(parent: XmlElement, name: string, parentIdentity: string): Located<string> | undefined {
    const element = child(parent, name);
    if (!element || element.nil) return undefined;
    return this.located(element, join(parentIdentity, name), element.text);
  }

  bool(parent: XmlElement, name: string, parentIdentity: string): Located<boolean> | undefined {
    const value = this.text(parent, name, parentIdentity);
    return value && { ...value, value: value.value === 'true' };
  }

  base(root: XmlElement): ComponentBase {
    return {
      file: this.file,
      files: [this.file],
      fullName: this.file.fullName,
      name: decodeName(this.file.fullName),
      root: this.at(root, ''),
    };
  }

  view(root: XmlElement) {
    switch (viewRecipe(this.file.type)?.kind) {
      case 'permissions':
        return this.permissionContainer(root);
      case 'layout':
        return this.layout(root);
      case 'flexiPage':
        return this.flexiPage(root);
      default:
        return this.generic(root);
    }
  }

  permissionContainer(root: XmlElement): PermissionContainer {
    // Each list in document order: what the parser built, and what was read from the cut blocks.
    const userPermissions: [number, UserPermission][] = [];
    const objectPermissions: [number, ObjectPermission][] = [];
    const layoutAssignments: [number, LayoutAssignment][] = [];
    const loginIpRanges = [];
    let fieldPermissionCount = this.skipped?.get('fieldPermissions') ?? 0;
    for (const element of root.children) {
      switch (element.name) {
        case 'userPermissions': {
          const name = child(element, 'name')?.text ?? '';
          const identity = `userPermissions[name=${name}]`;
          const enabled = child(element, 'enabled');
          userPermissions.push([
            element.start,
            {
              ...this.at(element, identity),
              name,
              enabled: enabled?.text === 'true',
              enabledAt: enabled ? this.at(enabled, join(identity, 'enabled')) : this.at(element, identity),
            },
          ]);
          break;
        }
        case 'objectPermissions': {
          const object = child(element, 'object')?.text ?? '';
          const identity = `objectPermissions[object=${object}]`;
          const flags: Partial<Record<ObjectFlag, Located<boolean>>> = {};
          for (const flag of OBJECT_FLAGS) {
            const value = this.bool(element, flag, identity);
            if (value) flags[flag] = value;
          }
          objectPermissions.push([element.start, { ...this.at(element, identity), object, flags }]);
          break;
        }
        case 'layoutAssignments': {
          const layout = child(element, 'layout')?.text ?? '';
          const recordType = child(element, 'recordType')?.text;
          const identity = `layoutAssignments[layout=${layout}${recordType ? `,recordType=${recordType}` : ''}]`;
          layoutAssignments.push([element.start, { ...this.at(element, identity), layout, ...(recordType ? { recordType } : {}) }]);
          break;
        }
        case 'loginIpRanges':
          loginIpRanges.push(this.node(element, `loginIpRanges[${loginIpRanges.length}]`));
          break;
        case 'fieldPermissions':
          fieldPermissionCount++;
          break;
      }
    }
    if (this.block) this.blockViewEntries(this.block, userPermissions, objectPermissions, layoutAssignments);
    const license = this.text(root, this.file.type === 'Profile' ? 'userLicense' : 'license', '');
    const custom = this.bool(root, 'custom', '');
    const label = this.text(root, 'label', '');
    const objects = inOrder(objectPermissions);
    return {
      ...this.base(root),
      kind: this.file.type as PermissionContainerKind,
      userPermissions: inOrder(userPermissions),
      objectPermissions: objects,
      objectFlagsGranted: Uint8Array.from(objects, grantedBits),
      fieldPermissionCount,
      layoutAssignments: inOrder(layoutAssignments),
      loginIpRanges,
      ...(license ? { license } : {}),
      ...(custom ? { custom } : {}),
      ...(label ? { label } : {}),
    };
  }

  /** The view's entries read from the cut blocks, built as permissionContainer builds them from the tree. */
  blockViewEntries(
    { entries, text }: BlockEntries,
    userPermissions: [number, UserPermission][],
    objectPermissions: [number, ObjectPermission][],
    layoutAssignments: [number, LayoutAssignment][],
  ): void {
    const value = (c: [number, number, number, number] | undefined) => (c ? fresh(text, c[2], c[3]) : undefined);
    const isTrue = (c: [number, number, number, number]) => c[3] - c[2] === 4 && text.startsWith('true', c[2]);
    for (let i = entries.fromTree; i < entries.count; i++) {
      const start = entries.start(i);
      const end = entries.end(i);
      switch (SECTIONS[entries.section(i)]!.path[0]) {
        case 'userPermissions': {
          const name = value(entries.child(i, 0)) ?? '';
          const identity = `userPermissions[name=${name}]`;
          const enabled = entries.child(i, 2);
          userPermissions.push([
            start,
            {
              ...this.span(start, end, identity),
              name,
              enabled: enabled ? isTrue(enabled) : false,
              enabledAt: enabled ? this.span(enabled[0], enabled[1], join(identity, 'enabled')) : this.span(start, end, identity),
            },
          ]);
          break;
        }
        case 'objectPermissions': {
          const object = value(entries.child(i, 0)) ?? '';
          const identity = `objectPermissions[object=${object}]`;
          const flags: Partial<Record<ObjectFlag, Located<boolean>>> = {};
          OBJECT_FLAGS.forEach((flag, f) => {
            const element = entries.child(i, 2 + f);
            if (element) flags[flag] = { ...this.span(element[0], element[1], join(identity, flag)), value: isTrue(element) };
          });
          objectPermissions.push([start, { ...this.span(start, end, identity), object, flags }]);
          break;
        }
        case 'layoutAssignments': {
          const layout = value(entries.child(i, 0)) ?? '';
          const recordType = value(entries.child(i, 1));
          const identity = `layoutAssignments[layout=${layout}${recordType ? `,recordType=${recordType}` : ''}]`;
          layoutAssignments.push([start, { ...this.span(start, end, identity), layout, ...(recordType ? { recordType } : {}) }]);
          break;
        }
      }
    }
  }

  span(start: number, end: number, identity: string): Location {
    return { file: this.file.path, range: this.lines.range(start, end), element: identity };
  }

  layout(root: XmlElement): LayoutView {
    const name = decodeName(this.file.fullName);
    const hyphen = name.indexOf('-');
    const view: LayoutView = {
      ...this.base(root),
      object: hyphen >= 0 ? name.slice(0, hyphen) : name,
      excludeButtons: childrenNamed(root, 'excludeButtons').map((e) => this.located(e, `excludeButtons[${e.text}]`, e.text)),
      customButtons: childrenNamed(root, 'customButtons').map((e) => this.located(e, `customButtons[${e.text}]`, e.text)),
      quickActions: [],
    };
    const list = child(root, 'platformActionList');
    if (list) {
      const context = child(list, 'actionListContext')?.text;
      view.platformActionList = {
        ...this.at(list, 'platformActionList'),
        ...(context ? { context } : {}),
        items: childrenNamed(list, 'platformActionListItems').map((item) => {
          const actionName = child(item, 'actionName')?.text ?? '';
          const actionType = child(item, 'actionType')?.text ?? '';
          const sortOrder = child(item, 'sortOrder')?.text;
          return {
            ...this.at(item, `platformActionList/platformActionListItems[actionName=${actionName},actionType=${actionType}]`),
            actionName,
            actionType,
            ...(sortOrder !== undefined && WHOLE_NUMBER.test(sortOrder) ? { sortOrder: Number(sortOrder) } : {}),
          };
        }),
      };
    }
    const quick = child(root, 'quickActionList');
    if (quick) {
      view.quickActions = childrenNamed(quick, 'quickActionListItems').map((item) => {
        const action = child(item, 'quickActionName')?.text ?? '';
        return this.located(item, `quickActionList/quickActionListItems[quickActionName=${action}]`, action);
      });
    }
    return view;
  }

  flexiPage(root: XmlElement): FlexiPageView {
    const dynamicActions: DynamicActions[] = [];
    const sobjectType = this.text(root, 'sobjectType', '');
    const pageType = this.text(root, 'type', '');
    for (const region of childrenNamed(root, 'flexiPageRegions')) {
      for (const item of childrenNamed(region, 'itemInstances')) {
        const component = child(item, 'componentInstance');
        if (!component || child(component, 'componentName')?.text !== 'force:highlightsPanel') continue;
        const regionName = child(region, 'name')?.text ?? '';
        const identity = `flexiPageRegions[name=${regionName}]/itemInstances/componentInstance[componentName=force:highlightsPanel]`;
        const property = childrenNamed(component, 'componentInstanceProperties').find((p) => child(p, 'name')?.text === 'actionNames');
        if (!property) continue;
        const values = childrenNamed(child(property, 'valueList') ?? property, 'valueListItems');
        dynamicActions.push({
          ...this.at(component, identity),
          actions: values.flatMap((entry) => {
            const value = child(entry, 'value');
            return value ? [this.located(value, `${identity}/actionNames[${value.text}]`, value.text)] : [];
          }),
        });
      }
    }
    return { ...this.base(root), dynamicActions, ...(sobjectType ? { sobjectType } : {}), ...(pageType ? { pageType } : {}) };
  }

  generic(root: XmlElement): GenericView {
    const tree = this.node(root, '');
    const skips = viewRecipe(this.file.type)?.skips;
    if (skips) tree.children = tree.children.filter((c) => !skips.has(c.name));
    return { ...this.base(root), tree };
  }

  node(element: XmlElement, identity: string): XNode {
    const counts = new Map<string, number>();
    const totals = new Map<string, number>();
    for (const c of element.children) totals.set(c.name, (totals.get(c.name) ?? 0) + 1);
    return {
      ...this.at(element, identity),
      name: element.name,
      text: element.text,
      nil: element.nil,
      children: element.children.map((c) => {
        const index = counts.get(c.name) ?? 0;
        counts.set(c.name, index + 1);
        return this.node(c, join(identity, segment(c, index, totals.get(c.name)! > 1)));
      }),
    };
  }
}

/** A list built from the tree and from the blocks, in document order. */
function inOrder<T>(items: [number, T][]): T[] {
  return items.sort((a, b) => a[0] - b[0]).map(([, item]) => item);
}

function join(parent: string, segmentText: string): string {
  return parent === '' ? segmentText : `${parent}/${segmentText}`;
}

function segment(element: XmlElement, index: number, repeated: boolean): string {
  if (element.children.length === 0) return repeated ? `${element.name}[${element.text}]` : element.name;
  for (const key of KEY_ELEMENTS) {
    const keyed = child(element, key);
    if (keyed && keyed.children.length === 0 && keyed.text !== '') return `${element.name}[${key}=${keyed.text}]`;
  }
  return `${element.name}[${index}]`;
}
