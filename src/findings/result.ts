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
}

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
  /** Findings hidden by a suppression or the baseline; JSON and SARIF still show them. */
  suppressed: SuppressedFinding[];
  internalErrors: { ruleId: string; message: string; stack?: string }[];
  rules: RuleDescriptor[];
}

export interface FormatOptions {
  color: boolean;
}

export type Formatter = (result: LintResult, options: FormatOptions) => string;
