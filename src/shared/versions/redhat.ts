import { ParseCache } from './cache.js';
import { compareDigits, compareText, isAllDigits, isAsciiLetterCode, isDigitCode } from './text.js';
import type { VersionComparator } from './types.js';

/**
 * RPM versions, [epoch:]version[-release], ordered as rpm's rpmvercmp (rpm >= 4.15, with "^"):
 * missing epoch = 0; each part is split into runs of digits and of ASCII letters, everything else only
 * separates runs; digits beat letters, numbers compare numerically, "~" sorts before anything (even the
 * end), "^" after the end but before anything else. A version without a release sorts before the same
 * version with one ("1" < "1-"). The release starts at the first hyphen, and a colon whose prefix is not
 * a number is part of the version (module builds such as "1.m+e2:1").
 *
 * rpmvercmp accepts every string, so there is no separate fallback. Red Hat's ordering is shared by the
 * other RPM distributions (AlmaLinux, Rocky Linux, openSUSE, SUSE, openEuler, Mageia).
 */

interface RpmVersion {
  epoch: string;
  version: string;
  release: string;
}

function parseRpm(text: string): RpmVersion {
  let epoch = '0';
  let rest = text;
  const colon = text.indexOf(':');
  if (colon !== -1) {
    const prefix = text.slice(0, colon);
    if (prefix === '' || isAllDigits(prefix)) {
      epoch = prefix || '0';
      rest = text.slice(colon + 1);
    }
  }
  const hyphen = rest.indexOf('-');
  if (hyphen === -1) return { epoch, version: rest, release: '' };
  return { epoch, version: rest.slice(0, hyphen), release: rest.slice(hyphen) };
}

function isRunCharacter(code: number): boolean {
  return isDigitCode(code) || isAsciiLetterCode(code) || code === 126 /* ~ */ || code === 94 /* ^ */;
}

/** rpmvercmp, plus "an empty part sorts before a non-empty one" (for the release). */
export function compareRpmPart(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return -1;
  if (b.length === 0) return 1;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && !isRunCharacter(a.charCodeAt(i))) i++;
    while (j < b.length && !isRunCharacter(b.charCodeAt(j))) j++;
    const x = i < a.length ? a.charCodeAt(i) : -1;
    const y = j < b.length ? b.charCodeAt(j) : -1;

    if (x === 126 || y === 126) {
      if (x !== y) return x === 126 ? -1 : 1;
      i++;
      j++;
      continue;
    }
    if (x === 94 || y === 94) {
      if (x === y) {
        i++;
        j++;
        continue;
      }
      if (x === 94) return y === -1 ? 1 : -1;
      return x === -1 ? -1 : 1;
    }
    if (x === -1 || y === -1) break;

    const numeric = isDigitCode(x);
    const inRun = numeric ? isDigitCode : isAsciiLetterCode;
    const startA = i;
    const startB = j;
    while (i < a.length && inRun(a.charCodeAt(i))) i++;
    while (j < b.length && inRun(b.charCodeAt(j))) j++;
    if (j === startB) return numeric ? 1 : -1;
    const runA = a.slice(startA, i);
    const runB = b.slice(startB, j);
    const diff = numeric ? compareDigits(runA, runB) : compareText(runA, runB);
    if (diff !== 0) return diff;
  }
  const aDone = i >= a.length;
  const bDone = j >= b.length;
  return aDone === bDone ? 0 : aDone ? -1 : 1;
}

const cache = new ParseCache(parseRpm);

export const redhatComparator: VersionComparator = {
  ecosystem: 'Red Hat',
  compare(a, b) {
    if (a === b) return 0;
    const x = cache.get(a);
    const y = cache.get(b);
    return (
      compareDigits(x.epoch, y.epoch) ||
      compareRpmPart(x.version, y.version) ||
      compareRpmPart(x.release, y.release)
    );
  },
  isValid: (version) => /^(?:\d+:)?[A-Za-z0-9._+~^]+(?:-[A-Za-z0-9._+~^]+)?$/.test(version),
};
