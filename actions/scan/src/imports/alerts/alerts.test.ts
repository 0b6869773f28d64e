import { describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigurationError } from '../../../../../src/shared/errors.js';
import { Inputs } from '../../../../../src/shared/inputs.js';
import { memoryLogger } from '../../../../../src/shared/logger.js';
import type { ScannerResult } from '../../scanners/types.js';
import { assertFindingsValid, DETECTED_AT } from '../testing.js';
import { parseAlertPayload } from './payload.js';
import { createRuntimeAlertScanner, runtimeAlertScanner } from './scanner.js';
import { ownersOfPod, workloadFromLabels } from './workload.js';

const TESTDATA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata');
const MANIFESTS = path.join(TESTDATA, 'manifests');

async function run(payloadText: string, root = MANIFESTS): Promise<ScannerResult> {
  const scanner = runtimeAlertScanner({ text: payloadText, source: 'alert.json' });
  const result = await scanner.scan([], { root, logger: memoryLogger(), detectedAt: DETECTED_AT, settings: {} });
  assertFindingsValid(result.findings, 'runtime');
  return result;
}

const fixture = (name: string) => readFile(path.join(TESTDATA, name), 'utf8');

describe('Alertmanager webhook (kube-prometheus alerts)', () => {
  test('each firing alert is a finding linked to the Deployment manifest; the resolved one is skipped with a warning', async () => {
    const result = await run(await fixture('alertmanager-kube-prometheus.json'));
    expect(result.examined).toBe(3);
    expect(result.findings).toHaveLength(2);
    const [crash, replicas] = result.findings;
    expect(crash).toMatchObject({
      kind: 'runtime',
      event_type: 'runtime.crash_loop',
      severity: 'medium',
      severity_source: { source: 'alertmanager:severity=warning' },
      detected_at: '2024-06-01T09:12:45.123Z',
      location: { path: 'deploy/k8s.yaml', start_line: 16 },
      rule: { id: 'KubePodCrashLooping', help_uri: 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping' },
      confidence: 0.95,
    });
    expect(crash!.message).toContain('Deployment shop/shop-web');
    expect(crash!.message).toContain('defined in deploy/k8s.yaml:16');
    expect(replicas).toMatchObject({ event_type: 'runtime.probe_failure', location: { path: 'deploy/k8s.yaml', start_line: 16 } });
    expect(result.warnings).toEqual([expect.objectContaining({ file: 'alert.json', reason: 'alert KubePodNotReady is resolved, not firing; skipped' })]);
  });

  test('the fingerprint is the alert identity: the same alert again (later, resent) is the same finding', async () => {
    const text = await fixture('alertmanager-kube-prometheus.json');
    const first = await run(text);
    const resent = JSON.parse(text);
    resent.alerts[0].startsAt = '2024-06-01T10:00:00Z';
    const second = await run(JSON.stringify(resent));
    expect(second.findings[0]!.fingerprint).toBe(first.findings[0]!.fingerprint);
    expect(first.findings[0]!.fingerprint).not.toBe(first.findings[1]!.fingerprint);
  });

  test('a workload with no manifest gets the pseudo path and says so', async () => {
    const payload = JSON.parse(await fixture('alertmanager-kube-prometheus.json'));
    payload.alerts[1].labels.deployment = 'checkout';
    const { findings } = await run(JSON.stringify(payload));
    expect(findings[1]!.location).toEqual({ path: 'runtime/shop/Deployment/checkout' });
    expect(findings[1]!.message).toContain('no manifest in the repository defines it');
  });

  test('the same name in another namespace is not taken; a manifest without namespace matches any, less surely', async () => {
    const payload = { version: '4', alerts: [
      { status: 'firing', labels: { alertname: 'KubePodNotReady', namespace: 'payments', pod: 'shop-web-7d4b9c8f6-x2k4q', severity: 'critical' }, startsAt: '2024-06-01T09:00:00Z', fingerprint: 'a1' },
      { status: 'firing', labels: { alertname: 'KubeStatefulSetReplicasMismatch', namespace: 'shop', statefulset: 'shop-worker', severity: 'warning' }, startsAt: '2024-06-01T09:00:00Z', fingerprint: 'a2' },
    ] };
    const { findings } = await run(JSON.stringify(payload));
    expect(findings[0]).toMatchObject({ severity: 'critical', event_type: 'runtime.probe_failure', location: { path: 'runtime/payments/Deployment/shop-web' } });
    expect(findings[1]).toMatchObject({ location: { path: 'deploy/worker.yaml', start_line: 5 }, confidence: 0.8 });
    expect(findings[1]!.message).toContain('names no namespace');
  });
});

describe('Azure Monitor common alert schema', () => {
  test("the documented sample (a resolved metric alert) is skipped with a warning", async () => {
    const result = await run(await fixture('azure-metric-alert.resolved.json'));
    expect(result.findings).toEqual([]);
    expect(result.examined).toBe(1);
    expect(result.warnings[0]!.reason).toBe('alert WCUS-R2-Gen2 is resolved, not firing; skipped');
  });

  test('an availability (web test) metric alert: runtime.availability, Sev1 -> high, T0 = firedDateTime', async () => {
    const { findings } = await run(await fixture('azure-availability-alert.json'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      event_type: 'runtime.availability',
      severity: 'high',
      severity_source: { source: 'azure-monitor:Sev1' },
      detected_at: '2024-06-01T09:14:02.517Z',
      location: { path: 'runtime/azure-monitor/microsoft.insights/components/shop-web-insights' },
    });
  });

  test('a log alert (Log Alerts V2) with namespace and controller dimensions: OOM kill linked to the Deployment', async () => {
    const { findings } = await run(await fixture('azure-log-alert.json'));
    expect(findings[0]).toMatchObject({ event_type: 'runtime.oom_killed', severity: 'medium', location: { path: 'deploy/k8s.yaml', start_line: 16 } });
  });

  test.each([
    ['Sev0', 'critical'],
    ['Sev2', 'medium'],
    ['Sev3', 'low'],
    ['Sev4', 'info'],
  ])('%s -> %s', async (sev, expected) => {
    const payload = JSON.parse(await fixture('azure-availability-alert.json'));
    payload.data.essentials.severity = sev;
    expect((await run(JSON.stringify(payload))).findings[0]!.severity).toBe(expected);
  });
});

describe('generic form (docs/alerts.md)', () => {
  test('a ProbeFailure for a named workload', async () => {
    const payload = { alert: 'ProbeFailure', severity: 'critical', started_at: '2024-06-01T09:12:00Z', workload: { namespace: 'shop', kind: 'deployment', name: 'shop-web' }, summary: 'Readiness probe failed: HTTP probe failed with statuscode: 503', labels: { team: 'shop' } };
    const { findings } = await run(JSON.stringify(payload));
    expect(findings[0]).toMatchObject({ event_type: 'runtime.probe_failure', severity: 'critical', detected_at: '2024-06-01T09:12:00.000Z', location: { path: 'deploy/k8s.yaml', start_line: 16 } });
  });

  test.each([
    ['HighErrorRate', 'runtime.high_error_rate'],
    ['ShopCheckoutLatency', 'runtime.alert'],
  ])('%s -> %s', async (alert, eventType) => {
    const { findings } = await run(JSON.stringify({ alert, started_at: '2024-06-01T09:12:00Z' }));
    expect(findings[0]!.event_type).toBe(eventType);
    expect(findings[0]!.location.path).toBe(`runtime/generic/${alert}`);
  });
});

describe('bad payloads are configuration errors naming the field', () => {
  test.each([
    ['{"status": "firing"}', 'alerts'],
    ['{"version": "4", "alerts": [{"status": "firing", "labels": {}, "startsAt": "2024-06-01T09:00:00Z"}]}', 'alerts[0].labels.alertname'],
    ['{"version": "4", "alerts": [{"status": "firing", "labels": {"alertname": "X"}}]}', 'alerts[0].startsAt'],
    ['{"schemaId": "azureMonitorCommonAlertSchema", "data": {"essentials": {"alertRule": "r", "severity": "Sev9", "monitorCondition": "Fired", "firedDateTime": "2024-06-01T09:00:00Z"}}}', 'data.essentials.severity'],
    ['{"schemaId": "azureMonitorCommonAlertSchema", "data": {}}', 'data.essentials'],
    ['{"alert": "X", "started_at": "yesterday"}', 'started_at'],
    ['{"alert": "X", "started_at": "2024-06-01T09:00:00Z", "workload": {"name": "a"}}', 'workload.kind'],
  ])('%s -> %s', (text, field) => {
    let caught: unknown;
    try {
      parseAlertPayload(JSON.parse(text), "input 'alert'");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigurationError);
    expect((caught as ConfigurationError).field).toBe(field);
  });

  test('text that is not JSON names the input', () => {
    expect(() => runtimeAlertScanner({ text: 'alertname=Foo', source: "input 'alert'" })).toThrow(/input 'alert': not JSON/);
  });
});

describe('workloads from labels', () => {
  test.each([
    ['shop-web-7d4b9c8f6-x2k4q', 'Deployment', 'shop-web'],
    ['postgres-0', 'StatefulSet', 'postgres'],
    ['node-exporter-8xk2p', 'DaemonSet', 'node-exporter'],
    ['nightly-report-28634520-bx7zq', 'CronJob', 'nightly-report'],
  ])('pod %s belongs to %s %s first', (pod, kind, name) => {
    expect(ownersOfPod(pod)[0]).toEqual({ kind, name });
  });

  test('job is the scrape job, not a Kubernetes Job; job_name is', () => {
    expect(workloadFromLabels({ job: 'kube-state-metrics', namespace: 'shop' })).toBeUndefined();
    expect(workloadFromLabels({ job_name: 'db-migrate', namespace: 'shop' })).toMatchObject({ kind: 'Job', name: 'db-migrate' });
    expect(workloadFromLabels({ owner_kind: 'ReplicaSet', owner_name: 'shop-web-7d4b9c8f6' })).toMatchObject({ kind: 'Deployment', name: 'shop-web', namespace: 'default', namespaceGiven: false });
  });
});

describe('the runtime scanner', () => {
  test('without the alert input it examines nothing; "@file" reads the payload from a file', async () => {
    const workspace = await mkdtemp(path.join(os.tmpdir(), 'secloop-alert-'));
    const context = { root: MANIFESTS, logger: memoryLogger(), detectedAt: DETECTED_AT, settings: {} };
    const none = await createRuntimeAlertScanner({ inputs: new Inputs(() => undefined), workspace, root: MANIFESTS, logger: memoryLogger() });
    expect(none.wants('deploy/k8s.yaml', 'k8s.yaml')).toBe(false);
    expect(await none.scan([], context)).toEqual({ findings: [], warnings: [], errors: [], examined: 0 });
    await writeFile(path.join(workspace, 'payload.json'), await fixture('alertmanager-kube-prometheus.json'));
    const fromFile = await createRuntimeAlertScanner({ inputs: new Inputs((n) => (n === 'alert' ? '@payload.json' : undefined)), workspace, root: MANIFESTS, logger: memoryLogger() });
    expect((await fromFile.scan([], context)).findings).toHaveLength(2);
    await expect(createRuntimeAlertScanner({ inputs: new Inputs((n) => (n === 'alert' ? '@missing.json' : undefined)), workspace, root: MANIFESTS, logger: memoryLogger() })).rejects.toThrow(ConfigurationError);
  });

  test('a broken YAML file with the workload name is a warning, the lookup goes on', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'secloop-alert-'));
    await writeFile(path.join(root, 'broken.yaml'), 'kind: Deployment\nmetadata:\n  name: shop-web\n  namespace: [shop\n');
    await writeFile(path.join(root, 'bomb.yaml'), `kind: ConfigMap\nmetadata:\n  name: shop-web\na: &a ["x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n`);
    await writeFile(path.join(root, 'good.yml'), await readFile(path.join(MANIFESTS, 'deploy', 'k8s.yaml')));
    const result = await run(await fixture('alertmanager-kube-prometheus.json'), root);
    expect(result.findings[0]!.location).toEqual({ path: 'good.yml', start_line: 16 });
    expect(result.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'broken.yaml', scanner: 'runtime' })]));
  });
});

describe('the example payloads under examples/alerts', () => {
  const examples = path.resolve(TESTDATA, '../../../../../../examples/alerts');
  test.each(['probe-failure.alertmanager.json', 'probe-failure.generic.json'])('%s: one probe failure of Deployment shop/shop-web', async (name) => {
    // Matched against this folder's stand-in manifest (same namespace, kind and name as the demo app's).
    const result = await run(await readFile(path.join(examples, name), 'utf8'));
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ event_type: 'runtime.probe_failure', severity: 'critical', location: { path: 'deploy/k8s.yaml', start_line: 16 } });
  });
});
