import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SecretsWorkerPool } from '../actions/scan/src/secrets/pool.js';
import { DEFAULT_PIECE_LIMITS } from '../actions/scan/src/secrets/chunks.js';
import { parseOutputFile } from './action-util.js';
import { REPO_ROOT } from './corpus.js';
// The secrets benchmark's generator: real source text (this repository's node_modules) with planted secrets.
import { generateSecretsTree, sourceFiles, type GeneratedTree } from '../bench/secrets-tree.js';

type Findings = Record<string, unknown>[];
const WORKERS_USED = /scanning on \d+ worker threads?/;

function findingsOf(file: string): Findings {
  return (JSON.parse(readFileSync(file, 'utf8')) as { findings: Findings }).findings;
}

/** The same findings, whenever they were detected. */
const comparable = (findings: Findings) => findings.map((f) => ({ ...f, detected_at: undefined }));

/**
 * The bundles (what users run) scan a tree over the threads threshold on worker threads; their findings must be
 * exactly those of the single-thread scan, in the same order, with every planted secret among them.
 */
describe('secrets scan on worker threads', () => {
  let scratch: string;
  let generated: GeneratedTree;
  let single: Findings;

  const cli = (out: string, threads: string) => {
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/secloop.js'), 'scan', path.join(scratch, 'tree'), '--scanners', 'secrets', '--out', out, '--fail-on-severity', 'none'], {
      encoding: 'utf8',
      env: { ...process.env, SECLOOP_SCAN_THREADS: threads },
      maxBuffer: 64 << 20,
    });
    expect(r.status).toBe(0);
    const log = r.stdout + r.stderr;
    return { findings: findingsOf(path.join(out, 'findings.json')), onThreads: WORKERS_USED.test(log) };
  };

  beforeAll(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'secloop-threads-'));
    generated = generateSecretsTree(path.join(scratch, 'tree'), { seed: 7, targetBytes: 12 << 20, secretsPerType: 3, sources: sourceFiles(path.join(REPO_ROOT, 'node_modules')) });
    const run = cli(path.join(scratch, 'single'), '0');
    expect(run.onThreads).toBe(false);
    single = run.findings;
  }, 120_000);

  it('the CLI gives the single-thread findings, every planted secret included', () => {
    const threaded = cli(path.join(scratch, 'threaded'), '2');
    expect(threaded.onThreads).toBe(true);
    expect(comparable(threaded.findings)).toEqual(comparable(single));
    const reported = new Set(
      threaded.findings.flatMap((f) => [f.location, ...((f.other_locations as unknown[] | undefined) ?? [])] as { path: string }[]).map((l) => l.path),
    );
    expect(generated.planted.filter((p) => !reported.has(p.file))).toEqual([]);
    expect(generated.planted.length).toBeGreaterThanOrEqual(24);
  }, 120_000);

  it('the scan action, started as the runner starts it, runs its workers from its own bundle', () => {
    const runner = path.join(scratch, 'runner');
    mkdirSync(path.join(runner, 'tmp'), { recursive: true });
    writeFileSync(path.join(runner, 'output'), '');
    writeFileSync(path.join(runner, 'summary'), '');
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'actions/scan/dist/index.js')], {
      cwd: scratch,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        GITHUB_WORKSPACE: scratch,
        GITHUB_OUTPUT: path.join(runner, 'output'),
        GITHUB_STEP_SUMMARY: path.join(runner, 'summary'),
        RUNNER_TEMP: path.join(runner, 'tmp'),
        SECLOOP_SCAN_THREADS: '2',
        INPUT_PATH: 'tree',
        INPUT_SCANNERS: 'secrets',
        'INPUT_UPLOAD-ARTIFACT': 'false',
        'INPUT_FAIL-ON-SEVERITY': 'none',
      },
      maxBuffer: 64 << 20,
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(WORKERS_USED);
    const findingsFile = parseOutputFile(readFileSync(path.join(runner, 'output'), 'utf8'))['findings-file'];
    expect(findingsFile).toBeDefined();
    expect(comparable(findingsOf(findingsFile!))).toEqual(comparable(single));
  }, 120_000);

  it('files handed to the worker while the walk goes on come back in their place', async () => {
    // The scanner as scan.ts drives it (wants during the walk, discovered as files are accepted, then scanFile in
    // sorted order), with the CLI bundle's workers; a walk long enough for the worker to come up is simulated
    // by waiting for it after the first thousand files.
    const { loadDefaultConfig } = await import('../actions/scan/src/secrets/config.js');
    const { secretsScanner } = await import('../actions/scan/src/secrets/scanner.js');
    const { discoverFiles } = await import('../actions/scan/src/discovery.js');
    // Two copies of the generated tree: over the 1,000 files at which the pool starts during a walk.
    const root = path.join(scratch, 'twice');
    for (const copy of ['a', 'b']) cpSync(path.join(scratch, 'tree'), path.join(root, copy), { recursive: true });
    const { files } = await discoverFiles({ root, wants: () => true });
    expect(files.length).toBeGreaterThan(1500);
    const logged: string[] = [];
    const context = { root, detectedAt: '2026-11-22T00:00:00Z', settings: {}, logger: { info: (m: string) => logged.push(m), warning: () => {}, error: () => {} } } as never;
    const run = async (threads: number) => {
      const scanner = secretsScanner({ config: loadDefaultConfig(), key: Buffer.from('k'), threads, workerEntry: path.join(REPO_ROOT, 'dist/cli/index.js') });
      const walkOrder = [...files].reverse();
      for (const [i, f] of walkOrder.entries()) {
        scanner.wants(f.relativePath, path.basename(f.relativePath));
        // The pool started at the 1,000th file: the walk goes on long enough for it to come up.
        if (i === 1000 && threads > 1) await new Promise((resolve) => setTimeout(resolve, 3000));
        scanner.discovered?.(f);
      }
      for (const f of files) await scanner.scanFile!(f, context);
      return scanner.finish(context);
    };
    const single = await run(0);
    const threaded = await run(2);
    expect(logged.join('\n')).toMatch(/[1-9]\d* file\(s\) were scanned on the worker while the walk went on/);
    expect(comparable(threaded.findings as never)).toEqual(comparable(single.findings as never));
    expect(single.findings.length).toBeGreaterThan(20);
  }, 120_000);

  it('reports a worker that cannot start as an error instead of returning no findings', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'secloop-bad-worker-'));
    const entry = path.join(dir, 'index.mjs');
    writeFileSync(entry, "export function serveSecretsWorker() { throw new Error('this worker cannot start'); }\n");
    const pool = new SecretsWorkerPool(entry, 1, { maxDecodeDepth: 5, limits: DEFAULT_PIECE_LIMITS });
    pool.submit(0, { path: 'a.txt', text: 'token = "ghp_0123456789abcdefghijklmnopqrstuvwxyz"' });
    await expect(pool.drain()).rejects.toThrow(/secrets worker thread failed: this worker cannot start/);
  });
});
