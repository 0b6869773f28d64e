import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './corpus.js';

/**
 * `npm ci` (the README's first command) refuses a lockfile that lacks an entry for any optional dependency
 * it lists. The registry mirror here serves only linux builds of some, so a lockfile written here can lose
 * them silently (scripts/complete-lockfile.js puts them back).
 */
describe('package-lock.json', () => {
  it('has an entry for every optional dependency, as npm ci requires', () => {
    const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { optionalDependencies?: Record<string, string> }>;
    };
    const missing: string[] = [];
    for (const [owner, entry] of Object.entries(lock.packages)) {
      for (const dependency of Object.keys(entry.optionalDependencies ?? {})) {
        // npm resolves from the owner's own node_modules up to the root.
        const candidates: string[] = [];
        for (let dir = owner; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
          candidates.push(`${dir ? `${dir}/` : ''}node_modules/${dependency}`);
          if (!dir.includes('/node_modules/')) break;
        }
        candidates.push(`node_modules/${dependency}`);
        if (!candidates.some((c) => c in lock.packages)) missing.push(`${owner} -> ${dependency}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
