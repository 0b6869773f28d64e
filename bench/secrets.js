#!/usr/bin/env node
// The secrets scanner's goals, against its peers, as whole processes on a generated tree of >= 300 MB:
//   - >= 10x faster than secretlint (recommended preset) on the same tree, finding at least the planted
//     secrets it finds (compared by file and secret type);
//   - within 3x the time of ripgrep searching the rules' keyword set (the floor: it only finds keywords);
//   - one walk: every scanner in one run costs less than each scanner run alone, added up.
// `node bench/secrets.js [--runs N] [--peer-runs N] [--keep] [--secretlint-single] [--secretlint-without-profiler]`
// runs it alone; bench/run.js calls secretsBench(). The tree is generated in a temp dir from a seed
// (bench/secrets-tree.js); nothing large is committed.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateSecretsTree, SECRET_TYPES, sourceFiles } from './secrets-tree.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECLOOP = path.join(ROOT, 'bin', 'secloop.js');
const WORK = path.join(ROOT, 'bench', '.work', 'secretlint');
// Pinned so results stay comparable; bump deliberately.
const SECRETLINT_VERSION = '12.0.0';
const SECRETLINT_BIN = path.join(WORK, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
const SEED = 20261122;
const TREE_BYTES = 320 << 20;
const SMALL_TREE_BYTES = 24 << 20;
const GOALS = { secretlintSpeedup: 10, floorRatio: 3 };
// secretlint 12 always records performance marks (@secretlint/profiler, 56 per file) and, for every "::end" mark,
// scans every mark recorded so far: one process costs O(files^2) (2,000 files: 33 s CPU, 89% in that scan; the
// whole 24,057-file tree: over an hour). A user speeds it up by splitting the file list over processes; 200
// files per process was the fastest split measured here (4,000 files, one at a time: 50 files 35 s CPU, 100 25 s,
// 200 19 s, 400 21 s, 1,000 38 s): below it Node's start-up (0.35 s a process) dominates, above it the mark scan.
const SECRETLINT_FILES_PER_PROCESS = 200;
const JOBS = os.availableParallelism?.() ?? os.cpus().length;
/** Scanners that read the tree (sarif and runtime read their own inputs, so they add nothing to a walk). */
const WALKING_SCANNERS = ['dependencies', 'secrets', 'code', 'containers', 'kubernetes', 'workflows'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const CLOCK_TICKS = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(r.stdout) > 0 ? Number(r.stdout) : 100;
})();

/**
 * CPU ms (user + sys) of every child this process has waited for, from /proc/self/stat (cutime, cstime):
 * it covers the whole process tree of each command, which is how a pool of secretlint processes is counted.
 * undefined off Linux.
 */
function childCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ').pop().split(' ');
    // After "pid (comm) ", field 3 (state) is index 0, so cutime (16) and cstime (17) are 13 and 14.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** Runs a command to completion; returns wall and CPU ms. `ok(status)` says which exit codes mean it ran. */
function timed(command, args, { cwd = ROOT, ok = (s) => s === 0, what }) {
  const cpuBefore = childCpuMs();
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 << 20 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error || !ok(r.status)) throw new Error(`${what} failed (exit ${r.status ?? r.error?.message}): ${(r.stderr || r.stdout || '').slice(0, 600)}`);
  const cpuAfter = childCpuMs();
  return { wallMs, cpuMs: cpuBefore === undefined ? undefined : cpuAfter - cpuBefore, stdout: r.stdout };
}

/** Every file under `dir`, relative, forward slashes, sorted: what `secretlint "**\/*"` expands to here. */
function treeFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'))
    .sort();
}

