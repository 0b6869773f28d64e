#!/usr/bin/env node
// `npm run bench`: the scan agent's performance goals, measured against named peers in one process tree.
// Every number is a whole process (start-up included), because that is what a user and a CI job pay for.
// Usage: node bench/run.js [--runs N] [--peer-runs N] [--keep]   (--keep leaves the scanned tree and outputs)
// Exit code: 0 when everything ran (a missed goal shows as FAIL in the table), 1 when something could not run.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = path.join(ROOT, 'bench');
const WORK = path.join(BENCH, '.work');
const CORPUS = path.resolve(process.env.SECLOOP_CORPUS ?? path.join(ROOT, '..', 'shared', 'corpus'));
const NPM_FIXTURE = path.join(BENCH, 'fixtures', 'npm-2000');
// Pinned so results stay comparable between runs; bump deliberately and note it in bench/README.md.
const CDXGEN_VERSION = '12.8.4';
const CDXGEN_BIN = path.join(WORK, 'node_modules', '@cyclonedx', 'cdxgen', 'bin', 'cdxgen.js');
const BUNDLE_BUDGET_BYTES = 3 * 1024 * 1024;

const GOALS = {
  scanWallMs: 1000,
  cdxgenSpeedup: 5,
  floorRatio: 3,
  actionFirstLineMs: 200,
};

// The corpus keeps fixtures under their upstream names; a scanner finds lockfiles by their canonical names,
// which the format folder tells (one table, shared with the bundle parity test).
const CANONICAL_NAMES = JSON.parse(readFileSync(new URL('../test/canonical-lockfile-names.json', import.meta.url), 'utf8')).names;

class CannotRun extends Error {}

