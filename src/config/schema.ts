// The JSON Schema of the configuration file, generated from the rules' declared metadata.
import type { OptionSchema, Rule } from '../engine/index.js';
import type { SeverityOrOff } from '../findings/index.js';

export const SEVERITY_VALUES: readonly SeverityOrOff[] = ['off', 'note', 'warning', 'error'];

/** The JSON Schema of the configuration file, generated from the rules. */
export function configSchema(rules: readonly Rule<object>[]): object {
  const severity = { enum: SEVERITY_VALUES };
  const ruleProperties: Record<string, object> = {};
  for (const rule of rules) {
    const options = {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(Object.entries(rule.meta.options as Record<string, OptionSchema>).map(([name, spec]) => [name, spec])),
    };
    ruleProperties[rule.meta.id] = {
      description: `${rule.meta.description} (default: ${rule.meta.defaultSeverity})`,
      oneOf: [
        severity,
        { type: 'array', prefixItems: [severity, options], minItems: 1, maxItems: 2 },
        { type: 'object', additionalProperties: false, properties: { severity, options } },
      ],
    };
  }
  const rulesObject = { type: 'object', additionalProperties: false, properties: ruleProperties };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/sfmeta-lint/sfmeta-lint/schema/sfmeta-lint.config.schema.json',
    title: 'sfmeta-lint configuration',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: rulesObject,
      ignores: { type: 'array', items: { type: 'string' }, description: 'Globs, relative to the project root, of files not to lint' },
      securityBaseline: {
        type: 'string',
        description: 'A Health Check custom baseline export (XML) that replaces the built-in thresholds; relative to the project root',
      },
      suppressions: {
        type: 'array',
        description: 'Accepted findings, each with a reason; after `expires` the finding returns',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['rule', 'reason'],
          properties: {
            rule: { enum: rules.map((r) => r.meta.id) },
            files: { type: 'array', items: { type: 'string' }, description: 'Globs relative to the project root (default: every file)' },
            element: { type: 'string', description: 'Only findings on this element identity, as shown in JSON output' },
            reason: { type: 'string', minLength: 1 },
            expires: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
          },
        },
      },
      overrides: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: { files: { type: 'array', items: { type: 'string' } }, rules: rulesObject },
        },
      },
    },
  };
}
