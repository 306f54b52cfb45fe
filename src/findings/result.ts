// What formatters receive: the results of one run, with the descriptors of the rules that ran. Pure data.
import type { Finding, Severity } from './index.js';

export interface RuleDescriptor {
  id: string;
  description: string;
  category: string;
  defaultSeverity: Severity;
  tags: string[];
  helpUri: string;
  /** The rule's README, in Markdown. */
  help: string;
  securitySeverity?: number;
  /** How often the rule's findings are right, as SARIF `precision` (GitHub orders alerts by it). */
  precision: Precision;
}

export type Precision = 'very-high' | 'high' | 'medium' | 'low';

export interface ToolInfo {
  name: string;
  version: string;
  informationUri: string;
}

export interface Suppression {
  /** `inline`: an XML comment; `config`: a configuration suppression; `baseline`: recorded in the baseline file. */
  kind: 'inline' | 'config' | 'baseline';
  justification: string;
}

export interface SuppressedFinding extends Finding {
  suppression: Suppression;
}

export interface LintResult {
  tool: ToolInfo;
  /** Absolute project root. */
  root: string;
  /** Prefix that turns a project-relative path into a repository-relative one ('' when the root is the repository). */
  repositoryPrefix: string;
  filesLinted: number;
  filesSkipped: number;
  /** Findings that count: not suppressed. */
  findings: Finding[];
  /** Findings hidden by a suppression or the baseline; JSON shows them, SARIF when asked to. */
  suppressed: SuppressedFinding[];
  internalErrors: { ruleId: string; message: string; stack?: string }[];
  rules: RuleDescriptor[];
  /** With --fix or --fix-dry-run: what was fixed (or would be), file by file. */
  fixReport?: FixReport;
}

export interface FixedFile {
  file: string;
  /** Findings fixed (or, in a dry run, that would be): those with a fix that are gone after the fixes. */
  fixed: number;
  written: boolean;
}

export interface FixReport {
  /** False for a dry run. */
  write: boolean;
  files: FixedFile[];
  /** Passes that applied something. */
  passes: number;
  /** Files left alone or fixes not applied, and why: one line each, for stderr. */
  problems: string[];
}

export interface FormatOptions {
  color: boolean;
  /** SARIF: keep suppressed and baselined findings, marked with `suppressions` (left out by default). */
  includeSuppressed?: boolean;
  /** SARIF: `automationDetails.id` is `<category>/`, for uploads that cannot pass a category themselves. */
  sarifCategory?: string;
  /** Findings left out of `findings` by --quiet: summaries count them rather than claim there are none. */
  omitted?: number;
}

export type Formatter = (result: LintResult, options: FormatOptions) => string;
