// What every metadata file is checked for, whatever its type: its root element and namespace, and the suppression
// comments it holds.
import type { Range } from '../findings/index.js';
import type { LineIndex } from '../xml/index.js';
import type { Directive, FileProblem, SourceFileRef } from './types.js';
import { LEGACY_SETTINGS_ROOTS } from './names.js';

const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';

export function expectedRoot(file: SourceFileRef): string | undefined {
  if (file.parent !== undefined && file.type === 'PermissionSet') return undefined;
  if (file.type === 'Settings') return LEGACY_SETTINGS_ROOTS.get(file.fullName) ?? `${file.fullName}Settings`;
  return file.type;
}

/** The root element's problem, if any: the wrong element for the type, or a namespace other than Salesforce's. */
export function rootProblem(file: SourceFileRef, name: string, namespace: string | undefined, range: () => Range): FileProblem | undefined {
  const expected = expectedRoot(file);
  if (expected !== undefined && name !== expected) {
    return {
      kind: 'root',
      file: file.path,
      message: `Expected the root element <${expected}> for a ${file.type} file, found <${name}>.`,
      range: range(),
    };
  }
  if (namespace !== undefined && namespace !== METADATA_NAMESPACE) {
    return { kind: 'root', file: file.path, message: `Expected the namespace ${METADATA_NAMESPACE}, found ${namespace}.`, range: range() };
  }
  return undefined;
}

export const DIRECTIVE_MARK = 'sfmeta-lint-disable';
/** A comment, or a CDATA section (text that only looks like markup, so never a directive). */
const COMMENT_OR_CDATA = /<!\[CDATA\[[^]*?\]\]>|<!--([^]*?)-->/g;
/** A comment that is a directive: the keyword alone (a longer word, such as a typo, is no directive), then the rules. */
const DIRECTIVE = /^\s*sfmeta-lint-disable(-next-line)?(?=\s|$)([^]*)$/u;

/**
 * Reads suppression comments; they are directives to the linter, found where the comments are. A next-line directive
 * applies to the line after the comment's last line, so that a comment may list its rules over several lines.
 */
export function directives(file: SourceFileRef, text: string, lines: LineIndex): Directive[] {
  const found: Directive[] = [];
  for (const match of text.matchAll(COMMENT_OR_CDATA)) {
    const directive = match[1] === undefined ? null : DIRECTIVE.exec(match[1]);
    if (!directive) continue;
    const [body = '', reason = ''] = directive[2]!.split(/\s--\s?/u, 2).map((part) => part.trim());
    const range = lines.range(match.index, match.index + match[0].length);
    found.push({
      file: file.path,
      range,
      element: `comment@${range.startLine}`,
      kind: directive[1] ? 'next-line' : 'file',
      rules: body.split(/[\s,]+/u).filter(Boolean),
      reason,
      line: range.endLine + 1,
    });
  }
  return found;
}
