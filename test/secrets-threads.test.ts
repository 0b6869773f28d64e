import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SecretsWorkerPool } from '../actions/scan/src/secrets/pool.js';
import { DEFAULT_PIECE_LIMITS } from '../actions/scan/src/secrets/chunks.js';
import { REPO_ROOT } from './corpus.js';
// The secrets benchmark's generator: real source text (this repository's node_modules) with planted secrets.
import { generateSecretsTree, sourceFiles } from '../bench/secrets-tree.js';


function scan(tree: string, out: string, threads: string) {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/secloop.js'), 'scan', tree, '--scanners', 'secrets', '--out', out, '--fail-on-severity', 'none'], {
    encoding: 'utf8',
    env: { ...process.env, SECLOOP_SCAN_THREADS: threads },
    maxBuffer: 64 << 20,
  });
  expect(r.status).toBe(0);
  const doc = JSON.parse(readFileSync(path.join(out, 'findings.json'), 'utf8')) as { findings: Record<string, unknown>[] };
  return { ...doc, onThreads: /scanning on \d+ worker threads?/.test(r.stdout + r.stderr) };
}

/**
 * The bundled CLI (what users run) scans a tree over the threads threshold on worker threads; its findings must
 * be exactly those of the single-thread scan, in the same order, with every planted secret among them.
 */
describe('secrets scan on worker threads', () => {
  it('gives the single-thread findings, every planted secret included', () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'secloop-threads-'));
    const tree = path.join(scratch, 'tree');
    const generated = generateSecretsTree(tree, { seed: 7, targetBytes: 12 << 20, secretsPerType: 3, sources: sourceFiles(path.join(REPO_ROOT, 'node_modules')) });
    const threaded = scan(tree, path.join(scratch, 'threaded'), '2');
    const single = scan(tree, path.join(scratch, 'single'), '0');
    expect(threaded.onThreads).toBe(true);
    expect(single.onThreads).toBe(false);
    const comparable = (f: Record<string, unknown>) => ({ ...f, detected_at: undefined });
    expect(threaded.findings.map(comparable)).toEqual(single.findings.map(comparable));
    const reported = new Set(
      threaded.findings.flatMap((f) => {
        const locations = [f.location, ...((f.other_locations as unknown[] | undefined) ?? [])] as { path: string }[];
        return locations.map((l) => l.path);
      }),
    );
    const missed = generated.planted.filter((p) => !reported.has(p.file));
    expect(missed).toEqual([]);
    expect(generated.planted.length).toBeGreaterThanOrEqual(24);
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