/** Runs `node <args> <chunk...>` for each chunk, `jobs` at a time; resolves when all have exited. */
function runPool(chunks, jobs, argsFor, { cwd, ok, what }) {
  return new Promise((resolve, reject) => {
    let next = 0;
    let running = 0;
    let failed = false;
    const startNext = () => {
      if (failed) return;
      if (next === chunks.length && running === 0) return resolve();
      while (running < jobs && next < chunks.length) {
        const i = next++;
        running++;
        const child = spawn('node', [...argsFor(i), ...chunks[i]], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('error', (error) => {
          failed = true;
          reject(new Error(`${what} (part ${i}) could not start: ${error.message}`));
        });
        child.on('close', (status) => {
          running--;
          if (!ok(status)) {
            failed = true;
            return reject(new Error(`${what} (part ${i}) failed (exit ${status}): ${stderr.slice(0, 600)}`));
          }
          startNext();
        });
      }
    };
    startNext();
  });
}

/**
 * secretlint over `tree`, as a user would run it fastest on this machine: the file list split into processes of
 * `filesPerProcess` files (`--no-glob`, so each is read as a literal path), `jobs` of them at a time, each
 * writing its JSON to its own file. `single` runs the documented `secretlint "**\/*"` in one process instead.
 * `nodeArgs` go before the CLI (the profiler-inert diagnosis uses it). Returns wall and CPU ms of the whole
 * run (all processes), the merged results and a sentence saying how it ran.
 */
async function runSecretlint({ tree, rcFile, outDir, single = false, filesPerProcess = SECRETLINT_FILES_PER_PROCESS, jobs = JOBS, nodeArgs = [] }) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const common = ['--secretlintrc', rcFile, '--format', 'json', '--no-color'];
  // secretlint exits 0 when it writes to --output, 1 when it reports something otherwise, 2 on a fatal error.
  const ok = (s) => s === 0 || s === 1;
  if (single) {
    const r = timed('node', [...nodeArgs, SECRETLINT_BIN, '**/*', ...common, '--output', path.join(outDir, 'all.json')], { cwd: tree, what: 'secretlint', ok });
    return { ...r, results: JSON.parse(readFileSync(path.join(outDir, 'all.json'), 'utf8')), how: `one process: secretlint "**/*" ${common.join(' ')} (wall of the process)` };
  }
  const files = treeFiles(tree);
  const chunks = [];
  for (let i = 0; i < files.length; i += filesPerProcess) chunks.push(files.slice(i, i + filesPerProcess));
  const partFile = (i) => path.join(outDir, `part-${String(i).padStart(4, '0')}.json`);
  const cpuBefore = childCpuMs();
  const start = process.hrtime.bigint();
  await runPool(chunks, jobs, (i) => [...nodeArgs, SECRETLINT_BIN, '--no-glob', ...common, '--output', partFile(i)], { cwd: tree, ok, what: 'secretlint' });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const cpuAfter = childCpuMs();
  const results = chunks.flatMap((_, i) => JSON.parse(readFileSync(partFile(i), 'utf8')));
  if (results.length !== files.length) throw new Error(`secretlint returned ${results.length} file results for ${files.length} files`);
  return {
    wallMs,
    cpuMs: cpuBefore === undefined ? undefined : cpuAfter - cpuBefore,
    results,
    how: `${chunks.length} processes of <= ${filesPerProcess} listed files (secretlint --no-glob ${common.join(' ')} --output <part> <files>), ${jobs} at a time; wall from the first spawn to the last exit`,
  };
}

/** Keeps secretlint's always-on profiler from recording anything: a diagnosis of its cost, not how users run it. */
const PROFILER_INERT_HOOK = `import perf_hooks from 'node:perf_hooks';
// @secretlint/profiler observes marks through perf_hooks.PerformanceObserver when it loads; an observer that
// observes nothing leaves its quadratic bookkeeping idle. Rules and results are unchanged.
perf_hooks.PerformanceObserver = class { observe() {} disconnect() {} };
`;

