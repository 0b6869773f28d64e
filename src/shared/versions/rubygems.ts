import { ParseCache } from './cache.js';
import { compareDigits, compareText } from './text.js';
import type { VersionComparator } from './types.js';

/**
 * RubyGems versions, ordered as Gem::Version#<=>: "-" means ".pre." ("1.0-1" is a pre-release of 1.0);
 * the string splits into runs of digits and runs of letters ("1.0.a10" -> 1, 0, "a", 10); trailing zeros
 * are dropped from the numeric head and from the tail after the first letter run ("1.0" = "1",
 * "1.a.0" = "1.a"); then segment by segment, a missing segment is 0, numbers compare numerically, letter
 * runs in byte order, and a letter run sorts before any number (so "1.a" < "1" < "1.0.1").
 *
 * Fallback for strings Gem::Version would reject: characters other than letters and digits only separate
 * runs, as the scan in Gem::Version does; a blank string is "0".
 */

const GEM_VERSION = /^\s*([0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?\s*$/;
const SEGMENT = /[0-9]+|[a-z]+/gi;

/** A segment: a digit string (number) or a letter run (marked by being non-numeric). */
type Segment = string;

function isNumber(segment: Segment): boolean {
  const code = segment.charCodeAt(0);
  return code >= 48 && code <= 57;
}

function dropTrailingZeros(segments: Segment[]): Segment[] {
  let end = segments.length;
  while (end > 0 && isNumber(segments[end - 1]!) && /^0+$/.test(segments[end - 1]!)) end--;
  return segments.slice(0, end);
}

function canonicalSegments(version: string): Segment[] {
  const normalised = version.trim().replaceAll('-', '.pre.');
  const segments = normalised.match(SEGMENT) ?? [];
  const firstLetters = segments.findIndex((segment) => !isNumber(segment));
  if (firstLetters === -1) return dropTrailingZeros(segments);
  return [...dropTrailingZeros(segments.slice(0, firstLetters)), ...dropTrailingZeros(segments.slice(firstLetters))];
}

const cache = new ParseCache(canonicalSegments);

export const rubygemsComparator: VersionComparator = {
  ecosystem: 'RubyGems',
  compare(a, b) {
    if (a === b) return 0;
    const x = cache.get(a);
    const y = cache.get(b);
    const length = Math.max(x.length, y.length);
    for (let i = 0; i < length; i++) {
      const left = x[i] ?? '0';
      const right = y[i] ?? '0';
      const leftNumber = isNumber(left);
      const rightNumber = isNumber(right);
      if (leftNumber !== rightNumber) return leftNumber ? 1 : -1;
      const diff = leftNumber ? compareDigits(left, right) : compareText(left, right);
      if (diff !== 0) return diff;
    }
    return 0;
  },
  isValid: (version) => GEM_VERSION.test(version),
};
