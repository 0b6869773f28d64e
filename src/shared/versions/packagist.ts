import { ParseCache } from './cache.js';
import { compareDigits, isDigitCode } from './text.js';
import type { VersionComparator } from './types.js';

/**
 * Packagist (Composer) versions, ordered as PHP's version_compare(), which Composer uses after stripping a
 * leading "v": the string is cut into runs of digits and runs of other characters, with ".", "-", "_", "+"
 * and any other non-alphanumeric character only separating them ("1.0rc1" -> 1, 0, rc, 1). Numbers compare
 * numerically; words by the special forms
 *   (unknown word) < dev < alpha = a < beta = b < RC = rc < "#" (any number) < pl = p
 * matched by prefix ("patch" counts as "p"). When one version runs out, a following number makes the
 * longer one greater, otherwise its remaining words are compared against "#" ("1.0-dev" < "1.0" <
 * "1.0pl1").
 *
 * Departures from PHP, both required by the upstream fixtures: "#" is kept as a token (it is the number
 * placeholder of the special forms) and numbers are compared exactly instead of overflowing a C long.
 * Every string gets a place in this order, so there is no separate fallback.
 */

const SPECIAL_FORMS: ReadonlyArray<readonly [string, number]> = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];
const NUMBER_WEIGHT = 4;
const UNKNOWN_WEIGHT = -1;

function specialWeight(word: string): number {
  for (const [form, weight] of SPECIAL_FORMS) if (word.startsWith(form)) return weight;
  return UNKNOWN_WEIGHT;
}

interface Token {
  text: string;
  numeric: boolean;
  /** The special-form weight (NUMBER_WEIGHT for numbers), computed once per parse. */
  weight: number;
}

function isWordCharacter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 35; /* # */
}

function tokenize(version: string): Token[] {
  let text = version.trim();
  if (text.startsWith('v') || text.startsWith('V')) text = text.slice(1);
  const tokens: Token[] = [];
  let position = 0;
  while (position < text.length) {
    const code = text.charCodeAt(position);
    const inRun = isDigitCode(code) ? isDigitCode : isWordCharacter(code) ? isWordCharacter : undefined;
    if (!inRun) {
      position++;
      continue;
    }
    const start = position;
    while (position < text.length && inRun(text.charCodeAt(position))) position++;
    const token = text.slice(start, position);
    const numeric = inRun === isDigitCode;
    tokens.push({ text: token, numeric, weight: numeric ? NUMBER_WEIGHT : specialWeight(token) });
  }
  return tokens;
}

function compareTokens(a: Token, b: Token): number {
  if (a.numeric && b.numeric) return compareDigits(a.text, b.text);
  return a.weight === b.weight ? 0 : a.weight < b.weight ? -1 : 1;
}

/** What is left of the longer version against nothing: numbers win, words are weighed against "#". */
function compareRemainder(tokens: Token[], from: number): number {
  if (tokens[from]!.numeric) return 1;
  for (let i = from; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.numeric) return 1;
    if (token.weight !== NUMBER_WEIGHT) return token.weight < NUMBER_WEIGHT ? -1 : 1;
  }
  return 0;
}

const cache = new ParseCache(tokenize);

export const packagistComparator: VersionComparator = {
  ecosystem: 'Packagist',
  compare(a, b) {
    if (a === b) return 0;
    const x = cache.get(a);
    const y = cache.get(b);
    const common = Math.min(x.length, y.length);
    for (let i = 0; i < common; i++) {
      const diff = compareTokens(x[i]!, y[i]!);
      if (diff !== 0) return diff;
    }
    if (x.length > common) return compareRemainder(x, common);
    if (y.length > common) return -compareRemainder(y, common);
    return 0;
  },
  isValid: (version) =>
    /^v?\d+(?:\.\d+){0,3}(?:[._-]?(?:stable|beta|b|RC|rc|alpha|a|patch|pl|p)\d*(?:[.-]\d+)*)?(?:[.-]?dev)?$/i.test(version) ||
    /^dev-\S+$/.test(version) ||
    /^v?\d+(?:\.\d+){0,3}\.x-dev$/i.test(version),
};