function ensureSecretlint(log) {
  const installed = existsSync(SECRETLINT_BIN) && JSON.parse(readFileSync(path.join(WORK, 'node_modules', 'secretlint', 'package.json'), 'utf8')).version === SECRETLINT_VERSION;
  if (installed) return;
  log(`installing secretlint ${SECRETLINT_VERSION} into ${path.relative(ROOT, WORK)} (bench peer, not a dependency)`);
  mkdirSync(WORK, { recursive: true });
  if (!existsSync(path.join(WORK, 'package.json'))) writeFileSync(path.join(WORK, 'package.json'), '{"private":true,"description":"bench peer (secretlint), not a project dependency"}\n');
  const r = spawnSync('npm', ['install', '--prefix', WORK, '--no-audit', '--no-fund', `secretlint@${SECRETLINT_VERSION}`, `@secretlint/secretlint-rule-preset-recommend@${SECRETLINT_VERSION}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm install secretlint failed: ${r.stderr.slice(0, 600)}`);
}

/** The default rules' keywords, lower-cased (what secloop's prefilter looks for), from the bundled CLI. */
async function ruleKeywords() {
  const toml = readFileSync(path.join(ROOT, 'policies', 'secrets', 'gitleaks.toml'), 'utf8');
  const { parse } = await import('smol-toml');
  const doc = parse(toml);
  return [...new Set(doc.rules.flatMap((r) => r.keywords ?? []).map((k) => k.toLowerCase()))].sort();
}

/** Planted secrets a findings list reports: "file\0type" keys. */
function reportedPlanted(planted, reports) {
  const keys = new Set(reports.map((r) => `${r.file}\0${r.type}`));
  return new Set(planted.map((p) => `${p.file}\0${p.type}`).filter((k) => keys.has(k)));
}

function secloopReports(outDir) {
  const doc = JSON.parse(readFileSync(path.join(outDir, 'findings.json'), 'utf8'));
  const findings = Array.isArray(doc) ? doc : doc.findings;
  const typeOf = new Map(SECRET_TYPES.flatMap((t) => t.secloop.map((id) => [id, t.type])));
  // One finding stands for every place the same secret value occurs (other_locations): each place is a report.
  return findings
    .filter((f) => f.kind === 'secret')
    .flatMap((f) => [f.location, ...(f.other_locations ?? [])].map((l) => ({ file: l.path, type: typeOf.get(f.rule.id) ?? f.rule.id })));
}

function secretlintReports(results, tree) {
  const typeOf = new Map(SECRET_TYPES.flatMap((t) => t.secretlint.map((id) => [id, t.type])));
  return results.flatMap((r) =>
    r.messages.map((m) => ({ file: path.relative(tree, r.filePath).split(path.sep).join('/'), type: typeOf.get(`${m.ruleId}:${m.messageId}`) ?? `${m.ruleId}:${m.messageId}` })),
  );
}

/** Logs what a tool reported that is not a planted secret (by type or rule): text from the source packages. */
function logUnplanted(log, tool, planted, reports) {
  const plantedKeys = new Set(planted.map((p) => `${p.file}\0${p.type}`));
  const counts = new Map();
  for (const r of reports) if (!plantedKeys.has(`${r.file}\0${r.type}`)) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const text = [...counts].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(', ');
  log(`${tool}: ${reports.length} reports, not planted: ${text || 'none'}`);
}

export async function secretsBench({ runs = 3, peerRuns = 1, log = (m) => console.error(m), keep = false, secretlintSingle = false, secretlintWithoutProfiler = false } = {}) {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'index.js'))) throw new Error('dist/cli is not built: run npm run bundle');
  if (!(Number.isInteger(runs) && runs >= 1 && Number.isInteger(peerRuns) && peerRuns >= 1)) throw new Error(`--runs and --peer-runs must be positive integers (got ${runs}, ${peerRuns})`);
  const rgVersion = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (rgVersion.status !== 0) throw new Error('ripgrep (rg) not found: apt-get install -y ripgrep');
  ensureSecretlint(log);

  const scratch = mkdtempSync(path.join(os.tmpdir(), 'secloop-secrets-bench-'));
  const rows = [];
  try {
    const tree = path.join(scratch, 'tree');
    log(`generating the ${Math.round(TREE_BYTES / 2 ** 20)} MB tree (seed ${SEED}) in ${tree}`);
    const sources = sourceFiles(path.join(ROOT, 'node_modules'));
    const generated = generateSecretsTree(tree, { seed: SEED, targetBytes: TREE_BYTES, sources });
    const mbytes = generated.bytes / 1e6;
    const keywordsFile = path.join(scratch, 'keywords.txt');
    writeFileSync(keywordsFile, `${(await ruleKeywords()).join('\n')}\n`);
    const rcFile = path.join(scratch, 'secretlintrc.json');
    writeFileSync(rcFile, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));

    const out = (name) => path.join(scratch, `out-${name}`);
    const secloopSecrets = () => timed('node', [SECLOOP, 'scan', tree, '--scanners', 'secrets', '--out', out('secrets'), '--quiet', '--fail-on-severity', 'none'], { what: 'secloop scan --scanners secrets' });
    // -F: the keywords are literals; -i: gitleaks matches them case-insensitively; --count-matches: no lines printed;
    // -uu: no ignore files or hidden-file skipping, as secloop reads every text file (binary files are skipped by both).
    const rg = () => timed('rg', ['-i', '-F', '-f', keywordsFile, '--count-matches', '-uu', '.'], { cwd: tree, what: 'rg', ok: (s) => s === 0 || s === 1 });

    log('warm-up and correctness: secloop, rg');
    secloopSecrets();
    rg();
    const secloopFound = reportedPlanted(generated.planted, secloopReports(out('secrets')));
    const times = { secloop: [], secloopCpu: [], rg: [], secretlint: [], secretlintCpu: [] };
    for (let i = 0; i < runs; i++) {
      const sc = secloopSecrets();
      times.secloop.push(sc.wallMs);
      times.secloopCpu.push(sc.cpuMs);
      times.rg.push(rg().wallMs);
    }
    const slOut = path.join(scratch, 'secretlint');
    const slOptions = { tree, rcFile, outDir: slOut, single: secretlintSingle };
    log(`secretlint: ${peerRuns} run(s) ${secretlintSingle ? 'in one process (over an hour on this tree)' : `in processes of ${SECRETLINT_FILES_PER_PROCESS} files, ${JOBS} at a time (about 1-2 minutes)`}`);
    let secretlintRun;
    for (let i = 0; i < peerRuns; i++) {
      secretlintRun = await runSecretlint(slOptions);
      times.secretlint.push(secretlintRun.wallMs);
      times.secretlintCpu.push(secretlintRun.cpuMs);
    }
    const slReports = secretlintReports(secretlintRun.results, tree);
    const secretlintFound = reportedPlanted(generated.planted, slReports);
    const missed = [...secretlintFound].filter((k) => !secloopFound.has(k));
    logUnplanted(log, 'secretlint', generated.planted, slReports);
    logUnplanted(log, 'secloop', generated.planted, secloopReports(out('secrets')));

    const s = median(times.secloop);
    const sl = median(times.secretlint);
    const cpu = (xs) => (xs.some((x) => x === undefined) ? undefined : median(xs));
    const sCpu = cpu(times.secloopCpu);
    const slCpu = cpu(times.secretlintCpu);
    const floor = median(times.rg);
    const found = `${secloopFound.size}/${generated.planted.length} planted found (secretlint ${secretlintFound.size}), ${missed.length} found by secretlint only`;
    const cpuText = sCpu === undefined || slCpu === undefined ? 'CPU not measured (no /proc)' : `CPU: secloop ${(sCpu / 1000).toFixed(1)} s, secretlint ${(slCpu / 1000).toFixed(1)} s, ${(slCpu / sCpu).toFixed(1)}x`;
    rows.push({
      measure: `secrets scan of ${mbytes.toFixed(0)} MB (${generated.files} files): secloop vs secretlint ${SECRETLINT_VERSION} recommended preset, run as ${secretlintRun.how}; ${found}; ${cpuText}`,
      secloop_ms: s,
      peer: `secretlint ${SECRETLINT_VERSION} (preset-recommend${secretlintSingle ? ', one process' : `, ${JOBS} processes at a time`})`,
      peer_ms: sl,
      ratio: sl / s,
      goal: `>= ${GOALS.secretlintSpeedup}x faster, finds at least what it finds`,
      pass: sl / s >= GOALS.secretlintSpeedup && missed.length === 0,
      missed: missed.map((k) => k.replace('\0', ' ')),
    });
    if (secretlintWithoutProfiler) {
      const hook = path.join(scratch, 'secretlint-profiler-inert.mjs');
      writeFileSync(hook, PROFILER_INERT_HOOK);
      const perCore = Math.ceil(generated.files / JOBS);
      log(`secretlint with its profiler inert: ${JOBS} processes of ${perCore} files (diagnosis)`);
      const inert = await runSecretlint({ ...slOptions, outDir: `${slOut}-inert`, single: false, filesPerProcess: perCore, nodeArgs: ['--import', pathToFileURL(hook).href] });
      const inertFound = reportedPlanted(generated.planted, secretlintReports(inert.results, tree));
      rows.push({
        measure: `information: secretlint ${SECRETLINT_VERSION} with its always-on profiler made inert (node --import hook; not how users run it), run as ${inert.how}; ${inertFound.size} planted found (as run above: ${secretlintFound.size})${inert.cpuMs === undefined ? '' : `; CPU ${(inert.cpuMs / 1000).toFixed(1)} s`}`,
        secloop_ms: s,
        peer: `secretlint ${SECRETLINT_VERSION}, profiler inert`,
        peer_ms: inert.wallMs,
        ratio: inert.wallMs / s,
        goal: 'information: what the speed-up would be if secretlint fixed its profiler',
        pass: undefined,
      });
    }
    rows.push({
      measure: `secrets scan of ${mbytes.toFixed(0)} MB vs floor: rg -i -F over the rules' keywords (--count-matches)`,
      secloop_ms: s,
      peer: `rg ${rgVersion.stdout.split('\n')[0].split(' ')[1]}`,
      peer_ms: floor,
      ratio: s / floor,
      goal: `<= ${GOALS.floorRatio}x the floor`,
      pass: s / floor <= GOALS.floorRatio,
    });
    rows.push({ measure: `secloop secrets throughput (whole process, ${mbytes.toFixed(0)} MB)`, secloop_ms: s, peer: '—', peer_ms: undefined, ratio: mbytes / (s / 1000), goal: 'MB/s (information)', pass: true });

    rows.push(oneWalkRow(scratch, runs, log));
  } finally {
    if (keep) log(`kept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
  return rows;
}

/** A smaller realistic tree (the demo apps plus generated source text): all scanners in one run vs each alone. */
export function oneWalkRow(scratch, runs, log) {
  const tree = path.join(scratch, 'small');
  cpSync(path.join(ROOT, 'examples', 'apps'), path.join(tree, 'apps'), { recursive: true });
  const generated = generateSecretsTree(path.join(tree, 'src'), { seed: SEED + 1, targetBytes: SMALL_TREE_BYTES, secretsPerType: 4, sources: sourceFiles(path.join(ROOT, 'node_modules')) });
  const common = ['--offline-db', path.join(ROOT, 'examples', 'osv-db'), '--quiet', '--fail-on-severity', 'none', '--allow-empty'];
  const scan = (label, scanners) => () =>
    timed('node', [SECLOOP, 'scan', tree, ...(scanners ? ['--scanners', scanners] : []), '--out', path.join(scratch, `walk-${label}`), ...common], { what: `secloop scan (${label})` }).wallMs;
  const commands = [['all', scan('all', WALKING_SCANNERS.join(','))], ...WALKING_SCANNERS.map((n) => [n, scan(n, n)]), ['start-up', () => timed('node', [SECLOOP, '--version'], { what: 'secloop --version' }).wallMs]];
  log(`one walk: ${commands.length} commands on ${(generated.bytes / 1e6).toFixed(0)} MB + examples/apps`);
  const times = new Map(commands.map(([n]) => [n, []]));
  for (const [, run] of commands) run();
  for (let i = 0; i < runs; i++) for (const [n, run] of commands) times.get(n).push(run());
  const all = median(times.get('all'));
  const alone = WALKING_SCANNERS.map((n) => median(times.get(n)));
  const sum = alone.reduce((a, b) => a + b, 0);
  const startup = median(times.get('start-up'));
  // Each lone run pays Node's start-up; counting it once shows what the shared walk and read save beyond that.
  const sumOneStartup = sum - (WALKING_SCANNERS.length - 1) * startup;
  return {
    measure: `one walk: all ${WALKING_SCANNERS.length} tree scanners in one run vs each alone, added up (${(generated.bytes / 1e6).toFixed(0)} MB + examples/apps; alone: ${WALKING_SCANNERS.map((n, i) => `${n} ${Math.round(alone[i])}`).join(', ')} ms; start-up ${Math.round(startup)} ms)`,
    secloop_ms: all,
    peer: 'sum of each alone, start-up counted once',
    peer_ms: sumOneStartup,
    ratio: sumOneStartup / all,
    goal: '< the sum of each alone',
    pass: all < sumOneStartup,
  };
}

function formatRows(rows) {
  const ms = (n) => (n === undefined ? '—' : n >= 10000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`);
  const lines = ['| measure | secloop | peer | peer time | ratio | goal | result |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const r of rows) lines.push(`| ${r.measure} | ${ms(r.secloop_ms)} | ${r.peer} | ${ms(r.peer_ms)} | ${r.ratio.toFixed(2)} | ${r.goal} | ${r.pass === undefined ? 'n/a' : r.pass ? 'pass' : '**FAIL**'} |`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      'peer-runs': { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
      'secretlint-single': { type: 'boolean', default: false },
      'secretlint-without-profiler': { type: 'boolean', default: false },
    },
  });
  try {
    const rows = await secretsBench({
      runs: Number(values.runs),
      peerRuns: Number(values['peer-runs']),
      keep: values.keep,
      secretlintSingle: values['secretlint-single'],
      secretlintWithoutProfiler: values['secretlint-without-profiler'],
    });
    console.log(formatRows(rows));
    for (const r of rows) if (r.missed?.length) console.log(`\nfound by secretlint only: ${r.missed.join(', ')}`);
  } catch (error) {
    console.error(`bench/secrets: ${error.message}`);
    process.exitCode = 1;
  }
}
