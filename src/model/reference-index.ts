// The reference index: every component the project defines (by metadata type and full name, from file names and from
// metadata-format objects), and what each profile, permission set, group and layout names; built once for every rule.
import { decodeName } from './names.js';
import { flagBool, flagText, SECTION, SECTIONS } from './refs.js';
import { decodeMember, decodeNames, flagLocation, readRun, runLength, runMembers, type RefEntry } from './refs-read.js';
import {
  CUSTOM_FIELD,
  CUSTOM_OBJECT,
  ENDS_C,
  hashName,
  NAMESPACED,
  namespaceOf,
  OBJECT_SUFFIX,
  OTHER_TOKEN,
  PLAIN,
  PLATFORM_APEX,
  PLATFORM_NAME,
  PLATFORM_PAGES,
  PLATFORM_RECORD_TYPES,
  STANDARD_APP,
  STANDARD_TAB,
  STANDARD_TAB_NAME,
  withoutTokens,
} from './reference-names.js';
import type { FieldFacts, FileFacts, RefTable, SourceFileRef } from './types.js';
import {
  CHILD_TYPES,
  layoutObjectOf,
  referrersOf,
  separatorOf,
  split,
  type ObjectInfo,
  type Referrer,
  type Scope,
  type Target,
} from './reference-parts.js';

export {
  definesComponents,
  isDecomposed,
  layoutObjectOf,
  referrersOf,
  type ObjectInfo,
  type Referrer,
  type RefFile,
  type Scope,
  type Target,
} from './reference-parts.js';

/** The kinds that decide a custom field's check from its hash alone (see ReferenceIndex.missing). */
const FIELD_MASK = PLAIN | NAMESPACED | PLATFORM_NAME | ENDS_C;
const PLAIN_FIELD = PLAIN | ENDS_C;

/** What is checked for the entries of one run (see ReferenceIndex.plan). */
interface RunPlan {
  type: string;
  /** A scope every entry of the run has, when the owner alone decides it. */
  scope?: Scope;
  /** The scope of a custom, unnamespaced member. */
  memberScope: Scope;
  /** The hashes of the members the project defines (for the run's owner). */
  hashes?: Set<number>;
}

export class ReferenceIndex {
  readonly referrers: Referrer[];
  /** The project's namespace (`sfdx-project.json`), lower case; '' when it has none. */
  private readonly namespace: string;
  /** By type, every definition by its key (see key()). */
  private readonly definitions = new Map<string, Map<string, SourceFileRef>>();
  /** By type and owner key (`CustomField\0account`; '' for top-level types), the hashes of the members' keys. */
  private readonly memberHashes = new Map<string, Set<number>>();
  private readonly objects = new Map<string, ObjectInfo>();
  private readonly requirements = new Map<string, FieldFacts>();
  /** By object key, the hashes of the required fields' member keys. */
  private readonly requiredHashes = new Map<string, Set<number>>();
  private readonly recordTypes = new Map<string, Target>();
  /** Scratch for a run's members (the rules read runs one at a time). */
  private ids: Int32Array = new Int32Array(1024);
  /** Run plans by section, then owner (and the layout's object, for the sections that name its fields). */
  private readonly plans = new Map<number, Map<string, RunPlan>>();
  /** Required fields' hashes by owner as written. */
  private readonly requiredByOwner = new Map<string, Set<number> | undefined>();
  private readonly keys = { '.': new Map<string, string>(), '-': new Map<string, string>(), '': new Map<string, string>() };

  constructor(files: readonly SourceFileRef[], facts: readonly FileFacts[], namespace: string | undefined) {
    this.namespace = (namespace ?? '').toLowerCase();
    for (const file of files) this.define(file.type, file.fullName, file);
    for (const fact of facts) {
      if (fact.field) this.require(fact.file.fullName, fact.field);
      if (fact.refs && fact.file.type === 'CustomObject') this.objectChildren(fact.file, fact.refs);
    }
    this.referrers = referrersOf(facts);
  }

