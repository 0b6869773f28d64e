/**
 * Test support (not used by production code). Version ordering belongs to src/shared/versions; while a
 * comparator there is still missing, tests of this folder order versions with the same well-kept libraries
 * (semver for the SemVer ecosystems, @renovatebot/pep440 for PyPI). As soon as the shared registry
 * provides an ecosystem, its comparator is the one used, so these tests then exercise the real thing.
 */
import * as pep440 from '@renovatebot/pep440';
import { comparatorFor, type VersionComparator } from '../../../../src/shared/versions/index.js';
import { SEMVER_RANGE_COMPARATOR, type ComparatorLookup } from './ranges.js';

const PEP440_COMPARATOR: VersionComparator = {
  ecosystem: 'PyPI',
  compare(a, b) {
    const va = pep440.valid(a) !== null;
    const vb = pep440.valid(b) !== null;
    if (va && vb) return pep440.compare(a, b);
    return va ? -1 : vb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  },
  isValid: (v) => pep440.valid(v) !== null,
};

const INTERIM: Record<string, VersionComparator> = {
  npm: SEMVER_RANGE_COMPARATOR,
  Go: SEMVER_RANGE_COMPARATOR,
  'crates.io': SEMVER_RANGE_COMPARATOR,
  PyPI: PEP440_COMPARATOR,
};

export const testComparators: ComparatorLookup = (ecosystem) => comparatorFor(ecosystem) ?? INTERIM[ecosystem];
