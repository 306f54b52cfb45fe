// Runs a rule's cases: small projects whose XML comments `<!-- expect: rule-id -->` mark the lines where findings must appear.
// The marker syntax is in docs/testing.md; checkCase lists every way a case's run differs from its markers.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { lint, type LintRun } from '../../src/api/index.js';
import type { Finding } from '../../src/findings/index.js';
import { RULES } from '../../src/rules/index.js';
import { LineIndex, stripBom } from '../../src/xml/index.js';
import { RULES_DIR } from './paths.js';

/** `<!-- expect: rule-id -->`, `<!-- expect: rule-id messageId -->` or `<!-- expect: rule-id messageId severity -->`. */
const EXPECT = /<!--\s*expect:\s*([a-z0-9-]+)(?:\s+(?!(?:error|warning|note)\b)([A-Za-z0-9]+))?(?:\s+(error|warning|note))?\s*-->/g;
/** `<!-- expect-related: rule-id -->` (every finding of the rule in the case) or `<!-- expect-related: rule-id #2 -->` (the 2nd). */
const EXPECT_RELATED = /<!--\s*expect-related:\s*([a-z0-9-]+)(?:\s+#([1-9][0-9]*))?\s*-->/g;
/** `<!-- expect-message: rule-id The exact message. -->`, on the line where that rule's finding starts. */
const EXPECT_MESSAGE = /<!--\s*expect-message:\s*([a-z0-9-]+)\s+([^]*?)\s*-->/g;
/** Anything that looks like a marker: each must be one of the above, so that a typo cannot silently expect nothing. */
const ANY_MARKER = /<!--\s*expect[\w-]*\s*:/g;
/** A template's placeholder, its name captured (for split); UNFILLED finds one left in a message. */
const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/;
const UNFILLED = /\{\{\s*\w+\s*\}\}/;
/** Rules whose findings mean a case's file was not read as intended; a case must expect them where they occur. */
const FILE_RULES = ['parse-error', 'invalid-root-element'];
/** Files discovery skips that a case may hold on purpose. */
const MANIFEST = /^(package|destructiveChanges(Pre|Post)?)\.xml$/;

export interface Expectation {
  kind: 'expect' | 'expect-related' | 'expect-message';
  file: string;
  line: number;
  ruleId: string;
  messageId?: string;
  severity?: string;
  /** expect-related: the finding (1-based, in reading order: files by path, then lines) it belongs to; none means every one. */
  finding?: number;
  /** expect-message: the exact message. */
  message?: string;
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out.sort();
}

/** Every marker of a case, in reading order; `problems` receives the comments that look like markers but are not. */
export function readExpectations(caseDir: string, problems: string[] = []): Expectation[] {
  const found: (Expectation & { offset: number })[] = [];
  for (const file of listFiles(caseDir)) {
    const text = stripBom(readFileSync(file, 'utf8'));
    const lines = new LineIndex(text);
    const relative = path.relative(caseDir, file).split(path.sep).join('/');
    const at = (index: number) => ({ file: relative, line: lines.position(index).line, offset: index });
    const understood = new Set<number>();
    for (const m of text.matchAll(EXPECT)) {
      understood.add(m.index);
      found.push({
        kind: 'expect',
        ...at(m.index),
        ruleId: m[1]!,
        ...(m[2] ? { messageId: m[2] } : {}),
        ...(m[3] ? { severity: m[3] } : {}),
      });
    }
    for (const m of text.matchAll(EXPECT_RELATED)) {
      understood.add(m.index);
      found.push({ kind: 'expect-related', ...at(m.index), ruleId: m[1]!, ...(m[2] ? { finding: Number(m[2]) } : {}) });
    }
    for (const m of text.matchAll(EXPECT_MESSAGE)) {
      understood.add(m.index);
      found.push({ kind: 'expect-message', ...at(m.index), ruleId: m[1]!, message: m[2]! });
    }
    for (const m of text.matchAll(ANY_MARKER))
      if (!understood.has(m.index)) problems.push(`${relative}:${lines.position(m.index).line}: a marker the harness does not understand`);
  }
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.offset - b.offset)).map(({ offset: _offset, ...e }) => e);
}

