/**
 * gitleaks' decoding of encoded text (percent, unicode escapes, hex, base64), pass by pass: each pass finds the
 * segments of the current text that look encoded, decodes those that decode to printable text, and replaces
 * them in place; the rules then run again over the new text, and a match counts only where it touches a segment
 * decoded in that pass. Every segment remembers the segments of the previous pass, so a match in decoded text is
 * mapped back, level by level, to the encoded text in the original fragment.
 *
 * Offsets are UTF-16 units of the JavaScript strings (gitleaks counts UTF-8 bytes); the decoded text of a
 * percent, hex or base64 segment is printable ASCII, so the two agree on everything but non-ASCII originals.
 */

import { RUN_HEX, RUN_LIKELY, type EncodingCandidates } from './text-simd.js';

/** Half-open [start, end) range of a text. */
export interface Range {
  start: number;
  end: number;
}

/** Encodings as bits, so that a segment decoded through several layers carries all of them. */
const PERCENT = 1;
const UNICODE = 2;
const HEX = 4;
const BASE64 = 8;
const ENCODING_NAMES: readonly [number, string][] = [
  [PERCENT, 'percent'],
  [UNICODE, 'unicode'],
  [HEX, 'hex'],
  [BASE64, 'base64'],
];

export interface EncodedSegment {
  /** The segments of the previous pass (empty for the first pass). */
  predecessors: readonly EncodedSegment[];
  /** Where the segment lies in the original fragment. */
  original: Range;
  /** Where it lay in the text of the previous pass (equal to original in the first pass). */
  encoded: Range;
  /** Where its decoded value lies in the text of this pass. */
  decoded: Range;
  decodedValue: string;
  /** Bits of the encodings of this segment and of the predecessors it overlaps. */
  encodings: number;
  /** Number of decoding passes that produced it (1 for the first). */
  depth: number;
}

interface Encoding {
  kind: number;
  /** gitleaks' pattern, in JavaScript syntax; findEncodingMatches finds the same matches without a regex. */
  pattern: string;
  decode: (value: string) => string;
}

/**
 * The encodings in precedence order (highest first): when two candidate segments touch, the one with the lower
 * precedence waits for the next pass. Percent comes first because it encodes values partially. RE2's `.` and
 * `\s` are spelled out because JavaScript's differ (`.` stops at \r, `\s` takes Unicode spaces), and `$` is the
 * end of the text as in RE2 without (?m).
 */
export const ENCODINGS: readonly Encoding[] = [
  { kind: PERCENT, pattern: '%[0-9A-Fa-f]{2}(?:[^\\n]*%[0-9A-Fa-f]{2})?', decode: decodePercent },
  { kind: UNICODE, pattern: '(?:U\\+[a-fA-F0-9]{4}(?:[\\t\\n\\f\\r ]|$))+|(?:\\\\{1,2}[uU][a-fA-F0-9]{4})+', decode: decodeUnicode },
  { kind: HEX, pattern: '[0-9A-Fa-f]{32,}', decode: decodeHex },
  { kind: BASE64, pattern: '[\\w/+-]{16,}={0,2}', decode: decodeBase64 },
];
const [PERCENT_ENCODING, UNICODE_ENCODING, HEX_ENCODING, BASE64_ENCODING] = ENCODINGS as [Encoding, Encoding, Encoding, Encoding];
const PRECEDENCE = new Map(ENCODINGS.map((e, i) => [e.kind, ENCODINGS.length - i]));

export interface EncodingMatch extends Range {
  encoding: Encoding;
}

/** Touching ranges overlap too (gitleaks compares inclusively). */
export function overlaps(a: Range, b: Range): boolean {
  return b.start <= a.end && b.end >= a.start;
}

