// Code actions for the findings under the cursor: the rule's fix (preferred) and suggestions, resolved against the
// editor's text; an inline suppression comment for the finding's line; the rule's documentation.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import { editsOn, ruleDocsUrl } from '../api/index.js';
import type { Finding, Fix } from '../findings/index.js';
import { fixFile } from '../fix/index.js';
import { toLspRange } from './convert.js';

export const SHOW_DOCUMENTATION = 'sfmeta-lint.showDocumentation';

/** Rules whose findings an inline comment cannot or should not silence. */
const NOT_SUPPRESSIBLE: ReadonlySet<string> = new Set(['parse-error', 'unused-suppression']);

export interface ActionContext {
  /** The project file (relative to the root) the findings are in. */
  file: string;
  /** The text of a project file as the editor has it (its buffer, else the disk); undefined when unreadable. */
  textOf: (file: string) => string | undefined;
  uriOf: (file: string) => string;
  diagnostic: (finding: Finding) => Diagnostic;
}

/** The actions for some findings of one file, fixes first; one suppression and one documentation link per rule. */
export function codeActions(findings: readonly Finding[], context: ActionContext): CodeAction[] {
  const fixes: CodeAction[] = [];
  const suggestions: CodeAction[] = [];
  const others: CodeAction[] = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    const diagnostic = context.diagnostic(finding);
    if (finding.fix) {
      const action = fixAction(finding.fix, context, diagnostic, true);
      if (action) fixes.push(action);
    }
    for (const suggestion of finding.suggestions ?? []) {
      const action = fixAction(suggestion, context, diagnostic, false);
      if (action) suggestions.push(action);
    }
    const line = finding.location.range.startLine;
    if (!NOT_SUPPRESSIBLE.has(finding.ruleId) && !seen.has(`${finding.ruleId}@${line}`)) {
      seen.add(`${finding.ruleId}@${line}`);
      const action = suppressAction(finding.ruleId, line, context, diagnostic);
      if (action) others.push(action);
    }
    if (!seen.has(finding.ruleId)) {
      seen.add(finding.ruleId);
      others.push({
        title: `Show documentation for ${finding.ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: `Show documentation for ${finding.ruleId}`, command: SHOW_DOCUMENTATION, arguments: [finding.ruleId] },
      });
    }
  }
  return [...fixes, ...suggestions, ...others];
}

/** A fix or suggestion as a workspace edit, resolved against the text of the file it changes; none when it no longer applies. */
function fixAction(fix: Fix, context: ActionContext, diagnostic: Diagnostic, preferred: boolean): CodeAction | undefined {
  const file = fixFile(fix);
  const text = file !== undefined ? context.textOf(file) : undefined;
  if (file === undefined || text === undefined) return undefined;
  const edits = editsOn(fix, file, text);
  // A reason instead of edits: the text moved on since the analysis (the next one will offer the fix again).
  if (typeof edits === 'string') return undefined;
  const changes: LspTextEdit[] = edits.map((e) => ({ range: toLspRange(e.range), newText: e.text }));
  return {
    title: fix.message,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    ...(preferred ? { isPreferred: true } : {}),
    edit: { changes: { [context.uriOf(file)]: changes } },
  };
}

/**
 * `<!-- sfmeta-lint-disable-next-line rule -- reason -->` above the finding's first line, indented as that line. Offered
 * only where a comment is harmless: the line starts with a tag (not inside text) and is not the XML declaration's.
 */
function suppressAction(ruleId: string, line: number, context: ActionContext, diagnostic: Diagnostic): CodeAction | undefined {
  const text = context.textOf(context.file);
  if (text === undefined) return undefined;
  const lines = text.split('\n');
  const target = lines[line - 1];
  if (target === undefined) return undefined;
  const indent = /^[ \t]*/u.exec(target)![0];
  const rest = target.slice(indent.length);
  if (!rest.startsWith('<') || rest.startsWith('<?xml')) return undefined;
  const eol = target.endsWith('\r') ? '\r\n' : '\n';
  return {
    title: `Disable ${ruleId} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: {
      changes: {
        [context.uriOf(context.file)]: [
          {
            range: { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: 0 } },
            newText: `${indent}<!-- sfmeta-lint-disable-next-line ${ruleId} -- reason -->${eol}`,
          },
        ],
      },
    },
  };
}

/** The URL a "show documentation" command opens. */
export function documentationUrl(ruleId: unknown): string | undefined {
  return typeof ruleId === 'string' && /^[a-z0-9-]+$/u.test(ruleId) ? ruleDocsUrl(ruleId) : undefined;
}
