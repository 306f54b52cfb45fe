#!/usr/bin/env node
// sfmeta-lint benchmark (issue 6): generates projects (bench/generate.mjs), measures the floors and
// sfmeta-lint on them in the same run, prints a table and a Markdown table, and writes JSON to
// bench/results/. See bench/README.md.
//
//   node bench/run.mjs [--sizes small,medium] [--format source|metadata] [--quick] [--runs N]
//                      [--dir BASE] [--regenerate] [--clean] [--cpu-prof] [--no-write] [--scaling | --no-scaling]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, generate, GENERATOR_VERSION, MARKER, SIZES } from './generate.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(BENCH_DIR, '..');
const CLI = path.join(REPO, 'bin', 'sfmeta-lint.js');
const FLOOR = path.join(BENCH_DIR, 'floor.mjs');
const RESULTS = path.join(BENCH_DIR, 'results');
const NODE = process.execPath;
const TIME = '/usr/bin/time';
const HAS_TIME = existsSync(TIME);
const MB = 1e6;
/** The size whose doubling (generate.mjs --scale 2) is measured by --scaling. */
const SCALING_SIZE = 'medium';

// ---------------------------------------------------------------------------------------------
// Arguments.
// ---------------------------------------------------------------------------------------------
function parseArgs(argv) {
  const args = {
    sizes: ['small', 'medium'],
    format: 'source',
    quick: false,
    dir: path.join(os.tmpdir(), 'sfmeta-lint-bench'),
    write: true,
    seed: DEFAULT_SEED,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--sizes' || a === '--size')
      args.sizes = value()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (a === '--format') args.format = value();
    else if (a === '--quick') args.quick = true;
    else if (a === '--runs') args.runs = Number(value());
    else if (a === '--dir') args.dir = path.resolve(value());
    else if (a === '--seed') args.seed = Number(value());
    else if (a === '--regenerate') args.regenerate = true;
    else if (a === '--clean') args.clean = true;
    else if (a === '--cpu-prof') args.cpuProf = true;
    else if (a === '--no-write') args.write = false;
    else if (a === '--scaling') args.scaling = true;
    else if (a === '--no-scaling') args.scaling = false;
    else if (a === '-h' || a === '--help') args.help = true;
    else throw new Error(`Unknown argument ${a} (see bench/README.md)`);
  }
  for (const size of args.sizes) if (!SIZES[size]) throw new Error(`Unknown size ${size} (small, medium, large, iata)`);
  if (!['source', 'metadata'].includes(args.format)) throw new Error(`Unknown format ${args.format} (source, metadata)`);
  // The doubling measurement (medium at scale 1 and 2) costs about 10 s: on by default when medium is measured.
  args.scaling ??= args.sizes.includes(SCALING_SIZE);
  return args;
}

/** Repetitions per measurement: medians of several runs where runs are cheap. */
function runsFor(size, args, kind) {
  if (args.runs) return args.runs;
  if (args.quick) return kind === 'startup' ? 3 : 1;
  if (kind === 'startup') return 10;
  return { small: 5, medium: 3, large: 1, iata: 1 }[size];
}

// ---------------------------------------------------------------------------------------------
// Measuring a child: wall time here, CPU and peak RSS from /usr/bin/time (wait4 rusage, which also
// counts the child's own children and all its threads), or, without it, from process.resourceUsage()
// written by a preloaded hook at exit.
// ---------------------------------------------------------------------------------------------
const scratch = mkdtempSync(path.join(os.tmpdir(), 'sfmeta-lint-bench-run-'));
const RUSAGE_HOOK = `data:text/javascript,${encodeURIComponent("import{writeFileSync}from'node:fs';process.on('exit',()=>{const u=process.resourceUsage();writeFileSync(process.env.SFMETA_BENCH_RUSAGE,[0,u.userCPUTime/1e6,u.systemCPUTime/1e6,u.maxRSS].join(' '))})")}`;

// Preferred: a few lines of Python around fork/exec/wait4, which time the child alone, with microsecond CPU times
// (/usr/bin/time rounds CPU to 10 ms, too coarse for --version).
const WAIT4 = [
  'import os, sys, time',
  't = time.perf_counter()',
  'pid = os.fork()',
  'if pid == 0:',
  '    try: os.execv(sys.argv[1], sys.argv[1:])',
  '    finally: os._exit(127)',
  '_, status, ru = os.wait4(pid, 0)',
  'wall = time.perf_counter() - t',
  "open(os.environ['SFMETA_BENCH_RUSAGE'], 'w').write(f'{wall} {ru.ru_utime} {ru.ru_stime} {ru.ru_maxrss}')",
  'sys.exit(os.waitstatus_to_exitcode(status))',
].join('\n');
const PYTHON = (() => {
  const r = spawnSync('python3', ['-c', 'import os, sys; os.wait4; os.waitstatus_to_exitcode; print(sys.executable)'], {
    encoding: 'utf8',
  });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
})();
const METHOD = PYTHON ? 'wait4 (python3)' : HAS_TIME ? '/usr/bin/time' : 'process.resourceUsage() hook';