function contains(outer: Range, inner: Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function merge(a: Range, b: Range): Range {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** How far `other` reaches outside `range` on each side (negative at the start, positive at the end). */
function overflow(range: Range, other: Range): Range {
  const merged = merge(range, other);
  return { start: merged.start - range.start, end: merged.end - range.end };
}

/**
 * Candidate segments of one pass: every encoding's matches, less the lower-precedence one of two that touch.
 * `candidates`, when the text's SIMD pass found them (text-simd.ts), spare the search for where matches start.
 */
export function findEncodingMatches(text: string, candidates?: EncodingCandidates): EncodingMatch[] {
  const all = scanEncodings(text, false, candidates);
  if (all.length <= 1) return all;
  const precedence = (m: EncodingMatch) => PRECEDENCE.get(m.encoding.kind)!;
  return all.filter((m, i) => {
    const prev = all[i - 1];
    if (prev && overlaps(m, prev) && precedence(prev) > precedence(m)) return false;
    const next = all[i + 1];
    return !(next && overlaps(m, next) && precedence(next) > precedence(m));
  });
}

/** Maps a range of the current pass's text back to the original fragment through the given segments. */
export function toOriginal(predecessors: readonly EncodedSegment[], range: Range): Range {
  if (predecessors.length === 0) return range;
  let encoded: Range | undefined;
  for (const p of predecessors) {
    if (!overlaps(p.decoded, range)) continue;
    if (contains(p.decoded, range)) return p.original;
    // The range reaches outside this decoded value: the same reach applies around its encoded form.
    const reach = overflow(p.decoded, range);
    const mapped = { start: p.encoded.start + reach.start, end: p.encoded.end + reach.end };
    encoded = encoded === undefined ? mapped : merge(encoded, mapped);
  }
  // Not within any decoded value: gitleaks keeps the range as it is.
  if (encoded === undefined) return range;
  return toOriginal(predecessors[0]!.predecessors, encoded);
}

/** The segments of a pass whose decoded value a match [start, end) touches. */
export function segmentsTouching(segments: readonly EncodedSegment[], start: number, end: number): EncodedSegment[] {
  const range = { start, end };
  return segments.filter((s) => overlaps(s.decoded, range));
}

/** `decoded:<encoding>` for each encoding involved, then `decode-depth:<n>`, as gitleaks tags such findings. */
export function decodeTags(segments: readonly EncodedSegment[]): string[] {
  if (segments.length === 0) return [];
  const encodings = segments.reduce((bits, s) => bits | s.encodings, 0);
  const names = ENCODING_NAMES.filter(([bit]) => (encodings & bit) !== 0).map(([, name]) => `decoded:${name}`);
  return [...names, `decode-depth:${segments[0]!.depth}`];
}

/**
 * The line(s) of the current text around the segments' decoded values (with the newline before them, as
 * gitleaks takes it): what an allowlist with regexTarget "line" sees for a decoded match.
 */
export function decodedLine(segments: readonly EncodedSegment[], text: string): string {
  if (segments.length === 0) return text;
  const range = segments.slice(1).reduce((r, s) => merge(r, s.decoded), segments[0]!.decoded);
  const start = Math.max(0, text.lastIndexOf('\n', range.start));
  const newline = text.indexOf('\n', range.end);
  return text.slice(start, newline === -1 ? text.length : newline);
}

/** Decodes one fragment pass by pass; the same encoded value is decoded once per fragment. */
export class FragmentDecoder {
  private readonly cache = new Map<string, string>();

  /** The next pass: the text with its decodable segments decoded in place, and those segments. */
  decode(text: string, predecessors: readonly EncodedSegment[], candidates?: EncodingCandidates): { text: string; segments: EncodedSegment[] } {
    const segments = this.findSegments(text, predecessors, candidates);
    if (segments.length === 0) return { text, segments };
    const parts: string[] = [];
    let at = 0;
    for (const s of segments) {
      parts.push(text.slice(at, s.encoded.start), s.decodedValue);
      at = s.encoded.end;
    }
    parts.push(text.slice(at));
    return { text: parts.join(''), segments };
  }

  private findSegments(text: string, predecessors: readonly EncodedSegment[], candidates: EncodingCandidates | undefined): EncodedSegment[] {
    if (text.length === 0) return [];
    const segments: EncodedSegment[] = [];
    let shift = 0;
    for (const m of findEncodingMatches(text, candidates)) {
      const encodedValue = text.slice(m.start, m.end);
      let decodedValue = this.cache.get(encodedValue);
      if (decodedValue === undefined) {
        decodedValue = m.encoding.decode(encodedValue);
        this.cache.set(encodedValue, decodedValue);
      }
      if (decodedValue.length === 0) continue;
      const encoded = { start: m.start, end: m.end };
      const segment: EncodedSegment = {
        predecessors,
        original: toOriginal(predecessors, encoded),
        encoded,
        decoded: { start: m.start + shift, end: m.start + shift + decodedValue.length },
        decodedValue,
        encodings: m.encoding.kind,
        depth: predecessors.length > 0 ? predecessors[0]!.depth + 1 : 1,
      };
      shift += decodedValue.length - encodedValue.length;
      for (const p of predecessors) if (overlaps(segment.encoded, p.decoded)) segment.encodings |= p.encodings;
      segments.push(segment);
    }
    return segments;
  }
}

/**
 * The matches, left to right, of the four patterns joined as alternatives (`percent|unicode|hex|base64`, the first
 * that matches at the leftmost position wins), found without a regex. A backtracking regex of the joined
 * patterns tries `[\w/+-]{16,}` again at every character of every identifier, which made finding the segments
 * cost more than all the rules together. Here the escapes (%, \\, U+) are found with indexOf, and a run of 16
 * base64 characters by probing 15 characters ahead: when that character is not one, no run of 16 can start
 * before it, so most of the text is never read. decoder.test.ts checks the result against the regex.
 *
 * With keepAllCandidates false, base64 candidates that could not decode are left out: those decodeBase64 would not
 * try (no digit and no + / - _, such as long camelCase names) and those whose first four characters do not
 * decode to printable text (most identifiers): being the lowest precedence they never push a neighbour out, and
 * leaving them here spares an object for each (180,000 of 190,000 candidates in 83 MB of source).
 */
export function scanEncodings(text: string, keepAllCandidates = false, candidates?: EncodingCandidates): EncodingMatch[] {
  const out: EncodingMatch[] = [];
  const n = text.length;
  const starts: MatchStarts = candidates ? new ListedStarts(text, candidates, keepAllCandidates) : new SearchedStarts(text);
  // Next occurrences at or after p (n when none), refreshed once p passes them.
  let percent = -1;
  let backslash = -1;
  let codePoint = -1;
  // The next run of 16+ base64 characters at or after p: [runStart, starts.runEnd); runStart = n when none.
  let runStart = -1;
  let p = 0;
  while (p < n) {
    if (percent < p) percent = starts.percent(p);
    if (backslash < p) backslash = starts.backslash(p);
    if (codePoint < p) codePoint = starts.codePoint(p);
    if (runStart < p) runStart = starts.run(p);
    const escape = Math.min(percent, backslash, codePoint);
    if (runStart < escape) {
      p = pushRunMatch(text, runStart, starts.runEnd, out, keepAllCandidates, starts.runFlags);
      continue;
    }
    if (escape >= n) break;
    let end = 0;
    let encoding = UNICODE_ENCODING;
    if (escape === percent) {
      end = percentMatchEnd(text, escape);
      encoding = PERCENT_ENCODING;
    } else if (escape === backslash) {
      end = escapeRunEnd(text, escape);
    } else {
      end = codePointRunEnd(text, escape);
      // Not a code point after all: the U may still start a hex or base64 match.
      if (end === 0 && runStart === escape) {
        p = pushRunMatch(text, runStart, starts.runEnd, out, keepAllCandidates, starts.runFlags);
        continue;
      }
    }
    if (end > 0) out.push({ encoding, start: escape, end });
    p = end > 0 ? end : escape + 1;
  }
  return out;
}

/**
 * Where matches can start, at or after p (p never decreases): the next %, \ and U+ (text.length when none), and
 * the next run of 16 or more base64 characters, cut to start at p at the earliest (run returns its start and
 * sets runEnd, the end of the whole run).
 */
interface MatchStarts {
  percent(p: number): number;
  backslash(p: number): number;
  codePoint(p: number): number;
  run(p: number): number;
  runEnd: number;
  /** RUN_HEX | RUN_LIKELY of the run from its start, when known (-1: pushRunMatch reads the run). */
  runFlags: number;
}

/** Found in the text: escapes with indexOf, runs by probing 15 characters ahead (see scanEncodings). */
class SearchedStarts implements MatchStarts {
  runEnd = 0;
  readonly runFlags = -1;
  constructor(private readonly text: string) {}
  percent(p: number): number {
    return indexOrEnd(this.text, '%', p);
  }
  backslash(p: number): number {
    return indexOrEnd(this.text, '\\', p);
  }
  codePoint(p: number): number {
    return indexOrEnd(this.text, 'U+', p);
  }
  run(p: number): number {
    const { text } = this;
    const start = longRunStart(text, p);
    let end = start;
    while (end < text.length && isBase64(text.charCodeAt(end))) end++;
    this.runEnd = end;
    return start;
  }
}

/** Read from the lists text-simd.ts made in its pass over the text. */
class ListedStarts implements MatchStarts {
  runEnd = 0;
  runFlags = -1;
  private readonly percents: ListCursor;
  private readonly backslashes: ListCursor;
  private readonly codePoints: ListCursor;
  private nextRun = 0;

  constructor(
    private readonly text: string,
    private readonly candidates: EncodingCandidates,
    private readonly keepAll: boolean,
  ) {
    this.percents = new ListCursor(candidates.percents, text.length);
    this.backslashes = new ListCursor(candidates.backslashes, text.length);
    this.codePoints = new ListCursor(candidates.codePoints, text.length);
  }

  percent(p: number): number {
    return this.percents.next(p);
  }

  backslash(p: number): number {
    return this.backslashes.next(p);
  }

  codePoint(p: number): number {
    return this.codePoints.next(p);
  }

  run(p: number): number {
    const { runs } = this.candidates;
    for (let j = this.nextRun; 3 * j < runs.length; j++) {
      // A run entered at its start that is neither hex nor likely base64 gives no candidate (pushRunMatch would
      // only step over it), and nothing else lies in it: no %, no backslash, and no U+ (+ is a likely character). Most
      // runs are such identifiers.
      if (!this.keepAll && runs[3 * j + 2] === 0 && runs[3 * j]! >= p) continue;
      const end = runs[3 * j + 1]!;
      const start = Math.max(runs[3 * j]!, p);
      if (end - start >= 16) {
        this.nextRun = j;
        this.runEnd = end;
        // The flags describe the whole run: a run entered part-way is read again.
        this.runFlags = start === runs[3 * j] ? runs[3 * j + 2]! : -1;
        return start;
      }
    }
    this.nextRun = runs.length / 3;
    this.runEnd = this.text.length;
    this.runFlags = -1;
    return this.text.length;
  }
}

/** The next position at or after p in an ascending list (p never decreases), or `end` when there is none. */
class ListCursor {
  private at = 0;
  constructor(
    private readonly list: Int32Array,
    private readonly end: number,
  ) {}

  next(p: number): number {
    const { list } = this;
    let i = this.at;
    while (i < list.length && list[i]! < p) i++;
    this.at = i;
    return i < list.length ? list[i]! : this.end;
  }
}

function indexOrEnd(text: string, needle: string, from: number): number {
  const at = text.indexOf(needle, from);
  return at === -1 ? text.length : at;
}

function isBase64(c: number): boolean {
  return (CHAR_CLASS[c]! & BASE64_CHAR) !== 0;
}

/** The first position at or after p where 16 base64 characters start (text.length when none). */
function longRunStart(text: string, p: number): number {
  const n = text.length;
  while (p + 16 <= n) {
    const probe = p + 15;
    if (!isBase64(text.charCodeAt(probe))) {
      p = probe + 1;
      continue;
    }
    let start = probe;
    while (start > p && isBase64(text.charCodeAt(start - 1))) start--;
    let end = probe + 1;
    while (end < n && isBase64(text.charCodeAt(end))) end++;
    if (end - start >= 16) return start;
    p = end + 1;
  }
  return n;
}

/**
 * Hex (32+ digits) at start, else base64 over the rest of the run and up to two `=`; returns where to go on.
 * `flags` (RUN_HEX, RUN_LIKELY) say what the SIMD pass saw of the run from this start; -1 when the run is read here.
 */
function pushRunMatch(text: string, start: number, runEnd: number, out: EncodingMatch[], keepAll: boolean, flags: number): number {
  if (flags < 0 || (flags & RUN_HEX) !== 0) {
    let hexEnd = start;
    while (hexEnd < runEnd && (CHAR_CLASS[text.charCodeAt(hexEnd)]! & HEX_CHAR) !== 0) hexEnd++;
    if (hexEnd - start >= 32) {
      out.push({ encoding: HEX_ENCODING, start, end: hexEnd });
      return hexEnd;
    }
  }
  let end = runEnd;
  if (end < text.length && text.charCodeAt(end) === 61 /* = */) end++;
  if (end < text.length && text.charCodeAt(end) === 61) end++;
  let likely = keepAll || (flags >= 0 && (flags & RUN_LIKELY) !== 0);
  if (flags < 0) for (let i = start; i < runEnd && !likely; i++) likely = (CHAR_CLASS[text.charCodeAt(i)]! & LIKELY_BASE64_CHAR) !== 0;
  if (likely && (keepAll || firstBase64GroupPrintable(text, start))) out.push({ encoding: BASE64_ENCODING, start, end });
  return end;
}

const BASE64_CHAR = 1;
const HEX_CHAR = 2;
const STARTS_ESCAPE = 4;
const LIKELY_BASE64_CHAR = 8;
/** By UTF-16 code unit: base64 characters [A-Za-z0-9_/+-], hex digits, and the escapes % and \\ (0 for the rest). */
const CHAR_CLASS = new Uint8Array(65536);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  CHAR_CLASS[c] = (/[\w/+-]/.test(ch) ? BASE64_CHAR : 0) | (/[0-9A-Fa-f]/.test(ch) ? HEX_CHAR : 0) | (ch === '%' || ch === '\\' ? STARTS_ESCAPE : 0) | (/[0-9+/_-]/.test(ch) ? LIKELY_BASE64_CHAR : 0);
}

function isHex4(text: string, at: number): boolean {
  return at + 4 <= text.length && hexValue(text.charCodeAt(at)) >= 0 && hexValue(text.charCodeAt(at + 1)) >= 0 && hexValue(text.charCodeAt(at + 2)) >= 0 && hexValue(text.charCodeAt(at + 3)) >= 0;
}

function isPercentEscape(text: string, at: number): boolean {
  return text.charCodeAt(at) === 37 && at + 3 <= text.length && hexValue(text.charCodeAt(at + 1)) >= 0 && hexValue(text.charCodeAt(at + 2)) >= 0;
}

/** `%XX`, stretched to the last `%XX` of the line (greedy `[^\n]*`); 0 when p has no escape. */
function percentMatchEnd(text: string, p: number): number {
  if (!isPercentEscape(text, p)) return 0;
  const newline = text.indexOf('\n', p);
  const lineEnd = newline === -1 ? text.length : newline;
  for (let q = lineEnd - 3; q >= p + 3; q--) if (isPercentEscape(text, q)) return q + 3;
  return p + 3;
}

/** `(?:U\+XXXX(?:[\t\n\f\r ]|$))+`: each code point with the one space after it (or the end of the text). */
function codePointRunEnd(text: string, p: number): number {
  let q = p;
  while (text.charCodeAt(q) === 85 && text.charCodeAt(q + 1) === 43 && isHex4(text, q + 2)) {
    const after = q + 6;
    if (after === text.length) return after;
    const c = text.charCodeAt(after);
    if (c !== 9 && c !== 10 && c !== 12 && c !== 13 && c !== 32) break;
    q = after + 1;
  }
  return q > p ? q : 0;
}

/** `(?:\\{1,2}[uU]XXXX)+`. */
function escapeRunEnd(text: string, p: number): number {
  let q = p;
  for (;;) {
    if (text.charCodeAt(q) !== 92) break;
    const doubled = text.charCodeAt(q + 1) === 92 ? 1 : 0;
    const u = text.charCodeAt(q + 1 + doubled);
    if ((u !== 117 && u !== 85) || !isHex4(text, q + 2 + doubled)) break;
    q += 6 + doubled;
  }
  return q > p ? q : 0;
}

/** Hex digit values by character code; -1 for anything else. */
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) HEX_VALUE[48 + c] = c;
for (let c = 0; c < 6; c++) {
  HEX_VALUE[65 + c] = 10 + c;
  HEX_VALUE[97 + c] = 10 + c;
}

