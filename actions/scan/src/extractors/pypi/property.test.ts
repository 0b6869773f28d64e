import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { corpusPath } from '../../../../../test/corpus.js';
import { ExtractionError, type Extractor } from '../types.js';
import { pypiExtractors } from './index.js';
import { memoryInput } from './test-support.js';

/** The real fixtures of each format: mutations of them reach much deeper into a parser than random text. */
function fixturesOf(extractor: Extractor): string[] {
  const dir = corpusPath('lockfiles', extractor.id);
  return readdirSync(dir)
    .filter((f) => !f.endsWith('.expected.json'))
    .map((f) => readFileSync(`${dir}/${f}`, 'utf8'));
}

/** Truncation, a replaced character, a deleted line or a duplicated line of a real fixture. */
function mutated(fixtures: string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...fixtures), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 3 }), fc.string({ minLength: 1, maxLength: 3 }))
    .map(([text, a, b, kind, chars]) => {
      const at = text.length === 0 ? 0 : a % text.length;
      const lines = text.split('\n');
      const line = b % lines.length;
      switch (kind) {
        case 0:
          return text.slice(0, at);
        case 1:
          return text.slice(0, at) + chars + text.slice(at + 1);
        case 2:
          return lines.filter((_, i) => i !== line).join('\n');
        default:
          return [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n');
      }
    });
}

/** Siblings drawn from the same material, so includes and manifests are exercised too. */
async function run(extractor: Extractor, content: string, sibling: string): Promise<void> {
  try {
    const result = await extractor.extract(memoryInput('dir/lockfile', content, new Proxy({}, { get: () => sibling })));
    for (const pkg of result.packages) {
      expect(typeof pkg.name).toBe('string');
      expect(typeof pkg.version).toBe('string');
      if (pkg.line !== undefined) expect(Number.isInteger(pkg.line) && pkg.line >= 1).toBe(true);
    }
  } catch (error) {
    if (!(error instanceof ExtractionError)) throw error;
  }
}

describe.each(pypiExtractors.map((e) => [e.id, e] as const))('%s never fails except with ExtractionError', (_id, extractor) => {
  const fixtures = fixturesOf(extractor);

  it('on random text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), fc.string({ maxLength: 100 }), (content, sibling) => run(extractor, content, sibling)),
      { numRuns: 150 },
    );
  });

  it('on mutated real fixtures', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(fixtures), mutated(fixtures), (content, sibling) => run(extractor, content, sibling)),
      { numRuns: 150 },
    );
  });
});
