// Classifies a file into its metadata type with the SDR registry: strict folders, suffixes, child types, decomposed permission sets.
import { createRequire } from 'node:module';
import type { MetadataFormat, SourceFileRef } from '../model/index.js';

interface RegistryType {
  id: string;
  name: string;
  suffix?: string;
  directoryName?: string;
  strictDirectoryName?: boolean;
  children?: { types: Record<string, RegistryType>; suffixes: Record<string, string>; directories?: Record<string, string> };
}
interface Registry {
  types: Record<string, RegistryType>;
  suffixes: Record<string, string>;
  strictDirectoryNames: Record<string, string>;
}
interface Preset {
  types: Record<string, RegistryType>;
}

// Only the registry's JSON is loaded: importing SDR's JavaScript costs ~300 ms and pulls @salesforce/core.
const requireJson = createRequire(import.meta.url);
const REGISTRY_DIR = '@salesforce/source-deploy-retrieve/lib/src/registry';

const META_SUFFIX = '-meta.xml';
const MANIFESTS: ReadonlySet<string> = new Set([
  'package.xml',
  'destructiveChanges.xml',
  'destructiveChangesPre.xml',
  'destructiveChangesPost.xml',
]);

interface SuffixTarget {
  type: RegistryType;
  parent?: RegistryType;
}

interface Tables {
  registry: Registry;
  bySuffix: Map<string, SuffixTarget>;
  permissionSetPartSuffixes: ReadonlySet<string>;
}

let tables: Tables | undefined;

/** The registry and what is looked up in it, read on the first classification (a run whose listing is cached needs none). */
function registryTables(): Tables {
  if (tables) return tables;
  const registry = requireJson(`${REGISTRY_DIR}/metadataRegistry.json`) as Registry;
  const decomposedPermissionSet = requireJson(`${REGISTRY_DIR}/presets/decomposePermissionSetBeta2.json`) as Preset;
  const bySuffix = new Map<string, SuffixTarget>();
  for (const type of Object.values(registry.types)) {
    if (type.suffix && !bySuffix.has(type.suffix)) bySuffix.set(type.suffix, { type });
    for (const childType of Object.values(type.children?.types ?? {})) {
      if (childType.suffix && !bySuffix.has(childType.suffix)) bySuffix.set(childType.suffix, { type: childType, parent: type });
    }
  }
  // The registry's own suffix map settles suffixes shared by several types (`site` is SiteDotCom unless the folder says otherwise).
  for (const [suffix, id] of Object.entries(registry.suffixes)) {
    const type = registry.types[id];
    if (type) bySuffix.set(suffix, { type });
  }
  const permissionSetPartSuffixes = new Set(Object.keys(decomposedPermissionSet.types['permissionset']?.children?.suffixes ?? {}));
  tables = { registry, bySuffix, permissionSetPartSuffixes };
  return tables;
}

export type Classification = { ok: true; file: SourceFileRef } | { ok: false; reason: string };

/**
 * Classifies `relPath` (relative to the project root, forward slashes) that belongs to `packageDir`.
 */
export function classify(relPath: string, packageDir: string): Classification {
  const { registry, bySuffix, permissionSetPartSuffixes } = registryTables();
  const segments = relPath.split('/');
  const base = segments[segments.length - 1]!;
  if (MANIFESTS.has(base)) return { ok: false, reason: 'a deployment manifest' };
  const format: MetadataFormat = base.endsWith(META_SUFFIX) ? 'source' : 'metadata';
  const stem = format === 'source' ? base.slice(0, -META_SUFFIX.length) : base;
  const dot = stem.lastIndexOf('.');
  const suffix = dot > 0 ? stem.slice(dot + 1) : '';
  const fullName = dot > 0 ? stem.slice(0, dot) : stem;
  const folders = segments.slice(0, -1);
  const make = (type: string, name: string, parent?: string): Classification => ({
    ok: true,
    file: { path: relPath, type, fullName: name, packageDir, format, ...(parent !== undefined ? { parent } : {}) },
  });

  const permissionSetsAt = folders.lastIndexOf('permissionsets');
  if (permissionSetsAt >= 0 && permissionSetsAt < folders.length - 1) {
    const owner = folders[permissionSetsAt + 1]!;
    if (suffix === 'permissionset' && fullName === owner && permissionSetsAt === folders.length - 2) return make('PermissionSet', owner);
    if (permissionSetPartSuffixes.has(suffix)) return make('PermissionSet', owner, owner);
  }

  for (let i = folders.length - 1; i >= 0; i--) {
    const strictId = registry.strictDirectoryNames[folders[i]!];
    const strict = strictId ? registry.types[strictId] : undefined;
    if (!strict) continue;
    if (strict.suffix === suffix) return make(strict.name, fullName);
    const childTarget = bySuffix.get(suffix);
    if (childTarget?.parent?.id === strict.id) return childComponent(childTarget.type, folders, i, fullName, make);
    return make(strict.name, folders[i + 1] ?? fullName);
  }

  if (format === 'metadata' && !base.includes('.')) return { ok: false, reason: 'not a metadata file' };
  const target = bySuffix.get(suffix);
  if (!target) return { ok: false, reason: 'not a metadata file' };
  // In metadata format only the folder tells `README.md` from a CustomMetadata record `X.md`.
  const home = (target.parent ?? target.type).directoryName;
  if (format === 'metadata' && home && !folders.includes(home)) return { ok: false, reason: 'not a metadata file' };
  if (target.parent) return childComponent(target.type, folders, folders.lastIndexOf(target.parent.directoryName ?? ''), fullName, make);
  return make(target.type.name, fullName);
}

/** A child such as `objects/Account/fields/Rating__c.field-meta.xml`: full name `Account.Rating__c`, parent `Account`. */
function childComponent(
  type: RegistryType,
  folders: string[],
  parentFolderAt: number,
  fullName: string,
  make: (type: string, name: string, parent?: string) => Classification,
): Classification {
  const owner = parentFolderAt >= 0 ? folders[parentFolderAt + 1] : undefined;
  if (owner === undefined) return make(type.name, fullName);
  return make(type.name, `${owner}.${fullName}`, owner);
}
