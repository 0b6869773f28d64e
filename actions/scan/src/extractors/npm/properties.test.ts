import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { corpusPath } from '../../../../../test/corpus.js';
import { ExtractionError, type Extractor } from '../types.js';
import { npmExtractors } from './index.js';

/** Each extractor with the real fixtures of its format, as mutation seeds. */
const cases = npmExtractors.map((extractor) => {
  const folder = corpusPath('lockfiles', extractor.id);
  const seeds = readdirSync(folder)
    .filter((f) => !f.endsWith('.expected.json'))
    .map((f) => readFileSync(`${folder}/${f}`, 'utf8'));
  return { extractor, seeds };
});

/** Either a result whose packages are well formed, or an ExtractionError; anything else fails. */
async function survives(extractor: Extractor, content: string): Promise<void> {
  try {
    const result = await extractor.extract({ path: 'lock', content, readSibling: async () => undefined });
    for (const p of result.packages) {
      expect(typeof p.name).toBe('string');
      expect(typeof p.version).toBe('string');
      if (p.line !== undefined) expect(Number.isInteger(p.line) && p.line > 0).toBe(true);
    }
  } catch (error) {
    if (!(error instanceof ExtractionError)) throw error;
  }
}

const mutation = (seeds: string[]) =>
  fc.record({
    seed: fc.nat({ max: seeds.length - 1 }),
    kind: fc.constantFrom('truncate', 'flip', 'delete-line', 'duplicate-line'),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    char: fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
  }).map(({ seed, kind, at, char }) => {
    const text = seeds[seed]!;
    const position = Math.floor(at * text.length);
    if (kind === 'truncate') return text.slice(0, position);
    if (kind === 'flip') return text.slice(0, position) + char + text.slice(position + 1);
    const lines = text.split('\n');
    const line = Math.floor(at * lines.length);
    if (kind === 'delete-line') lines.splice(line, 1);
    else lines.splice(line, 0, lines[line] ?? '');
    return lines.join('\n');
  });

describe.each(cases.map((c) => [c.extractor.id, c] as const))('%s never fails with anything but ExtractionError', (_id, { extractor, seeds }) => {
  it('on random text', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), (text) => survives(extractor, text)), { numRuns: 150 });
  });

  it('on random JSON values', async () => {
    await fc.assert(fc.asyncProperty(fc.json({ maxDepth: 4 }), (text) => survives(extractor, text)), { numRuns: 100 });
  });

  it('on mutated real fixtures', async () => {
    await fc.assert(fc.asyncProperty(mutation(seeds), (text) => survives(extractor, text)), { numRuns: 300 });
  });
});
