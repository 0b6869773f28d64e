import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { corpusPath } from '../../../../test/corpus.js';
import { InvalidDocumentError } from '../../../../src/shared/errors.js';
import { matchRecords } from './match.js';
import { SEMVER_RANGE_COMPARATOR, defaultComparatorLookup, evaluateAffected, normalisePackageName, rangeIncludes, sortEvents } from './ranges.js';
import { validateOsvRecord, type OsvRecord, type PackageQuery } from './types.js';

function corpusRecord(ecosystem: string, id: string): OsvRecord {
  const file = corpusPath('advisories', ecosystem, `${id}.json`);
  return validateOsvRecord(JSON.parse(readFileSync(file, 'utf8')), file);
}

let pypiZip: Record<string, Uint8Array> | undefined;
function pypiRecord(id: string): OsvRecord {
  pypiZip ??= unzipSync(readFileSync(corpusPath('osv-db', 'PyPI', 'all.zip')));
  const bytes = pypiZip[`${id}.json`];
  if (!bytes) throw new Error(`${id} not in the PyPI export`);
  return validateOsvRecord(JSON.parse(strFromU8(bytes)), id);
}

const options = { comparators: defaultComparatorLookup };
const query = (ecosystem: string, name: string, version: string): PackageQuery => ({ ecosystem, name, version });

describe('event walk (osv-schema Evaluation)', () => {
  const go1144 = corpusRecord('Go', 'GO-2022-1144');
  const stdlibRange = go1144.affected![0]!.ranges![0]!;

  it('walks SEMVER ranges with several introduced/fixed pairs (Go stdlib)', () => {
    const inRange = (v: string) => rangeIncludes(stdlibRange, v, SEMVER_RANGE_COMPARATOR).included;
    expect(inRange('1.18.8')).toBe(true);
    expect(inRange('1.18.9')).toBe(false);
    expect(inRange('1.19.0-0')).toBe(true);
    expect(inRange('1.19.0')).toBe(true);
    expect(inRange('1.19.3')).toBe(true);
    expect(inRange('1.19.4')).toBe(false);
    expect(inRange('1.20.0')).toBe(false);
    // Tolerated spellings: a "v" prefix, a missing patch.
    expect(inRange('v1.18.8')).toBe(true);
    expect(inRange('1.18')).toBe(true);
  });

  it('sorts events before walking (urllib3 PYSEC lists [2.0.0, 2.0.6) before [0, 1.26.17))', () => {
    const urllib3 = pypiRecord('PYSEC-2023-192');
    const range = urllib3.affected![0]!.ranges!.find((r) => r.type === 'ECOSYSTEM')!;
    expect(range.events.map((e) => Object.values(e)[0])).toEqual(['2.0.0', '2.0.6', '0', '1.26.17']);
    const pep440 = defaultComparatorLookup('PyPI')!;
    expect(sortEvents(range.events, pep440).map((e) => e.version)).toEqual(['0', '1.26.17', '2.0.0', '2.0.6']);
    expect(rangeIncludes(range, '1.26.16', pep440).included).toBe(true);
    expect(rangeIncludes(range, '1.26.17', pep440).included).toBe(false);
    expect(rangeIncludes(range, '2.0.5', pep440).included).toBe(true);
    expect(rangeIncludes(range, '2.0.6', pep440).included).toBe(false);
  });

  it('treats last_affected as inclusive and limit as an upper bound ("*" = none)', () => {
    const request = corpusRecord('npm', 'GHSA-p8p7-x288-28g6').affected![0]!.ranges![0]!;
    expect(rangeIncludes(request, '2.88.2', SEMVER_RANGE_COMPARATOR)).toEqual({ included: true, lastAffected: '2.88.2' });
    expect(rangeIncludes(request, '2.88.3', SEMVER_RANGE_COMPARATOR).included).toBe(false);
    const limited = { type: 'SEMVER' as const, events: [{ limit: '2.0.0' }, { introduced: '1.0.0' }] };
    expect(rangeIncludes(limited, '1.5.0', SEMVER_RANGE_COMPARATOR).included).toBe(true);
    expect(rangeIncludes(limited, '2.0.0', SEMVER_RANGE_COMPARATOR).included).toBe(false);
    const unlimited = { type: 'SEMVER' as const, events: [{ introduced: '1.0.0' }, { limit: '*' }] };
    expect(rangeIncludes(unlimited, '99.0.0', SEMVER_RANGE_COMPARATOR).included).toBe(true);
    const empty = { type: 'SEMVER' as const, events: [{ fixed: '1.0.0' }, { introduced: '1.0.0' }] };
    expect(rangeIncludes(empty, '1.0.0', SEMVER_RANGE_COMPARATOR).included).toBe(false);
  });

  it('uses versions[] when ranges are GIT only, and skips ECOSYSTEM ranges without a comparator', () => {
    const requests = pypiRecord('PYSEC-2023-74');
    const entry = requests.affected![0]!;
    const gitOnly = { ...entry, ranges: entry.ranges!.filter((r) => r.type === 'GIT') };
    expect(gitOnly.ranges.length).toBeGreaterThan(0);
    expect(evaluateAffected(gitOnly, '2.30.0', defaultComparatorLookup).affected).toBe(true); // listed
    expect(evaluateAffected(gitOnly, '2.31.0', defaultComparatorLookup).affected).toBe(false);

    const noOrdering = evaluateAffected(entry, '2.30.0', () => undefined);
    expect(noOrdering.affected).toBe(true); // still listed in versions[]
    expect(noOrdering.skipped).toContain('no version ordering for ecosystem "PyPI"');
    // Not listed and not orderable: not affected, and the reason is reported rather than guessed.
    const unlisted = evaluateAffected(entry, '2.30.0.post9', () => undefined);
    expect(unlisted.affected).toBe(false);
    expect(unlisted.skipped.length).toBeGreaterThan(0);
  });

  it('does not throw on non-canonical npm versions ("1.0" in node-fetch)', () => {
    const nodeFetch = corpusRecord('npm', 'GHSA-r683-j2x4-v87g');
    expect(nodeFetch.affected![0]!.ranges![0]!.events).toContainEqual({ introduced: '1.0' });
    const [match] = matchRecords(query('npm', 'node-fetch', '3.0.0'), [nodeFetch], options);
    expect(match?.fixedVersions).toEqual(['3.1.1']);
    const [older] = matchRecords(query('npm', 'node-fetch', '2.6.1'), [nodeFetch], options);
    // 2.6.7 closes [0, 2.6.7) but lies inside [1.0, 3.1.1): it is no fix.
    expect(older?.fixedVersions).toEqual(['3.1.1']);
    expect(older?.affected).toHaveLength(2);
    const [atOnePointZero] = matchRecords(query('npm', 'node-fetch', '1.0'), [nodeFetch], options);
    expect(atOnePointZero?.affected).toHaveLength(2);
    expect(atOnePointZero?.fixedVersions).toEqual(['3.1.1']);
  });
});

