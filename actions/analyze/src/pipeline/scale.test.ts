import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LocalArtifactStore } from '../../../../src/shared/artifacts/local-store.js';
import type { FindingsDocument } from '../../../../src/shared/contracts/findings.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { writeBenchInput } from './bench-input.js';
import { scanInto, settingsWith, tempDir } from './fixtures.test-util.js';
import { runAnalysis } from './run.js';

/**
 * A tenth of the benchmark (npm run bench: 500 artifacts, 200,000 findings): 50 matrix-cell artifacts of 400
 * findings drawn from 2,000 distinct ones, each reported by ten cells. Catches a quadratic step (20,000² is
 * far beyond the bound) without timing a loaded CI machine too finely.
 */
describe('analysis at scale', () => {
  let root: string;
  let template: FindingsDocument;

  beforeAll(async () => {
    const scanDir = await tempDir('template');
    template = await scanInto(scanDir);
    root = await tempDir('bench');
    await writeBenchInput({ dir: root, template, artifacts: 50, findingsPerArtifact: 400, distinct: 2000 });
  });

  it('merges 50 artifacts holding 20,000 findings into 2,000, quickly, keeping every event', async () => {
    const outDir = await tempDir('out');
    const started = performance.now();
    const { document, outputs } = await runAnalysis({
      artifacts: { store: new LocalArtifactStore(root), downloadDir: await tempDir('dl') },
      outDir,
      settings: settingsWith(),
      logger: memoryLogger(),
    });
    const elapsed = performance.now() - started;
    expect(document.errors).toEqual([]);
    expect(document.inputs).toHaveLength(50);
    expect(document.summary.total).toBe(2000);
    for (const f of document.findings) expect(f.sources).toHaveLength(10);
    // Every cell's scan events, plus one analysis.complete per cell (correlation id).
    const lines = (await readFile(outputs.events, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(50 * (400 + 2) + 50);
    expect(path.basename(outputs.analysis)).toBe('analysis.json');
    expect(elapsed).toBeLessThan(15_000);
  });
});
