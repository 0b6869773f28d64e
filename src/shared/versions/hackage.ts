import { ParseCache } from './cache.js';
import { compareRelease, parseSemverLike } from './semver-like.js';
import { compareText } from './text.js';
import type { VersionComparator } from './types.js';

/**
 * Hackage (Haskell PVP) versions are plain lists of numbers compared lexicographically, so a longer list
 * with an equal prefix is greater: "1.0" < "1.0.0". Fallback for invalid versions (text after the
 * numbers, e.g. tags): compared by their numbers first, then by that trailing text, case-insensitively.
 */

const HACKAGE_VERSION = /^\d+(?:\.\d+)*$/;

const cache = new ParseCache((version) => {
  const parsed = parseSemverLike(version, Number.MAX_SAFE_INTEGER);
  const trailing = (parsed.build ? `${parsed.pre.join('.')}+${parsed.build}` : parsed.pre.join('.')).toLowerCase();
  return { release: parsed.release, trailing };
});

export const hackageComparator: VersionComparator = {
  ecosystem: 'Hackage',
  compare(a, b) {
    if (a === b) return 0;
    const x = cache.get(a);
    const y = cache.get(b);
    const release = compareRelease(x.release, y.release);
    if (release !== 0) return release;
    if (x.release.length !== y.release.length) return x.release.length < y.release.length ? -1 : 1;
    return compareText(x.trailing, y.trailing);
  },
  isValid: (version) => HACKAGE_VERSION.test(version),
};