function measureOnce(args, { cwd = REPO, nodeArgs = [], expectStatus = [0] } = {}) {
  const out = path.join(scratch, 'rusage.txt');
  rmSync(out, { force: true });
  const [command, argv] = PYTHON
    ? [PYTHON, ['-I', '-S', '-c', WAIT4, NODE, ...nodeArgs, ...args]]
    : HAS_TIME
      ? [TIME, ['-f', '%e %U %S %M', '-o', out, NODE, ...nodeArgs, ...args]]
      : [NODE, ['--import', RUSAGE_HOOK, ...nodeArgs, ...args]];
  const started = process.hrtime.bigint();
  const child = spawnSync(command, argv, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', SFMETA_BENCH_RUSAGE: out },
  });
  let wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.error) throw child.error;
  const lines = existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n') : [];
  const [ownWall, user, sys, rssKb] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
  if (PYTHON && Number.isFinite(ownWall)) wall = ownWall;
  const status = child.status;
  if (!expectStatus.includes(status)) {
    throw new Error(
      `${[NODE, ...nodeArgs, ...args].join(' ')} exited ${status}: ${String(child.stderr).trim().split('\n').slice(-3).join(' | ')}`,
    );
  }
  return { wall, user, sys, cpu: user + sys, rssMB: rssKb / 1024, status, stdout: String(child.stdout) };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Runs `n` times (calling `before(i)` first when given) and summarises. */
function measure(label, n, argsOrFn, options = {}) {
  const runs = [];
  for (let i = 0; i < n; i++) {
    options.before?.(i);
    const args = typeof argsOrFn === 'function' ? argsOrFn(i) : argsOrFn;
    runs.push(measureOnce(args, options));
  }
  const summary = {
    label,
    runs: runs.length,
    wall: round(median(runs.map((r) => r.wall)), 4),
    wallMin: round(Math.min(...runs.map((r) => r.wall)), 4),
    user: round(median(runs.map((r) => r.user)), 3),
    sys: round(median(runs.map((r) => r.sys)), 3),
    cpu: round(median(runs.map((r) => r.cpu)), 3),
    rssMB: round(Math.max(...runs.map((r) => r.rssMB)), 1),
    walls: runs.map((r) => round(r.wall, 4)),
  };
  process.stderr.write(
    `  ${label.padEnd(48)} ${fmtS(summary.wall)}  cpu ${fmtS(summary.cpu)}  rss ${summary.rssMB.toFixed(0)} MB  (${n} run${n > 1 ? 's' : ''})\n`,
  );
  return { summary, last: runs[runs.length - 1] };
}

