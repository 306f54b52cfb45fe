// The predicted Health Check score and grade of the evaluated rows (an approximation, see docs/health.md).
import { healthRows, profilePolicies, type Baseline, type HealthRow, type HealthStatus, type ProfilePolicy, type RiskGroup } from '../../model/health.js';
import type { ProjectModel } from '../../model/index.js';

export type HealthGrade = 'Excellent' | 'Very Good' | 'Good' | 'Poor' | 'Very Poor';

export interface HealthEvaluation {
  baseline: string;
  rows: HealthRow[];
  /** 0-100, over the org-wide rows that are set and not Informational; undefined when there are none. */
  score?: number;
  grade?: HealthGrade;
  /** How many rows the score is computed from. */
  scoredSettings: number;
  /** How many org-wide settings the baseline lists (the score's coverage is scoredSettings of these, Informational ones aside). */
  orgSettings: number;
  hasSecuritySettings: boolean;
  /** Profile policies for a deleted profile or a profile not in the project: their values have no rows. */
  orphanPolicies: ProfilePolicy[];
}

/** Score weights: an approximation of Salesforce's undocumented formula (docs/health.md). */
export const RISK_WEIGHTS: Readonly<Record<RiskGroup, number>> = { High: 3, Medium: 2, Low: 1, Informational: 0 };
export const STATUS_POINTS: Readonly<Record<Exclude<HealthStatus, 'not-set'>, number>> = { compliant: 1, warning: 0.5, critical: 0 };

/** Health Check's grade bands (doc). */
export function gradeFor(score: number): HealthGrade {
  if (score >= 90) return 'Excellent';
  if (score >= 80) return 'Very Good';
  if (score >= 70) return 'Good';
  if (score >= 55) return 'Poor';
  return 'Very Poor';
}

/** Weighted score of the rows: 100 × Σ weight × points / Σ weight, rounded; org-wide rows only. */
export function scoreRows(rows: readonly HealthRow[]): { score?: number; scored: number } {
  let total = 0;
  let earned = 0;
  let scored = 0;
  for (const row of rows) {
    if (row.scope !== 'org' || row.status === 'not-set') continue;
    const weight = RISK_WEIGHTS[row.riskGroup];
    if (weight === 0) continue;
    total += weight;
    earned += weight * STATUS_POINTS[row.status];
    scored++;
  }
  return total === 0 ? { scored } : { score: Math.round((100 * earned) / total), scored };
}

/** Evaluates Security.settings and the profile-level policies against a baseline, with the predicted score and grade. */
export function evaluateHealth(model: ProjectModel, baseline: Baseline): HealthEvaluation {
  const rows = healthRows(model, baseline);
  const { score, scored } = scoreRows(rows);
  return {
    baseline: baseline.name,
    rows,
    ...(score !== undefined ? { score, grade: gradeFor(score) } : {}),
    scoredSettings: scored,
    orgSettings: baseline.settings.length,
    hasSecuritySettings: model.settings.get('Security') !== undefined,
    orphanPolicies: [...profilePolicies(model, 'ProfilePasswordPolicy'), ...profilePolicies(model, 'ProfileSessionSetting')].filter(
      (p) => p.orphan,
    ),
  };
}
