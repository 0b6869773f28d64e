import semver from 'semver';
import { ParseCache } from './cache.js';
import { compareSemverPrecedence, parseSemverLike } from './semver-like.js';
import type { VersionComparator } from './types.js';

/**
 * SemVer 2.0 precedence for npm, crates.io, Go and Hex (https://semver.org/#spec-item-11): build metadata
 * is ignored, Go's "v" prefix is optional, and Go pseudo-versions
 * (v0.0.0-20210101000000-abcdef123456, v1.2.4-0.20210101000000-abcdef123456) are ordinary pre-releases
 * that sort by their fixed-width timestamp.
 *
 * Ordering does not use the `semver` package: it rejects what advisories really contain ("1.0" in npm
 * ranges) and turns components above 2^53 into errors. Instead every string is read tolerantly
 * (see parseSemverLike) and compared with exact digit-string arithmetic; for valid SemVer the result is
 * the spec's precedence. Fallback for the rest: missing components count as 0, text after the numbers is
 * a pre-release, and a string with no leading number sorts as a pre-release of 0.0.0.
 */

/** semver.org's own grammar, without and with an optional "v". */
const STRICT_SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

function semverComparator(ecosystem: string, isValid: (version: string) => boolean): VersionComparator {
  const cache = new ParseCache((version) => parseSemverLike(version, 3));
  return {
    ecosystem,
    compare: (a, b) => (a === b ? 0 : compareSemverPrecedence(cache.get(a), cache.get(b))),
    isValid,
  };
}

/** npm's own notion of a valid version (node-semver, strict mode: accepts a leading "v" or "="). */
export const npmComparator = semverComparator('npm', (version) => semver.valid(version) !== null);

export const cratesComparator = semverComparator('crates.io', (version) => STRICT_SEMVER.test(version));

export const hexComparator = semverComparator('Hex', (version) => STRICT_SEMVER.test(version));

/** Go module versions carry a "v"; OSV's Go advisories drop it, so both spellings are valid. */
export const goComparator = semverComparator('Go', (version) =>
  STRICT_SEMVER.test(version.startsWith('v') ? version.slice(1) : version),
);
