/**
 * Faster, exact iteration of a rule regex of gitleaks' "semi-generic" shape: `[\w.-]{0,50}?(?:identifiers)...`.
 * A backtracking engine tries such a regex at every position of the text, and at each one walks the bounded
 * prefix class up to 50 characters before it can reject: most of the secrets scanner's time. Here the regex is
 * split into its leading bounded class repetitions (the prefix, at most N characters of the union class U) and
 * the rest. A match at s exists only if the rest matches at some r with s in [r - N, r] and text[s, r) all in U.
 * So the rest is searched alone (fast: it starts with the identifiers), every position where it matches is
 * found, and the whole regex is tried sticky at just those candidate starts, in ascending order from where the
 * previous match ended. Sticky matching at s is what a global search does at s, and no other position can
 * match, so the matches are exactly those of the global iteration (same order, same groups, same offsets):
 * lookbehinds, `\b` and `$` see the whole text, because nothing is sliced.
 */
import { anchorKeywords } from './literal-heads.js';

/**
 * Matches of `regex` (global) over `text`, as repeated `exec` from lastIndex 0 would give (empty matches advance
 * by one). `starts`, when given, lists in ascending order every position where the regex (after its bounded
 * prefix, if it has one) can start matching, and maybe more: the keyword hits that anchor it (literal-heads.ts).
 */
export type MatchIterator = (text: string, starts?: ArrayLike<number>) => Iterable<RegExpExecArray>;

export function plainMatches(regex: RegExp): MatchIterator {
  return function* (text: string) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      if (m[0].length === 0) regex.lastIndex = m.index + 1;
      yield m;
    }
  };
}

interface Prefix {
  /** Longest prefix (sum of the repetitions' upper bounds). */
  maxLength: number;
  /** The union of the prefix classes, as a one-character sticky test. */
  classes: string[];
  /** The regex source after the prefix (unwrapped groups' closing parens removed). */
  rest: string;
}

export interface RuleMatcher {
  /** Indices into the rule's keywords: every match (after the prefix) starts with one of them; undefined if not proven. */
  anchors?: number[];
  matches: MatchIterator;
}

/**
 * The fastest exact iteration for a rule's regex: tried only at its keywords' hits when they anchor it, through
 * the bounded prefix when it has one, else searched plainly.
 */
export function ruleMatcher(regex: RegExp, keywords: readonly string[]): RuleMatcher {
  const prefix = usablePrefix(regex);
  const anchors = anchorKeywords(analysedSource(regex, prefix), keywords);
  const matches = prefix ? prefixMatches(regex, prefix) : anchors ? stickyMatches(regex) : plainMatches(regex);
  return anchors ? { anchors, matches } : { matches };
}

/** What the anchor analysis reads of a rule's regex: the part after its bounded prefix, when it has one. */
export function analysedSource(regex: RegExp, prefix = usablePrefix(regex)): string {
  return prefix ? prefix.rest : regex.source;
}

/** The anchored iterator when the regex has a bounded class prefix, else the plain one. */
export function matchIterator(regex: RegExp): MatchIterator {
  const prefix = usablePrefix(regex);
  return prefix ? prefixMatches(regex, prefix) : plainMatches(regex);
}

function usablePrefix(regex: RegExp): Prefix | undefined {
  const prefix = splitPrefix(regex.source);
  if (!prefix || prefix.maxLength === 0 || prefix.classes.some(hasAstral)) return undefined;
  try {
    new RegExp(prefix.rest, 'u');
  } catch {
    return undefined;
  }
  return prefix;
}

/** A regex with no prefix, tried sticky at each start; without starts it is searched plainly. */
function stickyMatches(regex: RegExp): MatchIterator {
  const sticky = new RegExp(regex.source, 'uy');
  const plain = plainMatches(regex);
  return function* (text: string, starts?: ArrayLike<number>) {
    if (!starts) {
      yield* plain(text);
      return;
    }
    const found: RegExpExecArray[] = [];
    let pos = 0;
    for (let i = 0; i < starts.length; i++) {
      const s = starts[i]!;
      if (s < pos || insideSurrogatePair(text, s)) continue;
      sticky.lastIndex = s;
      const m = sticky.exec(text);
      if (m === null) continue;
      // Empty matches are stepped over by one code unit; leave that rare case to the plain iteration.
      if (m[0].length === 0) {
        yield* plain(text);
        return;
      }
      found.push(m);
      pos = s + m[0].length;
    }
    yield* found;
  };
}