function hexValue(code: number): number {
  return code < 128 ? HEX_VALUE[code]! : -1;
}

/** Tab to tilde: what gitleaks accepts as decoded text (control characters and bytes above 126 are not). */
function printable(byte: number): boolean {
  return byte > 8 && byte < 127;
}

function hasAny(value: string, chars: Uint8Array): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 128 && chars[c] === 1) return true;
  }
  return false;
}

function charSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  return set;
}

const DIGITS = charSet('0123456789');
const LIKELY_BASE64 = charSet('0123456789+/-_');

/** %XX escapes decoded where they are; the rest stays. Empty when an escape is not printable. */
export function decodePercent(value: string): string {
  let out = '';
  let i = 0;
  while (i < value.length) {
    if (value.charCodeAt(i) === 37 && i + 2 < value.length) {
      const high = hexValue(value.charCodeAt(i + 1));
      const low = hexValue(value.charCodeAt(i + 2));
      if (high >= 0 && low >= 0) {
        const byte = (high << 4) | low;
        if (!printable(byte)) return '';
        out += String.fromCharCode(byte);
        i += 3;
        continue;
      }
    }
    out += value[i];
    i++;
  }
  return out;
}

/** Hex pairs to printable ASCII; empty when not. A run without digits is taken for a word, not hex. */
export function decodeHex(value: string): string {
  if (value.length % 2 !== 0 || !hasAny(value, DIGITS)) return '';
  let out = '';
  for (let i = 0; i < value.length; i += 2) {
    const high = hexValue(value.charCodeAt(i));
    const low = hexValue(value.charCodeAt(i + 1));
    if (high < 0 || low < 0) return '';
    const byte = (high << 4) | low;
    if (!printable(byte)) return '';
    out += String.fromCharCode(byte);
  }
  return out;
}

