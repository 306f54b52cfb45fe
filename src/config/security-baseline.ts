// Loads the Health Check custom baseline export that `--security-baseline` or `securityBaseline` names.
import { readFileSync } from 'node:fs';
import type { Baseline } from '../model/health.js';
import { parseCustomBaseline } from '../model/health-custom-baseline.js';
import { ConfigError } from './errors.js';

export function loadSecurityBaseline(file: string): { baseline: Baseline; warnings: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `Cannot read the security baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const parsed = parseCustomBaseline(text);
  if (!parsed.ok) throw new ConfigError(`${file}: ${parsed.error}`);
  return { baseline: parsed.baseline, warnings: parsed.warnings.map((w) => `${file}: ${w}`) };
}