  /**
   * An index with this one's definitions (and what has been worked out from them) and other referrers: for checking
   * again the referrers whose files changed while the project's definitions stayed the same (the incremental
   * analysis). What defines components: the project's files, its objects' entries and its fields' facts.
   */
  withReferrers(referrers: Referrer[]): ReferenceIndex {
    const copy = Object.create(ReferenceIndex.prototype) as ReferenceIndex;
    Object.assign(copy, this);
    (copy as { referrers: Referrer[] }).referrers = referrers;
    return copy;
  }

  private define(type: string, fullName: string, file: SourceFileRef): void {
    const separator = separatorOf(type);
    const key = this.key(fullName, separator);
    let byName = this.definitions.get(type);
    if (!byName) this.definitions.set(type, (byName = new Map()));
    if (!byName.has(key)) byName.set(key, file);
    const [ownerKey, memberKey] = split(key, separator);
    const bucket = `${type}\u0000${ownerKey}`;
    let hashes = this.memberHashes.get(bucket);
    if (!hashes) this.memberHashes.set(bucket, (hashes = new Set()));
    hashes.add(hashName(memberKey));
    if (type === 'CustomObject') this.objectInfo(fullName).defined ||= file.parent === undefined;
    const owner = this.ownerOf(type, decodeName(fullName), file);
    if (owner !== undefined) {
      const info = this.objectInfo(owner);
      if (!info.children.has(type)) info.children.set(type, file);
    }
  }

  /** The object a component belongs to: a child's parent, a layout's or an object-specific action's first part. */
  private ownerOf(type: string, name: string, file: SourceFileRef): string | undefined {
    if (CHILD_TYPES.has(type)) return file.parent ?? name.slice(0, Math.max(name.indexOf('.'), 0));
    if (type === 'Layout') return name.includes('-') ? name.slice(0, name.indexOf('-')) : undefined;
    if (type === 'QuickAction') return name.includes('.') ? name.slice(0, name.indexOf('.')) : undefined;
    return undefined;
  }

  private objectInfo(name: string): ObjectInfo {
    const key = this.key(name, undefined);
    let info = this.objects.get(key);
    if (!info) this.objects.set(key, (info = { name, defined: false, children: new Map() }));
    return info;
  }

  /** The children a metadata-format object file defines inline: fields, record types, list views, ... */
  private objectChildren(file: SourceFileRef, refs: RefTable): void {
    const object = decodeName(file.fullName);
    for (let run = 0; run < refs.sections.length; run++) {
      const spec = SECTIONS[refs.sections[run]!]!;
      if (spec.defines) {
        const names = decodeNames(refs, run);
        for (const name of names) this.define(spec.type, `${object}.${name}`, { ...file, type: spec.type, parent: object });
        if (spec.id === SECTION['object.fields']) {
          readRun(refs, run, (entry) => {
            const required = flagBool(entry.flags, entry.section, 0) === true ? flagLocation(file.path, entry, 0) : undefined;
            const masterDetail = flagText(entry.flags, entry.section, 1) === 'MasterDetail' ? flagLocation(file.path, entry, 1) : undefined;
            if (!required && !masterDetail) return;
            this.require(`${object}.${entry.name}`, { ...(required ? { required } : {}), ...(masterDetail ? { masterDetail } : {}) });
          });
        }
      }
    }
  }

  private require(field: string, facts: FieldFacts): void {
    const key = this.key(field, '.');
    this.requirements.set(key, facts);
    const [ownerKey, memberKey] = split(key, '.');
    let hashes = this.requiredHashes.get(ownerKey);
    if (!hashes) this.requiredHashes.set(ownerKey, (hashes = new Set()));
    hashes.add(hashName(memberKey));
  }

  /** A run's names (the rest after the owner), decoded. */
  names(refs: RefTable, run: number): string[] {
    return decodeNames(refs, run);
  }

  /** The name (the rest after the owner) of one entry of a run, by its number in the run. */
  member(refs: RefTable, run: number, indexInRun: number): string {
    this.ids = runMembers(refs, run, this.ids);
    return decodeMember(refs, this.ids[indexInRun]!);
  }

