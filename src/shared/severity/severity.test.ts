import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { corpusPath } from '../../../test/corpus.js';
import { ConfigurationError } from '../errors.js';
import { cvssBaseScore } from './cvss.js';
import {
  advisorySeverity,
  atLeast,
  compareSeverity,
  normaliseSeverity,
  severityFromScore,
  severityRank,
  SEVERITIES,
  type OsvSeverityFields,
  type Severity,
} from './severity.js';

type CorpusAdvisory = OsvSeverityFields & { id: string; withdrawn?: string };

function corpusAdvisories(): CorpusAdvisory[] {
  const records: CorpusAdvisory[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.json') && name !== 'index.json') records.push(JSON.parse(readFileSync(full, 'utf8')));
    }
  };
  walk(corpusPath('advisories'));
  return records;
}

describe('severityFromScore', () => {
  it.each([
    [10, 'critical'],
    [9.0, 'critical'],
    [8.9, 'high'],
    [7.0, 'high'],
    [6.9, 'medium'],
    [4.0, 'medium'],
    [3.9, 'low'],
    [0.1, 'low'],
    [0, 'info'],
  ] as const)('%d → %s', (score, severity) => {
    expect(severityFromScore(score)).toBe(severity);
  });

  it.each([-0.1, 10.1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %d', (score) => {
    expect(() => severityFromScore(score)).toThrow(/CVSS score must be a number from 0.0 to 10.0/);
  });
});

describe('normaliseSeverity', () => {
  it.each([
    ['CRITICAL', 'critical'],
    ['High', 'high'],
    ['moderate', 'medium'],
    ['MODERATE', 'medium'],
    ['medium', 'medium'],
    ['Low', 'low'],
    ['negligible', 'info'],
    ['NONE', 'info'],
    ['unknown', 'info'],
    ['info', 'info'],
    [' high ', 'high'],
  ] as const)('%j → %s', (word, severity) => {
    expect(normaliseSeverity(word)).toBe(severity);
  });

  it('names the bad value and where it came from', () => {
    expect(() => normaliseSeverity('severe')).toThrow(ConfigurationError);
    expect(() => normaliseSeverity('severe', '.secloop.yml', 'fail-on')).toThrow(
      '.secloop.yml (fail-on): unknown severity "severe" (expected one of critical, high, medium, low, info',
    );
    expect(() => normaliseSeverity(undefined as unknown as string)).toThrow(ConfigurationError);
  });
});

describe('ordering', () => {
  it('ranks critical above high above medium above low above info', () => {
    const ranks = SEVERITIES.map(severityRank);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    expect(new Set(ranks).size).toBe(SEVERITIES.length);
  });

  it('sorts most severe first', () => {
    const shuffled: Severity[] = ['low', 'critical', 'info', 'medium', 'high'];
    expect(shuffled.sort(compareSeverity)).toEqual([...SEVERITIES]);
  });

  it('atLeast compares against a threshold, inclusive', () => {
    expect(atLeast('high', 'high')).toBe(true);
    expect(atLeast('critical', 'high')).toBe(true);
    expect(atLeast('medium', 'high')).toBe(false);
    expect(atLeast('info', 'low')).toBe(false);
    expect(atLeast('info', 'info')).toBe(true);
  });
});

describe('advisorySeverity on hand-made records', () => {
  const v31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N'; // 7.5
  const v4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N'; // 6.9
  const v2 = 'AV:N/AC:M/Au:N/C:C/I:C/A:C'; // 9.3

  it('prefers the newest CVSS version over a higher older score', () => {
    const result = advisorySeverity({
      severity: [
        { type: 'CVSS_V2', score: v2 },
        { type: 'CVSS_V3', score: v31 },
        { type: 'CVSS_V4', score: v4 },
      ],
      database_specific: { severity: 'CRITICAL' },
    });
    expect(result).toEqual({ severity: 'medium', score: 6.9, vector: v4, source: 'CVSS_V4' });
  });

  it('falls back to an older version when the newer vector is invalid', () => {
    const result = advisorySeverity({
      severity: [
        { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N' },
        { type: 'CVSS_V3', score: v31 },
      ],
    });
    expect(result).toEqual({ severity: 'high', score: 7.5, vector: v31, source: 'CVSS_V3' });
  });

  it('reads per-package vectors and takes the highest score of one version', () => {
    const result = advisorySeverity({
      affected: [
        { severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N' }] },
        { severity: [{ type: 'CVSS_V3', score: v31 }] },
      ],
    });
    expect(result.score).toBe(7.5);
    expect(result.source).toBe('CVSS_V3');
  });

  it('uses the label when no vector parses', () => {
    expect(advisorySeverity({ severity: [{ type: 'CVSS_V3', score: 'nonsense' }], database_specific: { severity: 'MODERATE' } })).toEqual({
      severity: 'medium',
      source: 'database_specific',
    });
  });

  it('prefers the record label to per-package labels, and takes the most severe per-package label', () => {
    expect(
      advisorySeverity({ database_specific: { severity: 'LOW' }, affected: [{ database_specific: { severity: 'HIGH' } }] }).severity,
    ).toBe('low');
    expect(
      advisorySeverity({
        affected: [
          { ecosystem_specific: { severity: 'medium' } },
          { database_specific: { severity: 'HIGH' } },
          { severity: [{ type: 'Ubuntu', score: 'low' }] },
        ],
      }),
    ).toEqual({ severity: 'high', source: 'database_specific' });
  });

  it('returns unknown for no severity, an UNKNOWN label, or an unrecognised label', () => {
    expect(advisorySeverity({})).toEqual({ severity: 'info', source: 'unknown' });
    expect(advisorySeverity({ database_specific: { severity: 'UNKNOWN' } }).source).toBe('unknown');
    expect(advisorySeverity({ database_specific: { severity: 'urgent-ish' } }).source).toBe('unknown');
    expect(advisorySeverity({ severity: null, affected: null, database_specific: null }).source).toBe('unknown');
  });
});

describe('advisorySeverity on every corpus advisory', () => {
  const records = corpusAdvisories();

  it('reads all 40 corpus advisories', () => {
    expect(records.length).toBeGreaterThanOrEqual(40);
  });

  it.each(records.map((record) => [record.id, record] as const))('%s', (_id, record) => {
    const result = advisorySeverity(record);
    const vectors = (record.severity ?? []).filter((entry) => entry.type.startsWith('CVSS_'));
    const label = record.database_specific?.severity;
    if (vectors.length > 0) {
      const newest = vectors.map((entry) => entry.type).sort().at(-1);
      expect(result.source).toBe(newest);
      expect(result.vector).toBe(vectors.find((entry) => entry.type === newest)?.score);
      expect(result.score).toBe(cvssBaseScore(result.vector as string).baseScore);
      // GitHub derives its label from the CVSS score: our band must agree with it.
      expect(result.severity).toBe(normaliseSeverity(String(label)));
    } else if (typeof label === 'string') {
      expect(result).toEqual({ severity: normaliseSeverity(label), source: 'database_specific' });
    } else {
      expect(result).toEqual({ severity: 'info', source: 'unknown' });
    }
  });

  it('covers every source the corpus offers', () => {
    const sources = new Set(records.map((record) => advisorySeverity(record).source));
    expect(sources).toEqual(new Set(['CVSS_V4', 'CVSS_V3', 'database_specific', 'unknown']));
  });
});
