/**
 * Translates Go RE2 regular expressions (the syntax of gitleaks rules) into JavaScript regular expressions with
 * the same matching behaviour. JavaScript on Node 20 has no inline modifiers, so case-insensitive parts
 * (`(?i)`, `(?i:...)`, `(?-i:...)`) are expanded into character classes; RE2's ASCII `\s`, `\w`, `\d`, its
 * `.` (everything but `\n`), `\z`, `\A`, `\Q...\E` and POSIX classes get exact JavaScript spellings. The output
 * always uses the `u` flag (RE2 matches code points) and never `i`, `m` or `s`: every flag is written into the
 * pattern, so one rule's regex means the same wherever it is compiled.
 *
 * What RE2 accepts but this translation cannot express exactly is refused with a `RegexTranslationError`
 * (`\C`, backreference-like escapes), as is what RE2 itself refuses (lookarounds, nested repetition).
 */

import { createHash } from 'node:crypto';

export class RegexTranslationError extends Error {
  constructor(
    readonly pattern: string,
    readonly position: number,
    reason: string,
  ) {
    super(`${reason} at offset ${position} of ${JSON.stringify(pattern.length > 120 ? pattern.slice(0, 117) + '...' : pattern)}`);
    this.name = 'RegexTranslationError';
  }
}

export interface TranslatedRegex {
  /** The JavaScript pattern source (use with `flags`). */
  source: string;
  flags: 'u';
  /** Number of capture groups, as RE2 counts them (the same in the translation). */
  captureGroups: number;
}

interface Flags {
  caseInsensitive: boolean;
  dotAll: boolean;
  multiLine: boolean;
  ungreedy: boolean;
}

type Range = [number, number];

/** RE2's maximum repetition count. */
const MAX_REPEAT = 1000;
const MAX_CODE_POINT = 0x10ffff;

const PERL_CLASSES: Record<string, Range[]> = {
  d: [[0x30, 0x39]],
  s: [[0x09, 0x0a], [0x0c, 0x0d], [0x20, 0x20]],
  w: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
};

const POSIX_CLASSES: Record<string, Range[]> = {
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  ascii: [[0x00, 0x7f]],
  blank: [[0x09, 0x09], [0x20, 0x20]],
  cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  space: [[0x09, 0x0d], [0x20, 0x20]],
  upper: [[0x41, 0x5a]],
  word: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a], [0x5f, 0x5f]],
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
};

const SIMPLE_ESCAPES: Record<string, number> = { a: 0x07, f: 0x0c, t: 0x09, n: 0x0a, r: 0x0d, v: 0x0b };

/** Unicode general categories RE2 knows by their one- or two-letter names; anything else is a script. */
const GENERAL_CATEGORY = /^(?:[CLMNPSZ]|C[cfos]|L[lmotu]|M[cen]|N[dlo]|P[cdefios]|S[ckmo]|Z[lps])$/;

/** A short key of an RE2 pattern (what default-translations.generated.ts is keyed by). */
export function re2Key(pattern: string): string {
  return createHash('sha256').update(pattern).digest('base64url').slice(0, 22);
}

export function translateRe2(pattern: string): TranslatedRegex {
  return new Re2Translator(pattern).translate();
}

/** Compiles a translated RE2 pattern; `extraFlags` may add `g` or `y`. */
export function compileRe2(pattern: string, extraFlags = ''): RegExp {
  const { source, flags } = translateRe2(pattern);
  return new RegExp(source, flags + extraFlags);
}

class Re2Translator {
  private pos = 0;
  private captures = 0;

  constructor(private readonly src: string) {}

  translate(): TranslatedRegex {
    const flags: Flags = { caseInsensitive: false, dotAll: false, multiLine: false, ungreedy: false };
    const source = this.alternation(flags);
    if (this.pos < this.src.length) this.fail('unexpected )');
    // Validate now, so a translation bug surfaces here (naming the pattern) and not at first use.
    try {
      new RegExp(source, 'u');
    } catch (error) {
      this.fail(`internal translation produced an invalid JavaScript regex (${(error as Error).message})`);
    }
    return { source, flags: 'u', captureGroups: this.captures };
  }