export function ruleIds(): string[] {
  return readdirSync(RULES_DIR)
    .filter((d) => statSync(path.join(RULES_DIR, d)).isDirectory())
    .sort();
}

export function caseDirs(ruleId: string): string[] {
  const dir = path.join(RULES_DIR, ruleId, 'cases');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((d) => path.join(dir, d))
    .filter((d) => statSync(d).isDirectory())
    .sort();
}

/**
 * Lints a case with its rule and the file-level rules (a file that does not parse must be expected to).
 * A case may run other rules beside its own (`harness.json`: {"alsoRun": [...]}), e.g. to have something to suppress.
 */
export async function lintCase(caseDir: string, ruleId: string): Promise<LintRun> {
  const harness = path.join(caseDir, 'harness.json');
  const alsoRun = existsSync(harness) ? ((JSON.parse(readFileSync(harness, 'utf8')) as { alsoRun?: string[] }).alsoRun ?? []) : [];
  return lint({ cwd: caseDir, paths: [caseDir], only: [...new Set([ruleId, ...FILE_RULES, ...alsoRun])] });
}

/** The text a finding's range starts at, to prove it points at an element. */
export function textAt(caseRoot: string, file: string, line: number, column: number): string {
  const text = stripBom(readFileSync(path.join(caseRoot, file), 'utf8'));
  const index = new LineIndex(text);
  return text.slice(index.offset(line, column));
}