  /**
   * A name as compared: CumulusCI namespace tokens and the project's own namespace prefix removed from each part,
   * URL-decoded (layouts' file names are encoded), lower case. `separator` splits the parts (`.` or `-`).
   */
  key(name: string, separator: '.' | '-' | undefined): string {
    // Without a namespace to remove, a URL escape or a token, a name is compared in lower case.
    if (this.namespace === '' && !name.includes('%')) return name.toLowerCase();
    const memo = this.keys[separator ?? ''];
    let key = memo.get(name);
    if (key !== undefined) return key;
    const clean = decodeName(withoutTokens(name));
    const parts =
      separator && clean.includes(separator)
        ? [clean.slice(0, clean.indexOf(separator)), clean.slice(clean.indexOf(separator) + 1)]
        : [clean];
    key = parts
      .map((part) => this.withoutOwnNamespace(part))
      .join(separator ?? '')
      .toLowerCase();
    memo.set(name, key);
    return key;
  }

  private withoutOwnNamespace(part: string): string {
    if (this.namespace === '') return part;
    return part.toLowerCase().startsWith(`${this.namespace}__`) && namespaceOf(part)?.toLowerCase() === this.namespace
      ? part.slice(this.namespace.length + 2)
      : part;
  }

  /** Whether a name part carries a namespace that is not the project's own. */
  private foreign(part: string): boolean {
    const namespace = namespaceOf(withoutTokens(part));
    return namespace !== undefined && namespace.toLowerCase() !== this.namespace;
  }

  /** The component the project defines with this type and full name (as written in a reference), if any. */
  definition(type: string, name: string): SourceFileRef | undefined {
    const separator = type === 'Layout' ? '-' : CHILD_TYPES.has(type) || type === 'QuickAction' ? '.' : undefined;
    return this.definitions.get(type)?.get(this.key(name, separator));
  }

  /** A file of this type the project holds (where another one would live), if any. */
  sample(type: string): SourceFileRef | undefined {
    const byName = this.definitions.get(type);
    return byName?.values().next().value;
  }

  object(name: string): ObjectInfo | undefined {
    return this.objects.get(this.key(name, undefined));
  }

  /** What makes a field (`Object.Field`, as written in a reference) required, when the project defines it so. */
  requirement(field: string): FieldFacts | undefined {
    return this.requirements.get(this.key(field, '.'));
  }

  /**
   * What one entry names, resolved by its name's text (the reference semantics; the run methods below give the same
   * answers from the bytes). `layoutObject` is the object of the layout that holds the entry, if any.
   */
  target(section: number, owner: string, member: string, layoutObject?: string): Target {
    const spec = SECTIONS[section]!;
    const type = spec.type;
    const written = owner === '' ? member : `${owner}${spec.separator}${member}`;
    // The object a child belongs to: a layout's own for its fields and buttons, else the name's owner part.
    let object: string | undefined;
    if (section === SECTION['layoutItems'] || section === SECTION['customButtons']) object = layoutObject;
    else if (owner !== '') object = owner;
    const name = withoutTokens(object !== undefined && owner === '' ? `${object}.${member}` : written);
    const key = this.key(name, type === 'Layout' ? '-' : object !== undefined ? '.' : undefined);
    const make = (scope: Scope): Target => ({ type, name, key, scope, ...(object !== undefined ? { object } : {}) });
    if (OTHER_TOKEN.test(name)) return make('token');
    if (type === 'UserPermission') return make('standard');
    // A standard related list, a global action, a standard button: the platform's own.
    if (object === undefined) return spec.roots[0] === 'Layout' ? make('standard') : this.topLevel(type, name, key, make);
    return this.childOf(type, withoutTokens(object), withoutTokens(member), make);
  }

  /** What a custom record type of this object (as written) is: the scope a missing one would be reported in. */
  recordTypeScope(object: string): Scope {
    return this.plan(SECTION['recordTypeVisibilities']!, object, undefined).memberScope;
  }

