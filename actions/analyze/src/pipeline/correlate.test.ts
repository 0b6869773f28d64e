import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Finding } from '../../../../src/shared/contracts/findings.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { analyze } from './analyze.js';
import { appDirectoryOf, correlate, workloadOf } from './correlate.js';
import { findingsDocument, runtimeAlert, scanInto, settingsWith, tempDir, workloadFinding, writeDocument } from './fixtures.test-util.js';

const SHOP = { namespace: 'prod', kind: 'Deployment', name: 'shop-web' };
const BILLING = { namespace: 'prod', kind: 'Deployment', name: 'billing-api' };

describe('correlation on the demo apps', () => {
  let scanned: Finding[];
  let alert: Finding;
  let probe: Finding;
  let otherWorkload: Finding;
  let sameFileOtherRule: Finding;

  beforeAll(async () => {
    scanned = (await scanInto(await tempDir('scan'))).findings;
    alert = runtimeAlert('shop-web/k8s/deployment.yaml', SHOP);
    probe = workloadFinding('deploy/shop-web.yaml', SHOP, 'K8S-LIVENESS-PROBE');
    sameFileOtherRule = workloadFinding('shop-web/k8s/deployment.yaml', { ...SHOP, name: 'sidecar' }, 'K8S-RUN-AS-ROOT', 40);
    otherWorkload = workloadFinding('billing-api/k8s/deployment.yaml', BILLING, 'K8S-LIVENESS-PROBE');
  });

  it('links a runtime alert to its workload\'s misconfigurations and its app\'s vulnerable packages only', () => {
    const { links, runtimeEvidence } = correlate([...scanned, alert, probe, sameFileOtherRule, otherWorkload]);
    const linked = new Set(links.get(alert.fingerprint));
    // Same workload in another file (namespace/kind/name), and another finding in the same manifest.
    expect(linked.has(probe.fingerprint)).toBe(true);
    expect(linked.has(sameFileOtherRule.fingerprint)).toBe(true);
    expect(linked.has(otherWorkload.fingerprint)).toBe(false);
    const shopDeps = scanned.filter((f) => f.package?.manifest.startsWith('shop-web/'));
    expect(shopDeps.length).toBeGreaterThan(3);
    for (const d of shopDeps) expect(linked.has(d.fingerprint)).toBe(true);
    for (const d of scanned.filter((f) => !f.package?.manifest.startsWith('shop-web/'))) expect(linked.has(d.fingerprint)).toBe(false);
    // Symmetric, and the evidence marks both sides.
    expect(links.get(probe.fingerprint)).toContain(alert.fingerprint);
    expect(runtimeEvidence.has(alert.fingerprint)).toBe(true);
    expect(runtimeEvidence.has(probe.fingerprint)).toBe(true);
    expect(runtimeEvidence.has(otherWorkload.fingerprint)).toBe(false);
  });

  it('links the advisories one upgrade fixes: the same package@version in one lockfile', () => {
    const { links } = correlate(scanned);
    const lodash = scanned.filter((f) => f.package?.name === 'lodash');
    expect(lodash).toHaveLength(2);
    expect(links.get(lodash[0]!.fingerprint)).toEqual([lodash[1]!.fingerprint]);
    const xnet = scanned.filter((f) => f.package?.name === 'golang.org/x/net');
    expect(xnet.length).toBeGreaterThanOrEqual(2);
    for (const f of xnet) expect(new Set(links.get(f.fingerprint))).toEqual(new Set(xnet.filter((o) => o !== f).map((o) => o.fingerprint)));
    // A package with a single advisory has nothing to share a fix with.
    const minimist = scanned.find((f) => f.package?.name === 'minimist')!;
    expect(links.get(minimist.fingerprint)).toBeUndefined();
  });

  it('gives a finding linked both by a shared fix and by a runtime alert every link once, sorted', () => {
    // shop-web's lodash advisories share a fix, and the alert on shop-web links to both as well.
    const { links } = correlate([...scanned, alert]);
    const lodash = scanned.filter((f) => f.package?.name === 'lodash' && f.package.manifest.startsWith('shop-web/'));
    expect(lodash).toHaveLength(2);
    for (const f of lodash) {
      const other = lodash.find((o) => o !== f)!;
      expect(links.get(f.fingerprint)).toEqual([other.fingerprint, alert.fingerprint].sort());
    }
    // The same finding twice (one document given twice) is still one link, never a link to itself.
    const twice = correlate([...lodash, ...lodash.map((f) => structuredClone(f))]).links;
    expect(twice.get(lodash[0]!.fingerprint)).toEqual([lodash[1]!.fingerprint]);
  });

  it('raises the confidence of what the runtime alert points at, in the analysis', async () => {
    const scanDir = await tempDir('scan');
    await scanInto(scanDir);
    const runtimeDir = await tempDir('runtime');
    await writeDocument(runtimeDir, findingsDocument([alert, probe, otherWorkload]));
    const document = await analyze({ inputDirs: [scanDir, runtimeDir], settings: settingsWith(), logger: memoryLogger() });
    const byFp = new Map(document.findings.map((f) => [f.fingerprint, f]));
    const analysedProbe = byFp.get(probe.fingerprint)!;
    expect(analysedProbe.correlated).toContain(alert.fingerprint);
    expect(analysedProbe.confidence).toBe(Math.round((probe.confidence + (1 - probe.confidence) / 2) * 1000) / 1000);
    expect(analysedProbe.scoring!.factors).toContain('runtime evidence: half the remaining doubt removed');
    const analysedOther = byFp.get(otherWorkload.fingerprint)!;
    expect(analysedOther.correlated).toEqual([]);
    expect(analysedOther.confidence).toBe(otherWorkload.confidence);
  });
});

describe('workload and application names', () => {
  it('reads the workload from tags or from the message', () => {
    expect(workloadOf(runtimeAlert('a.yaml', SHOP))).toBe('prod/deployment/shop-web');
    expect(workloadOf(workloadFinding('a.yaml', SHOP, 'X'))).toBe('prod/deployment/shop-web');
    const noNamespace = { ...workloadFinding('a.yaml', SHOP, 'X'), message: 'StatefulSet/db has no resource limits' };
    expect(workloadOf(noNamespace)).toBe('default/statefulset/db');
    expect(workloadOf({ ...noNamespace, message: 'image uses latest tag' })).toBeUndefined();
  });

  it('strips deployment folders to find the application directory', () => {
    expect(appDirectoryOf('shop-web/k8s/deployment.yaml')).toBe('shop-web');
    expect(appDirectoryOf('services/api/deploy/helm/values.yaml')).toBe('services/api');
    expect(appDirectoryOf('k8s/deployment.yaml')).toBe('');
  });
});