/** Problems with a message made from a template: a placeholder left unfilled, or filled with nothing. */
export function messageProblems(template: string, message: string): string[] {
  if (UNFILLED.test(message)) return [`"${message}" leaves a {{placeholder}} unfilled`];
  const pattern = template
    .split(PLACEHOLDER)
    .map((part, i) => (i % 2 === 1 ? '(.*?)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const filled = new RegExp(`^${pattern}$`, 's').exec(message);
  if (!filled) return [`"${message}" does not follow its template "${template}"`];
  return filled.slice(1).some((value) => value.trim() === '') ? [`"${message}" fills a placeholder of "${template}" with nothing`] : [];
}

const at = (f: { file: string; line: number }) => `${f.file}:${f.line}`;
const relatedKeys = (f: Finding) => [...new Set(f.related.map((r) => `${r.file}:${r.range.startLine}`))].sort();

/**
 * Every difference between a case's run and its markers: findings of its rule exactly on the `expect` lines (and no
 * parse or root finding anywhere unexpected), each with its message id, severity, related locations and message;
 * every finding and related location starting at an element; every message fully filled in, every related location
 * with a message; no file left unread.
 */
export async function checkCase(caseDir: string, ruleId: string): Promise<string[]> {
  const problems: string[] = [];
  const expectations = readExpectations(caseDir, problems);
  const known = new Set(ruleIds());
  for (const e of expectations) if (!known.has(e.ruleId)) problems.push(`${at(e)}: ${e.kind} names an unknown rule ${e.ruleId}`);
  const run = await lintCase(caseDir, ruleId);
  if (run.internalErrors.length > 0) problems.push(`internal errors: ${JSON.stringify(run.internalErrors)}`);
  for (const skipped of run.project.skipped)
    if (!MANIFEST.test(path.basename(skipped.path)) && skipped.path !== 'harness.json')
      problems.push(`${skipped.path} is not linted: ${skipped.reason}`);

  for (const id of new Set([ruleId, ...FILE_RULES])) {
    const actual = run.findings
      .filter((f) => f.ruleId === id)
      .map((f) => `${f.location.file}:${f.location.range.startLine} ${id}`)
      .sort();
    const wanted = expectations
      .filter((e) => e.kind === 'expect' && e.ruleId === id)
      .map((e) => `${at(e)} ${id}`)
      .sort();
    const missing = difference(wanted, actual);
    const extra = difference(actual, wanted);
    if (missing.length > 0) problems.push(`expected but not reported: ${missing.join(', ')}`);
    if (extra.length > 0) problems.push(`reported but not expected: ${extra.join(', ')}`);
  }
  if (problems.length > 0) return problems;

  const findings = run.findings.filter((f) => f.ruleId === ruleId);
  const expected = expectations.filter((e) => e.kind === 'expect' && e.ruleId === ruleId);
  const related = expectations.filter((e) => e.kind === 'expect-related' && e.ruleId === ruleId);
  const messages = expectations.filter((e) => e.kind === 'expect-message' && e.ruleId === ruleId);
  for (const r of related)
    if (r.finding !== undefined && r.finding > expected.length)
      problems.push(`${at(r)}: expect-related #${r.finding}, but the case expects ${expected.length} finding(s)`);
  for (const m of messages)
    if (!expected.some((e) => at(e) === at(m))) problems.push(`${at(m)}: expect-message on a line where no finding is expected`);

  // What each expected finding must look like; findings starting on the same line are matched in whichever order fits.
  const wants = expected.map((e, i) => ({
    where: at(e),
    messageId: e.messageId,
    severity: e.severity,
    related: [...new Set(related.filter((r) => r.finding === undefined || r.finding === i + 1).map(at))].sort(),
    message: messages.find((m) => at(m) === at(e))?.message,
    label: `finding #${i + 1} (${at(e)})`,
  }));
  const mismatches = (want: (typeof wants)[number], f: Finding): string[] => {
    const out: string[] = [];
    if (want.messageId && f.messageId !== want.messageId) out.push(`messageId ${f.messageId}, expected ${want.messageId}`);
    if (want.severity && f.severity !== want.severity) out.push(`severity ${f.severity}, expected ${want.severity}`);
    const actualRelated = relatedKeys(f);
    if (JSON.stringify(actualRelated) !== JSON.stringify(want.related))
      out.push(`related [${actualRelated.join(', ')}], expected [${want.related.join(', ')}]`);
    if (want.message !== undefined && f.message !== want.message) out.push(`message "${f.message}", expected "${want.message}"`);
    return out;
  };
  for (const where of new Set(wants.map((w) => w.where))) {
    const group = wants.filter((w) => w.where === where);
    const candidates = findings.filter((f) => `${f.location.file}:${f.location.range.startLine}` === where);
    const best = permutations(candidates)
      .map((order) => group.flatMap((want, i) => mismatches(want, order[i]!).map((m) => `${want.label}: ${m}`)))
      .sort((a, b) => a.length - b.length)[0]!;
    problems.push(...best);
  }

  const rule = RULES.find((r) => r.meta.id === ruleId);
  for (const f of findings) {
    const template = rule?.meta.messages[f.messageId];
    if (template === undefined) problems.push(`${f.location.file}:${f.location.range.startLine}: unknown messageId ${f.messageId}`);
    else problems.push(...messageProblems(template, f.message).map((p) => `${f.location.file}:${f.location.range.startLine}: ${p}`));
    for (const r of f.related)
      if (r.message.trim() === '')
        problems.push(
          `${r.file}:${r.range.startLine}: a related location of ${f.location.file}:${f.location.range.startLine} without a message`,
        );
    // A parse error points at the faulty byte (stray text, a bare &), which need not be a tag.
    if (ruleId === 'parse-error') continue;
    for (const where of [f.location, ...f.related]) {
      if (!textAt(caseDir, where.file, where.range.startLine, where.range.startColumn).startsWith('<'))
        problems.push(`${where.file}:${where.range.startLine}:${where.range.startColumn} does not point at an element`);
    }
  }
  return problems;
}

function difference(a: string[], b: string[]): string[] {
  const rest = [...b];
  return a.filter((x) => {
    const i = rest.indexOf(x);
    if (i < 0) return true;
    rest.splice(i, 1);
    return false;
  });
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}
