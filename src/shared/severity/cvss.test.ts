import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { corpusPath } from '../../../test/corpus.js';
import { cvssBaseScore, cvssVersionOf, InvalidCvssVectorError } from './cvss.js';

/** Every `severity[]` entry of every corpus advisory (record level and per package). */
function corpusSeverityEntries(): { id: string; type: string; score: string }[] {
  const entries: { id: string; type: string; score: string }[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.json') && name !== 'index.json') {
        const record = JSON.parse(readFileSync(full, 'utf8')) as {
          id: string;
          severity?: { type: string; score: string }[];
          affected?: { severity?: { type: string; score: string }[] }[];
        };
        for (const entry of [...(record.severity ?? []), ...(record.affected ?? []).flatMap((a) => a.severity ?? [])]) {
          entries.push({ id: record.id, ...entry });
        }
      }
    }
  };
  walk(corpusPath('advisories'));
  return entries;
}

describe('cvssBaseScore: scores published by NVD / FIRST', () => {
  // Each score below is the one NVD or FIRST's calculator publishes for the vector.
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', '3.1', 10.0], // CVE-2021-44228 (Log4Shell)
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H', '3.1', 9.0], // CVE-2021-45046
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', '3.1', 7.5], // CVE-2014-0160 (Heartbleed)
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '3.0', 9.8], // CVE-2017-5638 (Struts)
    ['AV:N/AC:M/Au:N/C:C/I:C/A:C', '2.0', 9.3], // CVE-2021-44228, v2
    ['AV:N/AC:L/Au:N/C:P/I:N/A:N', '2.0', 5.0], // CVE-2014-0160, v2
    ['(AV:N/AC:L/Au:N/C:P/I:N/A:N)', '2.0', 5.0], // NVD's parenthesised v2 form
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', '4.0', 9.3],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', '4.0', 10.0],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N', '4.0', 6.9],
    ['CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N', '4.0', 1.0],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', '4.0', 0],
  ])('%s → %s %d', (vector, version, score) => {
    const result = cvssBaseScore(vector);
    expect(result.version).toBe(version);
    expect(result.baseScore).toBe(score);
  });

  it('ignores temporal, threat and environmental metrics for the base score', () => {
    expect(cvssBaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/E:U/RL:O/RC:U').baseScore).toBe(10.0);
    expect(cvssBaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/CR:L').baseScore).toBe(9.3);
    expect(cvssBaseScore('AV:N/AC:L/Au:N/C:P/I:N/A:N/E:U/RL:OF/RC:C').baseScore).toBe(5.0);
  });

  it('trims surrounding whitespace and reports the vector it scored', () => {
    expect(cvssBaseScore('  CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N\n').vector).toBe(
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
    );
  });
});

describe('cvssBaseScore: invalid vectors', () => {
  it.each([
    ['', /expected "CVSS:3.x/],
    ['garbage', /expected "CVSS:3.x/],
    ['9.8', /expected "CVSS:3.x/],
    ['CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', /unsupported CVSS version 3.2/],
    ['CVSS:3.1/AV:N/AC:L', /base metric\(s\) PR, UI, S, C, I, A missing/],
    ['CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', /Unknown component value Q for component AV/],
    ['CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', /metric AV appears twice/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/FOO', /"FOO" is not a METRIC:VALUE pair/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/FOO:1', /not a METRIC:VALUE pair/],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:C', /Unknown component value C for component S/],
    ['CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', /base metric\(s\) AT, VC, VI, VA, SC, SI, SA missing/],
    ['cvss:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:n/a:n', /expected "CVSS:3.x/],
  ])('%j is rejected', (vector, reason) => {
    expect(() => cvssBaseScore(vector)).toThrow(InvalidCvssVectorError);
    expect(() => cvssBaseScore(vector)).toThrow(reason);
  });

  it('names the vector in the message', () => {
    expect(() => cvssBaseScore('CVSS:3.1/AV:N')).toThrow('invalid CVSS vector "CVSS:3.1/AV:N"');
  });

  it('rejects a non-string with its own error, not a TypeError', () => {
    expect(() => cvssBaseScore(9.8 as unknown as string)).toThrow(InvalidCvssVectorError);
  });
});

describe('cvssBaseScore on the corpus advisories', () => {
  const entries = corpusSeverityEntries().filter((entry) => entry.type.startsWith('CVSS_'));

  it('finds CVSS vectors of v3.0, v3.1 and v4.0 in the corpus', () => {
    const versions = new Set(entries.map((entry) => cvssVersionOf(entry.score)));
    expect(versions).toEqual(new Set(['3.0', '3.1', '4.0']));
  });

  it.each(entries.map((entry) => [entry.id, entry.type, entry.score]))(
    '%s %s %s scores, and its version matches the OSV type',
    (_id, type, vector) => {
      const result = cvssBaseScore(vector);
      expect(`CVSS_V${result.version[0]}`).toBe(type);
      expect(result.baseScore).toBeGreaterThanOrEqual(0);
      expect(result.baseScore).toBeLessThanOrEqual(10);
    },
  );
});
