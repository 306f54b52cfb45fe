// Merges the command line's rule choices (--rule, --disable-rule, --only) into the configuration.
import type { RuleSetting } from '../engine/index.js';
import type { SeverityOrOff } from '../findings/index.js';
import { RULES, ruleById } from '../rules/index.js';
import { ConfigError } from './errors.js';
import { didYouMean } from './suggest.js';
import type { Config } from './types.js';

export interface CommandLineRules {
  /** Rule severities that override the configuration (`--rule`, `--disable-rule`). */
  ruleSeverities?: Record<string, SeverityOrOff>;
  /** When set, only these rules run. */
  only?: string[];
}

export function applyCommandLine(config: Config, options: CommandLineRules): Config {
  const rules: Record<string, RuleSetting> = { ...config.rules };
  for (const id of [...Object.keys(options.ruleSeverities ?? {}), ...(options.only ?? [])]) {
    if (!ruleById(id))
      throw new ConfigError(
        `Unknown rule: ${id}${didYouMean(
          id,
          RULES.map((r) => r.meta.id),
        )} (see --list-rules)`,
      );
  }
  const only = options.only;
  if (only) {
    for (const rule of RULES) if (!only.includes(rule.meta.id)) rules[rule.meta.id] = { severity: 'off' };
  }
  for (const [id, severity] of Object.entries(options.ruleSeverities ?? {})) rules[id] = { ...rules[id], severity };
  // The command line wins on every file: an override keeps its options for a rule set there, not its severity.
  const severities = options.ruleSeverities ?? {};
  const overrides = config.overrides.map((o) => ({
    ...o,
    rules: Object.fromEntries(
      Object.entries(o.rules)
        .filter(([id]) => !only || only.includes(id))
        .map(([id, setting]) => [id, id in severities ? { ...setting, severity: severities[id]! } : setting]),
    ),
  }));
  return { ...config, rules, overrides };
}
