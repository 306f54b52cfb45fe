// What the cache is keyed on: the build of the linter that wrote it, and everything the rules' findings depend on.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/index.js';
import { EXTRACTOR_VERSION } from '../model/extract.js';
import { ownPackage, type Project } from '../project/index.js';
import { CODEC_VERSION } from './codec.js';

/**
 * What identifies this build of sfmeta-lint for the cache: the version, the extractor and codec versions, the parser's
 * version, and the size and time of every compiled module (so a rebuilt working copy never reads an older build's cache).
 */
export function buildFingerprint(): string {
  const hash = createHash('sha1');
  hash.update(`${ownPackage().version}\u0000${EXTRACTOR_VERSION}\u0000${CODEC_VERSION}\u0000${process.version}`);
  try {
    const parser = createRequire(import.meta.url)('fast-xml-parser/package.json') as { version: string };
    hash.update(`\u0000fast-xml-parser ${parser.version}`);
  } catch {
    // Not resolvable through exports: the module list below still changes with a new install.
  }
  const self = fileURLToPath(import.meta.url);
  const codeRoot = path.dirname(path.dirname(self));
  // The modules that run: compiled .js (or .ts under a TypeScript runner); declarations and source maps do not.
  const extension = path.extname(self);
  const pending = [codeRoot];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'cases') pending.push(full);
      } else if (entry.name.endsWith(extension) && !entry.name.endsWith('.d.ts')) {
        const stats = statSync(full);
        hash.update(`\u0000${path.relative(codeRoot, full)}\u0000${stats.size}\u0000${stats.mtimeMs}`);
      }
    }
  }
  return hash.digest('base64');
}

/** What the rules' findings depend on: the extracted inputs, every file of the project, the rule settings and the thresholds. */
export function resultDigest(
  inputs: readonly string[],
  project: Project,
  config: Config,
  viewTypes: ReadonlySet<string>,
  securityBaseline: unknown,
): string {
  const hash = createHash('sha1');
  hash.update(
    JSON.stringify({
      rules: config.rules,
      overrides: config.overrides,
      viewTypes: [...viewTypes],
      securityBaseline: securityBaseline ?? null,
      shape: project.shape,
    }),
  );
  // The listing's own hash of the files when it has one (the same files give the same hash; it is not made again).
  hash.update(project.filesDigest ?? JSON.stringify(project.files));
  hash.update(inputs.join('\u0001'));
  return hash.digest('base64');
}
