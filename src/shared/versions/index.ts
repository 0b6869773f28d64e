import type { VersionComparator } from './types.js';
import { baseEcosystem } from '../ecosystems.js';

export type { VersionComparator } from './types.js';

/** One comparator per OSV ecosystem; filled in by the per-ecosystem modules. */
const COMPARATORS = new Map<string, VersionComparator>();

export function comparatorFor(ecosystem: string): VersionComparator | undefined {
  return COMPARATORS.get(baseEcosystem(ecosystem));
}