const round = (x, digits) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);
const fmtS = (s) => (s === null || s === undefined ? '—' : s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`);

// ---------------------------------------------------------------------------------------------
// Projects: generate or reuse (same generator version and seed, git work tree clean).
// ---------------------------------------------------------------------------------------------
function git(cwd, args, options = {}) {
  const r = spawnSync(
    'git',
    [
      '-c',
      'user.name=sfmeta-lint bench',
      '-c',
      'user.email=bench@example.invalid',
      '-c',
      'core.autocrlf=false',
      '-c',
      'gc.auto=0',
      '-c',
      'core.looseCompression=1',
      '-c',
      'commit.gpgsign=false',
      ...args,
    ],
    { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options },
  );
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function readMarker(dir) {
  try {
    return JSON.parse(readFileSync(path.join(dir, MARKER), 'utf8'));
  } catch {
    return undefined;
  }
}

function ensureProject(size, args, scale = 1) {
  const name = `${size}/${args.format}${scale > 1 ? ` x${scale}` : ''}`;
  const dir = path.join(args.dir, `${size}-${args.format}${scale > 1 ? `-x${scale}` : ''}`);
  const marker = readMarker(dir);
  let reused = false;
  if (
    !args.regenerate &&
    marker &&
    !marker.incomplete &&
    marker.generatorVersion === GENERATOR_VERSION &&
    marker.seed === args.seed &&
    marker.size === size &&
    marker.format === args.format &&
    (marker.scale ?? 1) === scale &&
    existsSync(path.join(dir, '.git'))
  ) {
    const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: dir, encoding: 'utf8' });
    reused = dirty.status === 0 && dirty.stdout.trim() === '';
  }
  let stats = marker;
  let gitSeconds = null;
  if (!reused) {
    process.stderr.write(`generating ${name} into ${dir} ...\n`);
    stats = generate({ size, format: args.format, out: dir, seed: args.seed, scale });
    const started = process.hrtime.bigint();
    git(dir, ['init', '-q']);
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', `benchmark project ${name} (generator ${GENERATOR_VERSION})`]);
    gitSeconds = round(Number(process.hrtime.bigint() - started) / 1e9, 2);
  } else {
    process.stderr.write(`reusing ${name} in ${dir} (generator ${GENERATOR_VERSION})\n`);
  }
  return { dir, stats, reused, gitSeconds };
}

const CODE_EXTENSIONS = new Set(['.cls', '.trigger', '.js', '.html', '.css', '.json', '.md', '.txt', '.page', '.component', '.resource']);

/** Every XML file of the project (metadata and -meta.xml files; not Apex or other code), sorted. */
function listXml(dir, packageRoot) {
  const files = [];
  const pending = [path.join(dir, packageRoot)];
  while (pending.length > 0) {
    const current = pending.pop();
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile() && !CODE_EXTENSIONS.has(path.extname(entry.name))) files.push(full);
    }
  }
  files.sort();
  let bytes = 0;
  for (const file of files) bytes += statSync(file).size;
  return { files, bytes };
}

// ---------------------------------------------------------------------------------------------
// The CLI's abilities (the cache may not exist yet).
// ---------------------------------------------------------------------------------------------
function cliFeatures() {
  if (!existsSync(path.join(REPO, 'dist', 'cli', 'index.js')))
    throw new Error('dist/ is missing: build first (npx tsc -p . or npm run compile).');
  const help = spawnSync(NODE, [CLI, '--help'], { encoding: 'utf8' }).stdout ?? '';
  return { cache: /--cache\b/.test(help), cacheLocation: /--cache-location\b/.test(help), changedSince: /--changed-since\b/.test(help) };
}

/** The profile to edit: the median-sized one (a typical profile, not the biggest). */
function pickProfile(dir, packageRoot) {
  const folder = path.join(dir, packageRoot, 'profiles');
  const files = readdirSync(folder)
    .map((f) => ({ file: path.join(folder, f), size: statSync(path.join(folder, f)).size }))
    .sort((a, b) => a.size - b.size || (a.file < b.file ? -1 : 1));
  return files[Math.floor(files.length / 2)].file;
}

/** A real change: the last granted user permission is revoked. */
function editedProfile(text) {
  const at = text.lastIndexOf('<enabled>true</enabled>');
  if (at < 0) return text.replace('</Profile>', '<!-- edited by the benchmark -->\n</Profile>');
  return `${text.slice(0, at)}<enabled>false</enabled>${text.slice(at + '<enabled>true</enabled>'.length)}`;
}

// ---------------------------------------------------------------------------------------------
// One size.
// ---------------------------------------------------------------------------------------------
function benchSize(size, args, features) {
  const loadBefore = os.loadavg()[0];
  const project = ensureProject(size, args);
  const { dir, stats } = project;
  const packageRoot = stats.packageRoot;
  const xml = listXml(dir, packageRoot);
  const listFile = path.join(scratch, `${size}.files`);
  writeFileSync(listFile, `${xml.files.join('\n')}\n`);
  const n = runsFor(size, args, 'lint');
  const rows = [];
  const add = (id, m, extra = {}) => {
    const row = { id, ...m.summary, ...extra };
    rows.push(row);
    return row;
  };
  process.stderr.write(
    `${size}/${args.format}: ${xml.files.length} XML files, ${(xml.bytes / MB).toFixed(1)} MB (${stats.files} files in all)\n`,
  );

  // Floors (page cache warm: the generator or the first read loaded every file).
  measureOnce([FLOOR, 'read', listFile]);
  const read = add('floor-read', measure('floor: read every XML byte', n, [FLOOR, 'read', listFile]));
  const parse = add('floor-parse', measure('floor: fast-xml-parser parse, 1 thread', n, [FLOOR, 'parse', listFile]));
  if (!args.quick) add('floor-validate-parse', measure('info: XMLValidator + parse, 1 thread', n, [FLOOR, 'validate-parse', listFile]));

  const lintArgs = [CLI, dir, '--fail-on', 'never', '-f', 'json', '-o', '/dev/null'];
  const cold = add('cold', measure('sfmeta-lint cold', n, lintArgs));

  // Findings, once, so a run shows the planted misconfigurations are found.
  const report = path.join(scratch, `${size}.json`);
  measureOnce([CLI, dir, '--fail-on', 'never', '-f', 'json', '-o', report]);
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const findingsByRule = {};
  for (const f of json.findings ?? []) findingsByRule[f.ruleId] = (findingsByRule[f.ruleId] ?? 0) + 1;

  const profile = pickProfile(dir, packageRoot);
  const original = readFileSync(profile, 'utf8');
  const edited = editedProfile(original);
  const restore = () => writeFileSync(profile, original);
  const nWarm = args.quick ? 1 : Math.max(n, size === 'large' ? 1 : 2);
  try {
    if (features.cache) {
      const cacheFile = path.join(scratch, `${size}.cache`);
      rmSync(cacheFile, { recursive: true, force: true });
      const cacheArgs = [...lintArgs, '--cache', ...(features.cacheLocation ? ['--cache-location', cacheFile] : [])];
      add('cache-write', measure('--cache, first run (writes the cache)', 1, cacheArgs));
      add('warm', measure('--cache, nothing changed', nWarm, cacheArgs));
      // Each run sees one changed profile: the file alternates between the edited and the original text.
      add(
        'warm-one-profile',
        measure('--cache, one profile changed', nWarm, cacheArgs, {
          before: (i) => writeFileSync(profile, i % 2 === 0 ? edited : original),
        }),
      );
      restore();
    } else {
      rows.push({ id: 'warm', label: '--cache, nothing changed', unavailable: 'not available (no --cache option)' });
      rows.push({ id: 'warm-one-profile', label: '--cache, one profile changed', unavailable: 'not available (no --cache option)' });
    }
    if (features.changedSince) {
      writeFileSync(profile, edited);
      add('changed-since', measure('--changed-since HEAD, one profile changed', nWarm, [...lintArgs, '--changed-since', 'HEAD']));
    } else {
      rows.push({
        id: 'changed-since',
        label: '--changed-since HEAD, one profile changed',
        unavailable: 'not available (no --changed-since option)',
      });
    }
  } finally {
    restore();
  }

  const nStart = runsFor(size, args, 'startup');
  const bare = add('node', measure('node -e 0', nStart, ['-e', '0']));
  add('version', measure('sfmeta-lint --version', nStart, [CLI, '--version']));
  add('help', measure('sfmeta-lint --help', nStart, [CLI, '--help']));

  let cpuProfile;
  if (args.cpuProf) cpuProfile = profileColdRun(size, lintArgs);

  // Ratios and targets.
  const lintRows = new Set([
    'floor-read',
    'floor-parse',
    'floor-validate-parse',
    'cold',
    'cache-write',
    'warm',
    'warm-one-profile',
    'changed-since',
  ]);
  for (const row of rows) {
    if (row.unavailable) continue;
    if (lintRows.has(row.id)) {
      row.filesPerSec = round(xml.files.length / row.wall, 0);
      row.mbPerSec = round(xml.bytes / MB / row.wall, 1);
      row.xReadFloor = round(row.wall / read.wall, 2);
      row.xParseFloor = round(row.wall / parse.wall, 2);
      row.xParseFloorCpu = round(row.cpu / parse.cpu, 2);
    }
    if (['warm', 'warm-one-profile', 'changed-since', 'cache-write'].includes(row.id)) {
      row.xCold = round(row.wall / cold.wall, 3);
      row.xColdCpu = round(row.cpu / cold.cpu, 3);
    }
    if (row.id === 'version' || row.id === 'help') {
      row.xNode = round(row.wall / bare.wall, 2);
      row.xNodeCpu = round(row.cpu / bare.cpu, 2);
    }
  }
  const target = (id, text, ok) => {
    const row = rows.find((r) => r.id === id);
    if (!row) return;
    row.target = text;
    row.met = row.unavailable ? null : ok(row);
  };
  target('cold', '≤ 0.8 × parse floor; RSS < 1 GB', (r) => r.xParseFloor <= 0.8 && r.rssMB < 1024);
  target('warm', '≤ 10 % of cold', (r) => r.xCold <= 0.1);
  target('warm-one-profile', '≤ 15 % of cold', (r) => r.xCold <= 0.15);
  target('changed-since', '< 1 s (pre-commit)', (r) => r.wall < 1);
  target('version', '≤ 2 × node -e 0', (r) => r.xNode <= 2);
  target('help', '≤ 2 × node -e 0', (r) => r.xNode <= 2);

  const result = {
    size,
    format: args.format,
    project: {
      dir,
      reused: project.reused,
      generatorVersion: GENERATOR_VERSION,
      seed: args.seed,
      files: stats.files,
      bytes: stats.bytes,
      xmlFiles: xml.files.length,
      xmlBytes: xml.bytes,
      generateSeconds: stats.seconds,
      gitCommitSeconds: project.gitSeconds,
      profiles: stats.profiles,
      byType: stats.byType,
      planted: stats.planted,
    },
    runs: n,
    loadAverage: { before: round(loadBefore, 2), after: round(os.loadavg()[0], 2) },
    rows,
    findings: {
      total: (json.findings ?? []).length,
      byRule: findingsByRule,
      filesLinted: json.filesLinted,
      filesSkipped: json.filesSkipped,
    },
    ...(cpuProfile ? { cpuProfile } : {}),
  };
  if (args.clean) rmSync(dir, { recursive: true, force: true });
  return result;
}

// ---------------------------------------------------------------------------------------------
// --scaling: the same project at scale 1 and 2 (generate.mjs --scale), cold lint on both.
// ---------------------------------------------------------------------------------------------
function benchDoubling(args) {
  const size = SCALING_SIZE;
  const loadBefore = os.loadavg()[0];
  const projects = [1, 2].map((scale) => {
    const project = ensureProject(size, args, scale);
    return { scale, ...project, xml: listXml(project.dir, project.stats.packageRoot) };
  });
  const n = args.runs ?? (args.quick ? 1 : 3);
  const lintArgs = (dir) => [CLI, dir, '--fail-on', 'never', '-f', 'json', '-o', '/dev/null'];
  process.stderr.write(
    `doubling ${size}/${args.format}: ${projects.map((p) => `x${p.scale} ${p.xml.files.length} XML files, ${(p.xml.bytes / MB).toFixed(1)} MB`).join('; ')}\n`,
  );
  // One untimed run each (page cache, as for the other cold rows), then the runs interleaved so that drift
  // in the machine's speed hits both sides alike.
  if (!args.quick) for (const p of projects) measureOnce(lintArgs(p.dir));
  const runs = projects.map(() => []);
  for (let i = 0; i < n; i++) projects.forEach((p, k) => runs[k].push(measureOnce(lintArgs(p.dir))));
  const rows = projects.map((p, k) => {
    const r = runs[k];
    const row = {
      id: `cold-x${p.scale}`,
      label: `sfmeta-lint cold, ${size} x${p.scale}`,
      runs: r.length,
      wall: round(median(r.map((x) => x.wall)), 4),
      cpu: round(median(r.map((x) => x.cpu)), 3),
      rssMB: round(Math.max(...r.map((x) => x.rssMB)), 1),
      walls: r.map((x) => round(x.wall, 4)),
      files: p.stats.files,
      xmlFiles: p.xml.files.length,
      xmlBytes: p.xml.bytes,
      dir: p.dir,
      reused: p.reused,
    };
    process.stderr.write(
      `  ${row.label.padEnd(48)} ${fmtS(row.wall)}  cpu ${fmtS(row.cpu)}  rss ${row.rssMB.toFixed(0)} MB  (${n} run${n > 1 ? 's' : ''})\n`,
    );
    return row;
  });
  const [one, two] = rows;
  const ratio = round(two.wall / (2 * one.wall), 3);
  return {
    size,
    format: args.format,
    runs: n,
    loadAverage: { before: round(loadBefore, 2), after: round(os.loadavg()[0], 2) },
    rows,
    filesRatio: round(two.xmlFiles / one.xmlFiles, 4),
    bytesRatio: round(two.xmlBytes / one.xmlBytes, 4),
    ratio,
    ratioCpu: round(two.cpu / (2 * one.cpu), 3),
    target: 'time(2x) / (2 × time(1x)) ≤ 1.10 (on wall)',
    met: ratio <= 1.1,
  };
}

function doublingLines(d) {
  const [one, two] = d.rows;
  return [
    `doubling (${d.size}, ${d.format}, generate.mjs --scale 1 and 2; median of ${d.runs} run(s), interleaved; load average ${d.loadAverage.before} → ${d.loadAverage.after})`,
    `  x1: ${one.xmlFiles.toLocaleString('en-US')} XML files, ${(one.xmlBytes / MB).toFixed(1)} MB: cold ${fmtS(one.wall)} wall, ${fmtS(one.cpu)} CPU, ${one.rssMB.toFixed(0)} MB peak`,
    `  x2: ${two.xmlFiles.toLocaleString('en-US')} XML files, ${(two.xmlBytes / MB).toFixed(1)} MB (files × ${d.filesRatio}, bytes × ${d.bytesRatio}): cold ${fmtS(two.wall)} wall, ${fmtS(two.cpu)} CPU, ${two.rssMB.toFixed(0)} MB peak`,
    `  time(2x) / (2 × time(1x)) = ${d.ratio.toFixed(3)} wall, ${d.ratioCpu.toFixed(3)} CPU; target ≤ 1.10: ${d.met ? 'met' : 'NOT met'}`,
  ];
}

// ---------------------------------------------------------------------------------------------
// --cpu-prof: one profiled cold run, summarised by function and by area (all threads).
// ---------------------------------------------------------------------------------------------
const AREAS = [
  [/fast-xml-parser\/.*validator/, 'fast-xml-parser: XMLValidator'],
  [/fast-xml-parser\//, 'fast-xml-parser: parse'],
  [/\/dist\/xml\//, 'sfmeta-lint: xml (toElement, LineIndex, checks)'],
  [/\/dist\/model\/extract/, 'sfmeta-lint: extraction'],
  [/\/dist\/model\//, 'sfmeta-lint: model'],
  [/\/dist\/project\//, 'sfmeta-lint: discovery, classify, read'],
  [/\/dist\/rules\/|\/dist\/engine\//, 'sfmeta-lint: rules and engine'],
  [/\/dist\/formatters\//, 'sfmeta-lint: formatting'],
  [/\/dist\//, 'sfmeta-lint: other'],
  [/node_modules\/(glob|minimatch|picomatch|ignore)\//, 'glob / ignore matching'],
  [/source-deploy-retrieve/, 'SDR registry load'],
  [/node_modules\//, 'other dependencies'],
  [/^node:|^internal\//, 'Node.js internals (fs, streams, modules)'],
];

function areaOf(node) {
  const url = node.callFrame.url ?? '';
  const name = node.callFrame.functionName;
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(idle)') return 'idle (waiting on I/O)';
  if (name === '(program)') return 'V8 / native (program)';
  if (url === '') return `native: ${name || '(anonymous)'}`;
  for (const [re, area] of AREAS) if (re.test(url)) return area;
  return 'other';
}

function profileColdRun(size, lintArgs) {
  const dir = path.join(scratch, `cpuprof-${size}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.stderr.write(`  profiling one cold run (--cpu-prof) ...\n`);
  measureOnce(lintArgs, { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir] });
  const byFunction = new Map();
  const byArea = new Map();
  let total = 0;
  const threads = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const self = new Map();
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    let threadTotal = 0;
    for (const [id, micros] of self) {
      const node = nodes.get(id);
      const area = areaOf(node);
      const where = node.callFrame.url
        ? `${node.callFrame.url.replace(/^file:\/\//, '').replace(REPO + '/', '')}:${node.callFrame.lineNumber + 1}`
        : '';
      const key = `${node.callFrame.functionName || '(anonymous)'}  ${where}`;
      byFunction.set(key, { ms: (byFunction.get(key)?.ms ?? 0) + micros / 1000, area });
      byArea.set(area, (byArea.get(area) ?? 0) + micros / 1000);
      threadTotal += micros / 1000;
    }
    total += threadTotal;
    threads.push({ file, ms: round(threadTotal, 0) });
  }
  const top = [...byFunction]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 25)
    .map(([fn, v]) => ({ function: fn, selfMs: round(v.ms, 0), pct: round((100 * v.ms) / total, 1), area: v.area }));
  const areas = [...byArea]
    .sort((a, b) => b[1] - a[1])
    .map(([area, ms]) => ({ area, selfMs: round(ms, 0), pct: round((100 * ms) / total, 1) }));
  process.stderr.write(
    `\n  CPU profile (${threads.length} thread${threads.length > 1 ? 's' : ''}, ${(total / 1000).toFixed(2)} s sampled)\n  by area:\n`,
  );
  for (const a of areas) process.stderr.write(`    ${a.pct.toFixed(1).padStart(5)} %  ${String(a.selfMs).padStart(7)} ms  ${a.area}\n`);
  process.stderr.write('  top self time:\n');
  for (const t of top) process.stderr.write(`    ${t.pct.toFixed(1).padStart(5)} %  ${String(t.selfMs).padStart(7)} ms  ${t.function}\n`);
  return { totalMs: round(total, 0), threads, areas, top };
}

