import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Finding } from '../../../../src/shared/contracts/findings.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { analyze } from './analyze.js';
import { findingsDocument, scanInto, settingsWith, tempDir, writeDocument } from './fixtures.test-util.js';
import { CONFIDENCE_FACTORS, scoreConfidence, scoreFinding, scoreSeverity } from './scoring.js';

describe('severity', () => {
  let findings: Finding[];
  beforeAll(async () => {
    findings = (await scanInto(await tempDir('scan'))).findings;
  });

  it('is recomputed from the CVSS v3 vector, whatever label the finding carries', () => {
    const log4j = findings.find((f) => f.advisory?.aliases.includes('CVE-2021-44228'))!;
    expect(log4j.severity_source.vector).toMatch(/^CVSS:3\.1\//);
    const relabelled: Finding = { ...log4j, severity: 'low' };
    const scored = scoreSeverity(relabelled);
    // Log4Shell: AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H is the textbook 10.0.
    expect(scored.severity).toBe('critical');
    expect(scored.severity_source.score).toBe(10);
    expect(scored.from).toBe('CVSS 3.1 base score 10.0');
  });

  it('reads CVSS v4.0 vectors', () => {
    const base = findings[0]!;
    // FIRST's CVSS v4.0 specification example: a network, no-privilege, high-impact vector scores 9.3.
    const v4: Finding = { ...base, severity: 'medium', severity_source: { source: 'CVSS_V4', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' } };
    const scored = scoreSeverity(v4);
    expect(scored.severity_source.score).toBe(9.3);
    expect(scored.severity).toBe('critical');
  });

  it('falls back to the normalised label when there is no usable vector', () => {
    const base = findings.find((f) => f.severity_source.source === 'database_specific') ?? findings[0]!;
    const broken: Finding = { ...base, severity: 'medium', severity_source: { source: 'CVSS_V3', vector: 'CVSS:3.2/AV:N' } };
    const scored = scoreSeverity(broken);
    expect(scored.severity).toBe('medium');
    expect(scored.from).toMatch(/^CVSS_V3 label \(vector unusable: unsupported CVSS version 3\.2/);
    // A vocabulary from another tool (GitHub's "moderate") is normalised, not rejected.
    const moderate = { ...base, severity: 'moderate', severity_source: { source: 'ghsa' } } as unknown as Finding;
    expect(scoreSeverity(moderate).severity).toBe('medium');
  });
});

describe('confidence', () => {
  let direct: Finding;
  beforeAll(async () => {
    const findings = (await scanInto(await tempDir('scan'))).findings;
    direct = findings.find((f) => f.package?.direct === true && f.fix?.available)!;
  });

  it('keeps the rule precision for a direct production dependency with a fix', () => {
    expect(scoreConfidence({ ...direct, package: { ...direct.package!, scope: 'prod' } }, false)).toEqual({ confidence: direct.confidence, factors: [] });
  });

  it('multiplies the documented factors: transitive, dev-only, no fix', () => {
    const c0 = direct.confidence;
    const transitive = { ...direct, package: { ...direct.package!, direct: false, scope: 'prod' as const } };
    expect(scoreConfidence(transitive, false).confidence).toBeCloseTo(c0 * CONFIDENCE_FACTORS.transitive, 3);
    const devTransitive = { ...transitive, package: { ...transitive.package, scope: 'dev' as const } };
    expect(scoreConfidence(devTransitive, false).confidence).toBeCloseTo(c0 * CONFIDENCE_FACTORS.transitive * CONFIDENCE_FACTORS.devOnly, 3);
    const noFix = { ...devTransitive, fix: { summary: 'No fixed version.', available: false } };
    const scored = scoreConfidence(noFix, false);
    expect(scored.confidence).toBeCloseTo(c0 * 0.9 * 0.8 * 0.9, 3);
    expect(scored.factors).toEqual(['transitive dependency ×0.9', 'dev-only dependency ×0.8', 'no known fix ×0.9']);
    // Ordering holds whatever c0 is: each doubt lowers it.
    expect(scored.confidence).toBeLessThan(scoreConfidence(devTransitive, false).confidence);
  });

  it('removes half the remaining doubt with runtime evidence', () => {
    const transitive = { ...direct, package: { ...direct.package!, direct: false, scope: 'prod' as const } };
    const without = scoreConfidence(transitive, false).confidence;
    const withEvidence = scoreConfidence(transitive, true).confidence;
    // Rounded to 3 decimals, as the module header says.
    expect(withEvidence).toBe(Math.round((without + (1 - without) / 2) * 1000) / 1000);
    expect(withEvidence).toBeLessThanOrEqual(1);
  });

  it('records where both numbers came from', () => {
    const scored = scoreFinding({ ...direct, package: { ...direct.package!, direct: false } }, false);
    expect(scored.scoring.base_confidence).toBe(direct.confidence);
    expect(scored.scoring.factors).toContain('transitive dependency ×0.9');
    expect(scored.scoring.severity_from).toMatch(/CVSS|label/);
  });
});

describe('scoring in the analysis', () => {
  it('gives every finding its own explanation, the same object only for findings scored alike', async () => {
    const scanned = (await scanInto(await tempDir('scan'))).findings;
    const expected = new Map(scanned.map((f) => [f.fingerprint, scoreFinding(structuredClone(f), false).scoring]));
    const document = await analyze({ inputDirs: [await writeDocument(await tempDir('cell'), findingsDocument(scanned))], settings: settingsWith(), logger: memoryLogger() });
    expect(document.findings).toHaveLength(scanned.length);
    for (const f of document.findings) expect(f.scoring).toEqual(expected.get(f.fingerprint));
    // Shared where alike (the demo apps have several findings of each kind), so fewer objects than findings.
    const objects = new Set(document.findings.map((f) => f.scoring));
    expect(objects.size).toBe(new Set(document.findings.map((f) => JSON.stringify(f.scoring))).size);
    expect(objects.size).toBeLessThan(document.findings.length);
  });
});
