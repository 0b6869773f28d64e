import { ParseCache } from './cache.js';
import { compareDigits, isAllDigits, isAsciiLetterCode, isDigitCode } from './text.js';
import type { VersionComparator } from './types.js';

/**
 * Debian package versions, [epoch:]upstream[-revision], ordered as dpkg does (deb-version(7)):
 * epochs numerically, then upstream and revision each by alternating non-digit and digit runs; in
 * non-digit runs "~" sorts before everything (even the end of the string), letters before other
 * characters. The revision starts after the LAST hyphen; no revision equals revision "0".
 *
 * Fallback for what dpkg would reject: an "epoch" that is not a number is not an epoch (the whole string
 * is then the upstream part), and any character is ordered by the same rule (non-letters after letters).
 * Ubuntu uses the same ordering.
 */

interface DebianVersion {
  epoch: string;
  upstream: string;
  revision: string;
}

function parseDebian(input: string): DebianVersion {
  let text = input.trim();
  let epoch = '0';
  const colon = text.indexOf(':');
  if (colon > 0 && isAllDigits(text.slice(0, colon))) {
    epoch = text.slice(0, colon);
    text = text.slice(colon + 1);
  }
  const hyphen = text.lastIndexOf('-');
  if (hyphen === -1) return { epoch, upstream: text, revision: '' };
  return { epoch, upstream: text.slice(0, hyphen), revision: text.slice(hyphen + 1) };
}

/** dpkg's weight of one character in a non-digit run; `code` is NaN past the end of the string. */
function weight(code: number): number {
  if (Number.isNaN(code) || isDigitCode(code)) return 0;
  if (code === 126 /* ~ */) return -1;
  if (isAsciiLetterCode(code)) return code;
  return code + 256;
}

/** dpkg's verrevcmp: one upstream or revision part against another. */
export function compareDebianPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigitCode(a.charCodeAt(i))) || (j < b.length && !isDigitCode(b.charCodeAt(j)))) {
      const diff = weight(i < a.length ? a.charCodeAt(i) : NaN) - weight(j < b.length ? b.charCodeAt(j) : NaN);
      if (diff !== 0) return diff < 0 ? -1 : 1;
      i++;
      j++;
    }
    const digitsA = i;
    while (i < a.length && isDigitCode(a.charCodeAt(i))) i++;
    const digitsB = j;
    while (j < b.length && isDigitCode(b.charCodeAt(j))) j++;
    const diff = compareDigits(a.slice(digitsA, i) || '0', b.slice(digitsB, j) || '0');
    if (diff !== 0) return diff;
  }
  return 0;
}

const cache = new ParseCache(parseDebian);

export const debianComparator: VersionComparator = {
  ecosystem: 'Debian',
  compare(a, b) {
    if (a === b) return 0;
    const x = cache.get(a);
    const y = cache.get(b);
    return (
      compareDigits(x.epoch, y.epoch) ||
      compareDebianPart(x.upstream, y.upstream) ||
      compareDebianPart(x.revision, y.revision)
    );
  },
  isValid: (version) => /^(?:\d+:)?\d[A-Za-z0-9.+~:-]*$/.test(version) && validHyphenAndColonUse(version),
};

/** Without a revision the upstream part may not contain "-"; without an epoch it may not contain ":". */
function validHyphenAndColonUse(version: string): boolean {
  const { upstream, revision } = parseDebian(version);
  if (version.includes('-') && !/^[A-Za-z0-9.+~]+$/.test(revision)) return false;
  const hasEpoch = /^\d+:/.test(version);
  return hasEpoch || !upstream.includes(':');
}
