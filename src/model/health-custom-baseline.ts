// Reads a Health Check custom baseline export (Health Check > Baseline Controls > Export Baseline) into a threshold table.
import { parseXml, type XmlElement } from '../xml/index.js';
import { HEALTH_BASELINE, UNEVALUATED_SETTINGS, type Baseline, type BaselineSetting, type RiskGroup, type Threshold } from './health.js';

export type CustomBaselineResult =
  | {
      ok: true;
      baseline: Baseline;
      /** Unknown settings, settings of the wrong type, bad values, built-in settings the file does not list. */
      warnings: string[];
      /** Known Health Check settings that metadata cannot show; skipped without a warning. */
      ignored: string[];
    }
  | { ok: false; error: string };

const GROUP_ELEMENTS: Readonly<Record<string, RiskGroup>> = {
  highRiskSecuritySettings: 'High',
  mediumRiskSecuritySettings: 'Medium',
  lowRiskSecuritySettings: 'Low',
  informationalSecuritySettings: 'Informational',
};
const SETTING_KINDS: Readonly<Record<string, Threshold['kind']>> = {
  booleanSetting: 'boolean',
  numericRangeSetting: 'numeric',
  enumSetting: 'enum',
};
const LIST_SEPARATOR = /\s*,\s*/u;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/u;

function readThreshold(
  element: XmlElement,
  kind: Threshold['kind'],
  entry: BaselineSetting,
  warn: (m: string) => void,
): Threshold | undefined {
  const attr = (name: string): string | undefined => element.attrs[name]?.trim();
  const name = entry.setting;
  if (kind === 'boolean') {
    const compliant = attr('compliant')?.toLowerCase();
    const nonCompliant = attr('nonCompliant')?.toLowerCase() ?? 'critical';
    if (compliant !== 'true' && compliant !== 'false')
      return void warn(`${name}: compliant must be "true" or "false"; the built-in value is kept.`);
    if (nonCompliant !== 'warning' && nonCompliant !== 'critical')
      return void warn(`${name}: nonCompliant must be "warning" or "critical"; the built-in value is kept.`);
    return { kind, compliant: compliant === 'true', nonCompliant };
  }
  if (kind === 'numeric') {
    const compliant = attr('compliant');
    const warning = attr('warning');
    if (!compliant || !NUMBER.test(compliant) || !warning || !NUMBER.test(warning))
      return void warn(`${name}: compliant and warning must be numbers; the built-in value is kept.`);
    return { kind, compliant: Number(compliant), warning: Number(warning) };
  }
  const list = (attrName: string): string[] => {
    const values = (attr(attrName) ?? '').split(LIST_SEPARATOR).filter((v) => v !== '');
    const known = entry.enumValues;
    if (!known) return values;
    const out: string[] = [];
    for (const v of values) {
      const match = known.find((k) => k.toLowerCase() === v.toLowerCase());
      if (match) out.push(match);
      else warn(`${name}: unknown value "${v}" ignored (known: ${known.join(', ')}).`);
    }
    return out;
  };
  const compliant = list('compliant');
  if (compliant.length === 0) return void warn(`${name}: no compliant value; the built-in value is kept.`);
  return { kind, compliant, warning: list('warning'), critical: list('critical') };
}

/**
 * Reads a Health Check custom baseline export: `<baseline name=...>` with `highRiskSecuritySettings`,
 * `mediumRiskSecuritySettings`, `lowRiskSecuritySettings` and `informationalSecuritySettings`, each
 * holding `booleanSetting` (compliant, nonCompliant), `numericRangeSetting` (compliant, warning) and
 * `enumSetting` (compliant, warning, critical: comma-separated) elements. The result replaces the
 * built-in table; settings it does not list keep their built-in values. Never throws.
 */
export function parseCustomBaseline(text: string, builtIn: Baseline = HEALTH_BASELINE): CustomBaselineResult {
  try {
    return readBaseline(text, builtIn);
  } catch (error) {
    return { ok: false, error: `The security baseline could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function readBaseline(text: string, builtIn: Baseline): CustomBaselineResult {
  const parsed = parseXml(text);
  if (!parsed.ok) {
    const { startLine, startColumn } = parsed.problem.range;
    return {
      ok: false,
      error: `The security baseline is not well-formed XML (line ${startLine}, column ${startColumn}): ${parsed.problem.message}`,
    };
  }
  const root = parsed.doc.root;
  if (root.name !== 'baseline')
    return {
      ok: false,
      error: `The security baseline's root element must be <baseline> (a Health Check baseline export), found <${root.name}>.`,
    };
  const groups = root.children.filter((c) => c.name in GROUP_ELEMENTS);
  if (groups.length === 0)
    return {
      ok: false,
      error:
        'The security baseline has no risk category (highRiskSecuritySettings, mediumRiskSecuritySettings, lowRiskSecuritySettings, informationalSecuritySettings).',
    };

  const warnings: string[] = [];
  const ignored: string[] = [];
  const warn = (message: string) => warnings.push(message);
  const byName = new Map(builtIn.settings.map((s) => [s.setting.toLowerCase(), s]));
  const unevaluated = new Set(UNEVALUATED_SETTINGS.map((s) => s.toLowerCase()));
  const replaced = new Map<string, BaselineSetting>();
  const seen = new Set<string>();

  for (const child of root.children) {
    if (!(child.name in GROUP_ELEMENTS)) warn(`Unknown element <${child.name}> ignored.`);
  }
  for (const group of groups) {
    const riskGroup = GROUP_ELEMENTS[group.name]!;
    for (const element of group.children) {
      const kind = SETTING_KINDS[element.name];
      const name = element.attrs['name']?.trim();
      if (!kind || !name) {
        warn(kind ? `A <${element.name}> without a name ignored.` : `Unknown element <${element.name}> in <${group.name}> ignored.`);
        continue;
      }
      const key = name.toLowerCase();
      if (seen.has(key)) {
        warn(`${name} is listed twice; the first one is used.`);
        continue;
      }
      seen.add(key);
      const entry = byName.get(key);
      if (!entry) {
        if (unevaluated.has(key)) ignored.push(name);
        else warn(`Unknown setting ${name} ignored.`);
        continue;
      }
      if (kind !== entry.threshold.kind) {
        warn(
          `${name} must be a <${Object.keys(SETTING_KINDS).find((k) => SETTING_KINDS[k] === entry.threshold.kind)}>, found <${element.name}>; the built-in value is kept.`,
        );
        continue;
      }
      const threshold = readThreshold(element, kind, entry, warn);
      replaced.set(entry.setting, { ...entry, riskGroup, ...(threshold ? { threshold } : {}) });
    }
  }
  for (const entry of builtIn.settings) {
    if (!replaced.has(entry.setting)) warn(`${entry.setting} is not in the security baseline; the built-in value is kept.`);
  }
  const name = root.attrs['name']?.trim() || 'Custom baseline';
  return { ok: true, baseline: { name, settings: builtIn.settings.map((s) => replaced.get(s.setting) ?? s) }, warnings, ignored };
}
