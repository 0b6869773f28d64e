import { baseEcosystem } from '../../../../src/shared/ecosystems.js';
import { comparatorFor } from '../../../../src/shared/versions/index.js';
import { parseSemverLike } from '../../../../src/shared/versions/semver-like.js';
import { compareDigits } from '../../../../src/shared/versions/text.js';

/**
 * Whether upgrading to the fixed version should not break the project: the fact behind `no_breaking_changes`.
 * The ecosystem's comparator (src/shared/versions) decides that the fix is really newer; the leading numeric
 * components decide the compatibility, by the rule each ecosystem follows:
 *
 * - npm, crates.io, Go, Hex, Pub — SemVer as their resolvers apply it (caret ranges, Cargo's default
 *   requirement, Go's import-compatibility rule): same major; below 1.0 the minor acts as the major, so
 *   0.10.40 → 0.10.55 is compatible and 0.7.0 → 0.23.0 is not; in 0.0.x every release may break.
 * - Hackage — the PVP: the major version is the first two components (A.B).
 * - PyPI, Maven, NuGet, RubyGems, Packagist, CRAN and the distributions — no enforced scheme; most projects
 *   follow SemVer-like majors, so the same rule as SemVer is applied as a heuristic. An epoch change
 *   (PyPI `1!2.0`, Debian/RPM `1:2.0`) always counts as breaking.
 *
 * When the versions cannot be read or the ecosystem has no ordering, the answer is "not known compatible":
 * the engine then proposes a PR instead of healing on its own.
 */

export interface Compatibility {
  compatible: boolean;
  /** In words, for the decision: "fixed in 4.17.21 (current 4.17.15): patch-level bump within 4.x". */
  fact: string;
}

const SEMVER_ECOSYSTEMS = new Set(['npm', 'crates.io', 'Go', 'Hex', 'Pub']);

/** Epoch separators: PyPI writes `N!`, dpkg and RPM write `N:`. */
function splitEpoch(version: string): { epoch: string; rest: string } {
  const match = /^\s*(\d+)[!:](.*)$/.exec(version);
  return match ? { epoch: match[1]!, rest: match[2]! } : { epoch: '0', rest: version };
}

export function fixCompatibility(ecosystem: string, current: string, fixed: string): Compatibility {
  const where = `fixed in ${fixed} (current ${current})`;
  const comparator = comparatorFor(ecosystem);
  if (!comparator) return { compatible: false, fact: `${where}: no version ordering for ecosystem ${ecosystem}, compatibility unknown` };
  if (comparator.compare(fixed, current) <= 0) {
    return { compatible: false, fact: `${where}: the fixed version is not newer than the current one` };
  }
  const a = splitEpoch(current);
  const b = splitEpoch(fixed);
  if (compareDigits(a.epoch, b.epoch) !== 0) return { compatible: false, fact: `${where}: the version epoch changes (${a.epoch} → ${b.epoch})` };

  const from = parseSemverLike(a.rest, 8).release;
  const to = parseSemverLike(b.rest, 8).release;
  if (from.length === 0 || to.length === 0) return { compatible: false, fact: `${where}: cannot read the version numbers` };

  const base = baseEcosystem(ecosystem);
  const scheme = base === 'Hackage' ? 'PVP' : SEMVER_ECOSYSTEMS.has(base) ? 'SemVer' : 'SemVer-like heuristic';
  // How many leading components must stay equal: the "major" of the scheme.
  let fixedComponents = base === 'Hackage' ? 2 : 1;
  if (base !== 'Hackage' && isZero(from[0])) fixedComponents = isZero(from[1]) ? 3 : 2;

  if (fixedComponents === 3) return { compatible: false, fact: `${where}: in 0.0.x every release may break (${scheme})` };
  const same = (i: number) => compareDigits(from[i] ?? '0', to[i] ?? '0') === 0;
  for (let i = 0; i < fixedComponents; i++) {
    if (!same(i)) {
      const major = from.slice(0, fixedComponents).join('.');
      return { compatible: false, fact: `${where}: leaves ${major}.x, a breaking change under ${ecosystem}'s ${scheme} rule` };
    }
  }
  const level = same(0) && same(1) ? 'patch-level' : 'minor';
  const kept = from.slice(0, fixedComponents).join('.');
  return { compatible: true, fact: `${where}: ${level} bump within ${kept}.x (${ecosystem}: ${scheme})` };
}

function isZero(digits: string | undefined): boolean {
  return digits !== undefined && /^0+$/.test(digits);
}
