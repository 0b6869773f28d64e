import { ParseCache } from './cache.js';
import { compareDigits, compareText, isDigitCode } from './text.js';
import type { VersionComparator } from './types.js';

/**
 * Alpine (apk) versions: number{.number}...{letter}{_suffix{number}}...{~hash}{-r#}
 * (apk-package(5)). Numbers compare numerically, except that after the first one a component with a
 * leading zero compares as text ("1.01" < "1.1", apk's fractional rule); then an optional lower-case
 * letter (none < "a" < "z"); then suffixes, ordered
 *   _alpha < _beta < _pre < _rc < (no suffix) < _cvs < _svn < _git < _hg < _p;
 * the commit hash is ignored; then the package release "-r#".
 *
 * Fallback for strings apk calls invalid, as the upstream fixtures expect: a version is parsed as far as
 * the grammar allows and the unparsed rest only breaks ties, a version with a rest sorting before the
 * same version without one ("1.2_blah" < "1.2"); two versions that are both invalid compare as plain text.
 * Wolfi, Chainguard and other apk-based ecosystems use the same ordering.
 */

const SUFFIX_ORDER = ['alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg', 'p'];
const NO_SUFFIX_WEIGHT = SUFFIX_ORDER.indexOf('');
const SUFFIX = /^_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\d*)/;
const HASH = /^~[0-9a-f]+/;
const RELEASE = /^-r(\d*)/;

interface Suffix {
  weight: number;
  number: string;
}

interface AlpineVersion {
  original: string;
  numbers: string[];
  letter: string;
  suffixes: Suffix[];
  release: string;
  /** Whatever followed "-r#" (apk tolerates it; it only breaks ties). */
  rest: string;
  invalid: boolean;
}

function parseAlpine(original: string): AlpineVersion {
  const numbers: string[] = [];
  let position = 0;
  for (;;) {
    const start = position;
    while (position < original.length && isDigitCode(original.charCodeAt(position))) position++;
    if (position === start) break;
    numbers.push(original.slice(start, position));
    if (original.charCodeAt(position) !== 46 /* . */) break;
    position++;
  }
  let text = original.slice(position);

  let letter = '';
  const first = text.charCodeAt(0);
  if (first >= 97 && first <= 122) {
    letter = text[0]!;
    text = text.slice(1);
  }

  const suffixes: Suffix[] = [];
  for (let match = SUFFIX.exec(text); match; match = SUFFIX.exec(text)) {
    suffixes.push({ weight: SUFFIX_ORDER.indexOf(match[1]!), number: match[2] || '0' });
    text = text.slice(match[0].length);
  }

  const hash = HASH.exec(text);
  if (hash) text = text.slice(hash[0].length);

  let release = '0';
  let invalid = false;
  if (text.length > 0) {
    const match = RELEASE.exec(text);
    if (match) {
      release = match[1] || '0';
      text = text.slice(match[0].length);
    } else {
      invalid = true;
    }
  }
  return { original, numbers, letter, suffixes, release, rest: text, invalid };
}

function compareNumbers(a: string[], b: string[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i] ?? '0';
    const y = b[i] ?? '0';
    const fractional = i > 0 && i < a.length && i < b.length && (x.startsWith('0') || y.startsWith('0'));
    const diff = fractional ? compareText(x, y) : compareDigits(x, y);
    if (diff !== 0) return diff;
  }
  return 0;
}

function compareSuffixes(a: Suffix[], b: Suffix[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i];
    const y = b[i];
    const weightDiff = (x?.weight ?? NO_SUFFIX_WEIGHT) - (y?.weight ?? NO_SUFFIX_WEIGHT);
    if (weightDiff !== 0) return weightDiff < 0 ? -1 : 1;
    const diff = compareDigits(x?.number ?? '0', y?.number ?? '0');
    if (diff !== 0) return diff;
  }
  return 0;
}

const cache = new ParseCache(parseAlpine);

export const alpineComparator: VersionComparator = {
  ecosystem: 'Alpine',
  compare(a, b) {
    if (a === b) return 0;
    const x = cache.get(a);
    const y = cache.get(b);
    if (x.invalid && y.invalid) return compareText(x.original, y.original);
    return (
      compareNumbers(x.numbers, y.numbers) ||
      (x.letter === y.letter ? 0 : x.letter === '' ? -1 : y.letter === '' ? 1 : compareText(x.letter, y.letter)) ||
      compareSuffixes(x.suffixes, y.suffixes) ||
      compareDigits(x.release, y.release) ||
      (x.rest === '' ? (y.rest === '' ? 0 : 1) : y.rest === '' ? -1 : 0)
    );
  },
  isValid: (version) => {
    const parsed = parseAlpine(version);
    return !parsed.invalid && parsed.rest === '' && parsed.numbers.length > 0 && !version.includes('..') && !version.endsWith('.');
  },
};
