import { beforeAll, describe, expect, it } from '@jest/globals';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { LocalArtifactStore } from '../../../../src/shared/artifacts/local-store.js';
import type { Finding, FindingsDocument } from '../../../../src/shared/contracts/findings.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { analyze } from './analyze.js';
import { copyOfApps, findingsDocument, scanInto, settingsWith, tempDir, writeDocument } from './fixtures.test-util.js';
import { FindingMerger, packageKey, vulnerabilityIds } from './merge.js';

describe('merging two matrix-cell artifacts of real scans', () => {
  let store: LocalArtifactStore;
  let cell: FindingsDocument;
  let apps: string;

  beforeAll(async () => {
    const root = await tempDir('artifacts');
    store = new LocalArtifactStore(root);
    // A second app with the same lockfile: the same package@version (and advisories) in two places.
    apps = await copyOfApps();
    await mkdir(path.join(apps, 'shop-admin'));
    await cp(path.join(apps, 'shop-web', 'package-lock.json'), path.join(apps, 'shop-admin', 'package-lock.json'));
    // Two cells of one matrix (say ubuntu and windows) scanning the same tree upload one artifact each.
    for (const name of ['secloop-scan-security-1a2b3c4d5e', 'secloop-scan-security-6f7a8b9c0d']) {
      const dir = path.join(root, name);
      await mkdir(dir, { recursive: true });
      cell = await scanInto(dir, apps);
    }
  });

  it('counts each finding once and names both cells as its sources', async () => {
    const document = await analyze({ artifacts: { store, downloadDir: await tempDir('dl') }, settings: settingsWith(), logger: memoryLogger() });
    expect(document.errors).toEqual([]);
    expect(document.inputs.map((i) => i.source)).toEqual(['secloop-scan-security-1a2b3c4d5e', 'secloop-scan-security-6f7a8b9c0d']);
    expect(document.summary.total).toBe(cell.findings.length);
    expect(new Set(document.findings.map((f) => f.fingerprint))).toEqual(new Set(cell.findings.map((f) => f.fingerprint)));
    for (const f of document.findings) expect(f.sources).toEqual(['secloop-scan-security-1a2b3c4d5e', 'secloop-scan-security-6f7a8b9c0d']);
  });

  it('groups one vulnerability of one package found in two lockfiles, keeping both findings and locations', async () => {
    const document = await analyze({ artifacts: { store, downloadDir: await tempDir('dl') }, settings: settingsWith(), logger: memoryLogger() });
    const minimist = document.findings.filter((f) => f.package?.name === 'minimist');
    expect(minimist.map((f) => f.location.path).sort()).toEqual(['apps/shop-admin/package-lock.json', 'apps/shop-web/package-lock.json']);
    expect(new Set(minimist.map((f) => f.fingerprint)).size).toBe(2);
    expect(new Set(minimist.map((f) => f.group)).size).toBe(1);
    // Named by the CVE alias, so a Trivy finding of the same CVE lands in the same group.
    const cve = minimist[0]!.advisory!.aliases.find((a) => a.startsWith('CVE-'));
    expect(minimist[0]!.group).toBe(`${cve}|npm/minimist@${minimist[0]!.package!.version}`);
    // Two advisories of one package are two groups (different vulnerabilities), each with both lockfiles.
    const lodash = document.findings.filter((f) => f.package?.name === 'lodash');
    expect(lodash).toHaveLength(4);
    expect(new Set(lodash.map((f) => f.group)).size).toBe(2);
    // Every shop-admin finding joins the group of its shop-web twin.
    const groupsIn = (dir: string) => new Set(document.findings.filter((f) => f.location.path.startsWith(dir)).map((f) => f.group));
    expect(groupsIn('shop-admin/')).toEqual(groupsIn('shop-web/'));
  });

  it('groups our GHSA finding with a Trivy SARIF finding of its CVE alias (no ecosystem, package in the message)', async () => {
    const log4j = cell.findings.find((f) => f.advisory?.aliases.includes('CVE-2021-44228'))!;
    const trivy: Finding = {
      fingerprint: 'ab'.repeat(16),
      kind: 'sarif',
      event_type: 'vulnerability.dependency',
      rule: { id: 'CVE-2021-44228', name: 'log4j-core: Remote code injection in Log4j', help: 'Upgrade log4j-core.' },
      message: 'Package: org.apache.logging.log4j:log4j-core\nInstalled Version: 2.14.1\nVulnerability CVE-2021-44228\nSeverity: CRITICAL',
      severity: 'critical',
      severity_source: { source: 'trivy' },
      confidence: 0.9,
      location: { path: 'ledger/target/ledger.jar' },
      detected_at: '2026-11-01T10:00:00.000Z',
    };
    const trivyDir = await tempDir('trivy');
    await writeDocument(trivyDir, findingsDocument([trivy], 'trivy-run'));
    const document = await analyze({
      artifacts: { store, downloadDir: await tempDir('dl') },
      inputDirs: [trivyDir],
      settings: settingsWith(),
      logger: memoryLogger(),
    });
    const ours = document.findings.find((f) => f.fingerprint === log4j.fingerprint)!;
    const theirs = document.findings.find((f) => f.fingerprint === trivy.fingerprint)!;
    expect(theirs.group).toBe(ours.group);
    expect(ours.group).toBe('CVE-2021-44228|maven/org.apache.logging.log4j:log4j-core@2.14.1');
    // Both places are kept: the pom.xml line and the jar.
    expect([ours.location.path, theirs.location.path]).toEqual(['apps/ledger/pom.xml', 'ledger/target/ledger.jar']);
    // The other log4j advisory (CVE-2021-45046) is a different vulnerability of the same package.
    const other = document.findings.find((f) => f.package?.name.endsWith('log4j-core') && f.fingerprint !== log4j.fingerprint)!;
    expect(other.group).not.toBe(ours.group);
  });
});