// ---------------------------------------------------------------------------------------------
// Reports.
// ---------------------------------------------------------------------------------------------
function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    memoryGB: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

function toolInfo() {
  const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO, encoding: 'utf8' });
  return {
    version: pkg.version,
    commit: head.status === 0 ? head.stdout.trim() : null,
    dirty: dirty.status === 0 ? dirty.stdout.trim() !== '' : null,
  };
}

const cell = (v, f = (x) => x) => (v === null || v === undefined ? '—' : f(v));
const ratio = (x) => `${x.toFixed(2)}×`;
const verdict = (row) => (row.met === true ? 'met' : row.met === false ? 'NOT met' : row.target ? 'n/a' : '');

function tableRows(result) {
  return result.rows.map((r) => {
    if (r.unavailable) return [r.label, r.unavailable, '', '', '', '', '', '', '', r.target ?? '', ''];
    const pct = (x) => `${(x * 100).toFixed(1)} %`;
    const vs =
      r.xCold !== undefined
        ? `${pct(r.xCold)} / ${pct(r.xColdCpu)} of cold`
        : r.xNode !== undefined
          ? `${ratio(r.xNode)} / ${ratio(r.xNodeCpu)} node -e 0`
          : '';
    return [
      r.label,
      fmtS(r.wall),
      fmtS(r.cpu),
      cell(r.cpu / r.wall, (x) => x.toFixed(2)),
      `${r.rssMB.toFixed(0)} MB`,
      cell(r.filesPerSec, (x) => x.toLocaleString('en-US')),
      cell(r.mbPerSec, (x) => x.toFixed(1)),
      r.xParseFloor === undefined ? '—' : `${ratio(r.xParseFloor)} / ${ratio(r.xParseFloorCpu)}`,
      vs,
      r.target ?? '',
      verdict(r),
    ];
  });
}
const HEADERS = [
  'measurement',
  'wall',
  'CPU',
  'CPU/wall',
  'peak RSS',
  'files/s',
  'MB/s',
  '× parse floor (wall / CPU)',
  'vs (wall / CPU)',
  'target (on wall)',
  '',
];

