import { expect } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { corpusPath } from '../../../../test/corpus.js';
import { ExtractionError, type Extractor } from './types.js';

/**
 * Test support for the extractors' property tests: real corpus fixtures damaged the way files get damaged,
 * and the one property every extractor must keep (packages, or an ExtractionError, nothing else).
 */

/** Real fixtures of one corpus format, as text. */
export function fixtures(format: string): string[] {
  const index = JSON.parse(readFileSync(corpusPath('lockfiles', 'index.json'), 'utf8')) as { fixtures: { ecosystem: string; format: string; fixture: string }[] };
  return index.fixtures
    .filter((f) => `${f.ecosystem}/${f.format}` === format)
    .map((f) => readFileSync(corpusPath('lockfiles', f.fixture), 'utf8'));
}

/** A real file truncated, with characters replaced, or with lines deleted; or random text, or random format tokens. */
export function mutatedText(texts: string[], vocabulary: string[]): fc.Arbitrary<string> {
  const mutation = fc.constantFrom(...texts).chain((text) =>
    fc.oneof(
      fc.nat({ max: text.length }).map((n) => text.slice(0, n)),
      fc
        .array(fc.tuple(fc.nat({ max: Math.max(0, text.length - 1) }), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), { minLength: 1, maxLength: 6 })
        .map((flips) => flips.reduce((t, [at, ch]) => t.slice(0, at) + ch + t.slice(at + 1), text)),
      fc.uniqueArray(fc.nat({ max: text.split('\n').length - 1 }), { minLength: 1, maxLength: 4 }).map((drop) => {
        const gone = new Set(drop);
        return text.split('\n').filter((_, i) => !gone.has(i)).join('\n');
      }),
    ),
  );
  return fc.oneof(mutation, fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: fc.constantFrom(...vocabulary), maxLength: 30 }));
}

export async function onlyExtractionErrors(extractor: Extractor, contents: fc.Arbitrary<string>, sibling: fc.Arbitrary<string | undefined>) {
  await fc.assert(
    fc.asyncProperty(contents, sibling, async (content, siblingText) => {
      try {
        const result = await extractor.extract({ path: extractor.fileNames[0]!, content, readSibling: async () => siblingText });
        for (const pkg of result.packages) {
          expect(typeof pkg.name).toBe('string');
          expect(typeof pkg.version).toBe('string');
        }
      } catch (error) {
        if (!(error instanceof ExtractionError)) throw error;
      }
    }),
    { numRuns: 300 },
  );
}
