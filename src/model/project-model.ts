// The project model: every extracted component indexed by type and name, with name resolution across files.
import { nameKey } from './names.js';
import { isDecomposed, ReferenceIndex } from './reference-index.js';
import type {
  ComponentBase,
  ComponentView,
  Directive,
  FileFacts,
  FileProblem,
  FlexiPageView,
  GenericView,
  LayoutView,
  PermissionContainer,
  ProjectShape,
  SourceFileRef,
} from './types.js';
import { viewRecipe } from './views.js';

/** The same component defined in more than one package directory. */
export interface Duplicate {
  type: string;
  name: string;
  components: ComponentBase[];
}

class Index<T extends ComponentBase> {
  readonly all: T[] = [];
  private readonly byKey = new Map<string, T[]>();

  add(view: T): void {
    this.all.push(view);
    const key = nameKey(view.fullName);
    const list = this.byKey.get(key);
    if (list) list.push(view);
    else this.byKey.set(key, [view]);
  }

  /** Finds a component by encoded or decoded name, case-insensitively; an exact match wins over a case-insensitive one. */
  get(name: string): T | undefined {
    const list = this.byKey.get(nameKey(name));
    if (!list) return undefined;
    return list.find((v) => v.fullName === name || v.name === name) ?? list[0];
  }

  /** Every component with this name: one per package directory that defines it (settings often have several). */
  named(name: string): T[] {
    return this.byKey.get(nameKey(name)) ?? [];
  }

  duplicates(type: string): Duplicate[] {
    const result: Duplicate[] = [];
    for (const list of this.byKey.values()) {
      const dirs = new Set(list.map((v) => v.file.packageDir));
      if (list.length > 1 && dirs.size > 1) result.push({ type, name: list[0]!.name, components: list });
    }
    return result;
  }
}

export class ProjectModel {
  readonly profiles = new Index<PermissionContainer>();
  readonly permissionSets = new Index<PermissionContainer>();
  readonly mutingPermissionSets = new Index<PermissionContainer>();
  readonly permissionSetGroups = new Index<GenericView>();
  readonly layouts = new Index<LayoutView>();
  readonly flexiPages = new Index<FlexiPageView>();
  readonly settings = new Index<GenericView>();
  readonly networks = new Index<GenericView>();
  readonly customSites = new Index<GenericView>();
  readonly objects = new Index<GenericView>();
  readonly fields = new Index<GenericView>();
  readonly profilePasswordPolicies = new Index<GenericView>();
  readonly profileSessionSettings = new Index<GenericView>();
  readonly remoteSites = new Index<GenericView>();
  readonly sharingRules = new Index<GenericView>();
  readonly problems: FileProblem[] = [];
  /** Inline suppression comments, for the engine; rules do not read them. */
  readonly directives: Directive[] = [];
  /** Every classified file of the project, parsed or not. */
  readonly files: SourceFileRef[];
  /** What the project declares about its target org (sfdx-project.json). */
  readonly projectShape: ProjectShape;
  private readonly facts: readonly FileFacts[];
  private referenceIndex: ReferenceIndex | undefined;

  /**
   * `references`: the reference index to read instead of building one from `files` and `facts`, when the caller has
   * one for exactly these (the incremental analysis keeps the project's definitions between changes).
   */
  constructor(files: SourceFileRef[], facts: FileFacts[], projectShape: ProjectShape = {}, references?: ReferenceIndex) {
    this.files = files;
    this.facts = facts;
    this.projectShape = projectShape;
    this.referenceIndex = references;
    const decomposed = new Map<string, { main?: PermissionContainer; parts: PermissionContainer[] }>();
    for (const fact of facts) {
      if (fact.problem) this.problems.push(fact.problem);
      if (fact.directives) this.directives.push(...fact.directives);
      const view = fact.view;
      if (!view) continue;
      if (view.file.type === 'PermissionSet' && isDecomposed(view.file)) {
        const key = `${view.file.packageDir}\u0000${view.file.parent ?? view.fullName}`;
        const entry = decomposed.get(key) ?? { parts: [] };
        if (view.file.parent === undefined) entry.main = view as PermissionContainer;
        else entry.parts.push(view as PermissionContainer);
        decomposed.set(key, entry);
        continue;
      }
      this.index(view);
    }
    for (const { main, parts } of decomposed.values()) {
      const merged = main ?? parts[0];
      if (!merged) continue;
      const whole: PermissionContainer = main
        ? { ...main, files: [...main.files], userPermissions: [...main.userPermissions], objectPermissions: [...main.objectPermissions] }
        : {
            ...merged,
            fullName: merged.file.parent!,
            name: merged.file.parent!,
            files: [],
            userPermissions: [],
            objectPermissions: [],
            fieldPermissionCount: 0,
          };
      const granted = main ? [main.objectFlagsGranted] : [];
      for (const part of parts) {
        whole.files.push(part.file);
        whole.userPermissions.push(...part.userPermissions);
        whole.objectPermissions.push(...part.objectPermissions);
        granted.push(part.objectFlagsGranted);
        whole.fieldPermissionCount += part.fieldPermissionCount;
      }
      whole.objectFlagsGranted = concatBytes(granted);
      this.permissionSets.add(whole);
    }
  }

  /**
   * Every component the project defines and what each profile, permission set, group and layout names (built on first
   * use). Its entries are there when a rule that declares `references` is on; otherwise only the file names are.
   */
  get references(): ReferenceIndex {
    this.referenceIndex ??= new ReferenceIndex(this.files, this.facts, this.projectShape.namespace);
    return this.referenceIndex;
  }

  /** Whether the reference index was built (a rule read it). */
  get referencesBuilt(): boolean {
    return this.referenceIndex !== undefined;
  }

  private index(view: ComponentView): void {
    const recipe = viewRecipe(view.file.type);
    if (recipe) (this[recipe.index] as Index<ComponentView>).add(view);
  }

  /** Components defined in two package directories at once. */
  duplicates(): Duplicate[] {
    return [
      ...this.profiles.duplicates('Profile'),
      ...this.permissionSets.duplicates('PermissionSet'),
      ...this.layouts.duplicates('Layout'),
      ...this.networks.duplicates('Network'),
      ...this.customSites.duplicates('CustomSite'),
      ...this.settings.duplicates('Settings'),
      ...this.objects.duplicates('CustomObject'),
    ];
  }

  /** Layouts of one object, e.g. every `Contact-*` layout. */
  layoutsOf(object: string): LayoutView[] {
    const key = object.toLowerCase();
    return this.layouts.all.filter((l) => l.object.toLowerCase() === key);
  }
}

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}
