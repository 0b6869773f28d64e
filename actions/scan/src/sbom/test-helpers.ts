/**
 * Test support: the corpus's expected package lists as ExtractedPackage lists, one per lockfile fixture,
 * so SBOM tests run on real packages without depending on the extractors.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { corpusPath } from '../../../../test/corpus.js';
import type { ExtractedPackage } from '../extractors/types.js';

interface CorpusIndex {
  fixtures: { fixture: string; expected: string; packages: number }[];
}

export function corpusPackages(): { path: string; packages: ExtractedPackage[] }[] {
  const index = JSON.parse(readFileSync(corpusPath('lockfiles', 'index.json'), 'utf8')) as CorpusIndex;
  return index.fixtures.map((fixture) => {
    const expected = JSON.parse(readFileSync(corpusPath('lockfiles', fixture.expected), 'utf8')) as { packages: ExtractedPackage[] };
    return { path: path.posix.join('lockfiles', fixture.fixture), packages: expected.packages };
  });
}
