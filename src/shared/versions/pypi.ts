import { valid as isPep440Version } from '@renovatebot/pep440';
import { ParseCache } from './cache.js';
import { compareDigits, compareText, isAllDigits } from './text.js';
import type { VersionComparator } from './types.js';

/**
 * PyPI versions, PEP 440 (https://peps.python.org/pep-0440/#summary-of-permitted-suffixes-and-relative-ordering):
 * epoch, release (trailing zeros ignored), then .devN < aN < bN < rcN < (release) < .postN, a dev release
 * of a pre/post release just before it, and local labels (+local) last: numeric labels numerically and
 * above alphanumeric ones, a longer label above its own prefix.
 *
 * Validity comes from @renovatebot/pep440. Ordering does not call its compare(): it turns every number
 * into a JS Number (so 2^53 + 1 = 2^53 and 30-digit timestamps collide) and reads a local label such as
 * "1e5" as the number 100000. The parse below uses the same grammar (PEP 440 Appendix B) but keeps digit
 * strings; ordering.test.ts checks that both agree on ordinary versions.
 *
 * Fallback for versions PEP 440 rejects ("0.9-doduo", "2013-01-21T20:33:09+0100", "trunk"): the
 * LegacyVersion ordering of setuptools / packaging < 22, which pip used for them. Every legacy version
 * sorts below every PEP 440 version; legacy versions compare by their normalised parts.
 */

const PEP440 = new RegExp(
  '^\\s*v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?<pre>[-_.]?(?<preL>a|b|c|rc|alpha|beta|pre|preview)[-_.]?(?<preN>[0-9]+)?)?' +
    '(?<post>(?:-(?<postN1>[0-9]+))|(?:[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?))?' +
    '(?<dev>[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?)' +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*$',
  'i',
);

const PRE_RELEASE_PHASE: Record<string, string> = {
  a: 'a',
  alpha: 'a',
  b: 'b',
  beta: 'b',
  c: 'rc',
  rc: 'rc',
  pre: 'rc',
  preview: 'rc',
};

/**
 * The PEP 440 sort key. Pre-release: `phase` "a" < "b" < "rc"; `before`/`after` mark the "sorts below every
 * pre-release" (dev release of a final) and "no pre-release" cases. Absent post and dev are undefined.
 */
interface Pep440Key {
  legacy: false;
  epoch: string;
  release: string[];
  pre: { phase: string; number: string } | 'before' | 'after';
  post: string | undefined;
  dev: string | undefined;
  local: string[] | undefined;
}

interface LegacyKey {
  legacy: true;
  parts: string[];
}

type PyPIKey = Pep440Key | LegacyKey;

function parsePyPI(version: string): PyPIKey {
  const groups = PEP440.exec(version)?.groups;
  if (!groups) return { legacy: true, parts: legacyParts(version) };

  const release = groups.release!.split('.');
  while (release.length > 1 && /^0+$/.test(release[release.length - 1]!)) release.pop();
  const post = groups.postN1 ?? (groups.postL !== undefined ? (groups.postN2 ?? '0') : undefined);
  const dev = groups.devL !== undefined ? (groups.devN ?? '0') : undefined;
  let pre: Pep440Key['pre'];
  if (groups.preL !== undefined) pre = { phase: PRE_RELEASE_PHASE[groups.preL.toLowerCase()]!, number: groups.preN ?? '0' };
  else pre = post === undefined && dev !== undefined ? 'before' : 'after';
  return {
    legacy: false,
    epoch: groups.epoch ?? '0',
    release,
    pre,
    post,
    dev,
    local: groups.local?.toLowerCase().split(/[-_.]/),
  };
}

/** setuptools' legacy parse: runs of digits / letters, "." dropped, digits zero-filled to 8 places. */
const LEGACY_PART = /([0-9]+|[a-z]+|\.|-)/;
const LEGACY_REPLACEMENTS: Record<string, string> = { pre: 'c', preview: 'c', '-': 'final-', rc: 'c', dev: '@' };

function legacyParts(version: string): string[] {
  const parts: string[] = [];
  // split() with a capturing group keeps both the matches and the text between them, as re.split does.
  for (const raw of [...version.toLowerCase().split(LEGACY_PART), 'final']) {
    if (raw === '' || raw === '.') continue;
    const replaced = LEGACY_REPLACEMENTS[raw] ?? raw;
    const part = /^[0-9]/.test(replaced) ? replaced.padStart(8, '0') : `*${replaced}`;
    if (part.startsWith('*')) {
      if (part < '*final') while (parts.at(-1) === '*final-') parts.pop();
      while (parts.at(-1) === '00000000') parts.pop();
    }
    parts.push(part);
  }
  return parts;
}

function compareLegacy(a: string[], b: string[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const diff = compareText(a[i]!, b[i]!);
    if (diff !== 0) return diff;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Absent values sort lowest (post) or highest (dev) as `absent` says. */
function compareOptionalNumber(a: string | undefined, b: string | undefined, absent: -1 | 1): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? absent : -absent;
  return compareDigits(a, b);
}

function comparePre(a: Pep440Key['pre'], b: Pep440Key['pre']): number {
  const rank = (pre: Pep440Key['pre']) => (pre === 'before' ? -1 : pre === 'after' ? 1 : 0);
  if (typeof a === 'string' || typeof b === 'string') return Math.sign(rank(a) - rank(b));
  return compareText(a.phase, b.phase) || compareDigits(a.number, b.number);
}

function compareLocal(a: string[] | undefined, b: string[] | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xNumeric = isAllDigits(x);
    const yNumeric = isAllDigits(y);
    const diff = xNumeric && yNumeric ? compareDigits(x, y) : xNumeric !== yNumeric ? (xNumeric ? 1 : -1) : compareText(x, y);
    if (diff !== 0) return diff;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function compareRelease(a: string[], b: string[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const diff = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (diff !== 0) return diff;
  }
  return 0;
}

const cache = new ParseCache(parsePyPI);

export const pypiComparator: VersionComparator = {
  ecosystem: 'PyPI',
  compare(a, b) {
    if (a === b) return 0;
    const x = cache.get(a);
    const y = cache.get(b);
    if (x.legacy || y.legacy) {
      if (x.legacy && y.legacy) return compareLegacy(x.parts, y.parts);
      return x.legacy ? -1 : 1;
    }
    return (
      compareDigits(x.epoch, y.epoch) ||
      compareRelease(x.release, y.release) ||
      comparePre(x.pre, y.pre) ||
      compareOptionalNumber(x.post, y.post, -1) ||
      compareOptionalNumber(x.dev, y.dev, 1) ||
      compareLocal(x.local, y.local)
    );
  },
  isValid: (version) => isPep440Version(version.trim()) !== null,
};