  /** What a record type name (`Account.Business`, as a layout assignment writes it) resolves to (once per name). */
  recordType(name: string): Target {
    let target = this.recordTypes.get(name);
    if (target) return target;
    const section = SECTION['recordTypeVisibilities']!;
    const dot = name.indexOf('.');
    target =
      dot < 0
        ? { type: 'RecordType', name, key: this.key(name, undefined), scope: 'untracked' }
        : this.target(section, name.slice(0, dot), name.slice(dot + 1));
    this.recordTypes.set(name, target);
    return target;
  }

  private topLevel(type: string, name: string, key: string, make: (scope: Scope) => Target): Target {
    if ((type === 'CustomTab' && STANDARD_TAB_NAME.test(key)) || (type === 'CustomApplication' && key.startsWith('standard__')))
      return make('standard');
    if (this.foreign(name)) return make('managed');
    if (type === 'CustomObject' && !CUSTOM_OBJECT.test(name)) return make('standard');
    if ((type === 'ApexClass' && PLATFORM_APEX.has(key)) || (type === 'ApexPage' && PLATFORM_PAGES.has(key))) return make('standard');
    return make(this.definitions.has(type) ? 'tracked' : 'untracked');
  }

  private childOf(type: string, object: string, member: string, make: (scope: Scope) => Target): Target {
    if (this.foreign(member)) return make('managed');
    const customObject = CUSTOM_OBJECT.test(object);
    if (type === 'CustomField' && !CUSTOM_FIELD.test(member)) return make('standard');
    if (type === 'RecordType' && PLATFORM_RECORD_TYPES.has(member.toLowerCase())) return make('standard');
    // Standard objects come with layouts and actions of their own in every org.
    if ((type === 'Layout' || type === 'QuickAction') && !customObject) return make('standard');
    return make(this.childScope(type, object).memberScope);
  }

  /** What a custom, unnamespaced child of this type of `object` is (see Scope), and the project's children to check it against. */
  private childScope(type: string, object: string): { memberScope: Scope; hashes: Set<number> | undefined } {
    const info = this.object(object);
    const memberScope: Scope = !info?.children.has(type)
      ? 'untracked'
      : this.foreign(object)
        ? 'managed'
        : CUSTOM_OBJECT.test(object) && info.defined
          ? 'owned'
          : 'tracked';
    return { memberScope, hashes: this.memberHashes.get(`${type}\u0000${this.key(object, undefined)}`) };
  }

  /**
   * What holds for every entry of a run, and what its members are checked against: the run's type, its object's
   * scope (`memberScope`: what a custom, unnamespaced member is), or a scope the owner alone decides.
   */
  private plan(section: number, owner: string, layoutObject: string | undefined): RunPlan {
    let bySection = this.plans.get(section);
    if (!bySection) this.plans.set(section, (bySection = new Map()));
    const ofLayout = section === SECTION['layoutItems'] || section === SECTION['customButtons'];
    const memo = ofLayout ? (layoutObject ?? '') : owner;
    let plan = bySection.get(memo);
    if (plan) return plan;
    const spec = SECTIONS[section]!;
    const type = spec.type;
    let object: string | undefined;
    if (section === SECTION['layoutItems'] || section === SECTION['customButtons']) object = layoutObject;
    else if (owner !== '') object = owner;
    if (type === 'UserPermission' || (object === undefined && spec.roots[0] === 'Layout'))
      plan = { type, scope: 'standard', memberScope: 'standard' };
    else if (object === undefined)
      plan = { type, memberScope: this.definitions.has(type) ? 'tracked' : 'untracked', hashes: this.memberHashes.get(`${type}\u0000`) };
    else if (OTHER_TOKEN.test(withoutTokens(object))) plan = { type, scope: 'token', memberScope: 'token' };
    else {
      const name = withoutTokens(object);
      plan =
        // Standard objects come with layouts and actions of their own in every org (a namespaced one is still managed).
        (type === 'Layout' || type === 'QuickAction') && !CUSTOM_OBJECT.test(name)
          ? { type, memberScope: 'standard' }
          : { type, ...this.childScope(type, name) };
    }
    bySection.set(memo, plan);
    return plan;
  }

