// Health Check baseline: the rows of a project's security settings evaluated against the baseline table.
import type { Location, RelatedLocation, Severity } from '../findings/index.js';
import type { ProjectModel } from './project-model.js';
import type { GenericView, XNode } from './types.js';
import { decodeName, nameKey } from './names.js';
import { listNames } from './permissions.js';
import { at } from './xnode.js';
import {
  baselineText,
  classify,
  findingSeverity,
  type Baseline,
  type BaselineSetting,
  type HealthRow,
  type ProfileField,
  type ProfilePolicy,
  type ProfilePolicyType,
} from './health-types.js';

export * from './health-types.js';
export { HEALTH_BASELINE, HEALTH_NEEDS, UNEVALUATED_SETTINGS } from './health-baseline.js';

// ---------------------------------------------------------------------------------------------
// Evaluation

function present(tree: XNode, path: string): XNode | undefined {
  const node = at(tree, path);
  return node && !node.nil ? node : undefined;
}

function orgRow(entry: BaselineSetting, security: GenericView | undefined): HealthRow {
  const base = {
    setting: entry.setting,
    label: entry.label,
    riskGroup: entry.riskGroup,
    area: entry.area,
    scope: 'org' as const,
    baselineValue: baselineText(entry.threshold),
  };
  const node = security && present(security.tree, entry.securityPath);
  if (!node) return { ...base, status: 'not-set' };
  const status = classify(entry.threshold, node.text);
  return { ...base, yourValue: node.text, status: status ?? 'not-set', location: node };
}

/** The profile password policies or session settings of the project, each with its profile and whether it is an orphan. */
export function profilePolicies(model: ProjectModel, type: ProfilePolicyType): ProfilePolicy[] {
  const views = type === 'ProfilePasswordPolicy' ? model.profilePasswordPolicies.all : model.profileSessionSettings.all;
  // Profile files are only listed, never parsed, for this: the file name is the profile's name. Policies name the
  // profile in any case (`admin` for Admin, seen), so the project's spelling is the one shown.
  const profiles = new Map(model.files.filter((f) => f.type === 'Profile').map((f) => [nameKey(f.fullName), decodeName(f.fullName)]));
  return views.map((view) => {
    const node = at(view.tree, 'profile');
    const base = { type, name: view.name, profileAt: node ?? view.root, view };
    if (node?.nil) return { ...base, orphan: 'deleted' as const };
    const written = decodeName(node?.text.trim() || view.name);
    const known = profiles.get(nameKey(written));
    if (known) return { ...base, profile: known };
    return profiles.size > 0 ? { ...base, profile: written, orphan: 'absent' as const } : { ...base, profile: written };
  });
}

function compare(field: ProfileField, value: string, org: HealthRow | undefined): HealthRow['org'] {
  if (!org || org.status === 'not-set' || org.yourValue === undefined) return undefined;
  const mine = field.strength(value);
  const theirs = field.strength(org.yourValue);
  if (mine === undefined || theirs === undefined) return undefined;
  return { value: org.yourValue.trim(), comparison: mine < theirs ? 'weaker' : mine > theirs ? 'stronger' : 'same' };
}

/** The rows of one profile policy, each compared with the org-wide row of its setting. */
function policyRows(baseline: Baseline, policy: ProfilePolicy, orgRows: readonly HealthRow[]): HealthRow[] {
  return baseline.settings.flatMap<HealthRow>((entry) => {
    if (entry.profile?.type !== policy.type) return [];
    const node = present(policy.view.tree, entry.profile.field);
    const value = node && (entry.profile.toValue ? entry.profile.toValue(node.text) : node.text);
    const status = value === undefined ? undefined : classify(entry.threshold, value);
    if (!node || value === undefined || !status) return [];
    const org = compare(
      entry.profile,
      value,
      orgRows.find((r) => r.setting === entry.setting),
    );
    return [
      {
        setting: entry.setting,
        label: entry.label,
        riskGroup: entry.riskGroup,
        area: entry.area,
        scope: 'profile',
        profile: policy.profile ?? policy.name,
        yourValue: value === node.text ? node.text : `${node.text} (${value})`,
        baselineValue: baselineText(entry.threshold),
        status,
        location: node,
        ...(org ? { org } : {}),
      },
    ];
  });
}

/**
 * Evaluates Security.settings and the profile-level policies against a baseline: one row per setting, then per profile
 * override, each compared with the org-wide value. Orphan policies (see profilePolicies) have no rows.
 */
