import { describe, expect, test } from '@jest/globals';
import { compare as pep440Compare } from '@renovatebot/pep440';
import fc from 'fast-check';
import { ParseCache } from './cache.js';
import { comparatorFor, compareVersions, supportedEcosystems } from './index.js';

function comparator(ecosystem: string) {
  const found = comparatorFor(ecosystem);
  if (!found) throw new Error(`no comparator registered for ${ecosystem}`);
  return found;
}

/** Sorts with the ecosystem's comparator, to state expectations as an ordered list. */
function sorted(ecosystem: string, versions: string[]): string[] {
  return [...versions].sort(comparator(ecosystem).compare);
}

/** Strings made of the characters versions are built from, so the parsers' branches all get exercised. */
const versionish = fc
  .array(
    fc.oneof(
      fc.stringMatching(/^[0-9]{1,3}$/),
      fc.stringMatching(/^[0-9]{16,32}$/),
      fc.constantFrom(
        '.', '-', '+', '_', '~', '^', ':', '!', '#', 'v', 'V', 'a', 'b', 'c', 'r', 'p', 'rc', 'RC', 'alpha',
        'beta', 'pre', 'dev', 'post', 'sp', 'ga', 'final', 'snapshot', 'pl', 'git', 'x', 'α', ' ', '',
      ),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const anyString = fc.oneof(versionish, fc.string({ unit: 'binary', maxLength: 40 }));

/** Aliases (Ubuntu, Wolfi, the RPM distributions) share a compare function: test each function once. */
const distinctEcosystems = supportedEcosystems().filter(
  (ecosystem, index, all) => all.findIndex((other) => comparator(other).compare === comparator(ecosystem).compare) === index,
);

describe('every comparator is total, antisymmetric and reflexive', () => {
  test.each(distinctEcosystems)('%s', (ecosystem) => {
    const { compare } = comparator(ecosystem);
    fc.assert(
      fc.property(anyString, anyString, (a, b) => {
        const forward = compare(a, b);
        const backward = compare(b, a);
        expect(Number.isFinite(forward)).toBe(true);
        expect(Math.sign(forward) + Math.sign(backward)).toBe(0);
        expect(compare(a, a)).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  test.each(distinctEcosystems)('%s: isValid never throws', (ecosystem) => {
    const { isValid } = comparator(ecosystem);
    fc.assert(fc.property(anyString, (version) => typeof isValid(version) === 'boolean'));
  });
});

describe('registry', () => {
  test('variants like "Debian:12" and "Alpine:v3.18" use their base ecosystem', () => {
    expect(comparatorFor('Debian:12')).toBe(comparatorFor('Debian'));
    expect(comparatorFor('Alpine:v3.18')?.ecosystem).toBe('Alpine');
    expect(compareVersions('Ubuntu:22.04:LTS', '1.0~rc1', '1.0')).toBeLessThan(0);
  });

  test('compareVersions names an unsupported ecosystem and the supported ones', () => {
    expect(() => compareVersions('Cobol', '1', '2')).toThrow(/no version ordering for ecosystem "Cobol".*npm.*PyPI/);
    expect(comparatorFor('pypi')).toBeUndefined(); // OSV names are case-sensitive
  });

  test('every registered comparator reports the name it is registered under', () => {
    for (const ecosystem of supportedEcosystems()) expect(comparator(ecosystem).ecosystem).toBe(ecosystem);
  });
});

describe('SemVer ecosystems', () => {
  test('npm advisories write "1.0": it is 1.0.0, not an error', () => {
    const npm = comparator('npm');
    expect(npm.compare('1.0', '1.0.0')).toBe(0);
    expect(npm.compare('1.0', '1.0.1')).toBeLessThan(0);
    expect(npm.compare('1.0', '1.0.0-rc.1')).toBeGreaterThan(0);
    expect(npm.compare('1', '0.9.9')).toBeGreaterThan(0);
    expect(npm.isValid('1.0')).toBe(false);
    expect(npm.isValid('1.0.0')).toBe(true);
  });

  test('Go pseudo-versions order by commit time, between the releases around them', () => {
    expect(
      sorted('Go', [
        'v1.2.4',
        'v0.0.0-20210102000000-aaaaaaaaaaaa',
        'v1.2.4-0.20210101000000-abcdef123456',
        'v0.0.1',
        'v1.2.3',
        'v0.0.0-20210101000000-abcdef123456',
        'v1.2.4-pre.0.20210101000000-abcdef123456',
        'v1.2.4-pre',
      ]),
    ).toEqual([
      'v0.0.0-20210101000000-abcdef123456',
      'v0.0.0-20210102000000-aaaaaaaaaaaa',
      'v0.0.1',
      'v1.2.3',
      'v1.2.4-0.20210101000000-abcdef123456',
      'v1.2.4-pre',
      'v1.2.4-pre.0.20210101000000-abcdef123456',
      'v1.2.4',
    ]);
    expect(comparator('Go').compare('v1.2.3', '1.2.3')).toBe(0);
    expect(comparator('Go').isValid('v0.0.0-20210101000000-abcdef123456')).toBe(true);
  });

  test('build metadata does not change precedence; components beyond 2^53 stay exact', () => {
    const crates = comparator('crates.io');
    expect(crates.compare('1.0.0+build.1', '1.0.0+build.2')).toBe(0);
    expect(crates.compare('9007199254740993.0.0', '9007199254740992.0.0')).toBeGreaterThan(0);
    expect(crates.compare('1.0.0-alpha.9007199254740993', '1.0.0-alpha.9007199254740992')).toBeGreaterThan(0);
  });
});

describe('isValid', () => {
  const cases: Array<[ecosystem: string, valid: string[], invalid: string[]]> = [
    ['npm', ['1.2.3', 'v1.2.3', '1.2.3-rc.1+build'], ['1.2', '1.2.3.4', '01.2.3', 'latest']],
    ['crates.io', ['0.1.0', '1.0.0-alpha.1'], ['v1.0.0', '1.0', '1.0.0-']],
    ['Go', ['v1.2.3', '1.2.3', 'v2.0.0+incompatible'], ['v1.2', 'master']],
    ['Hex', ['1.0.0'], ['1.0']],
    ['PyPI', ['1.0', '1!2.0.post1.dev3+local.7', ' 1.0rc1 ', 'v1.0'], ['0.9-doduo', 'trunk', '1.0+']],
    ['Maven', ['1.0', '1.0-SNAPSHOT', '2.0.0.RELEASE'], ['', ' 1.0', '1 0']],
    ['RubyGems', ['1.0', '1.0.0.pre', '1.0-1', ''], ['1..0', 'abc', '1.0_1']],
    ['Packagist', ['1.0.0', 'v1.0.0-beta2', '1.0.x-dev', 'dev-main', '2.1.0-RC1'], ['1.0.0.0.0', 'latest']],
    ['NuGet', ['1.0.0', '1.0.0.1-beta', '1.0'], ['1.0.0.0.1', 'v1.0.0']],
    ['Pub', ['1.0.0', '1.0.0+1', '1.0.0-dev.1'], ['1.0', 'v1.0.0']],
    ['Debian', ['1.2.3-1', '1:2.3~rc1-1ubuntu1', '2.7.4+reloaded2-13+deb9u1'], ['a1.0', '1.0-', 'x:1.0']],
    ['Alpine', ['1.2.3-r0', '1.2.3_rc1-r2', '1.0a', '6.6.2_p1'], ['1.2.0A', '1.2_blah', '.1', '1..2']],
    ['CRAN', ['1.0-1', '0.1.0.0'], ['1', '1.0a', '1_0']],
    ['Red Hat', ['1:3.10.0-229.el7', '1.0^git1~pre'], ['1.0-1-1', 'a b']],
    ['Hackage', ['1', '1.0.2.3'], ['1.0-rc1', 'v1']],
  ];

  test.each(cases)('%s', (ecosystem, valid, invalid) => {
    const { isValid } = comparator(ecosystem);
    expect(valid.filter((version) => !isValid(version))).toEqual([]);
    expect(invalid.filter((version) => isValid(version))).toEqual([]);
  });
});

describe('PyPI', () => {
  const pep440Version = fc
    .record({
      epoch: fc.option(fc.nat(3), { nil: undefined }),
      release: fc.array(fc.nat(12), { minLength: 1, maxLength: 4 }),
      pre: fc.option(fc.tuple(fc.constantFrom('a', 'b', 'rc', 'alpha', 'c', 'preview'), fc.nat(3)), { nil: undefined }),
      post: fc.option(fc.nat(3), { nil: undefined }),
      dev: fc.option(fc.nat(3), { nil: undefined }),
      local: fc.option(fc.array(fc.oneof(fc.nat(20).map(String), fc.constantFrom('abc', 'ubuntu', 'x1')), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    })
    .map(
      ({ epoch, release, pre, post, dev, local }) =>
        `${epoch === undefined ? '' : `${epoch}!`}${release.join('.')}${pre ? pre.join('') : ''}` +
        `${post === undefined ? '' : `.post${post}`}${dev === undefined ? '' : `.dev${dev}`}${local ? `+${local.join('.')}` : ''}`,
    );

  test('agrees with @renovatebot/pep440 on ordinary PEP 440 versions', () => {
    const pypi = comparator('PyPI');
    fc.assert(
      fc.property(pep440Version, pep440Version, (a, b) => {
        expect(pypi.isValid(a)).toBe(true);
        expect(Math.sign(pypi.compare(a, b))).toBe(Math.sign(pep440Compare(a, b)));
      }),
      { numRuns: 5000 },
    );
  });

  test('stays exact where @renovatebot/pep440 is not: numbers beyond 2^53, local label "1e5"', () => {
    const pypi = comparator('PyPI');
    expect(pep440Compare('1.9007199254740993', '1.9007199254740992')).toBe(0);
    expect(pypi.compare('1.9007199254740993', '1.9007199254740992')).toBeGreaterThan(0);
    // PEP 440: an alphanumeric local segment sorts below a numeric one, whatever it looks like to Number().
    expect(pypi.compare('1.0+1e5', '1.0+7')).toBeLessThan(0);
  });

  test('legacy (non-PEP 440) versions sort below every PEP 440 version, ordered among themselves', () => {
    // setuptools marks word parts with "*", which sorts before the zero-filled numbers: "trunk" comes first.
    expect(sorted('PyPI', ['0.0.1', '0.9-eevee', 'trunk', '0.9-doduo', '1.0'])).toEqual([
      'trunk',
      '0.9-doduo',
      '0.9-eevee',
      '0.0.1',
      '1.0',
    ]);
  });
});

describe('ParseCache', () => {
  test('parses each version once while it stays cached, and stays within its capacity', () => {
    let parses = 0;
    const cache = new ParseCache((version: string) => {
      parses++;
      return version.length;
    }, 16);
    for (let round = 0; round < 3; round++) for (let i = 0; i < 16; i++) cache.get(`1.${i}`);
    expect(parses).toBe(16);
    for (let i = 16; i < 1000; i++) expect(cache.get(`1.${i}`)).toBe(`1.${i}`.length);
    expect(parses).toBe(1000);
    const entries = (cache as unknown as { entries: Map<string, number> }).entries;
    expect(entries.size).toBeLessThanOrEqual(16);
  });
});