const STANDARD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const STANDARD_VALUE = alphabetValues(STANDARD_ALPHABET);
const URL_VALUE = alphabetValues(URL_ALPHABET);

function alphabetValues(alphabet: string): Int8Array {
  const values = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) values[alphabet.charCodeAt(i)] = i;
  return values;
}

/**
 * Base64 (standard, padded) or else base64url (unpadded) to printable ASCII; empty when neither decodes to it.
 * A run with none of the characters digits, + / - _ is taken for a long identifier and not tried.
 */
export function decodeBase64(value: string): string {
  if (!hasAny(value, LIKELY_BASE64)) return '';
  return decodeBase64With(value, STANDARD_VALUE, true) ?? decodeBase64With(value, URL_VALUE, false) ?? '';
}

/**
 * Whether the 4 characters at `at` decode to 3 printable bytes in the standard or the URL alphabet: when they do
 * in neither, decodeBase64 of any value of 16 or more characters starting there is '' (both decodings fail at
 * their third byte at the latest).
 */
export function firstBase64GroupPrintable(text: string, at: number): boolean {
  return groupPrintable(text, at, STANDARD_VALUE) || groupPrintable(text, at, URL_VALUE);
}

function groupPrintable(text: string, at: number, alphabet: Int8Array): boolean {
  let bits = 0;
  for (let i = at; i < at + 4; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? alphabet[code]! : -1;
    if (digit < 0) return false;
    bits = (bits << 6) | digit;
  }
  return printable(bits >> 16) && printable((bits >> 8) & 0xff) && printable(bits & 0xff);
}