/** The sub-benches throw plain errors when they cannot run (no rg, no bundle): report them like ours. */
async function asCannotRun(what, fn) {
  try {
    return await fn();
  } catch (error) {
    throw new CannotRun(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const { values: cli } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'peer-runs': { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    // The secrets rows generate a 320 MB tree and run secretlint over it (about 30 minutes); the analyze rows
    // generate 500 artifacts (about 1.2 GB). Both on by default; --only scan for the dependency rows alone.
    only: { type: 'string' },
  },
  strict: true,
});
const RUNS = positiveInt(cli.runs, '--runs');
// cdxgen takes seconds per run: fewer samples keep the whole bench within a couple of minutes.
const PEER_RUNS = positiveInt(cli['peer-runs'], '--peer-runs');

function positiveInt(text, name) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`bench: ${name} expects a positive integer, got ${JSON.stringify(text)}`);
    process.exit(1);
  }
  return n;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const ms = (n) => (n === undefined ? 'n/a' : n >= 10000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`);
const mb = (kb) => (kb === undefined ? 'n/a' : `${(kb / 1024).toFixed(0)} MB`);
const rel = (p) => path.relative(ROOT, p) || '.';

/** GNU time gives each child's CPU time and max RSS; without it the table leaves memory out and says so. */
function detectGnuTime() {
  if (!existsSync('/usr/bin/time')) return undefined;
  const probe = spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+\s*$/m.test(probe.stderr) ? '/usr/bin/time' : undefined;
}
const GNU_TIME = detectGnuTime();

// ---------------------------------------------------------------------------------------------------------
// The scanned tree: the npm-2000 fixture plus every corpus lockfile, each in its own directory.

function prepareTree(scratch) {
  const lockfiles = path.join(CORPUS, 'lockfiles');
  const indexFile = path.join(lockfiles, 'index.json');
  if (!existsSync(indexFile)) throw new CannotRun(`corpus index not found at ${indexFile} (set SECLOOP_CORPUS to the corpus folder)`);
  const index = JSON.parse(readFileSync(indexFile, 'utf8'));
  if (!Array.isArray(index.fixtures)) throw new CannotRun(`${indexFile}: expected a "fixtures" array`);

  const tree = path.join(scratch, 'tree');
  const npmOnly = path.join(tree, 'npm-2000');
  mkdirSync(npmOnly, { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) cpSync(path.join(NPM_FIXTURE, f), path.join(npmOnly, f));

  let copied = 0;
  let withPackages = 0;
  for (const entry of index.fixtures) {
    const [ecosystem, format, ...rest] = entry.fixture.split('/');
    const canonical = CANONICAL_NAMES[format];
    if (!canonical) throw new CannotRun(`${indexFile}: fixture ${entry.fixture} is in format folder "${format}", which the bench has no canonical file name for`);
    // Sub-folders (NuGet's osv-scanner-legacy/) are folded into the directory name so no two fixtures collide.
    const dir = path.join(tree, 'corpus', ecosystem, format, rest.join('__'));
    mkdirSync(dir, { recursive: true });
    cpSync(path.join(lockfiles, entry.fixture), path.join(dir, canonical));
    for (const companion of entry.companionFiles ?? []) {
      // go.mod's checksums are read from go.sum beside it; other companions are referred to by their own name.
      const target = format === 'go-mod' && companion.endsWith('.sum') ? 'go.sum' : companion;
      mkdirSync(path.dirname(path.join(dir, target)), { recursive: true });
      cpSync(path.join(lockfiles, path.dirname(entry.fixture), companion), path.join(dir, target));
    }
    copied++;
    if (entry.packages > 0) withPackages++;
  }
  // A small tree for the action's start-up: start-up is what is measured, not the scan.
  const small = path.join(scratch, 'small');
  mkdirSync(small, { recursive: true });
  cpSync(path.join(lockfiles, 'npm', 'package-lock', 'one-package.v2.json'), path.join(small, 'package-lock.json'));
  return { tree, npmOnly, small, corpusFixtures: copied, corpusWithPackages: withPackages };
}

/** Distinct name@version pairs of a package-lock v2/v3: nested copies of one version are one package to scan. */
function distinctPackages(lockfile) {
  const seen = new Set();
  for (const [key, entry] of Object.entries(JSON.parse(readFileSync(lockfile, 'utf8')).packages ?? {})) {
    if (key === '' || entry.link) continue;
    const name = entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    seen.add(`${name}@${entry.version}`);
  }
  if (seen.size === 0) throw new CannotRun(`${lockfile}: no packages; expected a lockfileVersion 2 or 3 "packages" map`);
  return seen.size;
}

// ---------------------------------------------------------------------------------------------------------
// Measurement

const TIME_FILE = path.join(os.tmpdir(), `secloop-bench-time-${process.pid}`);

/**
 * One whole-process run: wall time from our clock around spawnSync, CPU time and max RSS from GNU time when
 * present. A non-zero exit is a failure to run, not a slow result.
 */
function runOnce({ name, command, args, env, cwd }) {
  const argv = GNU_TIME ? ['-f', '%U %S %M', '-o', TIME_FILE, command, ...args] : args;
  const started = process.hrtime.bigint();
  const r = spawnSync(GNU_TIME ?? command, argv, { cwd: cwd ?? ROOT, env: env ?? process.env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.error) throw new CannotRun(`${name}: could not start ${command}: ${r.error.message}`);
  if (r.status !== 0) {
    const tail = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new CannotRun(`${name}: exited with ${r.status ?? r.signal}\n${tail}`);
  }
  const sample = { wallMs };
  if (GNU_TIME) {
    const [user, sys, rssKb] = readFileSync(TIME_FILE, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    sample.cpuMs = (user + sys) * 1000;
    sample.rssKb = rssKb;
  }
  return sample;
}

/**
 * Runs every command once as a warm-up (page cache; its output is the one checked for doing the real work),
 * then in rounds, one run of each per round, so that a burst of load on a shared machine hits secloop and its
 * peers alike and the ratios stay fair. Returns, per key, a summary or { error }.
 */
function measureInterleaved(specs, onProblem) {
  const results = {};
  const samples = new Map();
  const live = [];
  const drop = (spec, error) => {
    if (!(error instanceof CannotRun)) throw error;
    onProblem(error.message);
    results[spec.key] = { error: error.message.split('\n')[0] };
    live.splice(live.indexOf(spec), 1);
  };
  try {
    for (const spec of specs) {
      try {
        spec.prepare?.();
        const r = runOnce(spec);
        const caveat = spec.check?.(r);
        if (caveat) {
          onProblem(`${spec.name}: ${caveat}`);
          spec.extra = { ...spec.extra, caveat };
        }
        live.push(spec);
        samples.set(spec.key, []);
      } catch (error) {
        if (!(error instanceof CannotRun)) throw error;
        onProblem(error.message);
        results[spec.key] = { error: error.message.split('\n')[0] };
      }
    }
    const rounds = Math.max(0, ...live.map((s) => s.runs));
    for (let round = 1; round <= rounds; round++) {
      for (const spec of [...live]) {
        if (round > spec.runs) continue;
        try {
          samples.get(spec.key).push(runOnce(spec));
        } catch (error) {
          drop(spec, error);
        }
      }
    }
  } finally {
    rmSync(TIME_FILE, { force: true });
  }
  for (const spec of live) results[spec.key] = { ...summarise(spec.name, samples.get(spec.key)), ...spec.extra };
  return results;
}

function summarise(name, samples) {
  const walls = samples.map((s) => s.wallMs);
  return {
    name,
    runs: samples.length,
    wallMs: median(walls),
    minWallMs: Math.min(...walls),
    maxWallMs: Math.max(...walls),
    cpuMs: samples[0]?.cpuMs === undefined ? undefined : median(samples.map((s) => s.cpuMs)),
    rssKb: samples[0]?.rssKb === undefined ? undefined : Math.max(...samples.map((s) => s.rssKb)),
  };
}

/** Time from spawn to the first complete stdout line: what a user watching the Actions log waits for. */
function timeToFirstLine(command, args, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let firstLineMs;
    let firstLine = '';
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      if (firstLineMs === undefined && chunk.includes('\n')) {
        firstLineMs = Number(process.hrtime.bigint() - started) / 1e6;
        firstLine = (out + chunk).split('\n')[0];
      }
      out += chunk;
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', (e) => reject(new CannotRun(`action start-up: could not start ${command}: ${e.message}`)));
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) reject(new CannotRun(`action start-up: exited with ${code ?? signal}\n${(err + out).trim().split('\n').slice(-15).join('\n')}`));
      else if (firstLineMs === undefined) reject(new CannotRun('action start-up: the action printed no line on stdout'));
      else resolve({ firstLineMs, wallMs, firstLine, stdout: out });
    });
  });
}

async function measureActionStartup(small, scratch, runs) {
  const entry = path.join(ROOT, 'actions', 'scan', 'dist', 'index.js');
  if (!existsSync(entry)) throw new CannotRun(`action start-up: ${rel(entry)} not found (run 'npm run bundle')`);
  const samples = [];
  let firstLine = '';
  for (let i = 0; i <= runs; i++) {
    const runDir = mkdtempSync(path.join(scratch, 'action-'));
    const outputFile = path.join(runDir, 'github-output');
    writeFileSync(outputFile, '');
    writeFileSync(path.join(runDir, 'step-summary'), '');
    // GitHub passes each input as INPUT_<NAME upper-cased, hyphens kept>; nothing else from our environment.
    const env = {
      PATH: process.env.PATH,
      GITHUB_WORKSPACE: small,
      RUNNER_TEMP: runDir,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: path.join(runDir, 'step-summary'),
      INPUT_PATH: small,
      'INPUT_OFFLINE-DB': path.join(CORPUS, 'advisories'),
      INPUT_OUT: path.join(runDir, 'out'),
      'INPUT_UPLOAD-ARTIFACT': 'false',
    };
    const r = await timeToFirstLine(process.execPath, [entry], env);
    if (!/^result<</m.test(readFileSync(outputFile, 'utf8'))) {
      throw new CannotRun(`action start-up: the action finished without writing the "result" output\n${r.stdout.trim().split('\n').slice(-10).join('\n')}`);
    }
    if (i === 0) {
      firstLine = r.firstLine;
      continue;
    }
    samples.push({ wallMs: r.firstLineMs });
  }
  return { ...summarise('action: first log line', samples), firstLine };
}

function checkScanOutput(outDir, { minPackages, minLockfiles }) {
  return () => {
    const findingsFile = path.join(outDir, 'findings.json');
    if (!existsSync(findingsFile)) throw new CannotRun(`secloop scan wrote no ${findingsFile}`);
    const { summary, warnings = [] } = JSON.parse(readFileSync(findingsFile, 'utf8'));
    if (summary.result !== 'pass') throw new CannotRun(`secloop scan result is ${summary.result}, expected pass (no gate set)`);
    if (summary.packages < minPackages || summary.lockfiles < minLockfiles) {
      throw new CannotRun(`secloop scan saw ${summary.packages} packages in ${summary.lockfiles} lockfiles; expected at least ${minPackages} in ${minLockfiles}`);
    }
    lastScanSummary.set(outDir, summary);
    // A lockfile whose extractor crashed is skipped with a warning and the scan still passes; its time then
    // covers less work than the tree holds, so the number is kept but marked invalid.
    const crashed = warnings.filter((w) => /extractor .* failed/.test(w.reason ?? ''));
    if (crashed.length) {
      const formats = [...new Set(crashed.map((w) => w.reason.match(/extractor (\S+) failed/)?.[1]))].join(', ');
      return `${crashed.length} lockfile(s) not scanned, extractor crashed (${formats}): ${crashed[0].reason}`;
    }
    return undefined;
  };
}
const lastScanSummary = new Map();

function installCdxgen() {
  const manifest = path.join(WORK, 'node_modules', '@cyclonedx', 'cdxgen', 'package.json');
  if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).version === CDXGEN_VERSION) return;
  mkdirSync(WORK, { recursive: true });
  // Its own package.json keeps npm from walking up to the project's and treating cdxgen as our dependency.
  writeFileSync(path.join(WORK, 'package.json'), `${JSON.stringify({ private: true, description: 'bench peers, not project dependencies' }, null, 2)}\n`);
  console.error(`bench: installing @cyclonedx/cdxgen@${CDXGEN_VERSION} into ${rel(WORK)} (first run only)`);
  // Optional dependencies are native plug-ins (hundreds of MB) for other project types; a JS lockfile needs none.
  const r = spawnSync('npm', ['install', '--prefix', WORK, `@cyclonedx/cdxgen@${CDXGEN_VERSION}`, '--omit=optional', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: WORK,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0 || !existsSync(CDXGEN_BIN)) throw new CannotRun(`could not install @cyclonedx/cdxgen@${CDXGEN_VERSION} into ${rel(WORK)} (npm exited ${r.status ?? r.error?.message})`);
}

function bundleSizes() {
  const actionsDir = path.join(ROOT, 'actions');
  const dirs = [
    ...readdirSync(actionsDir)
      .filter((name) => existsSync(path.join(actionsDir, name, 'action.yml')))
      .map((name) => path.join(actionsDir, name, 'dist')),
    path.join(ROOT, 'dist', 'cli'),
  ];
  return dirs.map((dir) => {
    if (!existsSync(dir)) return { dir: rel(dir), error: "not built (run 'npm run bundle')" };
    const files = readdirSync(dir, { recursive: true }).filter((f) => statSync(path.join(dir, f)).isFile());
    const bytes = files.reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);
    // The entry is what every run loads; the other chunks load only when a scanner or the upload needs them.
    const entryBytes = existsSync(path.join(dir, 'index.js')) ? statSync(path.join(dir, 'index.js')).size : undefined;
    return { dir: rel(dir), bytes, files: files.length, entryBytes };
  });
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  const problems = [];
  const results = {};
  const attempt = async (key, fn) => {
    try {
      results[key] = await fn();
    } catch (error) {
      if (!(error instanceof CannotRun)) throw error;
      problems.push(error.message);
      results[key] = { error: error.message.split('\n')[0] };
    }
  };
  const loadBefore = os.loadavg()[0];
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'secloop-bench-'));
  try {
    const { tree, npmOnly, small, corpusFixtures, corpusWithPackages } = prepareTree(scratch);
    const npmLock = path.join(npmOnly, 'package-lock.json');
    const npmPackages = distinctPackages(npmLock);
    // The dependency scanner: what these goals are about (the secrets and other scanners have rows of their own).
    const offlineDb = ['--scanners', 'dependencies', '--offline-db', path.join(CORPUS, 'osv-db'), '--offline-db', path.join(CORPUS, 'advisories')];
    const secloop = path.join(ROOT, 'bin', 'secloop.js');

    const needSecloop = () => {
      if (!existsSync(path.join(ROOT, 'dist', 'cli', 'index.js'))) throw new CannotRun("secloop: dist/cli/index.js not found (run 'npm run bundle')");
    };
    const outTree = path.join(scratch, 'out-tree');
    const outNpm = path.join(scratch, 'out-npm');
    // A directory holding only the manifest and the lockfile, so cdxgen has nothing else to look at.
    const cdxDir = path.join(scratch, 'cdxgen-input');
    mkdirSync(cdxDir);
    for (const f of ['package.json', 'package-lock.json']) cpSync(path.join(npmOnly, f), path.join(cdxDir, f));
    const cdxgenSpec = (key, label, extraArgs) => {
      const bom = path.join(scratch, `${key}-bom.json`);
      // Offline and fast per its docs: no installs, no licence look-ups, no babel usage analysis, no recursion.
      // Not --required-only: it drops the ~300 optional packages, so cdxgen would describe fewer than secloop scans.
      const args = [CDXGEN_BIN, '-t', 'js', '--no-install-deps', '--no-recurse', '--no-babel', ...extraArgs, '-o', bom, cdxDir];
      return {
        key,
        name: `cdxgen ${CDXGEN_VERSION}: SBOM of npm-2000${label}`,
        command: process.execPath,
        args,
        runs: PEER_RUNS,
        cwd: cdxDir,
        env: { ...process.env, FETCH_LICENSE: 'false', NODE_NO_WARNINGS: '1' },
        prepare: installCdxgen,
        check: () => {
          const components = JSON.parse(readFileSync(bom, 'utf8')).components?.length ?? 0;
          if (components < npmPackages * 0.95) throw new CannotRun(`cdxgen listed only ${components} components of ${npmPackages} lockfile packages`);
          results.cdxgenComponents = components;
        },
        extra: { command: `FETCH_LICENSE=false node ${['cdxgen', ...args.slice(1)].join(' ').replaceAll(scratch, '$TMP')}` },
      };
    };
    Object.assign(
      results,
      measureInterleaved(
        [
          {
            key: 'scanTree',
            name: 'secloop scan: npm-2000 + corpus',
            command: process.execPath,
            args: [secloop, 'scan', tree, '--out', outTree, ...offlineDb, '--quiet'],
            runs: RUNS,
            prepare: needSecloop,
            check: checkScanOutput(outTree, { minPackages: npmPackages, minLockfiles: corpusWithPackages + 1 }),
          },
          {
            key: 'scanNpm',
            name: 'secloop scan: npm-2000 only',
            command: process.execPath,
            args: [secloop, 'scan', npmOnly, '--out', outNpm, ...offlineDb, '--quiet'],
            runs: RUNS,
            prepare: needSecloop,
            check: checkScanOutput(outNpm, { minPackages: npmPackages, minLockfiles: 1 }),
          },
          {
            key: 'floor',
            name: 'node -e JSON.parse(lockfile)',
            command: process.execPath,
            args: ['-e', "JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'))", npmLock],
            runs: RUNS,
          },
          // Like for like: secloop does not validate the SBOMs it writes unless SECLOOP_VALIDATE_SBOM=1, so cdxgen
          // skips its schema validation too. This is also cdxgen's fastest offline setting: the harder target.
          cdxgenSpec('cdxgenNoValidate', ' (--no-validate)', ['--no-validate']),
          // cdxgen as most people run it, validating its SBOM: shown beside.
          cdxgenSpec('cdxgen', '', []),
        ],
        (message) => problems.push(message),
      ),
    );
    results.scanTreeSummary = lastScanSummary.get(outTree);
    await attempt('action', () => measureActionStartup(small, scratch, RUNS));
    results.bundles = bundleSizes();
    for (const b of results.bundles) if (b.error) problems.push(`${b.dir}: ${b.error}`);

    const extraRows = [];
    if (!cli.only || cli.only === 'secrets') {
      const { secretsBench } = await import('./secrets.js');
      await attempt('secrets', () => asCannotRun('secrets bench', async () => extraRows.push(...(await secretsBench({ runs: 3, peerRuns: 1 })))));
    }
    if (!cli.only || cli.only === 'analyze') {
      const { analyzeBench } = await import('./analyze.js');
      await attempt('analyze', () => asCannotRun('analyze bench', async () => extraRows.push(...(await analyzeBench({ runs: 3 })))));
    }
    const report = render(results, { npmPackages, corpusFixtures, loadBefore, loadAfter: os.loadavg()[0] }) + renderExtraRows(extraRows);
    process.stdout.write(report);
    writeFileSync(path.join(BENCH, 'results.md'), report);
  } finally {
    if (cli.keep) console.error(`bench: the tree, outputs and SBOMs are kept in ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
  if (problems.length) {
    console.error(`\nbench: ${problems.length} problem(s); the results above are incomplete:`);
    for (const p of problems) console.error(`- ${p}`);
    process.exitCode = 1;
  }
}