function prefixMatches(regex: RegExp, prefix: Prefix): MatchIterator {
  const rest = new RegExp(prefix.rest, 'gu');
  const restSticky = new RegExp(prefix.rest, 'uy');
  const sticky = new RegExp(regex.source, 'uy');
  const union = new RegExp(`(?:${prefix.classes.join('|')})`, 'uy');
  const ascii = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    union.lastIndex = 0;
    ascii[c] = union.test(String.fromCharCode(c)) ? 1 : 0;
  }
  const inUnion = (text: string, i: number): boolean => {
    const c = text.charCodeAt(i);
    if (c < 128) return ascii[c] === 1;
    if (c >= 0xd800 && c <= 0xdfff) return false;
    union.lastIndex = i;
    return union.test(text);
  };
  const maxLength = prefix.maxLength;
  const fallback = plainMatches(regex);
  /** Where the rest matches, ascending, overlapping ones included: searched, or tested at the given starts. */
  function* restPositions(text: string, starts?: ArrayLike<number>): Generator<number, void, number> {
    if (starts) {
      for (let i = 0; i < starts.length; i++) {
        const at = starts[i]!;
        if (insideSurrogatePair(text, at)) continue;
        restSticky.lastIndex = at;
        if (restSticky.test(text)) yield at;
      }
      return;
    }
    rest.lastIndex = 0;
    for (let r = rest.exec(text); r !== null; r = rest.exec(text)) {
      const at = r.index;
      // Every position where the rest matches, overlapping ones included (never inside a surrogate pair).
      rest.lastIndex = at + (isHighSurrogate(text.charCodeAt(at)) && isLowSurrogate(text.charCodeAt(at + 1)) ? 2 : 1);
      const pos = yield at;
      if (rest.lastIndex < pos) rest.lastIndex = pos;
    }
  }
  return function* (text: string, starts?: ArrayLike<number>) {
    const found: RegExpExecArray[] = [];
    let pos = 0;
    let tried = -1;
    const positions = restPositions(text, starts);
    for (let next = positions.next(0); !next.done; next = positions.next(pos)) {
      const at = next.value;
      if (at < pos) continue;
      let lo = at;
      while (lo > pos && at - lo < maxLength && inUnion(text, lo - 1)) lo--;
      let s = Math.max(lo, tried + 1, pos);
      while (s <= at) {
        tried = s;
        // A global search never starts inside a surrogate pair.
        if (insideSurrogatePair(text, s)) {
          s++;
          continue;
        }
        sticky.lastIndex = s;
        const m = sticky.exec(text);
        if (m === null) {
          s++;
          continue;
        }
        // Empty matches are stepped over by one code unit; leave that rare case to the plain iteration.
        if (m[0].length === 0) {
          yield* fallback(text);
          return;
        }
        found.push(m);
        pos = m.index + m[0].length;
        tried = pos - 1;
        s = pos;
      }
    }
    yield* found;
  };
}

function insideSurrogatePair(text: string, at: number): boolean {
  return at > 0 && isLowSurrogate(text.charCodeAt(at)) && isHighSurrogate(text.charCodeAt(at - 1));
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** A class that could match a character outside the BMP makes the code-unit walk back unsafe. */
function hasAstral(cls: string): boolean {
  return /\\u\{[0-9a-fA-F]{5,}\}|\\p\{|\\P\{|[\u{10000}-\u{10ffff}]/u.test(cls) || cls.startsWith('[^');
}

/**
 * Reads `[class]{0,n}` / `[class]{0,n}?` repetitions at the start of a `u` regex source, stepping into
 * non-capturing groups that hold no top-level alternation and carry no quantifier (so their parens can go).
 *
 * A source with top-level alternatives (`prefix rest | \bTOKEN...`, as gitleaks' atlassian rule) gets one prefix
 * for all: the union of their classes, the longest of their lengths, and as the rest each alternative's rest
 * (one without a prefix is its own rest). A match of the whole at s is a match of one alternative at s, whose
 * rest then matches within the prefix's reach of s: the rests joined match there too, so the candidate starts
 * found from the joined rest still hold every match. Without this such a rule was searched through the text.
 */
export function splitPrefix(source: string): Prefix | undefined {
  const alternatives = topLevelAlternatives(source);
  if (alternatives.length === 1) return splitSequencePrefix(source);
  const parts = alternatives.map((alt) => splitSequencePrefix(alt) ?? { maxLength: 0, classes: [], rest: alt });
  if (parts.every((p) => p.classes.length === 0)) return undefined;
  return {
    maxLength: Math.max(...parts.map((p) => p.maxLength)),
    classes: [...new Set(parts.flatMap((p) => p.classes))],
    rest: parts.map((p) => `(?:${p.rest})`).join('|'),
  };
}

/** The prefix of one alternative (a source with no top-level alternation). */
function splitSequencePrefix(source: string): Prefix | undefined {
  if (hasTopLevelAlternation(source, 0, source.length)) return undefined;
  const classes: string[] = [];
  let maxLength = 0;
  let i = 0;
  const dropped: number[] = [];
  for (;;) {
    if (source[i] === '[') {
      const end = classEnd(source, i);
      if (end < 0) return undefined;
      const rep = /^\{0,(\d+)\}\??/.exec(source.slice(end));
      if (!rep) break;
      classes.push(source.slice(i, end));
      maxLength += Number(rep[1]);
      i = end + rep[0].length;
    } else if (source.startsWith('(?:', i)) {
      const close = groupEnd(source, i);
      if (close < 0 || hasTopLevelAlternation(source, i + 3, close)) break;
      if (/^[*+?{]/.test(source.slice(close + 1))) break;
      dropped.push(close);
      i += 3;
    } else {
      break;
    }
  }
  if (classes.length === 0) return undefined;
  let rest = '';
  let from = i;
  for (const close of dropped.sort((a, b) => a - b)) {
    rest += source.slice(from, close);
    from = close + 1;
  }
  rest += source.slice(from);
  return { maxLength, classes, rest };
}

/** The source's top-level alternatives (the source itself when it has none). */
function topLevelAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      i = classEnd(source, i) - 1;
      if (i < 0) return [source];
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(from, i));
      from = i + 1;
    }
  }
  out.push(source.slice(from));
  return out;
}

/** Index just past the class that starts at `start` ('['), or -1. */
function classEnd(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i + 1;
  }
  return -1;
}

/** Index of the ')' closing the group that opens at `start`, or -1. */
function groupEnd(source: string, start: number): number {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      i = classEnd(source, i) - 1;
      if (i < 0) return -1;
    } else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function hasTopLevelAlternation(source: string, from: number, to: number): boolean {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      i = classEnd(source, i) - 1;
      if (i < 0) return true;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}