describe('FindingMerger', () => {
  let findings: Finding[];
  beforeAll(async () => {
    findings = (await scanInto(await tempDir('scan'))).findings;
  });

  it('keeps every location when cells saw the same finding at different lines', () => {
    const original = findings[0]!;
    const shifted: Finding = { ...original, location: { ...original.location, start_line: original.location.start_line! + 3 }, detected_at: '2020-01-01T00:00:00.000Z' };
    const merger = new FindingMerger();
    merger.add({ source: 'cell-a', findings: [original] });
    merger.add({ source: 'cell-b', findings: [shifted] });
    merger.add({ source: 'cell-c', findings: [original] });
    const [merged, ...rest] = merger.finish();
    expect(rest).toEqual([]);
    expect(merged!.sources).toEqual(['cell-a', 'cell-b', 'cell-c']);
    expect(merged!.location).toEqual(original.location);
    expect(merged!.other_locations).toEqual([shifted.location]);
    expect(merged!.detected_at).toBe('2020-01-01T00:00:00.000Z');
  });

  it('derives ids and package keys the way tools spell them', () => {
    const pyyaml = findings.find((f) => f.package?.name === 'PyYAML')!;
    expect(vulnerabilityIds(pyyaml)).toEqual([pyyaml.advisory!.id, ...pyyaml.advisory!.aliases].map((s) => s.toUpperCase()));
    expect(packageKey(pyyaml)).toBe('pypi/pyyaml@5.3.1');
    const gin = findings.find((f) => f.package?.name === 'github.com/gin-gonic/gin')!;
    expect(packageKey(gin)).toBe(`go/github.com/gin-gonic/gin@${gin.package!.version.replace(/^v/, '')}`);
  });

  it('merges 100 cells of the demo findings into one finding each, every cell a source, no location repeated', () => {
    // (How fast is measured by npm run bench, not here.)
    const merger = new FindingMerger();
    for (let i = 0; i < 100; i++) merger.add({ source: `cell-${i}`, findings: findings.map((f) => structuredClone(f)) });
    const merged = merger.finish();
    expect(merged).toHaveLength(findings.length);
    expect(merged.every((f) => f.sources.length === 100)).toBe(true);
    expect(merged.every((f) => (f.other_locations ?? []).length === (findings.find((o) => o.fingerprint === f.fingerprint)!.other_locations ?? []).length)).toBe(true);
  });

  it('orders the merged findings by path, line and fingerprint whatever order the cells gave them in', () => {
    // The demo findings spread over several cells in reverse and interleaved order, a few moved to one path at
    // lines tied with each other, so each key of the order decides somewhere.
    const shared = findings.slice(0, 6).map((f, i) => ({ ...structuredClone(f), location: { ...f.location, path: 'apps/a.lock', start_line: 1 + (i % 2) } }));
    const rest = findings.slice(6).map((f) => structuredClone(f));
    const merger = new FindingMerger();
    merger.add({ source: 'cell-a', findings: [...rest].reverse().filter((_, i) => i % 2 === 0) });
    merger.add({ source: 'cell-b', findings: [...shared].reverse() });
    merger.add({ source: 'cell-c', findings: [...rest].reverse().filter((_, i) => i % 2 === 1) });
    const merged = merger.finish();
    const expected = [...shared, ...rest]
      .map((f) => [f.location.path, f.location.start_line ?? 0, f.fingerprint] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0)));
    expect(merged.map((f) => [f.location.path, f.location.start_line ?? 0, f.fingerprint])).toEqual(expected);
    expect(merged.slice(0, 6).map((f) => f.location.start_line)).toEqual([1, 1, 1, 2, 2, 2]);
  });

  it('shares one advisory object per advisory, package and fixed versions, and no more', () => {
    const base = findings.find((f) => f.advisory && f.package)!;
    const copy = (i: number, change: (f: Finding) => void = () => undefined): Finding => {
      const f = { ...structuredClone(base), fingerprint: i.toString(16).padStart(32, '0') };
      change(f);
      return f;
    };
    const merger = new FindingMerger();
    merger.add({
      source: 'cell',
      findings: [
        copy(1),
        copy(2),
        copy(3, (f) => (f.package!.name = `${f.package!.name}-fork`)),
        copy(4, (f) => (f.advisory!.fixed_versions = [...f.advisory!.fixed_versions, '99.0.0'])),
        copy(5, (f) => (f.advisory!.modified = '2001-01-01T00:00:00Z')),
      ],
    });
    const byFingerprint = new Map(merger.finish().map((f) => [Number.parseInt(f.fingerprint, 16), f.advisory]));
    expect(byFingerprint.get(2)).toBe(byFingerprint.get(1));
    for (const other of [3, 4, 5]) expect(byFingerprint.get(other)).not.toBe(byFingerprint.get(1));
    expect(new Set(byFingerprint.values()).size).toBe(4);
  });

  it('keeps two places in git history apart when only their commit differs', () => {
    const secret = findings.find((f) => f.kind === 'secret') ?? findings[0]!;
    const at = (commit: string): Finding => ({ ...structuredClone(secret), location: { path: 'src/app.js', start_line: 3, start_column: 16, commit }, other_locations: undefined });
    const merger = new FindingMerger();
    merger.add({ source: 'cell-a', findings: [at('a'.repeat(40))] });
    merger.add({ source: 'cell-b', findings: [at('b'.repeat(40)), at('a'.repeat(40))] });
    const [merged] = merger.finish();
    expect([merged!.location, ...(merged!.other_locations ?? [])].map((l) => l.commit)).toEqual(['a'.repeat(40), 'b'.repeat(40)]);
  });
});