export function healthRows(model: ProjectModel, baseline: Baseline): HealthRow[] {
  const security = model.settings.get('Security');
  const orgRows = baseline.settings.map((entry) => orgRow(entry, security));
  const policies = [...profilePolicies(model, 'ProfilePasswordPolicy'), ...profilePolicies(model, 'ProfileSessionSetting')];
  return [...orgRows, ...policies.filter((p) => !p.orphan).flatMap((p) => policyRows(baseline, p, orgRows))];
}

/** Template data for the rules' messages (label, value, baseline, setting, profile); the risk group and status set the severity. */
function messageData(row: HealthRow): Record<string, string> {
  return {
    label: row.label,
    labelLower: /^[A-Z][a-z]/u.test(row.label) ? row.label[0]!.toLowerCase() + row.label.slice(1) : row.label,
    value: row.yourValue ?? '',
    baseline: row.baselineValue,
    setting: row.setting,
    profile: row.profile ?? '',
    orgValue: row.org?.value ?? '',
  };
}

/** The message ids `password-policy-baseline` and `session-security-baseline` share. */
export type BaselineMessageId = 'orgWide' | 'weakerThanOrg' | 'profile' | 'profiles' | 'orphanProfile' | 'deletedProfile';

/** A finding as `password-policy-baseline` and `session-security-baseline` report it. */
export interface BaselineFinding {
  messageId: BaselineMessageId;
  data: Record<string, string>;
  location: Location;
  related?: RelatedLocation[];
  /** What findingSeverity gives the row's risk group and status (or a note); the rule's own severity stays the ceiling. */
  cap: Severity;
}

const AREA_TYPE: Readonly<Record<'password' | 'session', ProfilePolicyType>> = {
  password: 'ProfilePasswordPolicy',
  session: 'ProfileSessionSetting',
};

/**
 * The findings of one rule's area:
 * - every org-wide value Health Check would not rate compliant;
 * - a profile's value that Health Check would not rate compliant, only where it is weaker than the org-wide value
 *   (a profile that mirrors the org-wide policy, as Salesforce's copy does, adds nothing to the org-wide finding);
 * - where the project sets no org-wide value, each distinct profile value once, the other profiles related;
 * - a note per orphan policy: a deleted profile's, or one for a profile not in the project that would have had a
 *   finding; their values are not reported.
 */
export function baselineFindings(model: ProjectModel, area: 'password' | 'session', baseline: Baseline): BaselineFinding[] {
  const findings: BaselineFinding[] = [];
  const unmatched = new Map<string, { row: HealthRow; cap: Severity }[]>();
  const rows = healthRows(model, baseline);
  /** Whether a profile row is one to report: below the baseline, and weaker than the org-wide value if there is one. */
  const reportable = (row: HealthRow) =>
    row.area === area && findingSeverity(row.riskGroup, row.status) !== undefined && (!row.org || row.org.comparison === 'weaker');
  for (const row of rows) {
    const cap = findingSeverity(row.riskGroup, row.status);
    if (row.area !== area || !row.location || !cap) continue;
    if (row.scope === 'org') findings.push({ messageId: 'orgWide', data: messageData(row), location: row.location, cap });
    else if (row.org?.comparison === 'weaker')
      findings.push({ messageId: 'weakerThanOrg', data: messageData(row), location: row.location, cap });
    else if (!row.org) {
      const key = `${row.setting}\u0000${row.yourValue ?? ''}`;
      unmatched.set(key, [...(unmatched.get(key) ?? []), { row, cap }]);
    }
  }
  for (const [first, ...others] of unmatched.values()) {
    const { row, cap } = first!;
    if (others.length === 0) {
      findings.push({ messageId: 'profile', data: messageData(row), location: row.location!, cap });
      continue;
    }
    const names = [row, ...others.map((o) => o.row)].map((r) => r.profile ?? '');
    findings.push({
      messageId: 'profiles',
      data: { ...messageData(row), count: String(names.length), profiles: listNames(names) },
      location: row.location!,
      related: others.map(({ row: other }) => {
        const { file, range, element } = other.location!;
        return { file, range, element, message: `Profile ${other.profile ?? ''} sets the same value` };
      }),
      cap,
    });
  }
  const orgRows = rows.filter((r) => r.scope === 'org');
  for (const policy of profilePolicies(model, AREA_TYPE[area])) {
    // A policy of a profile the project does not hold is worth a note only when it would have had a finding:
    // projects often retrieve every policy but only some profiles. A deleted profile's policy is always stale.
    if (!policy.orphan) continue;
    if (policy.orphan === 'absent' && !policyRows(baseline, policy, orgRows).some(reportable)) continue;
    findings.push({
      messageId: policy.orphan === 'deleted' ? 'deletedProfile' : 'orphanProfile',
      data: { policy: policy.name, profile: policy.profile ?? '' },
      location: policy.profileAt,
      cap: 'note',
    });
  }
  return findings;
}