describe('matching real records', () => {
  const lodash = [corpusRecord('npm', 'GHSA-p6mc-m468-83gw'), corpusRecord('npm', 'GHSA-35jh-r3h4-6jhm')];

  it('lodash 4.17.15 is hit by both lodash advisories, with their fixes', () => {
    const matches = matchRecords(query('npm', 'lodash', '4.17.15'), lodash, options);
    expect(matches.map((m) => [m.id, m.fixedVersions])).toEqual([
      ['GHSA-35jh-r3h4-6jhm', ['4.17.21']],
      ['GHSA-p6mc-m468-83gw', ['4.17.20']],
    ]);
    expect(matches[1]!.aliases).toEqual(['CVE-2020-8203']);
    expect(matches[1]!.affected.map((a) => a.package!.name)).toEqual(['lodash']);
    expect(matchRecords(query('npm', 'lodash', '4.17.20'), lodash, options).map((m) => m.id)).toEqual(['GHSA-35jh-r3h4-6jhm']);
    expect(matchRecords(query('npm', 'lodash', '4.17.21'), lodash, options)).toEqual([]);
    expect(matchRecords(query('npm', 'lodash-es', '4.17.19'), lodash, options)).toHaveLength(2);
    expect(matchRecords(query('npm', 'Lodash', '4.17.15'), lodash, options)).toEqual([]); // npm names are exact
  });

  it('reports last_affected with no fix (request / @cypress/request)', () => {
    const record = corpusRecord('npm', 'GHSA-p8p7-x288-28g6');
    const [match] = matchRecords(query('npm', 'request', '2.88.2'), [record], options);
    expect(match).toMatchObject({ id: 'GHSA-p8p7-x288-28g6', fixedVersions: [], lastAffected: '2.88.2' });
    const [scoped] = matchRecords(query('npm', '@cypress/request', '2.88.11'), [record], options);
    expect(scoped?.lastAffected).toBe('2.88.11');
    expect(matchRecords(query('npm', '@cypress/request', '3.0.0'), [record], options)).toEqual([]);
  });

  it('one match per vulnerability when several affected entries match (express, semver)', () => {
    const semverRecord = corpusRecord('npm', 'GHSA-c2qf-rxjj-qqgw');
    const matches = matchRecords(query('npm', 'semver', '6.1.0'), [semverRecord], options);
    expect(matches).toHaveLength(1);
    expect(matches[0]!.fixedVersions).toEqual(['6.3.1', '7.5.2']);
    const express = corpusRecord('npm', 'GHSA-rv95-896h-c2vc');
    expect(matchRecords(query('npm', 'express', '5.0.0-beta.1'), [express], options)[0]?.fixedVersions).toEqual(['5.0.0-beta.3']);
    expect(matchRecords(query('npm', 'express', '5.0.0'), [express], options)).toEqual([]);
  });

  it('Go stdlib SEMVER records, nearest fix first; withdrawn GO-2022-0617 never matches', () => {
    const records = ['GO-2022-1144', 'GO-2023-2102', 'GO-2024-2687', 'GO-2022-0617'].map((id) => corpusRecord('Go', id));
    const at1185 = matchRecords(query('Go', 'stdlib', '1.18.5'), records, options);
    expect(at1185.map((m) => [m.id, m.fixedVersions])).toEqual([
      ['GO-2022-1144', ['1.18.9', '1.19.4']],
      ['GO-2023-2102', ['1.20.10', '1.21.3']],
      ['GO-2024-2687', ['1.21.9', '1.22.2']],
    ]);
    expect(at1185[0]!.aliases).toEqual(['CVE-2022-41717', 'GHSA-xrjj-mj9h-534m']);
    expect(matchRecords(query('Go', 'stdlib', '1.19.2'), records, options)[0]?.fixedVersions).toEqual(['1.19.4']);
    expect(matchRecords(query('Go', 'stdlib', '1.22.2'), records, options)).toEqual([]);
    expect(matchRecords(query('Go', 'golang.org/x/net', 'v0.16.0'), records, options).map((m) => m.id)).toEqual([
      'GO-2023-2102',
      'GO-2024-2687',
    ]);
    expect(records[3]!.withdrawn).toBeTruthy();
    expect(matchRecords(query('Go', 'k8s.io/kubernetes', '1.20.0'), records, options)).toEqual([]);
  });

  it('Go GHSA ECOSYSTEM record mixing fixed and last_affected (cilium)', () => {
    const cilium = corpusRecord('Go', 'GHSA-pg5p-wwp8-97g8');
    const [old] = matchRecords(query('Go', 'github.com/cilium/cilium', '1.10.0'), [cilium], options);
    expect(old).toMatchObject({ lastAffected: '1.10.0', fixedVersions: ['1.11.16', '1.12.9', '1.13.2'] });
    const [newer] = matchRecords(query('Go', 'github.com/cilium/cilium', '1.12.3'), [cilium], options);
    expect(newer?.lastAffected).toBeUndefined();
    expect(newer?.fixedVersions).toEqual(['1.12.9', '1.13.2']);
    expect(matchRecords(query('Go', 'github.com/cilium/cilium', '1.10.1'), [cilium], options)).toEqual([]);
  });

  it('merges a PYSEC and a GHSA of one CVE into one match with the GHSA as primary (flask)', () => {
    const records = [pypiRecord('PYSEC-2023-62'), corpusRecord('PyPI', 'GHSA-m2qf-hxjv-5gpq')];
    const matches = matchRecords(query('PyPI', 'Flask', '2.2.4'), records, options);
    expect(matches).toHaveLength(1);
    expect(matches[0]!.id).toBe('GHSA-m2qf-hxjv-5gpq');
    expect(matches[0]!.aliases).toEqual(['CVE-2023-30861', 'PYSEC-2023-62']);
    expect(matches[0]!.records.map((r) => r.id)).toEqual(['GHSA-m2qf-hxjv-5gpq', 'PYSEC-2023-62']);
    expect(matches[0]!.fixedVersions).toEqual(['2.2.5', '2.3.2']);
  });

  it('merges records that only share a CVE, across PyPI name spellings (Django / django)', () => {
    const records = [pypiRecord('PYSEC-2023-100'), corpusRecord('PyPI', 'GHSA-jh3w-4vvf-mjgr')];
    expect(records[0]!.aliases).toEqual(['CVE-2023-36053']);
    const matches = matchRecords(query('PyPI', 'DJANGO', '4.2.1'), records, options);
    expect(matches.map((m) => [m.id, m.aliases, m.fixedVersions])).toEqual([
      ['GHSA-jh3w-4vvf-mjgr', ['CVE-2023-36053', 'PYSEC-2023-100'], ['4.2.3']],
    ]);
  });

  it('normalises PyPI names per PEP 503 and compares others exactly', () => {
    expect(normalisePackageName('PyPI', 'Zope.Interface__x')).toBe('zope-interface-x');
    expect(normalisePackageName('npm', '@Scope/Name')).toBe('@Scope/Name');
    expect(normalisePackageName('Maven', 'org.apache.logging.log4j:log4j-core')).toBe('org.apache.logging.log4j:log4j-core');
  });
});

describe('record validation', () => {
  it('names the record and the field', () => {
    const record = JSON.parse(readFileSync(corpusPath('advisories', 'npm', 'GHSA-p6mc-m468-83gw.json'), 'utf8'));
    record.affected[0].ranges[0].events[1] = { fixed: 4 };
    expect(() => validateOsvRecord(record, 'x.json')).toThrow(InvalidDocumentError);
    expect(() => validateOsvRecord(record, 'x.json')).toThrow(/x\.json \[GHSA-p6mc-m468-83gw\].*\/affected\/0\/ranges\/0\/events\/1/);
    expect(() => validateOsvRecord([], 'y.json')).toThrow(/y\.json: invalid document: expected a JSON object/);
  });
});
