import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { readAnalysisDocument } from '../src/shared/contracts/analysis.js';
import { readFindingsDocument } from '../src/shared/contracts/documents.js';
import { readEvents } from '../src/shared/contracts/events.js';
import { REPO_ROOT } from './corpus.js';

/** The README's first command: the loop on the bundled demo, offline, through the bundled CLI. */
describe('npm run demo', () => {
  it('scans, analyzes and explains, with one correlation id from the alert to the decisions', async () => {
    const out = path.join(REPO_ROOT, '.secloop', 'demo');
    rmSync(out, { recursive: true, force: true });
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/demo.js')], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/=== secloop scan/);
    expect(run.stdout).toMatch(/=== secloop analyze/);

    const findings = await readFindingsDocument(path.join(out, 'scan', 'findings.json'));
    expect(new Set(findings.findings.map((f) => f.kind))).toEqual(new Set(['dependency', 'secret', 'code', 'container', 'kubernetes', 'workflow', 'runtime']));
    const alert = findings.findings.find((f) => f.kind === 'runtime')!;
    expect(alert.event_type).toBe('runtime.probe_failure');
    expect(alert.location.path).toBe('shop-web/deploy/k8s.yaml');

    const analysis = await readAnalysisDocument(path.join(out, 'analyze', 'analysis.json'));
    const incident = analysis.findings.find((f) => f.fingerprint === alert.fingerprint)!;
    expect(incident.decision.outcome).toBe('escalate');
    expect(incident.decision.reasons.join('\n')).toMatch(/correlated with kubernetes secloop\.k8s\.missing-probe/);
    const vex = analysis.findings.filter((f) => f.suppressed?.by === 'vex');
    expect(vex.map((f) => `${f.package?.name} ${f.advisory?.id}`)).toEqual(['axios GHSA-wf5p-g6vw-rhxx']);
    expect(analysis.findings.filter((f) => f.suppressed?.by === 'config')).toHaveLength(3);

    const events = await readEvents(path.join(out, 'analyze', 'events.jsonl'));
    expect(events[0]!.topic).toBe('scan.started');
    expect(events.at(-1)!.topic).toBe('analysis.complete');
    expect(new Set(events.map((e) => e.correlation_id)).size).toBe(1);
  });
});
