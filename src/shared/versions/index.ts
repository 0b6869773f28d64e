import type { VersionComparator } from './types.js';
import { baseEcosystem } from '../ecosystems.js';
import { alpineComparator } from './alpine.js';
import { cranComparator } from './cran.js';
import { debianComparator } from './debian.js';
import { hackageComparator } from './hackage.js';
import { mavenComparator } from './maven.js';
import { nugetComparator } from './nuget.js';
import { packagistComparator } from './packagist.js';
import { pubComparator } from './pub.js';
import { pypiComparator } from './pypi.js';
import { redhatComparator } from './redhat.js';
import { rubygemsComparator } from './rubygems.js';
import { cratesComparator, goComparator, hexComparator, npmComparator } from './semver.js';

export type { VersionComparator } from './types.js';

/** An ecosystem that shares another's ordering, under its own name (the comparator reports that name). */
function alias(ecosystem: string, comparator: VersionComparator): VersionComparator {
  return { ecosystem, compare: comparator.compare, isValid: comparator.isValid };
}

/**
 * One comparator per OSV ecosystem, keyed by the base name ("Debian:12" is looked up as "Debian").
 * Distributions that reuse a packaging format share its ordering: Ubuntu is dpkg, the RPM distributions
 * are rpmvercmp, Wolfi and Chainguard are apk.
 */
const COMPARATORS = new Map<string, VersionComparator>(
  [
    npmComparator,
    cratesComparator,
    goComparator,
    hexComparator,
    pypiComparator,
    mavenComparator,
    rubygemsComparator,
    packagistComparator,
    nugetComparator,
    pubComparator,
    debianComparator,
    alias('Ubuntu', debianComparator),
    alpineComparator,
    alias('Wolfi', alpineComparator),
    alias('Chainguard', alpineComparator),
    cranComparator,
    redhatComparator,
    alias('AlmaLinux', redhatComparator),
    alias('Rocky Linux', redhatComparator),
    alias('openSUSE', redhatComparator),
    alias('SUSE', redhatComparator),
    alias('openEuler', redhatComparator),
    alias('Mageia', redhatComparator),
    hackageComparator,
  ].map((comparator) => [comparator.ecosystem, comparator]),
);

export function comparatorFor(ecosystem: string): VersionComparator | undefined {
  return COMPARATORS.get(baseEcosystem(ecosystem));
}

/** The ecosystems that have a comparator, by their OSV names. */
export function supportedEcosystems(): string[] {
  return [...COMPARATORS.keys()];
}

/**
 * Orders two versions of one ecosystem: negative when a < b, 0 when equal in precedence, positive when
 * a > b. Throws for an ecosystem without a comparator, naming it and the supported ones.
 */
export function compareVersions(ecosystem: string, a: string, b: string): number {
  const comparator = comparatorFor(ecosystem);
  if (!comparator) {
    throw new Error(
      `no version ordering for ecosystem "${ecosystem}" (expected one of: ${supportedEcosystems().join(', ')})`,
    );
  }
  return comparator.compare(a, b);
}
