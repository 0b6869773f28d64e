import { ParseCache } from './cache.js';
import { compareDigits, compareText, isDigitCode } from './text.js';
import type { VersionComparator } from './types.js';

/**
 * Maven versions, following the POM reference's "Version Order Specification" (ComparableVersion):
 *
 * - split into tokens at "." and "-" and at every digit/non-digit transition (which counts as "-"); each
 *   token remembers the separator before it; empty tokens are "0"; tokens are case-insensitive;
 * - "cr" = "rc", and "ga", "final", "release" = "" (the release itself); "a", "b", "m" directly followed
 *   by a number mean alpha, beta, milestone;
 * - trailing null tokens ("0", "") are trimmed from the end and again before each remaining "-";
 * - the shorter version is padded with null tokens of the other's separator ("0" after ".", "" after "-");
 * - same separator: numbers numerically and after any qualifier; qualifiers
 *   alpha < beta < milestone < rc < snapshot < "" < sp < (others, alphabetically);
 * - different separators: ".qualifier" < "-qualifier" < "-number" < ".number".
 *
 * Every string gets a place in this order, so there is no separate fallback.
 */

const Separator = { Dot: 0, Hyphen: 1 } as const;
type Separator = (typeof Separator)[keyof typeof Separator];

interface Token {
  separator: Separator;
  value: string;
  numeric: boolean;
  /** A padding token, standing in for a missing one. */
  padding: boolean;
}

const KNOWN_QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { cr: 'rc', ga: '', final: '', release: '' };
const SHORT_QUALIFIERS: Record<string, string> = { a: 'alpha', b: 'beta', m: 'milestone' };

function qualifierRank(value: string): number {
  const rank = KNOWN_QUALIFIERS.indexOf(value);
  return rank === -1 ? KNOWN_QUALIFIERS.length : rank;
}

function stripLeadingZeros(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  return i === 0 ? digits : digits.slice(i);
}

function tokenize(version: string): Token[] {
  const tokens: Token[] = [];
  const pieces = version.trim().toLowerCase().split(/([.-])/);
  for (let p = 0; p < pieces.length; p += 2) {
    const piece = pieces[p]!;
    let separator: Separator = pieces[p - 1] === '-' ? Separator.Hyphen : Separator.Dot;
    let start = 0;
    do {
      let end = start;
      const numeric = isDigitCode(piece.charCodeAt(start));
      while (end < piece.length && isDigitCode(piece.charCodeAt(end)) === numeric) end++;
      let value = piece.slice(start, end);
      if (numeric) value = stripLeadingZeros(value);
      else if (value === '') value = '0';
      else {
        value = ALIASES[value] ?? value;
        if (end < piece.length) value = SHORT_QUALIFIERS[value] ?? value;
      }
      tokens.push({ separator, value, numeric: numeric || value === '0', padding: false });
      separator = Separator.Hyphen;
      start = end;
    } while (start < piece.length);
  }
  return trimNulls(tokens);
}

function isNull(token: Token): boolean {
  return token.value === '0' || token.value === '';
}

/** Drops trailing nulls at the end and before every remaining "-" ("1.0-0.0" -> "1", "1.0-foo.0" -> "1-foo"). */
function trimNulls(tokens: Token[]): Token[] {
  let i = tokens.length - 1;
  while (i > 0) {
    if (isNull(tokens[i]!)) {
      tokens.splice(i, 1);
      i--;
      continue;
    }
    while (i >= 0 && tokens[i]!.separator !== Separator.Hyphen) i--;
    i--;
  }
  return tokens;
}

const DOT_ZERO: Token = { separator: Separator.Dot, value: '0', numeric: true, padding: true };
const DOT_EMPTY: Token = { separator: Separator.Dot, value: '', numeric: false, padding: true };
const HYPHEN_EMPTY: Token = { separator: Separator.Hyphen, value: '', numeric: false, padding: true };

/** The null that pads the shorter version opposite `other`. */
function paddingFor(other: Token): Token {
  if (other.separator === Separator.Hyphen) return HYPHEN_EMPTY;
  // "sp" is the one qualifier above the release: ".sp" must meet "" (the release), not "0".
  return other.value === 'sp' ? DOT_EMPTY : DOT_ZERO;
}

function separatorRank(token: Token): number {
  if (token.numeric) return token.separator === Separator.Dot ? 3 : 2;
  return token.separator === Separator.Dot ? 0 : 1;
}

function compareTokens(left: Token, right: Token): number {
  if (left.separator !== right.separator) return Math.sign(separatorRank(left) - separatorRank(right));
  if (left.numeric && right.numeric) return compareDigits(left.value, right.value);
  if (left.numeric && !left.padding) return 1;
  if (right.numeric && !right.padding) return -1;
  const leftRank = qualifierRank(left.value);
  const rightRank = qualifierRank(right.value);
  if (leftRank === KNOWN_QUALIFIERS.length && rightRank === KNOWN_QUALIFIERS.length) {
    return compareText(left.value, right.value);
  }
  return Math.sign(leftRank - rightRank);
}

const cache = new ParseCache(tokenize);

export const mavenComparator: VersionComparator = {
  ecosystem: 'Maven',
  compare(a, b) {
    if (a === b) return 0;
    const x = cache.get(a);
    const y = cache.get(b);
    const length = Math.max(x.length, y.length);
    for (let i = 0; i < length; i++) {
      const left = x[i] ?? paddingFor(y[i]!);
      const right = y[i] ?? paddingFor(x[i]!);
      if (left.separator === right.separator && left.value === right.value) continue;
      const diff = compareTokens(left, right);
      if (diff !== 0) return diff;
    }
    return 0;
  },
  isValid: (version) => /^[0-9A-Za-z][0-9A-Za-z._+~-]*$/.test(version),
};
