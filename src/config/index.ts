// Finds, reads and validates the configuration; every problem is a ConfigError naming the file and key.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SeverityOrOff } from '../findings/index.js';
import type { ConfigSuppression, OptionSchema, Override, Rule, RuleSetting } from '../engine/index.js';
import { readJsonFile } from '../project/index.js';
import { ConfigError } from './errors.js';
import { SEVERITY_VALUES } from './schema.js';
import { didYouMean } from './suggest.js';
import type { Config } from './types.js';

export { ConfigError } from './errors.js';
export type { Config } from './types.js';
export { applyCommandLine, type CommandLineRules } from './command-line.js';
export { DEFAULT_BASELINE_FILE, DEFAULT_CACHE_FILE, DEFAULT_MAX_FILE_SIZE } from './defaults.js';
export { buildBaseline, pruneBaseline, readBaseline, resolveBaseline, serializeBaseline, writeBaseline } from './baseline.js';
export { loadSecurityBaseline } from './security-baseline.js';
export { configSchema } from './schema.js';
export { closest, didYouMean } from './suggest.js';

export const CONFIG_FILES = ['sfmeta-lint.config.json', '.sfmetalintrc.json'] as const;
export const PACKAGE_JSON_KEY = 'sfmetaLint';
const TOP_LEVEL_KEYS = ['$schema', 'rules', 'ignores', 'overrides', 'suppressions', 'securityBaseline'];
const SUPPRESSION_KEYS = ['rule', 'files', 'element', 'reason', 'expires'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u;

/** Looks for the configuration in the project root: the two file names, then package.json. */
export function findConfigFile(root: string): { file: string; key?: string } | undefined {
  for (const name of CONFIG_FILES) {
    const file = path.join(root, name);
    if (existsSync(file)) return { file };
  }
  const pkg = path.join(root, 'package.json');
  if (existsSync(pkg)) {
    try {
      const json = JSON.parse(readFileSync(pkg, 'utf8')) as Record<string, unknown>;
      if (json && typeof json === 'object' && PACKAGE_JSON_KEY in json) return { file: pkg, key: PACKAGE_JSON_KEY };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function loadConfig(rules: readonly Rule<object>[], root: string, explicit?: string): Config {
  const found = explicit ? { file: path.resolve(explicit) } : findConfigFile(root);
  if (!found) return { rules: {}, overrides: [], ignores: [], suppressions: [] };
  if (!existsSync(found.file)) throw new ConfigError(`Configuration file not found: ${found.file}`);
  const json = readJsonFile(found.file, (reason) => new ConfigError(`${found.file}: not valid JSON: ${reason}`));
  const value = found.key ? (json as Record<string, unknown>)[found.key] : json;
  const where = found.key ? `${found.file} ("${found.key}")` : found.file;
  return { ...parseConfig(rules, value, where), source: found.file };
}

/** Validates a configuration object; `where` names its origin in messages. */
export function parseConfig(rules: readonly Rule<object>[], value: unknown, where: string): Config {
  const fail = (key: string, message: string): never => {
    throw new ConfigError(`${where}: ${key}: ${message}`);
  };
  if (!isObject(value)) fail('(root)', 'must be an object');
  const input = value as Record<string, unknown>;
  for (const key of Object.keys(input))
    if (!TOP_LEVEL_KEYS.includes(key))
      fail(key, `unknown key${didYouMean(key, TOP_LEVEL_KEYS)}; expected one of ${TOP_LEVEL_KEYS.join(', ')}`);
  const ignores = input['ignores'] === undefined ? [] : stringArray(input['ignores'], 'ignores', fail);
  const ruleSettings = input['rules'] === undefined ? {} : parseRuleSettings(rules, input['rules'], 'rules', fail);
  const overrides: Override[] = [];
  if (input['overrides'] !== undefined) {
    if (!Array.isArray(input['overrides'])) fail('overrides', 'must be an array');
    (input['overrides'] as unknown[]).forEach((entry, index) => {
      const key = `overrides[${index}]`;
      if (!isObject(entry)) fail(key, 'must be an object');
      const o = entry as Record<string, unknown>;
      for (const k of Object.keys(o)) if (k !== 'files' && k !== 'rules') fail(`${key}.${k}`, 'unknown key; expected files, rules');
      overrides.push({
        files: stringArray(o['files'], `${key}.files`, fail),
        rules: parseRuleSettings(rules, o['rules'] ?? {}, `${key}.rules`, fail),
      });
    });
  }
  const suppressions: ConfigSuppression[] = [];
  if (input['suppressions'] !== undefined) {
    if (!Array.isArray(input['suppressions'])) fail('suppressions', 'must be an array');
    (input['suppressions'] as unknown[]).forEach((entry, index) =>
      suppressions.push(parseSuppression(rules, entry, `suppressions[${index}]`, fail)),
    );
  }
  const securityBaseline = input['securityBaseline'];
  if (securityBaseline !== undefined && (typeof securityBaseline !== 'string' || securityBaseline === ''))
    fail('securityBaseline', 'must be the path of a Health Check baseline export');
  return {
    rules: ruleSettings,
    overrides,
    ignores,
    suppressions,
    ...(securityBaseline !== undefined ? { securityBaseline: securityBaseline as string } : {}),
  };
}

function parseSuppression(rules: readonly Rule<object>[], value: unknown, key: string, fail: Fail): ConfigSuppression {
  if (!isObject(value)) fail(key, 'must be an object');
  const entry = value as Record<string, unknown>;
  for (const k of Object.keys(entry))
    if (!SUPPRESSION_KEYS.includes(k)) fail(`${key}.${k}`, `unknown key; expected ${SUPPRESSION_KEYS.join(', ')}`);
  const rule = entry['rule'];
  if (typeof rule !== 'string' || !rules.some((r) => r.meta.id === rule))
    fail(
      `${key}.rule`,
      `must name a rule${
        typeof rule === 'string'
          ? didYouMean(
              rule,
              rules.map((r) => r.meta.id),
            )
          : ''
      }`,
    );
  const reason = entry['reason'];
  if (typeof reason !== 'string' || reason.trim() === '') fail(`${key}.reason`, 'is required: say why the finding is accepted');
  const expires = entry['expires'];
  if (expires !== undefined && (typeof expires !== 'string' || !ISO_DATE.test(expires) || Number.isNaN(Date.parse(expires))))
    fail(`${key}.expires`, 'must be a date written YYYY-MM-DD');
  const element = entry['element'];
  if (element !== undefined && typeof element !== 'string') fail(`${key}.element`, 'must be a string');
  return {
    rule: rule as string,
    files: entry['files'] === undefined ? ['**'] : stringArray(entry['files'], `${key}.files`, fail),
    reason: (reason as string).trim(),
    ...(element !== undefined ? { element: element as string } : {}),
    ...(expires !== undefined ? { expires: expires as string } : {}),
  };
}

type Fail = (key: string, message: string) => never;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringArray(value: unknown, key: string, fail: Fail): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) fail(key, 'must be an array of strings');
  return value as string[];
}

export function parseRuleSettings(rules: readonly Rule<object>[], value: unknown, key: string, fail: Fail): Record<string, RuleSetting> {
  if (!isObject(value)) fail(key, 'must be an object mapping rule ids to settings');
  const result: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(value)) {
    const rule = rules.find((r) => r.meta.id === id);
    const ruleKey = `${key}.${id}`;
    if (!rule)
      fail(
        ruleKey,
        `unknown rule${didYouMean(
          id,
          rules.map((r) => r.meta.id),
        )}`,
      );
    result[id] = parseRuleSetting(rule!, setting, ruleKey, fail);
  }
  return result;
}

function parseRuleSetting(rule: Rule<object>, value: unknown, key: string, fail: Fail): RuleSetting {
  let severity: unknown;
  let options: unknown;
  if (typeof value === 'string') severity = value;
  else if (Array.isArray(value)) [severity, options] = value;
  else if (isObject(value)) {
    for (const k of Object.keys(value))
      if (k !== 'severity' && k !== 'options') fail(`${key}.${k}`, 'unknown key; expected severity, options');
    severity = value['severity'] ?? rule.meta.defaultSeverity;
    options = value['options'];
  } else fail(key, 'must be a severity, [severity, options] or { "severity", "options" }');
  if (!SEVERITY_VALUES.includes(severity as SeverityOrOff))
    fail(key, `severity must be one of ${SEVERITY_VALUES.join(', ')}, not ${JSON.stringify(severity)}`);
  if (options === undefined) return { severity: severity as SeverityOrOff };
  return { severity: severity as SeverityOrOff, options: validateOptions(rule, options, `${key}.options`, fail) };
}

function validateOptions(rule: Rule<object>, value: unknown, key: string, fail: Fail): Record<string, unknown> {
  if (!isObject(value)) fail(key, 'must be an object');
  const schema = rule.meta.options as Record<string, OptionSchema>;
  for (const [name, option] of Object.entries(value)) {
    const spec = schema[name];
    const optionKey = `${key}.${name}`;
    if (!spec)
      fail(
        optionKey,
        `unknown option of ${rule.meta.id}${didYouMean(name, Object.keys(schema))}${Object.keys(schema).length ? `; expected one of ${Object.keys(schema).join(', ')}` : ' (it has none)'}`,
      );
    checkOption(spec!, option, optionKey, fail);
  }
  return value as Record<string, unknown>;
}

function checkOption(spec: OptionSchema, value: unknown, key: string, fail: Fail): void {
  switch (spec.type) {
    case 'boolean':
      if (typeof value !== 'boolean') fail(key, 'must be true or false');
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(key, 'must be a number');
      if (spec.minimum !== undefined && (value as number) < spec.minimum) fail(key, `must be at least ${spec.minimum}`);
      return;
    case 'string':
      if (typeof value !== 'string') fail(key, 'must be a string');
      if (spec.enum && !spec.enum.includes(value as string)) fail(key, `must be one of ${spec.enum.join(', ')}`);
      return;
    case 'array':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) fail(key, 'must be an array of strings');
      if (spec.items.enum) {
        const bad = (value as string[]).find((v) => !spec.items.enum!.includes(v));
        if (bad !== undefined) fail(key, `${JSON.stringify(bad)} is not one of ${spec.items.enum.join(', ')}`);
      }
  }
}
