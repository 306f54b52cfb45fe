// The rule contract: declared metadata plus a pure check over the model.
import type { Change, Location, RelatedLocation, Severity } from '../findings/index.js';
import type { Precision } from '../findings/result.js';
import type { ViewType, ProjectModel } from '../model/index.js';
import type { Baseline as SecurityBaseline } from '../model/health.js';

export type RuleCategory = 'external-users' | 'security' | 'deployability' | 'correctness';

/** The JSON Schema subset rule options use; config validation and the generated schema both read it. */
export type OptionSchema =
  | { type: 'boolean'; description: string }
  | { type: 'number'; description: string; minimum?: number }
  | { type: 'string'; description: string; enum?: string[] }
  | { type: 'array'; description: string; items: { type: 'string'; enum?: string[] } };

export interface RuleMeta<O extends object = Record<string, unknown>> {
  /** kebab-case, never changes. */
  id: string;
  /** One line, no trailing period. */
  description: string;
  category: RuleCategory;
  defaultSeverity: Severity;
  tags: string[];
  /** Message templates by id; `{{name}}` is replaced by the report's data. */
  messages: Record<string, string>;
  options: { [K in keyof O]: OptionSchema };
  defaultOptions: O;
  /**
   * The metadata types whose typed views the rule reads; only these are parsed into views. A rule reads nothing else of
   * the model but the reference index (`references`) and what `checksFiles` gives: not `model.files`, so that a file
   * that comes or goes need not run it again unless it reads the file's type.
   */
  needs: ViewType[];
  /**
   * The rule reads the reference index (`model.references`): every component the project defines and what each
   * profile, permission set, permission set group and layout names, entry by entry with its place. Those entries are
   * most of a large profile (its fieldPermissions), so they are extracted only when a rule that declares this is on.
   */
  references?: boolean;
  /**
   * The rule reads what is known of every file of an extracted type without its view: whether it is well-formed,
   * its root element, its suppression comments. When such a rule is on, every file of those types is checked,
   * which costs far less than parsing it (types no other rule needs are never built into a tree).
   */
  checksFiles?: boolean;
  /**
   * How far the inputs of one finding reach, so that the incremental analysis (the language server, `--cache`) can run
   * the rule again on only what changed. Leave it out unless the rule keeps the promise; a test checks it on every
   * rule case and the sample project:
   * - `file` (with `checksFiles` and no `needs`): what the rule reports about a file is located in that file and
   *   depends only on what was extracted from it (its problem, root element and suppression comments);
   * - `referrer` (with `references` and no `needs`): what the rule reports about one referrer of the reference index
   *   (a profile, permission set, group or layout, with all its files) is located in that referrer's files and depends
   *   only on its entries and on what the project defines.
   *
   * Without it, any change to what the rule reads runs it again over the whole model.
   */
  scope?: RuleScope;
  /** SARIF `security-severity` (0.0-10.0) for security rules, as GitHub code scanning reads it. */
  securitySeverity?: number;
  /**
   * How often a finding is right, for SARIF `precision`: `high` unless declared. A rule that has to guess (a value the
   * platform may supply, a name it cannot resolve) declares `medium` or `low`; one reviewed without a false finding on
   * the corpus may declare `very-high`.
   */
  precision?: Precision;
  /**
   * What the rule's reports may carry, as ESLint declares `fixable` and `hasSuggestions`: `fix` (the change the README
   * names as the fix, applied by --fix), `suggestion` (changes a person must choose, never applied by --fix), or both.
   * Reporting a kind the rule does not declare is an internal error.
   */
  fixable?: Fixable;
  /** Titles of the rule's fixes and suggestions by id: one imperative sentence each ("Set enabled to false."). */
  fixMessages?: Record<string, string>;
}

export type Fixable = 'fix' | 'suggestion' | 'fix-and-suggestion';

export type RuleScope = 'file' | 'referrer';

/** A fix or suggestion as a rule reports it: a title from `meta.fixMessages`, and semantic changes (see engine/fixes.ts). */
export interface ReportFix {
  messageId: string;
  data?: Record<string, string | number>;
  changes: Change[];
}

export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  location: Location;
  related?: RelatedLocation[];
  /**
   * Caps this finding's severity, for the notes a rule adds beside its real findings
   * ("the layout is not in the project, so this could not be checked").
   */
  cap?: Severity;
  /** The fix, when no judgement is left (the rule declares `fixable: 'fix'` or `'fix-and-suggestion'`). */
  fix?: ReportFix;
  /** Likely changes a person must choose (the rule declares `fixable: 'suggestion'` or `'fix-and-suggestion'`). */
  suggestions?: ReportFix[];
}

/** Project-wide settings that some rules read, from the configuration; the model holds only what the files say. */
export interface RuleSettings {
  /** Health Check thresholds that replace the built-in ones (`--security-baseline`, `securityBaseline`). */
  readonly securityBaseline?: SecurityBaseline;
}

export interface RuleContext<O extends object> {
  readonly model: ProjectModel;
  readonly options: O;
  readonly settings: RuleSettings;
  /** Every registered rule id, for rules that check references to rules. */
  readonly ruleIds: readonly string[];
  report(report: Report): void;
}

export interface Rule<O extends object = Record<string, unknown>> {
  meta: RuleMeta<O>;
  check(context: RuleContext<O>): void;
}

/** A rule as written in its folder: a rule without options leaves out `options` and `defaultOptions`. */
export interface RuleDefinition<O extends object> {
  meta: Omit<RuleMeta<O>, 'options' | 'defaultOptions'> & Partial<Pick<RuleMeta<O>, 'options' | 'defaultOptions'>>;
  check(context: RuleContext<O>): void;
}

/** Keeps a rule's option type checked against its metadata, and gives a rule without options empty ones. */
export function defineRule<O extends object = Record<string, never>>(rule: RuleDefinition<O>): Rule<O> {
  return { ...rule, meta: { options: {} as RuleMeta<O>['options'], defaultOptions: {} as O, ...rule.meta } };
}

/** Builds a related location from any located fact. */
export function related(location: Location, message: string): RelatedLocation {
  return { file: location.file, range: location.range, element: location.element, message };
}
