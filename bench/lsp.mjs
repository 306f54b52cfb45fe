#!/usr/bin/env node
// The language server's latency: from textDocument/didChange of a Contact layout (and of the profile closest to
// 2.5 MB) to the publishDiagnostics of that document's new version, over stdio with a real JSON-RPC client, as an
// editor sees it.
//
//   npm run compile && node bench/lsp.mjs [--sizes sample,small,medium,large,iata] [--runs N] [--session full] [--dir BASE]
//
// `sample` is sample-project/; the other sizes are bench/generate.mjs projects (source format), generated into
// $TMPDIR/sfmeta-lint-bench/<size>-source (or BASE/<size>-source) as bench/run.mjs does, and reused when up to date (`iata` is the shape of
// an org backup of about 9,000 files and 500 MB, most of it in 165 large profiles). Each run alternates between the
// file's text and the same text with one more line, so that every change is a real one. `--session full` measures
// the full re-analysis on every change (SFMETA_LINT_LSP=full), the baseline of the incremental analysis. Prints one
// JSON object per size: the first analysis, the median and extremes of each edit, the server's memory after the edits
// and its peak, and the load average before and after.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { DEFAULT_SEED, GENERATOR_VERSION, generate, MARKER } from './generate.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(REPO, 'bin', 'sfmeta-lint.js');

function parseArgs(argv) {
  const args = { sizes: ['sample', 'medium'], runs: undefined, session: 'incremental', dir: path.join(os.tmpdir(), 'sfmeta-lint-bench') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sizes') args.sizes = argv[++i].split(',');
    else if (argv[i] === '--runs') args.runs = Number(argv[++i]);
    else if (argv[i] === '--session') args.session = argv[++i];
    else if (argv[i] === '--dir') args.dir = path.resolve(argv[++i]);
    else throw new Error(`Unknown argument ${argv[i]}`);
  }
  return args;
}

function project(size, base) {
  if (size === 'sample') return path.join(REPO, 'sample-project');
  const dir = path.join(base, `${size}-source`);
  let marker;
  try {
    marker = JSON.parse(readFileSync(path.join(dir, MARKER), 'utf8'));
  } catch {
    marker = undefined;
  }
  const fresh =
    marker &&
    !marker.incomplete &&
    marker.generatorVersion === GENERATOR_VERSION &&
    marker.seed === DEFAULT_SEED &&
    (marker.scale ?? 1) === 1 &&
    marker.size === size;
  if (!fresh) {
    process.stderr.write(`generating ${size} into ${dir} ...\n`);
    generate({ size, format: 'source', out: dir, quiet: true });
    // As bench/run.mjs leaves it, so that it reuses the project.
    for (const args of [
      ['init', '-q'],
      ['add', '-A'],
      ['commit', '-q', '-m', `benchmark project ${size}/source`],
    ])
      spawnSync('git', args, { cwd: dir, stdio: 'ignore' });
  }
  return dir;
}

function files(dir, accept, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') files(full, accept, found);
    else if (entry.isFile() && accept(full)) found.push(full);
  }
  return found;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

/** The server's resident memory now, and its peak, from /proc (Linux). */
function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`, 'u').exec(status)?.[1] ?? NaN);
    return { rssMB: Math.round(kb('VmRSS') / 1024), peakMB: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return undefined;
  }
}

const loadAverage = () => os.loadavg().map((n) => Number(n.toFixed(2)));

async function measure(size, runs, session, base) {
  const root = project(size, base);
  const loadBefore = loadAverage();
  const env = { ...process.env, ...(session === 'full' ? { SFMETA_LINT_LSP: 'full' } : {}) };
  const child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: root, env, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  let ended;
  const analysed = new Promise((resolve) => (ended = resolve));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('$/progress', (p) => p.value.kind === 'end' && ended());
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    const key = `${p.uri}#${p.version}`;
    waiting.get(key)?.(performance.now());
    waiting.delete(key);
  });
  connection.listen();
  const started = performance.now();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: size }],
    capabilities: { window: { workDoneProgress: true } },
  });
  await connection.sendNotification('initialized', {});
  await analysed;
  const firstAnalysis = performance.now() - started;

  const layouts = files(root, (f) => /[\\/]layouts[\\/]Contact-[^\\/]*\.layout-meta\.xml$/u.test(f)).sort();
  // The profile closest to 2.5 MB (the target); in a project without one that large, the largest.
  const distance = (f) => Math.abs(statSync(f).size - 2.5e6);
  const profiles = files(root, (f) => f.endsWith('.profile-meta.xml')).sort((a, b) => distance(a) - distance(b));
  const result = { size, session, root, files: undefined, firstAnalysisMs: Math.round(firstAnalysis), edits: {} };
  for (const [name, file] of [
    ['Contact layout', layouts[0]],
    ['profile', profiles[0]],
  ]) {
    if (!file) continue;
    const uri = pathToFileURL(file).href;
    const text = readFileSync(file, 'utf8');
    // One more line inside the root element: well-formed, and a change the analysis must look at.
    const close = text.lastIndexOf('</');
    const other = `${text.slice(0, close)}    <!-- edited -->\n${text.slice(close)}`;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text } });
    const times = [];
    for (let version = 2; version < runs + 2; version++) {
      const published = new Promise((resolve) => waiting.set(`${uri}#${version}`, resolve));
      const sent = performance.now();
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text: version % 2 === 0 ? other : text }],
      });
      times.push((await published) - sent);
    }
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    result.edits[name] = {
      file: path.relative(root, file),
      bytes: statSync(file).size,
      runs,
      medianMs: Math.round(median(times)),
      minMs: Math.round(Math.min(...times)),
      maxMs: Math.round(Math.max(...times)),
    };
  }
  result.files = files(root, (f) => !f.includes(`${path.sep}.git${path.sep}`)).length;
  result.memory = memory(child.pid);
  result.loadAverage = { before: loadBefore, after: loadAverage() };
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  await new Promise((resolve) => child.on('exit', resolve));
  connection.dispose();
  return result;
}

const args = parseArgs(process.argv.slice(2));
if (!existsSync(path.join(REPO, 'dist', 'cli', 'index.js'))) throw new Error('Build first: npm run compile');
for (const size of args.sizes) {
  const runs = args.runs ?? (args.session === 'full' ? (size === 'sample' || size === 'small' ? 20 : size === 'medium' ? 7 : 3) : 21);
  console.log(JSON.stringify(await measure(size, runs, args.session, args.dir)));
}