/**
 * Strict decoding as Go's StdEncoding (padded: length a multiple of 4, `=` only at the end) and RawURLEncoding
 * (no `=`, a final group of 2 or 3 characters); like Go, unused low bits of the last character are ignored.
 * undefined when the value is not of that form or decodes to anything but printable ASCII.
 */
function decodeBase64With(value: string, alphabet: Int8Array, padded: boolean): string | undefined {
  let length = value.length;
  if (padded) {
    if (length % 4 !== 0) return undefined;
    if (value.endsWith('==')) length -= 2;
    else if (value.endsWith('=')) length -= 1;
  } else if (length % 4 === 1) {
    return undefined;
  }
  let out = '';
  let bits = 0;
  let count = 0;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    const digit = code < 128 ? alphabet[code]! : -1;
    if (digit < 0) return undefined;
    bits = ((bits << 6) | digit) & 0xffffff;
    count += 6;
    if (count >= 8) {
      count -= 8;
      const byte = (bits >> count) & 0xff;
      if (!printable(byte)) return undefined;
      out += String.fromCharCode(byte);
    }
  }
  // A padded value whose last group has a single data character cannot be decoded.
  if (padded && length % 4 === 1) return undefined;
  return out;
}

const CODE_POINT_RUN = /(?:U\+[a-fA-F0-9]{4}(?:[\t\n\f\r ]|$))+/g;
const ESCAPE_RUN = /(?:\\{1,2}[uU][a-fA-F0-9]{4})+/g;
const ESCAPE = /\\{1,2}[uU]([a-fA-F0-9]{4})/g;