function printTable(result) {
  const rows = tableRows(result);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => String(c).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const p = result.project;
  const out = [
    '',
    `${result.size} (${result.format}): ${p.xmlFiles.toLocaleString('en-US')} XML files, ${(p.xmlBytes / MB).toFixed(1)} MB; ${p.files.toLocaleString('en-US')} files in all; median of ${result.runs} run(s); load average ${result.loadAverage.before} → ${result.loadAverage.after}`,
    line(HEADERS),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    `findings: ${result.findings.total} (${Object.entries(result.findings.byRule)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

function markdown(report) {
  const m = report.machine;
  const lines = [
    `Measured ${report.date.slice(0, 10)} on ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node}, ${m.os}; sfmeta-lint ${report.tool.version} (${report.tool.commit ?? 'no commit'}${report.tool.dirty ? ', uncommitted changes' : ''}); generator ${report.generatorVersion}, ${report.options.format} format.`,
    '',
  ];
  for (const result of report.results) {
    const p = result.project;
    lines.push(
      `**${result.size}**: ${p.xmlFiles.toLocaleString('en-US')} XML files, ${(p.xmlBytes / MB).toFixed(1)} MB (median of ${result.runs} run${result.runs > 1 ? 's' : ''}; load average ${result.loadAverage.before})`,
      '',
    );
    lines.push(`| ${HEADERS.map((h) => h || 'status').join(' | ')} |`, `| ${HEADERS.map(() => '---').join(' | ')} |`);
    for (const row of tableRows(result)) lines.push(`| ${row.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`);
    lines.push('');
  }
  if (report.doubling) {
    const d = report.doubling;
    const [one, two] = d.rows;
    lines.push(
      `**Scaling** (doubling): ${d.size} at generate.mjs \`--scale 1\` and \`--scale 2\` (files × ${d.filesRatio}, XML bytes × ${d.bytesRatio}); cold lint, median of ${d.runs} run${d.runs > 1 ? 's' : ''}, interleaved; load average ${d.loadAverage.before}`,
      '',
    );
    lines.push(
      '| project | XML files | MB | wall | CPU | peak RSS | time(2x) / (2 × time(1x)) (wall / CPU) | target (on wall) | status |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    lines.push(
      `| ${d.size} x1 | ${one.xmlFiles.toLocaleString('en-US')} | ${(one.xmlBytes / MB).toFixed(1)} | ${fmtS(one.wall)} | ${fmtS(one.cpu)} | ${one.rssMB.toFixed(0)} MB |  |  |  |`,
    );
    lines.push(
      `| ${d.size} x2 | ${two.xmlFiles.toLocaleString('en-US')} | ${(two.xmlBytes / MB).toFixed(1)} | ${fmtS(two.wall)} | ${fmtS(two.cpu)} | ${two.rssMB.toFixed(0)} MB | ${d.ratio.toFixed(3)} / ${d.ratioCpu.toFixed(3)} | ≤ 1.10 | ${d.met ? 'met' : 'NOT met'} |`,
    );
    lines.push('');
  }
  if (report.scaling.length > 0) {
    lines.push(
      'Size-to-size hint (cold; the sizes hold different mixes, so this is not the scaling target, see the doubling above): ' +
        report.scaling
          .map((s) => `${s.from} → ${s.to}: bytes × ${s.bytesRatio}, time × ${s.timeRatio} (time per byte × ${s.perByte})`)
          .join('; '),
      '',
    );
  }
  return lines.join('\n');
}

