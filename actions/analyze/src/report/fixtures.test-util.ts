/** A real analysis for the report tests: the demo apps scanned by the real scanner, compared with a baseline. */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { AnalysisDocument } from '../../../../src/shared/contracts/analysis.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { policyDecider } from '../decider.js';
import { loadBaseline } from '../pipeline/baseline.js';
import { copyOfApps, EXAMPLE_APPS, scanInto, settingsWith, tempDir } from '../pipeline/fixtures.test-util.js';
import { runAnalysis } from '../pipeline/run.js';

export const IGNORED = 'GHSA-p6mc-m468-83gw';

/**
 * The demo apps without worker-rs/Cargo.lock, against a baseline of all of them, gating on all findings (fails);
 * or, with baselineIsCurrent, the same tree as the baseline gating on new findings (a clean PR: passes).
 */
export async function demoAnalysis(options: { baselineIsCurrent?: boolean } = {}): Promise<AnalysisDocument> {
  const baselineDir = await tempDir('report-baseline');
  await scanInto(baselineDir, EXAMPLE_APPS, { scanners: 'all' });
  const apps = await copyOfApps();
  if (!options.baselineIsCurrent) await rm(path.join(apps, 'worker-rs', 'Cargo.lock'));
  const currentDir = await tempDir('report-current');
  await scanInto(currentDir, apps, { scanners: 'all' });
  const { decide } = await policyDecider();
  const { document } = await runAnalysis({
    inputDirs: [currentDir],
    outDir: await tempDir('report-out'),
    settings: settingsWith({
      gateOn: options.baselineIsCurrent ? 'new' : 'all',
      ignore: [{ index: 0, source: 'secloop.yml#ignore[0]', id: IGNORED, reason: 'lodash template is not reachable from user input', owner: '@team-web' }],
    }),
    baseline: await loadBaseline(baselineDir),
    decide,
    logger: memoryLogger(),
  });
  return document;
}
