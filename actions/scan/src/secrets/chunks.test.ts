import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { hasLongLine } from './chunks.js';

/** Every line measured, one by one: what hasLongLine answers without reading them all. */
function naiveHasLongLine(text: string, maxLine: number): boolean {
  return text.split('\n').some((line) => line.length > maxLine);
}

describe('hasLongLine', () => {
  test('agrees with measuring every line, on generated texts and limits', () => {
    const text = fc.array(fc.oneof(fc.constant('\n'), fc.string({ maxLength: 12 })), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 30 }), (t, maxLine) => {
        expect(hasLongLine(t, maxLine)).toBe(naiveHasLongLine(t, maxLine));
      }),
      { numRuns: 2000 },
    );
  });

  test('a line of exactly the limit is not long; one more character is, wherever it lies', () => {
    for (const before of ['', 'a\n', 'x'.repeat(15) + '\n']) {
      for (const after of ['', '\n', '\nshort']) {
        expect(hasLongLine(`${before}${'y'.repeat(16)}${after}`, 16)).toBe(false);
        expect(hasLongLine(`${before}${'y'.repeat(17)}${after}`, 16)).toBe(true);
      }
    }
  });
});