function scaling(results) {
  const out = [];
  for (let i = 1; i < results.length; i++) {
    const a = results[i - 1];
    const b = results[i];
    const ca = a.rows.find((r) => r.id === 'cold');
    const cb = b.rows.find((r) => r.id === 'cold');
    // Below about a second, start-up dominates and the ratio says nothing about scaling.
    if (!ca || !cb || ca.wall < 1) continue;
    const bytesRatio = b.project.xmlBytes / a.project.xmlBytes;
    const timeRatio = cb.wall / ca.wall;
    out.push({
      from: a.size,
      to: b.size,
      bytesRatio: round(bytesRatio, 2),
      timeRatio: round(timeRatio, 2),
      perByte: round(timeRatio / bytesRatio, 2),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(
      'Usage: node bench/run.mjs [--sizes small,medium|large] [--format source|metadata] [--quick] [--runs N] [--dir BASE] [--regenerate] [--clean] [--cpu-prof] [--no-write] [--scaling | --no-scaling]\nSee bench/README.md.\n',
    );
    return;
  }
  const features = cliFeatures();
  const load = os.loadavg()[0];
  if (load > machine().cores * 0.5)
    process.stderr.write(
      `warning: load average ${load.toFixed(2)} on ${machine().cores} cores: other work is running and wall times will be inflated; compare CPU times.\n`,
    );
  process.stderr.write(`timing children with ${METHOD}\n`);
  const order = ['small', 'medium', 'large', 'iata'];
  const sizes = [...new Set(args.sizes)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const results = [];
  let doubling = null;
  try {
    for (const size of sizes) {
      const result = benchSize(size, args, features);
      results.push(result);
      printTable(result);
    }
    if (args.scaling) {
      doubling = benchDoubling(args);
      process.stdout.write(`\n${doublingLines(doubling).join('\n')}\n`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const report = {
    date: new Date().toISOString(),
    machine: machine(),
    tool: toolInfo(),
    generatorVersion: GENERATOR_VERSION,
    options: { sizes, format: args.format, quick: args.quick, runs: args.runs ?? null, seed: args.seed, scaling: args.scaling },
    timing: METHOD,
    cliFeatures: features,
    results,
    doubling,
    scaling: scaling(results),
  };
  const md = markdown(report);
  process.stdout.write(`\nMarkdown (for the README):\n\n${md}\n`);
  if (args.write) {
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(path.join(RESULTS, 'latest.md'), `${md}\n`);
    for (const result of results) {
      writeFileSync(
        path.join(RESULTS, `${result.size}.json`),
        `${JSON.stringify({ ...report, options: { ...report.options, sizes: [result.size] }, results: [result], doubling: result.size === doubling?.size ? doubling : null, scaling: [] }, null, 2)}\n`,
      );
    }
    process.stderr.write(
      `wrote ${path.relative(process.cwd(), path.join(RESULTS, 'latest.json'))}, latest.md and ${results.map((r) => `${r.size}.json`).join(', ')}\n`,
    );
  }
}

try {
  main();
} catch (error) {
  process.stderr.write(`bench: ${error.message}\n`);
  rmSync(scratch, { recursive: true, force: true });
  process.exit(1);
}
