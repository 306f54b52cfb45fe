// The tool's identity and its rules' documentation, for reports, SARIF descriptors and --explain.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Rule } from '../engine/index.js';
import type { RuleDescriptor, ToolInfo } from '../findings/result.js';
import { ownPackage, PACKAGE_ROOT } from '../project/index.js';
import { ruleById, ruleDocsUrl } from '../rules/index.js';

const DEFAULT_HOMEPAGE = 'https://github.com/sfmeta-lint/sfmeta-lint';

export const TOOL: ToolInfo = {
  name: 'sfmeta-lint',
  version: ownPackage().version,
  informationUri: ownPackage().homepage ?? DEFAULT_HOMEPAGE,
};

/** The rule's README, shipped with the package. */
export function ruleReadme(id: string): string {
  try {
    return readFileSync(path.join(PACKAGE_ROOT, 'src', 'rules', id, 'README.md'), 'utf8');
  } catch {
    return ruleById(id)?.meta.description ?? '';
  }
}

const descriptors = new WeakMap<Rule<object>, RuleDescriptor>();

/** A rule's descriptor (made once per rule: its README is read from the package). */
export function describeRule(rule: Rule<object>): RuleDescriptor {
  let descriptor = descriptors.get(rule);
  if (!descriptor) descriptors.set(rule, (descriptor = descriptorOf(rule)));
  return descriptor;
}

function descriptorOf(rule: Rule<object>): RuleDescriptor {
  return {
    id: rule.meta.id,
    description: rule.meta.description,
    category: rule.meta.category,
    defaultSeverity: rule.meta.defaultSeverity,
    tags: rule.meta.tags,
    helpUri: ruleDocsUrl(rule.meta.id),
    help: ruleReadme(rule.meta.id),
    precision: rule.meta.precision ?? 'high',
    ...(rule.meta.securitySeverity !== undefined ? { securitySeverity: rule.meta.securitySeverity } : {}),
  };
}
