import { satisfies } from '@renovatebot/pep440';
import { packageKey, type ExtractedPackage } from '../types.js';
import { normalizeName } from './names.js';

/** A dependency as a lockfile lists it: a name, and what the lock says to pick among same-named entries. */
export interface DependencyRef {
  name: string;
  /** Exact version, when the lock records it (uv and pylock do when a name is locked at several versions). */
  version?: string;
  /** PEP 440 specifier (poetry, pdm), used only to choose among several locked versions of the name. */
  specifier?: string;
}

/**
 * Resolves dependency references to `name@version` keys of locked packages. Lockfiles name dependencies, not
 * versions; a name locked once is unambiguous, and a name locked at several versions (one per platform or
 * Python version) is narrowed by the exact version or the specifier when they select some, else all are kept
 * (the graph then over-approximates rather than dropping an edge).
 */
export class DependencyResolver {
  private readonly byName = new Map<string, ExtractedPackage[]>();

  constructor(packages: readonly ExtractedPackage[]) {
    for (const pkg of packages) {
      const key = normalizeName(pkg.name);
      const list = this.byName.get(key);
      if (list) list.push(pkg);
      else this.byName.set(key, [pkg]);
    }
  }

  resolve(refs: readonly DependencyRef[]): string[] {
    const keys = new Set<string>();
    for (const ref of refs) {
      for (const pkg of this.candidates(ref)) keys.add(packageKey(pkg.name, pkg.version));
    }
    return [...keys];
  }

  private candidates(ref: DependencyRef): ExtractedPackage[] {
    const all = this.byName.get(normalizeName(ref.name)) ?? [];
    if (all.length <= 1) return all;
    if (ref.version !== undefined) {
      const exact = all.filter((p) => p.version === ref.version);
      if (exact.length > 0) return exact;
    }
    if (ref.specifier) {
      const specifier = ref.specifier;
      const matching = all.filter((p) => safeSatisfies(p.version, specifier));
      if (matching.length > 0) return matching;
    }
    return all;
  }
}

function safeSatisfies(version: string, specifier: string): boolean {
  try {
    return satisfies(version, specifier);
  } catch {
    return false; // not PEP 440 (poetry's `^1.2`, a git ref): no narrowing from it
  }
}
