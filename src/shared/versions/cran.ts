import { ParseCache } from './cache.js';
import { compareDigits, compareText, isDigitCode } from './text.js';
import type { VersionComparator } from './types.js';

/**
 * CRAN (R package_version): at least two non-negative integers separated by "." or "-", which weigh the
 * same ("1.0-1" = "1.0.1"). Compared number by number; when one list is a prefix of the other, the longer
 * is greater ("0.1.0" < "0.1.0.0").
 *
 * Fallback for invalid versions (letters, other separators): the leading numbers are compared the same
 * way, an invalid version sorts right after the valid one with the same numbers, and two invalid ones
 * with equal numbers fall back to plain text order.
 */

interface CranVersion {
  numbers: string[];
  /** The unparsed remainder for an invalid version; undefined when the whole string was numbers. */
  invalidTail: string | undefined;
}

function parseCran(input: string): CranVersion {
  const text = input.trim();
  const numbers: string[] = [];
  let position = 0;
  for (;;) {
    const start = position;
    while (position < text.length && isDigitCode(text.charCodeAt(position))) position++;
    if (position === start) break;
    numbers.push(text.slice(start, position));
    const separator = text.charCodeAt(position);
    if ((separator !== 46 && separator !== 45) || !isDigitCode(text.charCodeAt(position + 1))) break;
    position++;
  }
  return { numbers, invalidTail: position === text.length && numbers.length > 0 ? undefined : text.slice(position) };
}

const cache = new ParseCache(parseCran);

export const cranComparator: VersionComparator = {
  ecosystem: 'CRAN',
  compare(a, b) {
    if (a === b) return 0;
    const x = cache.get(a);
    const y = cache.get(b);
    const common = Math.min(x.numbers.length, y.numbers.length);
    for (let i = 0; i < common; i++) {
      const diff = compareDigits(x.numbers[i]!, y.numbers[i]!);
      if (diff !== 0) return diff;
    }
    if (x.numbers.length !== y.numbers.length) return x.numbers.length < y.numbers.length ? -1 : 1;
    if (x.invalidTail === undefined || y.invalidTail === undefined) {
      return x.invalidTail === y.invalidTail ? 0 : x.invalidTail === undefined ? -1 : 1;
    }
    return compareText(x.invalidTail, y.invalidTail);
  },
  isValid: (version) => /^\d+(?:[.-]\d+)+$/.test(version),
};
