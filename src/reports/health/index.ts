// sfmeta-lint health: the Health Check table, predicted score and grade of the project's security settings.
import { analyze, type AnalyzeOptions } from '../../api/index.js';
import { HEALTH_BASELINE, HEALTH_NEEDS } from '../../model/health.js';
import { evaluateHealth, type HealthEvaluation } from './score.js';

export { formatHealth, HEALTH_FORMATS, type HealthFormat } from './format.js';
export type { HealthEvaluation, HealthGrade } from './score.js';

export type HealthOptions = Pick<AnalyzeOptions, 'cwd' | 'paths' | 'configFile' | 'securityBaseline'>;

/** Predicts the Health Check table, score and grade of the project's security settings, with the rules' thresholds; runs no rule. */
export async function healthReport(options: HealthOptions = {}): Promise<{ evaluation: HealthEvaluation; warnings: string[] }> {
  const analysis = await analyze({ ...options, only: [], views: HEALTH_NEEDS });
  return { evaluation: evaluateHealth(analysis.model, analysis.settings.securityBaseline ?? HEALTH_BASELINE), warnings: analysis.warnings };
}
