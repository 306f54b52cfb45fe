// The validated configuration a run uses.
import type { ConfigSuppression, EngineConfig } from '../engine/index.js';

export interface Config extends EngineConfig {
  ignores: string[];
  /** A Health Check custom baseline export, relative to the project root. */
  securityBaseline?: string;
  suppressions: ConfigSuppression[];
  /** The file the configuration came from, if any. */
  source?: string;
}
