import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { corpusPath } from '../../../../../test/corpus.js';
import { ExtractionError } from '../types.js';
import { mixLockExtractor } from './mix-lock.js';

const dir = corpusPath('lockfiles', 'Hex', 'mix-lock');
const sources = readdirSync(dir)
  .filter((name) => !name.endsWith('.expected.json'))
  .map((name) => readFileSync(`${dir}/${name}`, 'utf8'));

/** A real fixture damaged the way files get damaged: cut short, a character changed, a line lost. */
const damaged = fc.oneof(
  fc.tuple(fc.constantFrom(...sources), fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1))),
  fc.tuple(fc.constantFrom(...sources), fc.nat(), fc.constantFrom(':', '-', '{', '[', '"', ' ', '\n', '\t', '#', '%', '}', ']', ',', 'x')).map(([s, n, c]) => {
    const i = n % Math.max(s.length, 1);
    return s.slice(0, i) + c + s.slice(i + 1);
  }),
  fc.tuple(fc.constantFrom(...sources), fc.nat()).map(([s, n]) => {
    const lines = s.split('\n');
    lines.splice(n % lines.length, 1);
    return lines.join('\n');
  }),
);

async function onlyExtractionErrors(content: string): Promise<void> {
  try {
    const result = await mixLockExtractor.extract({ path: 'mix.lock', content, readSibling: async () => undefined });
    expect(Array.isArray(result.packages)).toBe(true);
  } catch (err) {
    if (!(err instanceof ExtractionError)) throw err;
  }
}

describe('mix.lock extractor under hostile input', () => {
  it('random text throws nothing but ExtractionError', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 300 }), onlyExtractionErrors), { numRuns: 200 });
  });

  it('damaged real fixtures throw nothing but ExtractionError', async () => {
    await fc.assert(fc.asyncProperty(damaged, onlyExtractionErrors), { numRuns: 400 });
  });
});
