import { ParseCache } from './cache.js';
import { compareIdentifiers, compareSemverPrecedence, parseSemverLike } from './semver-like.js';
import type { VersionComparator } from './types.js';

/**
 * Pub (Dart) versions, as pub_semver orders them: SemVer 2.0 precedence, except that build metadata is NOT
 * ignored. A version with build metadata sorts after the same version without it ("1.0.0" < "1.0.0+1"),
 * and build identifiers compare like pre-release ones (numbers numerically and before words:
 * "1.2.3+9" < "1.2.3+10" < "1.2.3+a").
 */

const PUB_VERSION =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

const NO_BUILD: readonly string[] = [];

const cache = new ParseCache((version) => {
  const parsed = parseSemverLike(version, 3);
  return { ...parsed, buildIdentifiers: parsed.build.length === 0 ? NO_BUILD : parsed.build.split('.') };
});

export const pubComparator: VersionComparator = {
  ecosystem: 'Pub',
  compare(a, b) {
    if (a === b) return 0;
    const x = cache.get(a);
    const y = cache.get(b);
    const precedence = compareSemverPrecedence(x, y);
    if (precedence !== 0) return precedence;
    if (x.buildIdentifiers.length === 0 || y.buildIdentifiers.length === 0) {
      return x.buildIdentifiers.length === y.buildIdentifiers.length ? 0 : x.buildIdentifiers.length === 0 ? -1 : 1;
    }
    return compareIdentifiers(x.buildIdentifiers, y.buildIdentifiers);
  },
  isValid: (version) => PUB_VERSION.test(version.trim()),
};
