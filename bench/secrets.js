#!/usr/bin/env node
// The secrets scanner's goals, against its peers, as whole processes on a generated tree of >= 300 MB:
//   - >= 10x faster than secretlint (recommended preset) on the same tree, finding at least the planted
//     secrets it finds (compared by file and secret type);
//   - within 3x the time of ripgrep searching the rules' keyword set (the floor: it only finds keywords);
//   - one walk: every scanner in one run costs less than each scanner run alone, added up.
// `node bench/secrets.js [--runs N] [--peer-runs N] [--keep]` runs it alone; bench/run.js calls secretsBench().
// The tree is generated in a temp dir from a seed (bench/secrets-tree.js); nothing large is committed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
/** Scanners that read the tree (sarif and runtime read their own inputs, so they add nothing to a walk). */
const WALKING_SCANNERS = ['dependencies', 'secrets', 'code', 'containers', 'kubernetes', 'workflows'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Runs a command to completion; returns wall ms. `ok(status)` says which exit codes mean it ran. */
function timed(command, args, { cwd = ROOT, ok = (s) => s === 0, what }) {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 << 20 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error || !ok(r.status)) throw new Error(`${what} failed (exit ${r.status ?? r.error?.message}): ${(r.stderr || r.stdout || '').slice(0, 600)}`);
  return { wallMs, stdout: r.stdout };
}

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
  return findings.filter((f) => f.kind === 'secret').map((f) => ({ file: f.location.path, type: typeOf.get(f.rule.id) ?? f.rule.id }));
}

function secretlintReports(file, tree) {
  const results = JSON.parse(readFileSync(file, 'utf8'));
  const typeOf = new Map(SECRET_TYPES.flatMap((t) => t.secretlint.map((id) => [id, t.type])));
  return results.flatMap((r) =>
    r.messages.map((m) => ({ file: path.relative(tree, r.filePath).split(path.sep).join('/'), type: typeOf.get(`${m.ruleId}:${m.messageId}`) ?? `${m.ruleId}:${m.messageId}` })),
  );
}

export async function secretsBench({ runs = 3, peerRuns = 1, log = (m) => console.error(m), keep = false } = {}) {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'index.js'))) throw new Error('dist/cli is not built: run npm run bundle');
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
    const secretlintJson = path.join(scratch, 'secretlint.json');
    // secretlint exits 1 when it reports something.
    const secretlint = () => timed('node', [SECRETLINT_BIN, '**/*', '--secretlintrc', rcFile, '--format', 'json', '--output', secretlintJson, '--no-color'], { cwd: tree, what: 'secretlint', ok: (s) => s === 0 || s === 1 });

    log('warm-up and correctness: secloop, rg');
    secloopSecrets();
    rg();
    const secloopFound = reportedPlanted(generated.planted, secloopReports(out('secrets')));
    const times = { secloop: [], rg: [], secretlint: [] };
    for (let i = 0; i < runs; i++) {
      times.secloop.push(secloopSecrets().wallMs);
      times.rg.push(rg().wallMs);
    }
    log(`secretlint: ${peerRuns} run(s) (it takes minutes on this tree)`);
    for (let i = 0; i < peerRuns; i++) times.secretlint.push(secretlint().wallMs);
    const secretlintFound = reportedPlanted(generated.planted, secretlintReports(secretlintJson, tree));
    const missed = [...secretlintFound].filter((k) => !secloopFound.has(k));

    const s = median(times.secloop);
    const sl = median(times.secretlint);
    const floor = median(times.rg);
    const found = `${secloopFound.size}/${generated.planted.length} planted found (secretlint ${secretlintFound.size}), ${missed.length} found by secretlint only`;
    rows.push({
      measure: `secrets scan of ${mbytes.toFixed(0)} MB (${generated.files} files): secloop vs secretlint ${SECRETLINT_VERSION} recommended preset; ${found}`,
      secloop_ms: s,
      peer: `secretlint ${SECRETLINT_VERSION} (preset-recommend)`,
      peer_ms: sl,
      ratio: sl / s,
      goal: `>= ${GOALS.secretlintSpeedup}x faster, finds at least what it finds`,
      pass: sl / s >= GOALS.secretlintSpeedup && missed.length === 0,
      missed: missed.map((k) => k.replace('\0', ' ')),
    });
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
  for (const r of rows) lines.push(`| ${r.measure} | ${ms(r.secloop_ms)} | ${r.peer} | ${ms(r.peer_ms)} | ${r.ratio.toFixed(2)} | ${r.goal} | ${r.pass ? 'pass' : '**FAIL**'} |`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, 'peer-runs': { type: 'string', default: '1' }, keep: { type: 'boolean', default: false } } });
  try {
    const rows = await secretsBench({ runs: Number(values.runs), peerRuns: Number(values['peer-runs']), keep: values.keep });
    console.log(formatRows(rows));
    for (const r of rows) if (r.missed?.length) console.log(`\nfound by secretlint only: ${r.missed.join(', ')}`);
  } catch (error) {
    console.error(`bench/secrets: ${error.message}`);
    process.exitCode = 1;
  }
}