  /**
   * The scope of a member (by its kinds and hash) in a run and whether the project defines it, from its bytes;
   * undefined when only its text can tell (a URL escape, a token, non-ASCII, a possible platform name).
   */
  private classify(plan: RunPlan, kind: number, hash: number): { scope: Scope; defined: boolean } | undefined {
    if (plan.scope !== undefined) return { scope: plan.scope, defined: false };
    if ((kind & PLAIN) === 0 || (kind & PLATFORM_NAME) !== 0) return undefined;
    const type = plan.type;
    let standard = false;
    if ((type === 'CustomTab' && kind & STANDARD_TAB) || (type === 'CustomApplication' && kind & STANDARD_APP)) standard = true;
    else if (kind & NAMESPACED) {
      // Another namespace is managed; the project's own is left to the text, which removes it.
      if (this.namespace === '') return { scope: 'managed', defined: false };
      return undefined;
    } else if (type === 'CustomField') standard = (kind & ENDS_C) === 0;
    else if (type === 'CustomObject') standard = (kind & OBJECT_SUFFIX) === 0;
    if (standard) return { scope: 'standard', defined: false };
    return { scope: plan.memberScope, defined: plan.hashes?.has(hash) ?? false };
  }

  /**
   * The entries of a run that name a component the project does not define, among those in `scopes` (by number in the
   * run). Read from the members' bytes; the text confirms each one found.
   */
  missing(refs: RefTable, run: number, layoutObject: string | undefined, scopes: ReadonlySet<Scope>): number[] {
    const section = refs.sections[run]!;
    const owner = refs.owners[run]!;
    const plan = this.plan(section, owner, layoutObject);
    if ((plan.scope !== undefined && !scopes.has(plan.scope)) || !scopes.has(plan.memberScope)) return [];
    const hashes = refs.memberHashes;
    const kinds = refs.memberKinds;
    const count = runLength(refs, run);
    const ids = (this.ids = runMembers(refs, run, this.ids));
    const found: number[] = [];
    // The common case first: a plain custom field without a namespace, which the project defines.
    const defined = plan.scope === undefined && plan.type === 'CustomField' ? plan.hashes : undefined;
    for (let i = 0; i < count; i++) {
      const id = ids[i]!;
      if (defined && (kinds[id]! & FIELD_MASK) === PLAIN_FIELD && defined.has(hashes[id]!)) continue;
      const quick = this.classify(plan, kinds[id]!, hashes[id]!);
      if (quick && (!scopes.has(quick.scope) || quick.defined)) continue;
      // Missing by its bytes (or only its text can tell): the text decides.
      const target = this.target(section, owner, decodeMember(refs, id), layoutObject);
      if (scopes.has(target.scope) && !this.defines(target)) found.push(i);
    }
    return found;
  }

  /** The entries of a fieldPermissions run that name a field the project defines as required (by number in the run). */
  required(refs: RefTable, run: number): { index: number; facts: FieldFacts }[] {
    const written = refs.owners[run]!;
    let required = this.requiredByOwner.get(written);
    if (required === undefined && !this.requiredByOwner.has(written)) {
      required = this.requiredHashes.get(this.key(withoutTokens(written), undefined));
      this.requiredByOwner.set(written, required);
    }
    if (!required) return [];
    const owner = withoutTokens(written);
    const hashes = refs.memberHashes;
    const kinds = refs.memberKinds;
    const count = runLength(refs, run);
    const ids = (this.ids = runMembers(refs, run, this.ids));
    const found: { index: number; facts: FieldFacts }[] = [];
    for (let i = 0; i < count; i++) {
      const id = ids[i]!;
      const kind = kinds[id]!;
      // A plain name without a namespace is found by its hash; another namespace cannot be the project's field.
      if (kind & PLAIN && (kind & NAMESPACED ? this.namespace === '' : !required.has(hashes[id]!))) continue;
      const facts = this.requirement(`${owner}.${decodeMember(refs, id)}`);
      if (facts) found.push({ index: i, facts });
    }
    return found;
  }

