// The formatters by name; each a pure function of the results.
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { rdjson } from './rdjson.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Formatter } from '../findings/result.js';

export * from '../findings/result.js';

export const FORMATTERS: Record<string, Formatter> = { stylish, json, sarif, junit, github, gitlab, markdown, rdjson };
export const FORMAT_NAMES = Object.keys(FORMATTERS);
