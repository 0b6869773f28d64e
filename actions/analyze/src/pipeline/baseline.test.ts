import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AnalysisDocument } from '../../../../src/shared/contracts/analysis.js';
import type { FindingsDocument } from '../../../../src/shared/contracts/findings.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { analyze } from './analyze.js';
import { loadBaseline } from './baseline.js';
import { copyOfApps, scanInto, settingsWith, tempDir } from './fixtures.test-util.js';
import { runAnalysis } from './run.js';

/**
 * The base branch had worker-rs but not edge-proxy; the change deletes worker-rs, adds edge-proxy and
 * inserts lines at the top of billing-api's requirements (moving its findings down, not changing them).
 */
describe('baseline comparison between two real scans', () => {
  let baseDir: string;
  let base: FindingsDocument;
  let head: FindingsDocument;
  let document: AnalysisDocument;

  beforeAll(async () => {
    const apps = await copyOfApps();
    const goMod = await readFile(path.join(apps, 'edge-proxy', 'go.mod'), 'utf8');
    await rm(path.join(apps, 'edge-proxy'), { recursive: true });
    baseDir = await tempDir('base');
    base = await scanInto(baseDir, apps);

    await rm(path.join(apps, 'worker-rs'), { recursive: true });
    await mkdir(path.join(apps, 'edge-proxy'));
    await writeFile(path.join(apps, 'edge-proxy', 'go.mod'), goMod);
    const requirements = path.join(apps, 'billing-api', 'requirements-base.txt');
    await writeFile(requirements, `# pinned by the platform team\n# see docs/dependencies.md\n\n${await readFile(requirements, 'utf8')}`);
    const headDir = await tempDir('head');
    head = await scanInto(headDir, apps);
    document = await analyze({ inputDirs: [headDir], settings: settingsWith({ baseline: baseDir, failOnSeverity: 'low' }), logger: memoryLogger() });
  });

  it('marks findings of the added app new, moved ones unchanged, and lists the deleted app\'s as fixed', () => {
    const status = (dir: string) => new Set(document.findings.filter((f) => f.location.path.startsWith(dir)).map((f) => f.status));
    expect(status('apps/edge-proxy/')).toEqual(new Set(['new']));
    expect(status('apps/shop-web/')).toEqual(new Set(['unchanged']));
    // Moved down three lines, same fingerprint: not new.
    const moved = document.findings.filter((f) => f.location.path === 'apps/billing-api/requirements-base.txt');
    expect(moved.length).toBeGreaterThan(0);
    for (const f of moved) {
      const before = base.findings.find((b) => b.fingerprint === f.fingerprint)!;
      expect(f.location.start_line).toBe(before.location.start_line! + 3);
      expect(f.status).toBe('unchanged');
    }
    const workerBefore = base.findings.filter((f) => f.location.path.startsWith('worker-rs/'));
    expect(workerBefore.length).toBeGreaterThan(0);
    expect(document.fixed.map((f) => f.fingerprint).sort()).toEqual(workerBefore.map((f) => f.fingerprint).sort());
    expect(document.fixed.every((f) => f.status === 'fixed')).toBe(true);
    // The baseline's paths are made repository-relative like the current ones (the scans ran on apps/).
    expect(document.fixed.every((f) => f.location.path.startsWith('apps/worker-rs/'))).toBe(true);
    expect(document.summary.by_status).toEqual({
      new: head.findings.filter((f) => f.location.path.startsWith('edge-proxy/')).length,
      unchanged: head.findings.length - head.findings.filter((f) => f.location.path.startsWith('edge-proxy/')).length,
      fixed: workerBefore.length,
    });
    expect(document.run.baseline).toEqual({ source: baseDir, findings: base.findings.length });
  });

  it('gates on new findings only by default', () => {
    expect(document.gate.considered).toBe('new');
    const failing = new Set(document.gate.failing);
    expect(failing.size).toBeGreaterThan(0);
    for (const f of document.findings) expect(failing.has(f.fingerprint)).toBe(f.status === 'new');
  });

  it('reads a previous analysis.json as a baseline too', async () => {
    const outDir = await tempDir('out');
    await runAnalysis({ inputDirs: [baseDir], outDir, settings: settingsWith(), logger: memoryLogger() });
    const baseline = await loadBaseline(path.join(outDir, 'analysis.json'));
    expect([...baseline.findings.keys()].sort()).toEqual(base.findings.map((f) => f.fingerprint).sort());
    // The scan's view only: the analyze fields are not carried into "fixed" lists later.
    expect(Object.keys(baseline.findings.values().next().value!)).not.toContain('decision');
  });

  it('refuses a baseline that is missing or holds no findings document', async () => {
    await expect(loadBaseline('/nonexistent/baseline')).rejects.toThrow('/nonexistent/baseline (baseline): the baseline /nonexistent/baseline cannot be read: ENOENT');
    await expect(loadBaseline(await tempDir('empty'))).rejects.toThrow(/no findings\.json or analysis\.json under the baseline directory/);
  });
});
