import { ParseCache } from './cache.js';
import { compareSemverPrecedence, parseSemverLike } from './semver-like.js';
import type { VersionComparator } from './types.js';

/**
 * NuGet versions (https://learn.microsoft.com/nuget/concepts/package-versioning): SemVer 2.0 with up to four
 * numeric parts ("1.0.0.1" > "1.0.0"), missing parts equal to 0 ("1.0" = "1.0.0.0"), pre-release labels
 * compared case-insensitively ("1.0.0-BETA" = "1.0.0-beta"), build metadata ignored. Anything else falls
 * back to the same tolerant reading as SemVer (see parseSemverLike).
 */

const NUGET_VERSION =
  /^\d+(?:\.\d+){0,3}(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

const cache = new ParseCache((version) => parseSemverLike(version, 4, true));

export const nugetComparator: VersionComparator = {
  ecosystem: 'NuGet',
  compare: (a, b) => (a === b ? 0 : compareSemverPrecedence(cache.get(a), cache.get(b))),
  isValid: (version) => NUGET_VERSION.test(version.trim()),
};
