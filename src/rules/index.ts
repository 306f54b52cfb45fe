// The rule registry: the single source of truth for docs, --list-rules, SARIF descriptors and the config schema.
import type { Rule } from '../engine/index.js';
import contactLayoutExternalUserActions from './contact-layout-external-user-actions/index.js';
import digitalExperiencesEnabled from './digital-experiences-enabled/index.js';
import duplicateComponent from './duplicate-component/index.js';
import invalidRootElement from './invalid-root-element/index.js';
import manageExternalUsersGranted from './manage-external-users-granted/index.js';
import parseError from './parse-error/index.js';

export const RULES: readonly Rule<object>[] = [
  contactLayoutExternalUserActions,
  digitalExperiencesEnabled,
  manageExternalUsersGranted,
  duplicateComponent,
  invalidRootElement,
  parseError,
] as Rule<object>[];

export const DOCS_BASE_URL = 'https://github.com/sfmeta-lint/sfmeta-lint/blob/main/src/rules';

export function ruleById(id: string): Rule<object> | undefined {
  return RULES.find((r) => r.meta.id === id);
}

export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE_URL}/${id}/README.md`;
}
