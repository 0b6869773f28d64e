import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Inputs } from '../../../../src/shared/inputs.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { REPO_ROOT } from '../../../../test/corpus.js';
import { scanOptionsFrom } from '../../../scan/src/config.js';
import { runScan } from '../../../scan/src/scan.js';
import { EXAMPLE_DB, tempDir } from './fixtures.test-util.js';
import { repositoryRelativePaths } from './paths.js';

describe('repository-relative paths', () => {
  it('turns the paths of a scan of a subdirectory into paths of real files of the repository', async () => {
    const values: Record<string, string> = {
      path: 'examples/apps',
      out: await tempDir('paths'),
      'offline-db': EXAMPLE_DB,
      alert: '@examples/alerts/probe-failure.alertmanager.json',
    };
    const logger = memoryLogger();
    const options = await scanOptionsFrom(new Inputs((name) => values[name]), { workspace: REPO_ROOT, context: {} }, logger);
    const { document } = await runScan(options, logger);
    expect(document.run.path_prefix).toBe('examples/apps');
    const before = document.findings.map((f) => ({ fingerprint: f.fingerprint, path: f.location.path }));

    const relative = repositoryRelativePaths(structuredClone(document));
    const files = relative.findings.filter((f) => f.kind !== 'runtime' || f.location.start_line !== undefined);
    expect(new Set(files.map((f) => f.kind)).size).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      expect(f.location.path.startsWith('examples/apps/')).toBe(true);
      expect(existsSync(path.join(REPO_ROOT, f.location.path))).toBe(true);
      for (const other of f.other_locations ?? []) expect(existsSync(path.join(REPO_ROOT, other.path))).toBe(true);
      if (f.package) expect(existsSync(path.join(REPO_ROOT, f.package.manifest))).toBe(true);
    }
    // The runtime alert linked to its workload's manifest is a file too; fingerprints never change.
    expect(relative.findings.some((f) => f.kind === 'runtime' && f.location.path.startsWith('examples/apps/'))).toBe(true);
    expect(relative.findings.map((f) => f.fingerprint)).toEqual(before.map((b) => b.fingerprint));
  });

  it('leaves a document without a prefix as it is', () => {
    const document = { run: {}, findings: [{ kind: 'secret', location: { path: 'a/b.js' } }] } as unknown as Parameters<typeof repositoryRelativePaths>[0];
    expect(repositoryRelativePaths(document).findings[0]!.location.path).toBe('a/b.js');
  });
});
