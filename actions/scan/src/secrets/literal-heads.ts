import { RegExpParser, type AST } from '@eslint-community/regexpp';
import { createHash } from 'node:crypto';
import { DEFAULT_RULE_ANCHORS } from './default-anchors.generated.js';

/**
 * What every match of a regex starts with: its "literal heads", case-folded. A rule whose every head starts with
 * one of its keywords can only match where the keyword prefilter found that keyword, so the rule's regex need
 * only be tried at those positions (see anchored.ts) instead of being searched through the whole text: the
 * search, not the match, was most of the secrets scanner's time.
 *
 * The analysis reads the regex's syntax tree (regexpp, the parser behind eslint's regex rules) and is
 * conservative: whatever it cannot follow (a class of several characters, a repetition) ends a head there, and
 * a head that ends before it spells a keyword makes the rule not anchorable (it is then searched as before).
 */

/** A head: `text` (folded) is what the match starts with; `open` when the text so far was all the regex had. */
interface Head {
  text: string;
  open: boolean;
}

/** Heads beyond this many (or this long) stop the analysis: the rule is searched instead, which is always right. */
const MAX_HEADS = 256;
const MAX_HEAD_LENGTH = 24;

const parser = new RegExpParser({ ecmaVersion: 2024 });

/**
 * Folds one UTF-16 code unit the way both the rules' case-insensitive classes and the prefilter must agree on:
 * lower case, with the two non-ASCII letters in the case orbits of ASCII ones (U+017F long s ~ s, U+212A Kelvin
 * sign ~ k) and U+0130 (dotted I, which Go's ToLower, hence gitleaks' prefilter, maps to i) folded to ASCII.
 */
export function foldCodeUnit(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  if (c === 0x17f) return 115;
  if (c === 0x212a) return 107;
  if (c === 0x130) return 105;
  const lower = String.fromCharCode(c).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : c;
}

/** The code units above 0x7f that foldCodeUnit maps to ASCII letters (text-simd.wat narrows them to 0x81-0x83, in this order). */
export const WIDE_ASCII_FOLDS: readonly number[] = [0x130, 0x17f, 0x212a];

/** A string folded code unit by code unit (what the prefilter compares). */
export function foldText(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(foldCodeUnit(s.charCodeAt(i)));
  return out;
}

/** The folded literal heads of a `u`-flag regex source, or undefined when there are too many to list. */
export function literalHeads(source: string): string[] | undefined {
  let pattern: AST.Pattern;
  try {
    pattern = parser.parsePattern(source, 0, source.length, { unicode: true });
  } catch {
    return undefined;
  }
  const heads = alternatives(pattern.alternatives);
  return heads && [...new Set(heads.map((h) => h.text))];
}

/** The key of a rule's anchors in DEFAULT_RULE_ANCHORS: a hash of what the analysis reads. */
export function anchorsKey(source: string, keywords: readonly string[]): string {
  return createHash('sha256').update(source).update('\0').update(keywords.join('\0')).digest('base64url').slice(0, 22);
}

/**
 * The keywords (indices into `keywords`, which are lower case) that anchor a regex: every match starts with one
 * of them. Undefined when some match might not (or when the regex is beyond the analysis). The default rules'
 * answers are generated ahead (default-anchors.generated.ts); any other rule is analysed here.
 */
export function anchorKeywords(source: string, keywords: readonly string[]): number[] | undefined {
  const known = DEFAULT_RULE_ANCHORS[anchorsKey(source, keywords)];
  if (known !== undefined) return known === null ? undefined : [...known];
  return anchorKeywordsByAnalysis(source, keywords);
}

export function anchorKeywordsByAnalysis(source: string, keywords: readonly string[]): number[] | undefined {
  if (keywords.length === 0) return undefined;
  const heads = literalHeads(source);
  if (!heads || heads.length === 0) return undefined;
  const folded = keywords.map(foldText);
  const anchors = new Set<number>();
  for (const head of heads) {
    // The longest keyword the head starts with: its occurrences are the fewest candidates.
    let best = -1;
    folded.forEach((k, i) => {
      if (k.length > 0 && head.startsWith(k) && (best < 0 || k.length > folded[best]!.length)) best = i;
    });
    if (best < 0) return undefined;
    anchors.add(best);
  }
  return [...anchors].sort((a, b) => a - b);
}

function alternatives(alts: readonly AST.Alternative[]): Head[] | undefined {
  const out: Head[] = [];
  for (const alt of alts) {
    const heads = sequence(alt.elements);
    if (!heads) return undefined;
    out.push(...heads);
    if (out.length > MAX_HEADS) return undefined;
  }
  return dedupe(out);
}

function sequence(elements: readonly AST.Element[]): Head[] | undefined {
  let heads: Head[] = [{ text: '', open: true }];
  for (const element of elements) {
    if (!heads.some((h) => h.open)) break;
    const next = headsOf(element);
    if (!next) return undefined;
    const joined: Head[] = [];
    for (const h of heads) {
      if (!h.open || h.text.length >= MAX_HEAD_LENGTH) {
        joined.push({ text: h.text, open: false });
        continue;
      }
      for (const n of next) joined.push({ text: h.text + n.text, open: n.open });
    }
    heads = dedupe(joined);
    if (heads.length > MAX_HEADS) return undefined;
  }
  return heads;
}

/** What one element's match starts with; `open` when that whole match is the head's text. */
function headsOf(element: AST.Element): Head[] | undefined {
  switch (element.type) {
    case 'Character':
      return [{ text: foldText(String.fromCodePoint(element.value)), open: true }];
    case 'CharacterClass': {
      const folded = classAsOneCharacter(element);
      return [folded === undefined ? { text: '', open: false } : { text: folded, open: true }];
    }
    case 'Assertion':
      // Zero-width: it consumes nothing, so what follows is still the start of the match.
      return [{ text: '', open: true }];
    case 'Group':
    case 'CapturingGroup':
      return alternatives(element.alternatives);
    case 'Quantifier': {
      if (element.max === 0) return [{ text: '', open: true }];
      const once = headsOf(element.element);
      if (!once) return undefined;
      // After one repetition another may follow: the head ends there unless the element occurs exactly once.
      const taken = element.max === 1 ? once : once.map((h) => ({ text: h.text, open: false }));
      return element.min === 0 ? dedupe([{ text: '', open: true }, ...taken]) : taken;
    }
    default:
      // Character sets (\w, ., \p{...}), backreferences: not a literal.
      return [{ text: '', open: false }];
  }
}

/** A class every member of which folds to the same single code unit (e.g. `[Kk\u212a]`), as that unit. */
function classAsOneCharacter(cls: AST.CharacterClass): string | undefined {
  if (cls.negate) return undefined;
  let folded: number | undefined;
  for (const e of cls.elements) {
    if (e.type !== 'Character' || e.value > 0xffff) return undefined;
    const f = foldCodeUnit(e.value);
    if (folded !== undefined && f !== folded) return undefined;
    folded = f;
  }
  return folded === undefined ? undefined : String.fromCharCode(folded);
}

function dedupe(heads: Head[]): Head[] {
  const seen = new Map<string, Head>();
  for (const h of heads) {
    const key = `${h.open ? 1 : 0}${h.text}`;
    if (!seen.has(key)) seen.set(key, h);
  }
  return [...seen.values()];
}
