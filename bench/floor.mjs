#!/usr/bin/env node
// The benchmark's floors, run as a child process so they are measured exactly like sfmeta-lint:
//
//   node bench/floor.mjs read LIST            read every byte of the files listed (one path a line)
//   node bench/floor.mjs parse LIST           read + fast-xml-parser parse, single thread, sfmeta-lint's options
//   node bench/floor.mjs validate-parse LIST  read + XMLValidator.validate + parse (what src/xml does per file today)
//
// Prints {"files","bytes","chars","nodes"} on stdout.
import { readFileSync } from 'node:fs';

const [mode, list] = process.argv.slice(2);
if (!['read', 'parse', 'validate-parse'].includes(mode) || !list) {
  process.stderr.write('usage: node bench/floor.mjs read|parse|validate-parse LIST\n');
  process.exit(2);
}
const files = readFileSync(list, 'utf8').split('\n').filter(Boolean);
let bytes = 0;
let chars = 0;
let nodes = 0;
if (mode === 'read') {
  for (const file of files) bytes += readFileSync(file).length;
} else {
  const { XMLParser, XMLValidator } = await import('fast-xml-parser');
  // The options sfmeta-lint parses with (bench/run.mjs builds dist/ first).
  const { PARSER_OPTIONS } = await import('../dist/xml/index.js');
  const parser = new XMLParser(PARSER_OPTIONS);
  const validate = mode === 'validate-parse';
  for (const file of files) {
    const buffer = readFileSync(file);
    bytes += buffer.length;
    const text = buffer.toString('utf8');
    chars += text.length;
    if (validate) XMLValidator.validate(text, { allowBooleanAttributes: false });
    try {
      nodes += parser.parse(text).length;
    } catch {
      // A planted broken file: sfmeta-lint reports it; the floor just moves on.
    }
  }
}
process.stdout.write(`${JSON.stringify({ mode, files: files.length, bytes, chars, nodes })}\n`);
