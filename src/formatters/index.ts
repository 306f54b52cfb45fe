// The formatters by name; each a pure function of the results.
import { json } from './json.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Formatter } from './types.js';

export * from './types.js';

export const FORMATTERS: Record<string, Formatter> = { stylish, json, sarif };
export const FORMAT_NAMES = Object.keys(FORMATTERS);