  private fail(reason: string): never {
    throw new RegexTranslationError(this.src, this.pos, reason);
  }

  /** A sequence of alternatives up to the closing `)` of the current group (not consumed) or the end. */
  private alternation(flags: Flags): string {
    let out = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === ')') break;
      if (c === '|') {
        this.pos++;
        out += '|';
        continue;
      }
      const start = this.pos;
      const atom = this.atom(flags);
      if (atom === null) continue; // a flag group such as (?i) changes flags and emits nothing
      out += this.quantified(atom, flags, start);
    }
    return out;
  }

  /** Parses a quantifier after an atom, if any. */
  private quantified(atom: { text: string; assertion: boolean }, flags: Flags, atomStart: number): string {
    let text = atom.text;
    let quantifierCount = 0;
    for (;;) {
      const q = this.quantifier();
      if (q === null) break;
      if (quantifierCount > 0) {
        this.pos = atomStart;
        this.fail('invalid nested repetition operator');
      }
      quantifierCount++;
      let lazy = false;
      if (this.src[this.pos] === '?') {
        lazy = true;
        this.pos++;
      }
      if (flags.ungreedy) lazy = !lazy;
      // JavaScript (u mode) refuses quantified assertions; RE2 allows them.
      if (atom.assertion) text = `(?:${text})`;
      text += q + (lazy ? '?' : '');
    }
    return text;
  }

  private quantifier(): string | null {
    const c = this.src[this.pos];
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      return c;
    }
    if (c !== '{') return null;
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos, this.pos + 24));
    if (!m) return null; // RE2 treats a brace that is not a repetition as a literal
    const min = Number(m[1]);
    const max = m[3] === undefined || m[3] === '' ? undefined : Number(m[3]);
    if (min > MAX_REPEAT || (max !== undefined && (max > MAX_REPEAT || max < min))) this.fail(`invalid repeat count ${m[0]}`);
    this.pos += m[0].length;
    return m[0];
  }

  private atom(flags: Flags): { text: string; assertion: boolean } | null {
    const c = this.src[this.pos]!;
    switch (c) {
      case '(':
        return this.group(flags);
      case '[':
        return { text: this.bracketClass(flags), assertion: false };
      case '.':
        this.pos++;
        return { text: flags.dotAll ? '[\\s\\S]' : '[^\\n]', assertion: false };
      case '^':
        this.pos++;
        return { text: flags.multiLine ? '(?<![^\\n])' : '^', assertion: true };
      case '$':
        this.pos++;
        return { text: flags.multiLine ? '(?![^\\n])' : '$', assertion: true };
      case '*':
      case '+':
      case '?':
        this.fail('missing argument to repetition operator');
      // falls through (fail never returns)
      case '\\':
        return this.escape(flags);
      default: {
        if (c === '{' && /^\{\d+(,\d*)?\}/.test(this.src.slice(this.pos, this.pos + 24))) this.fail('missing argument to repetition operator');
        const cp = this.src.codePointAt(this.pos)!;
        this.pos += cp > 0xffff ? 2 : 1;
        return { text: literal(cp, flags), assertion: false };
      }
    }
  }

  private group(flags: Flags): { text: string; assertion: boolean } | null {
    const start = this.pos;
    this.pos++; // (
    let prefix = '(';
    if (this.src[this.pos] === '?') {
      const rest = this.src.slice(this.pos + 1);
      const named = /^P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      if (named) {
        this.pos += 1 + named[0].length;
        this.captures++;
      } else if (rest.startsWith(':')) {
        this.pos += 2;
        prefix = '(?:';
      } else {
        const m = /^([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
        if (!m || (m[2] !== undefined && m[2] === '') || (m[1] === '' && m[2] === undefined)) {
          this.pos = start;
          this.fail(rest.startsWith('=') || rest.startsWith('!') || rest.startsWith('<') ? 'lookaround is not RE2 syntax' : 'invalid or unsupported group flags');
        }
        this.pos += 1 + m[0].length;
        const target: Flags = m[3] === ')' ? flags : { ...flags };
        applyFlags(target, m[1]!, true);
        applyFlags(target, m[2] ?? '', false);
        if (m[3] === ')') return null;
        const inner = this.alternation(target);
        this.expect(')', start);
        return { text: `(?:${inner})`, assertion: false };
      }
    } else {
      this.captures++;
    }
    const inner = this.alternation({ ...flags });
    this.expect(')', start);
    return { text: `${prefix}${inner})`, assertion: false };
  }

  private expect(char: string, openedAt: number) {
    if (this.src[this.pos] !== char) {
      this.pos = openedAt;
      this.fail('missing closing )');
    }
    this.pos++;
  }

  private escape(flags: Flags): { text: string; assertion: boolean } {
    const start = this.pos;
    const c = this.src[this.pos + 1];
    if (c === undefined) this.fail('trailing backslash');
    switch (c) {
      case 'b':
      case 'B':
        this.pos += 2;
        return { text: `\\${c}`, assertion: true }; // RE2 and JavaScript (without i) both use ASCII word characters
      case 'A':
        this.pos += 2;
        return { text: '^', assertion: true };
      case 'z':
        this.pos += 2;
        return { text: '$', assertion: true };
      case 'Q': {
        const end = this.src.indexOf('\\E', this.pos + 2);
        const text = this.src.slice(this.pos + 2, end < 0 ? undefined : end);
        this.pos = end < 0 ? this.src.length : end + 2;
        let out = '';
        for (const ch of text) out += literal(ch.codePointAt(0)!, flags);
        return { text: out.length > 0 ? `(?:${out})` : '(?:)', assertion: false };
      }
      case 'C':
        this.fail('\\C (any byte) has no JavaScript equivalent');
      // falls through (fail never returns)
      default: {
        const set = this.classEscape(flags);
        if (set.kind === 'char') return { text: literal(set.cp, flags), assertion: false };
        this.pos = Math.max(this.pos, start + 2);
        return { text: emitClass(set.ranges, set.negated, set.properties, flags), assertion: false };
      }
    }
  }

  /** An escape that denotes a character or a class (usable inside and outside brackets). */
  private classEscape(flags: Flags): { kind: 'char'; cp: number } | { kind: 'class'; ranges: Range[]; negated: boolean; properties: string[] } {
    const c = this.src[this.pos + 1]!;
    if (c === 'd' || c === 's' || c === 'w' || c === 'D' || c === 'S' || c === 'W') {
      this.pos += 2;
      return { kind: 'class', ranges: PERL_CLASSES[c.toLowerCase()]!.slice(), negated: c !== c.toLowerCase(), properties: [] };
    }
    if (c === 'p' || c === 'P') {
      let name: string;
      if (this.src[this.pos + 2] === '{') {
        const end = this.src.indexOf('}', this.pos + 3);
        if (end < 0) this.fail('unterminated \\p{');
        name = this.src.slice(this.pos + 3, end);
        this.pos = end + 1;
      } else {
        name = this.src[this.pos + 2] ?? '';
        this.pos += 3;
      }
      let negated = c === 'P';
      if (name.startsWith('^')) {
        negated = !negated;
        name = name.slice(1);
      }
      if (!/^[A-Za-z_]+$/.test(name)) this.fail(`invalid Unicode class \\p{${name}}`);
      const property = name === 'Any' ? 'Any' : GENERAL_CATEGORY.test(name) ? name : `Script=${name}`;
      try {
        new RegExp(`\\p{${property}}`, 'u');
      } catch {
        this.fail(`unknown Unicode class ${name}`);
      }
      void flags;
      return { kind: 'class', ranges: [], negated, properties: [`\\${negated ? 'P' : 'p'}{${property}}`] };
    }
    if (c === 'x') {
      const m = /^\\x(?:\{([0-9A-Fa-f]{1,6})\}|([0-9A-Fa-f]{2}))/.exec(this.src.slice(this.pos, this.pos + 11));
      if (!m) this.fail('invalid \\x escape');
      const cp = parseInt(m[1] ?? m[2]!, 16);
      if (cp > MAX_CODE_POINT) this.fail('\\x escape beyond U+10FFFF');
      this.pos += m[0].length;
      return { kind: 'char', cp };
    }
    if (c >= '0' && c <= '7') {
      // RE2: \0 followed by up to two octal digits, or \1-\7 followed by more octal digits; a lone \1-\9 would be
      // a backreference, which RE2 does not support.
      const m = /^\\([0-7]{1,3})/.exec(this.src.slice(this.pos, this.pos + 4))!;
      if (c !== '0' && m[1]!.length < 2) this.fail('backreferences are not RE2 syntax');
      this.pos += m[0].length;
      return { kind: 'char', cp: parseInt(m[1]!, 8) };
    }
    if (c === '8' || c === '9') this.fail('backreferences are not RE2 syntax');
    if (c in SIMPLE_ESCAPES) {
      this.pos += 2;
      return { kind: 'char', cp: SIMPLE_ESCAPES[c]! };
    }
    const cp = c.codePointAt(0)!;
    if (cp < 0x80 && !/[A-Za-z0-9]/.test(c)) {
      this.pos += 2;
      return { kind: 'char', cp };
    }
    return this.fail(`invalid escape \\${c}`);
  }

  private bracketClass(flags: Flags): string {
    const start = this.pos;
    this.pos++; // [
    let negated = false;
    if (this.src[this.pos] === '^') {
      negated = true;
      this.pos++;
    }
    const ranges: Range[] = [];
    const properties: string[] = [];
    let first = true;
    for (;;) {
      if (this.pos >= this.src.length) {
        this.pos = start;
        this.fail('missing closing ]');
      }
      const c = this.src[this.pos]!;
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (c === '[' && this.src[this.pos + 1] === ':') {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos, this.pos + 12));
        if (m) {
          const cls = POSIX_CLASSES[m[2]!];
          if (!cls) this.fail(`unknown POSIX class [:${m[2]}:]`);
          ranges.push(...(m[1] ? negate(cls) : cls));
          this.pos += m[0].length;
          continue;
        }
      }
      const lo = this.classAtom(ranges, properties, flags);
      if (lo === null) continue;
      if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
        this.pos++;
        const hi = this.classAtom(ranges, properties, flags);
        if (hi === null) this.fail('invalid character class range');
        if (hi < lo) this.fail('invalid character class range');
        ranges.push([lo, hi]);
      } else {
        ranges.push([lo, lo]);
      }
    }
    return emitClass(ranges, negated, properties, flags);
  }

  /** One character of a bracket class, or (returning null) a class escape whose ranges were added. */
  private classAtom(ranges: Range[], properties: string[], flags: Flags): number | null {
    const c = this.src[this.pos]!;
    if (c !== '\\') {
      const cp = this.src.codePointAt(this.pos)!;
      this.pos += cp > 0xffff ? 2 : 1;
      return cp;
    }
    const next = this.src[this.pos + 1];
    if (next === 'b' || next === 'B' || next === 'A' || next === 'z' || next === 'Q' || next === 'C') this.fail(`\\${next} is not allowed in a character class`);
    const set = this.classEscape(flags);
    if (set.kind === 'char') return set.cp;
    if (set.properties.length > 0) properties.push(...set.properties);
    else ranges.push(...(set.negated ? negate(set.ranges) : set.ranges));
    return null;
  }
}

