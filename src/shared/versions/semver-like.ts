import { compareDigits, compareText, isAllDigits, isDigitCode } from './text.js';

/**
 * A version split the SemVer way but parsed tolerantly, so that every string gets a place in the order:
 * "1.0" (npm advisories), "v1.2.3" (Go), 30-digit components, "1.2.3.4" (NuGet) and plain garbage.
 *
 * - `release`: the leading numeric components (digit strings), at most `maxComponents` of them;
 * - `pre`: the pre-release identifiers: the text after the release up to the first "+", without its
 *   leading "-" ("1.0beta" has pre-release "beta", as lenient parsers read it); empty when there is none;
 * - `build`: the text after the first "+" (or after the last allowed component: "1.2.3.4" read as SemVer
 *   keeps ".4" as build metadata, so it does not change precedence).
 */
export interface SemverLike {
  readonly release: readonly string[];
  readonly pre: readonly string[];
  readonly build: string;
}

const NO_IDENTIFIERS: readonly string[] = [];

export function parseSemverLike(input: string, maxComponents: number, lowerCasePre = false): SemverLike {
  let text = input.trim();
  if (text.startsWith('=')) text = text.slice(1);
  if (text.startsWith('v') || text.startsWith('V')) text = text.slice(1);

  const release: string[] = [];
  let position = 0;
  for (;;) {
    const start = position;
    while (position < text.length && isDigitCode(text.charCodeAt(position))) position++;
    if (position === start) break;
    release.push(text.slice(start, position));
    const continues = text.charCodeAt(position) === 46 /* . */ && isDigitCode(text.charCodeAt(position + 1));
    if (!continues) break;
    if (release.length === maxComponents) {
      return { release, pre: NO_IDENTIFIERS, build: text.slice(position) };
    }
    position++;
  }

  const rest = text.slice(position);
  if (rest.length === 0) return { release, pre: NO_IDENTIFIERS, build: '' };
  const plus = rest.indexOf('+');
  let preText = plus === -1 ? rest : rest.slice(0, plus);
  const build = plus === -1 ? '' : rest.slice(plus + 1);
  if (preText.startsWith('-') || preText.startsWith('.')) preText = preText.slice(1);
  if (lowerCasePre) preText = preText.toLowerCase();
  return { release, pre: preText.length === 0 ? NO_IDENTIFIERS : preText.split('.'), build };
}

/** Numeric components, the shorter list padded with zeros ("1.0" = "1.0.0"). */
export function compareRelease(a: readonly string[], b: readonly string[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const diff = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * SemVer 2.0 §11.4 identifier lists: numeric identifiers compare numerically and sort before
 * alphanumeric ones, which compare in ASCII order; a longer list wins when one is a prefix of the other.
 */
export function compareIdentifiers(a: readonly string[], b: readonly string[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    const xNumeric = isAllDigits(x);
    const yNumeric = isAllDigits(y);
    if (xNumeric && yNumeric) {
      const diff = compareDigits(x, y);
      if (diff !== 0) return diff;
    } else if (xNumeric !== yNumeric) {
      return xNumeric ? -1 : 1;
    } else {
      return compareText(x, y);
    }
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** SemVer precedence: release, then a pre-release sorts before the release itself. Build is ignored. */
export function compareSemverPrecedence(a: SemverLike, b: SemverLike): number {
  const release = compareRelease(a.release, b.release);
  if (release !== 0) return release;
  if (a.pre.length === 0 || b.pre.length === 0) {
    return a.pre.length === b.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
  }
  return compareIdentifiers(a.pre, b.pre);
}