/**
 * `U+0074 U+006F` runs, else `\u0074\u006F` runs, decoded to their characters (gitleaks' multi-sequence path,
 * which is the one a segment found by the unicode pattern always takes).
 */
export function decodeUnicode(value: string): string {
  const codePointRuns = value.match(CODE_POINT_RUN);
  if (codePointRuns) {
    for (const run of codePointRuns) {
      const decoded = run
        .split(/[\t\n\f\r ]+/)
        .filter((cp) => cp.startsWith('U+') && cp.length >= 6)
        .map((cp) => codePointChar(Number.parseInt(cp.slice(2), 16)))
        .join('');
      if (decoded !== '' && decoded !== run) value = value.replace(run, () => decoded);
    }
    return value;
  }
  const escapeRuns = value.match(ESCAPE_RUN);
  if (escapeRuns) {
    for (const run of escapeRuns) {
      const decoded = [...run.matchAll(ESCAPE)].map((e) => codePointChar(Number.parseInt(e[1]!, 16))).join('');
      if (decoded !== '' && decoded !== run) value = value.replace(run, () => decoded);
    }
    return value;
  }
  return value;
}

/** A lone surrogate is not a character: Go turns it into U+FFFD. */
function codePointChar(cp: number): string {
  return cp >= 0xd800 && cp <= 0xdfff ? '\ufffd' : String.fromCharCode(cp);
}