function applyFlags(target: Flags, letters: string, value: boolean) {
  for (const letter of letters) {
    if (letter === 'i') target.caseInsensitive = value;
    else if (letter === 's') target.dotAll = value;
    else if (letter === 'm') target.multiLine = value;
    else if (letter === 'U') target.ungreedy = value;
  }
}

function literal(cp: number, flags: Flags): string {
  if (flags.caseInsensitive) {
    const folded = normalise(foldRanges([[cp, cp]]));
    if (folded.length > 1 || folded[0]![0] !== folded[0]![1]) return `[${folded.map(emitRange).join('')}]`;
  }
  return escapeLiteral(cp);
}

function escapeLiteral(cp: number): string {
  if (cp < 0x20 || cp > 0x7e) return `\\u{${cp.toString(16)}}`;
  const ch = String.fromCodePoint(cp);
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

function emitClass(ranges: Range[], negated: boolean, properties: string[], flags: Flags): string {
  let set = normalise(flags.caseInsensitive ? foldRanges(ranges) : ranges);
  if (set.length === 0 && properties.length === 0) return negated ? '[\\s\\S]' : '[^\\s\\S]';
  if (properties.length === 0 && !negated && set.length === 1 && set[0]![0] === set[0]![1]) return escapeLiteral(set[0]![0]);
  // Negating ranges ourselves (rather than writing [^...]) keeps one spelling for every class.
  if (negated && properties.length === 0) {
    set = negate(set);
    if (set.length === 0) return '[^\\s\\S]';
    negated = false;
  }
  return `[${negated ? '^' : ''}${set.map(emitRange).join('')}${properties.join('')}]`;
}

function emitRange([lo, hi]: Range): string {
  const one = (cp: number) => (cp < 0x20 || cp > 0x7e || /[\\\]^[-]/.test(String.fromCodePoint(cp)) ? `\\u{${cp.toString(16)}}` : String.fromCodePoint(cp));
  if (lo === hi) return one(lo);
  if (hi === lo + 1) return one(lo) + one(hi);
  return `${one(lo)}-${one(hi)}`;
}

function normalise(ranges: Range[]): Range[] {
  const sorted = ranges.map((r) => [r[0], r[1]] as Range).sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}

function negate(ranges: Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of normalise(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

/** Largest non-ASCII range whose characters are folded one by one (larger ones are left as they are). */
const MAX_FOLD_SPAN = 4096;

/**
 * Simple case folding, as RE2's (?i): ASCII letters both ways, plus the two non-ASCII characters that fold to
 * ASCII (U+212A KELVIN SIGN ~ k, U+017F LONG S ~ s), and other characters through JavaScript's case mapping.
 */
function foldRanges(ranges: Range[]): Range[] {
  const out: Range[] = ranges.map((r) => [r[0], r[1]] as Range);
  const add = (cp: number) => out.push([cp, cp]);
  for (const [lo, hi] of ranges) {
    const overlap = (a: number, b: number, shift: number) => {
      const from = Math.max(lo, a);
      const to = Math.min(hi, b);
      if (from <= to) out.push([from + shift, to + shift]);
    };
    overlap(0x61, 0x7a, -32);
    overlap(0x41, 0x5a, 32);
    if ((lo <= 0x6b && hi >= 0x6b) || (lo <= 0x4b && hi >= 0x4b)) add(0x212a);
    if ((lo <= 0x73 && hi >= 0x73) || (lo <= 0x53 && hi >= 0x53)) add(0x17f);
    if (lo <= 0x212a && hi >= 0x212a) out.push([0x4b, 0x4b], [0x6b, 0x6b]);
    if (lo <= 0x17f && hi >= 0x17f) out.push([0x53, 0x53], [0x73, 0x73]);
    const from = Math.max(lo, 0x80);
    if (from <= hi && hi - from <= MAX_FOLD_SPAN) {
      for (let cp = from; cp <= hi; cp++) {
        for (const mapped of [String.fromCodePoint(cp).toLowerCase(), String.fromCodePoint(cp).toUpperCase()]) {
          const m = mapped.codePointAt(0)!;
          if (mapped.length === String.fromCodePoint(m).length && m >= 0x80 && m !== cp) add(m);
        }
      }
    }
  }
  return out;
}