  /** Whether the project defines what a target names. */
  defines(target: Target): boolean {
    return this.definitions.get(target.type)?.has(target.key) ?? false;
  }

  /**
   * Where a missing component would be: beside the project's other components of its type (of its object, for a
   * child); `inside` when that is an element of a metadata-format object file rather than a file of its own.
   */
  expectedFile(target: Target): { path: string; inside: boolean } | undefined {
    const sample = target.object !== undefined ? this.object(target.object)?.children.get(target.type) : this.sample(target.type);
    if (!sample) return undefined;
    if (sample.format === 'metadata' && sample.parent !== undefined && sample.type !== 'CustomObject')
      return { path: sample.path, inside: true };
    // A child of an object is named by its own part in a folder of the object's; a layout or action by its full name.
    const dotted = CHILD_TYPES.has(target.type);
    const own = dotted ? sample.fullName.slice(sample.fullName.indexOf('.') + 1) : sample.fullName;
    // Files are named without the project's own namespace.
    const leaf = this.withoutOwnNamespace(dotted ? target.name.slice(target.name.indexOf('.') + 1) : target.name);
    const slash = sample.path.lastIndexOf('/');
    const base = sample.path.slice(slash + 1);
    if (!base.startsWith(own)) return undefined;
    const folder = sample.path.slice(0, slash + 1);
    // A source-format object lives in a folder of its own name.
    if (target.type === 'CustomObject' && folder.endsWith(`/${own}/`))
      return { path: `${folder.slice(0, -own.length - 1)}${leaf}/${leaf}${base.slice(own.length)}`, inside: false };
    return { path: `${folder}${leaf}${base.slice(own.length)}`, inside: false };
  }

  /** A run's entries with their places, for the ones `wanted` (by number in the run). */
  entries(refs: RefTable, run: number, wanted?: (indexInRun: number) => boolean): RefEntry[] {
    const out: RefEntry[] = [];
    readRun(refs, run, (entry) => out.push(entry), wanted);
    return out;
  }

  /** For `--debug`: how many references missing-reference checks, and why the others cannot be checked. */
  note(): string {
    const c = this.census();
    const total = Object.values(c).reduce((a, b) => a + b, 0);
    return (
      `${total} references: ${c.owned} checked by default, ${c.tracked} more with assume "complete"; not checkable: ` +
      `${c.standard} standard, ${c.managed} of another namespace, ${c.untracked} of types or objects the project does not hold, ` +
      `${c.token} with other build tokens`
    );
  }

  /** How many references fall in each scope: what missing-reference could and could not check. */
  census(): Record<Scope, number> {
    const counts: Record<Scope, number> = { owned: 0, tracked: 0, standard: 0, managed: 0, untracked: 0, token: 0 };
    for (const referrer of this.referrers) {
      const layoutObject = referrer.type === 'Layout' ? layoutObjectOf(referrer.name) : undefined;
      for (const { refs } of referrer.files) {
        for (let run = 0; run < refs.sections.length; run++) {
          const section = refs.sections[run]!;
          const owner = refs.owners[run]!;
          const plan = this.plan(section, owner, layoutObject);
          if (plan.type === 'UserPermission') continue;
          if (plan.scope !== undefined) {
            counts[plan.scope] += runLength(refs, run);
            continue;
          }
          const count = runLength(refs, run);
          this.ids = runMembers(refs, run, this.ids);
          for (const id of this.ids.subarray(0, count))
            counts[
              (
                this.classify(plan, refs.memberKinds[id]!, refs.memberHashes[id]!) ??
                this.target(section, owner, decodeMember(refs, id), layoutObject)
              ).scope
            ]++;
        }
      }
    }
    return counts;
  }
}