/** The secrets and analyze benches' rows (bench/secrets.js, bench/analyze.js), as one more table. */
function renderExtraRows(rows) {
  if (rows.length === 0) return '';
  const ms = (v) => (v === undefined ? '—' : `${Math.round(v)} ms`);
  const lines = ['', '## Secrets and analyze', '', '| measure | secloop | peer | ratio | max RSS | goal | result |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const peer = r.peer ? `${r.peer}: ${ms(r.peer_ms)}` : '—';
    const ratio = r.ratio === undefined ? '—' : `${Number(r.ratio).toFixed(2)}×`;
    const rss = r.max_rss_mb === undefined ? '—' : `${Math.round(r.max_rss_mb)} MB`;
    lines.push(`| ${r.measure} | ${ms(r.secloop_ms)} | ${peer} | ${ratio} | ${rss} | ${r.goal} | ${r.pass === undefined ? 'n/a' : r.pass ? 'pass' : '**FAIL**'} |`);
  }
  return `${lines.join('\n')}\n`;
}

function render(r, meta) {
  const cell = (m) => (m?.error ? `error: ${m.error}` : m?.caveat ? `${ms(m.wallMs)} (invalid: ${m.caveat.split(':')[0]})` : ms(m?.wallMs));
  // A time measured over less work than asked for proves nothing either way.
  const verdict = (ok, ...measures) => (measures.some((m) => m?.caveat) ? 'n/a (invalid)' : ok ? 'pass' : '**FAIL**');
  const ratioOf = (key) => (a, b) => (a?.[key] && b?.[key] ? a[key] / b[key] : undefined);
  const wallRatio = ratioOf('wallMs');
  const cpuRatio = ratioOf('cpuMs');
  const rows = [];
  const single = (label, m, goal, ok) => rows.push([label, cell(m), '—', '—', '—', goal, m?.wallMs === undefined ? 'n/a' : verdict(ok, m)]);
  single('1. `secloop scan`, npm-2000 + all corpus lockfiles', r.scanTree, `≤ ${GOALS.scanWallMs} ms`, r.scanTree?.wallMs <= GOALS.scanWallMs);
  const vsPeer = (label, peer, { faster, goal, pass }) => {
    const wall = faster ? wallRatio(peer, r.scanNpm) : wallRatio(r.scanNpm, peer);
    const cpu = faster ? cpuRatio(peer, r.scanNpm) : cpuRatio(r.scanNpm, peer);
    const text = (x) => (x === undefined ? 'n/a' : faster ? `${x.toFixed(1)}× faster` : `${x.toFixed(2)}×`);
    rows.push([label, cell(r.scanNpm), cell(peer), text(wall), text(cpu), goal, wall === undefined ? 'n/a' : verdict(pass(wall), r.scanNpm, peer)]);
  };
  const cdxGoal = { faster: true, goal: `≥ ${GOALS.cdxgenSpeedup}× faster`, pass: (x) => x >= GOALS.cdxgenSpeedup };
  vsPeer('2. npm-2000: `secloop scan` vs `cdxgen --no-validate` SBOM (neither validates its SBOM; cdxgen\'s fastest)', r.cdxgenNoValidate, cdxGoal);
  vsPeer('2b. npm-2000: `secloop scan` vs `cdxgen` SBOM with its default schema validation', r.cdxgen, cdxGoal);
  vsPeer('3. npm-2000: `secloop scan` vs floor (`node -e` reads + JSON.parse)', r.floor, {
    faster: false,
    goal: `≤ ${GOALS.floorRatio}× the floor`,
    pass: (x) => x <= GOALS.floorRatio,
  });
  single('4. scan action: spawn → first log line', r.action, `≤ ${GOALS.actionFirstLineMs} ms`, r.action?.wallMs <= GOALS.actionFirstLineMs);
  for (const b of r.bundles ?? []) {
    const entry = b.entryBytes === undefined ? '' : `, entry index.js ${(b.entryBytes / 1024 / 1024).toFixed(2)} MB`;
    const size = b.error ? `error: ${b.error}` : `${(b.bytes / 1024 / 1024).toFixed(2)} MB (${b.files} files${entry})`;
    rows.push([`5. bundle size: \`${b.dir}\``, size, '—', '—', '—', '< 3 MB', b.error ? 'n/a' : verdict(b.bytes < BUNDLE_BUDGET_BYTES)]);
  }

  const detail = [r.scanTree, r.scanNpm, r.floor, r.cdxgenNoValidate, r.cdxgen, r.action].filter((m) => m && !m.error);
  const cores = os.cpus().length;
  const lines = [
    '# secloop bench results',
    '',
    `Measured ${new Date().toISOString()} on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${cores} cores), Node ${process.version}, ${os.platform()} ${os.release()}.`,
    `Inputs: \`bench/fixtures/npm-2000\` (${meta.npmPackages} distinct packages), ${meta.corpusFixtures} corpus lockfiles under their canonical names, offline DB = corpus \`osv-db\` + \`advisories\`.`,
    `Medians of ${RUNS} runs after one warm-up (cdxgen: ${PEER_RUNS}); every number is a whole process, start-up included.`,
    '',
    '| measure | secloop | peer | ratio (wall) | ratio (CPU) | goal | result |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    '## Every command',
    '',
    `| command | runs | median wall | min–max wall | median CPU (user+sys) | max RSS |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...detail.map((m) => `| ${m.name} | ${m.runs} | ${ms(m.wallMs)} | ${ms(m.minWallMs)}–${ms(m.maxWallMs)} | ${ms(m.cpuMs)} | ${mb(m.rssKb)} |`),
    '',
  ];
  const notes = [];
  if (!GNU_TIME) notes.push('CPU time and memory: not measured (GNU time is not at /usr/bin/time; `apt-get install time` adds it).');
  if (r.action?.wallMs !== undefined) notes.push(`The action's first log line: \`${r.action.firstLine}\` (time to first line; CPU and RSS not sampled for this one).`);
  if (r.scanTreeSummary) {
    const s = r.scanTreeSummary;
    notes.push(`Scan of the whole tree: ${s.lockfiles} lockfiles, ${s.packages} packages, ${s.total} findings, ecosystems ${s.ecosystems.join(', ')}.`);
  }
  const cdxgenCommands = [r.cdxgenNoValidate, r.cdxgen].filter((m) => m?.command).map((m) => `- \`${m.command}\``);
  if (cdxgenCommands.length) notes.push([`cdxgen listed ${r.cdxgenComponents} components; its commands:`, '', ...cdxgenCommands].join('\n'));
  const busy = Math.max(meta.loadBefore, meta.loadAfter);
  notes.push(
    `Load average (1 min) before/after: ${meta.loadBefore.toFixed(2)} / ${meta.loadAfter.toFixed(2)} on ${cores} cores.` +
      (busy > cores ? ' **The machine was busy: wall times are inflated; CPU times and the CPU ratios are the steadier figures.**' : ''),
  );
  for (const note of notes) lines.push(note, '');
  return lines.join('\n');
}

try {
  await main();
} catch (error) {
  if (!(error instanceof CannotRun)) throw error;
  console.error(`bench: ${error.message}`);
  process.exitCode = 1;
}
