import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { PackageURL } from 'packageurl-js';
import { REPO_ROOT } from '../../../../test/corpus.js';
import { libraryPurl, plainNpmPurl, PurlError, purlFor, tryPurlFor, type PurlSubject } from './purl.js';
import { corpusPackages } from './test-helpers.js';

describe('purlFor, per ecosystem', () => {
  it.each<[PurlSubject, string]>([
    [{ ecosystem: 'npm', name: 'wrappy', version: '1.0.2' }, 'pkg:npm/wrappy@1.0.2'],
    [{ ecosystem: 'npm', name: '@babel/cli', version: '7.16.8' }, 'pkg:npm/%40babel/cli@7.16.8'],
    [{ ecosystem: 'npm', name: '@Types/Node', version: '20.1.0' }, 'pkg:npm/%40types/node@20.1.0'],
    [{ ecosystem: 'npm', name: 'raven-js', version: '' }, 'pkg:npm/raven-js'],
    [{ ecosystem: 'PyPI', name: 'Mopidy_Dirble', version: '1.1' }, 'pkg:pypi/mopidy-dirble@1.1'],
    [{ ecosystem: 'PyPI', name: 'Django', version: '4.2.1' }, 'pkg:pypi/django@4.2.1'],
    [{ ecosystem: 'Go', name: 'github.com/gin-gonic/gin', version: '1.9.1' }, 'pkg:golang/github.com/gin-gonic/gin@v1.9.1'],
    [{ ecosystem: 'Go', name: 'github.com/BurntSushi/toml', version: 'v1.0.0' }, 'pkg:golang/github.com/BurntSushi/toml@v1.0.0'],
    [
      { ecosystem: 'Go', name: 'golang.org/x/net', version: '0.0.0-20220127200216-cd36cc0744dd' },
      'pkg:golang/golang.org/x/net@v0.0.0-20220127200216-cd36cc0744dd',
    ],
    [{ ecosystem: 'Go', name: 'stdlib', version: '1.20' }, 'pkg:golang/stdlib@1.20'],
    [{ ecosystem: 'crates.io', name: 'aho-corasick', version: '0.7.18' }, 'pkg:cargo/aho-corasick@0.7.18'],
    [{ ecosystem: 'RubyGems', name: 'nokogiri', version: '1.13.3' }, 'pkg:gem/nokogiri@1.13.3'],
    [{ ecosystem: 'Packagist', name: 'symfony/http-kernel', version: '5.4.20' }, 'pkg:composer/symfony/http-kernel@5.4.20'],
    [{ ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core', version: '2.14.1' }, 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'],
    [{ ecosystem: 'NuGet', name: 'Newtonsoft.Json', version: '12.0.1' }, 'pkg:nuget/Newtonsoft.Json@12.0.1'],
    [{ ecosystem: 'Pub', name: 'flutter_web_plugins', version: '0.0.0' }, 'pkg:pub/flutter_web_plugins@0.0.0'],
    [{ ecosystem: 'Hex', name: 'earmark_parser', version: '1.4.10' }, 'pkg:hex/earmark_parser@1.4.10'],
  ])('%j → %s', (pkg, expected) => {
    expect(purlFor(pkg)).toBe(expected);
  });

  it('percent-encodes characters a purl may not carry raw', () => {
    expect(purlFor({ ecosystem: 'npm', name: 'x', version: '1.0.0+build/7' })).toBe('pkg:npm/x@1.0.0+build%2F7');
  });

  it.each<[PurlSubject, RegExp]>([
    [{ ecosystem: 'Maven', name: 'log4j-core', version: '2.14.1' }, /Maven name must be "groupId:artifactId"/],
    [{ ecosystem: 'npm', name: '@scope', version: '1.0.0' }, /scoped npm name must be "@scope\/name"/],
    [{ ecosystem: 'npm', name: '', version: '1.0.0' }, /package name is empty/],
    [{ ecosystem: 'Go', name: 'example.com/m', version: 'v1.2' }, /starts with "v" but is not semantic versioning/],
    [{ ecosystem: 'Pub', name: 'bad name', version: '1.0.0' }, /pub "name" component may only contain/],
    [{ ecosystem: 'Cobol' as 'npm', name: 'x', version: '1' }, /unknown ecosystem/],
  ])('%j is refused with a clear error', (pkg, reason) => {
    expect(() => purlFor(pkg)).toThrow(PurlError);
    expect(() => purlFor(pkg)).toThrow(reason);
    expect(tryPurlFor(pkg)).toBeUndefined();
  });
});

describe('purlFor on every corpus package', () => {
  const packages = corpusPackages().flatMap((lockfile) => lockfile.packages);

  it('builds a purl that parses back to itself and names the package', () => {
    const failures: string[] = [];
    for (const pkg of packages) {
      const purl = tryPurlFor(pkg);
      if (!purl) {
        failures.push(`${pkg.ecosystem} ${pkg.name}`);
        continue;
      }
      const parsed = PackageURL.fromString(purl);
      expect(parsed.toString()).toBe(purl);
      const fullName = parsed.namespace ? `${parsed.namespace}/${parsed.name}` : parsed.name;
      expect(fullName.toLowerCase().replace(/[_-]/g, '')).toBe(pkg.name.replace(':', '/').toLowerCase().replace(/[_-]/g, ''));
    }
    expect(failures).toEqual([]);
    expect(packages.length).toBeGreaterThan(600);
  });
});

describe('the plain npm fast path', () => {
  /** The library's answer, or the error it gives: the fast path must never answer where the library refuses. */
  function libraryAnswer(name: string, version: string): string {
    try {
      return libraryPurl({ ecosystem: 'npm', name, version });
    } catch (error) {
      return `refused: ${(error as Error).message}`;
    }
  }

  it('agrees with packageurl-js on every package of the 1,923-package npm lockfile and of the corpus', () => {
    const lock = JSON.parse(readFileSync(`${REPO_ROOT}/bench/fixtures/npm-2000/package-lock.json`, 'utf8')) as {
      packages: Record<string, { name?: string; version?: string }>;
    };
    const subjects = Object.entries(lock.packages)
      .filter(([installPath]) => installPath !== '')
      .map(([installPath, entry]) => ({ name: entry.name ?? installPath.slice(installPath.lastIndexOf('node_modules/') + 13), version: entry.version ?? '' }))
      .concat(corpusPackages().flatMap((l) => l.packages.filter((p) => p.ecosystem === 'npm')));
    let plain = 0;
    for (const { name, version } of subjects) {
      const fast = plainNpmPurl(name, version);
      if (fast === undefined) continue;
      plain++;
      expect(fast).toBe(libraryAnswer(name, version));
    }
    // Nearly every real package takes the fast path.
    expect(plain).toBeGreaterThan(subjects.length * 0.95);
  });

  it('agrees with packageurl-js on random names and versions, or leaves them to it', () => {
    // Characters around every boundary of the fast path's patterns: case, scope, separators, encodable ones.
    // Mostly characters the fast path takes, so that most cases reach it, with an odd one now and then.
    const char = fc.oneof(
      { arbitrary: fc.constantFrom(...'az09._~-'.split('')), weight: 12 },
      { arbitrary: fc.constantFrom(...'AZ+@/: %!*()\'#?é'.split('')), weight: 1 },
    );
    const text = fc.array(char, { maxLength: 8 }).map((chars) => chars.join(''));
    const name = fc.oneof(text, fc.tuple(text, text).map(([scope, rest]) => `@${scope}/${rest}`));
    fc.assert(
      fc.property(name, text, (n, v) => {
        const fast = plainNpmPurl(n, v);
        if (fast !== undefined) expect(fast).toBe(libraryAnswer(n, v));
      }),
      { numRuns: 5000 },
    );
    // And the fast path is taken for such names at all.
    expect(plainNpmPurl('@types/node', '20.1.0+build.7')).toBe('pkg:npm/%40types/node@20.1.0+build.7');
    expect(plainNpmPurl('Upper', '1.0.0')).toBeUndefined();
  });
});
