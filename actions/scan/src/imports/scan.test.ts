import { describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { runScan } from '../scan.js';
import { runtimeAlertScanner } from './alerts/scanner.js';
import { sarifImportScanner } from './sarif/scanner.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

describe('imports inside a whole scan', () => {
  test('imported SARIF and a runtime alert go through the scan into valid findings.json and findings.sarif', async () => {
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'secloop-imports-scan-'));
    const root = path.join(HERE, 'alerts', 'testdata', 'manifests');
    const sarifDir = path.join(HERE, 'sarif', 'testdata');
    const alert = await readFile(path.join(HERE, 'alerts', 'testdata', 'alertmanager-kube-prometheus.json'), 'utf8');
    const outcome = await runScan(
      {
        root,
        outDir,
        scanners: [sarifImportScanner([{ given: 'testdata', absolute: sarifDir }], [sarifDir], HERE), runtimeAlertScanner({ text: alert, source: 'alert.json' })],
        exclude: [],
        failOnSeverity: 'none',
        allowEmpty: true,
        context: {},
      },
      memoryLogger(),
    );
    const findings = outcome.document.findings;
    expect(findings.filter((f) => f.kind === 'sarif')).toHaveLength(14);
    expect(findings.filter((f) => f.kind === 'runtime').map((f) => f.event_type).sort()).toEqual(['runtime.crash_loop', 'runtime.probe_failure']);
    expect(outcome.document.errors).toEqual([]);
    const sarif = JSON.parse(await readFile(outcome.outputs.sarif, 'utf8'));
    // Imported SARIF is not written back (it is already the other tool's own upload): only the runtime finding.
    expect(sarif.runs.reduce((n: number, r: { results: unknown[] }) => n + r.results.length, 0)).toBe(findings.filter((f) => f.kind !== 'sarif').length);
  });
});
