import type { Allowlist, SecretRule, SecretsConfig } from './config.js';
import { ruleMatcher, type MatchIterator } from './anchored.js';
import { KeywordHits, KeywordIndex } from './keywords.js';
import { foldText } from './literal-heads.js';
import { decodedLine, decodeTags, FragmentDecoder, segmentsTouching, toOriginal, type EncodedSegment } from './decoder.js';
import { TextSimd, type EncodingCandidates } from './text-simd.js';

/**
 * gitleaks' detection, fragment by fragment: keyword prefilter, each selected rule's regex over the whole
 * fragment, secret group, entropy, inline `gitleaks:allow`, allowlists (global then rule), path-only rules,
 * composite rules (`[[rules.required]]`) and the generic-rule de-duplication. A fragment is a file's text, or
 * a piece of it when the file is large (see chunks.ts), or the added lines of one file in one commit.
 *
 * Then, as gitleaks, pass after pass over the fragment with its encoded segments decoded (see decoder.ts), up
 * to maxDecodeDepth passes: a match there counts where it touches a segment decoded in that pass, and is
 * located at the encoded text in the fragment.
 */

export interface DetectorOptions {
  /** Decoding passes after the plain one (gitleaks' --max-decode-depth); 0 turns decoding off. */
  maxDecodeDepth?: number;
  /**
   * Whether the passes over every character run in WebAssembly (text-simd.ts) where it is available (default
   * true); false keeps them in JavaScript, which the tests compare with.
   */
  simd?: boolean;
}

/** gitleaks' default --max-decode-depth. */
export const DEFAULT_MAX_DECODE_DEPTH = 5;

export interface Fragment {
  text: string;
  /** Set when the caller has found the path (and commit) not allowlisted already (pathAllowed): not asked again. */
  pathChecked?: boolean;
  /** Set when every character of the text is ASCII (known from its bytes): the SIMD pass reads it as bytes. */
  ascii?: boolean;
  /** Forward slashes, relative to the scan root (what path rules and allowlists see). */
  path: string;
  commit?: string;
}

export interface RawFinding {
  ruleId: string;
  /** The matched text (trimmed of newlines), and the secret (the chosen capture group, or the match). */
  match: string;
  secret: string;
  /** Offsets of the match in the fragment text (UTF-16 units), end exclusive; -1 for path-only findings. */
  start: number;
  end: number;
  /** 1-based line and column (in characters) of the match's first and last character; 0 for path-only. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  entropy: number;
  tags: string[];
  /** The decoding pass that found it: 0 for plain text, n when the match lies in text decoded n times. */
  decodeDepth: number;
}

/** The text one pass of the rules runs over. */
interface Pass {
  text: string;
  /** The segments decoded in this pass (empty for the plain text). */
  segments: readonly EncodedSegment[];
  depth: number;
}

/** What content matching needs, built on the first text: a scan whose files are all allowlisted never pays for it. */
interface ContentMatching {
  keywordIndex: KeywordIndex;
  /** For each keyword id: the rules (indexes) it selects. */
  rulesOfKeyword: number[][];
  /** 1 for each rule that runs whatever the keywords (a rule without keywords): each pass's selection starts here. */
  unconditionalRules: Uint8Array;
  /** The rules selected for the current pass (scratch, reused). */
  selectedRules: Uint8Array;
  /** For each rule with a regex: its matches over a text, in global-iteration order (see anchored.ts). */
  matchers: (MatchIterator | undefined)[];
  /** For each rule: the keyword ids whose hits are the only places it can match (literal-heads.ts), if proven. */
  anchorIds: (number[] | undefined)[];
  hits: KeywordHits;
  /** The WebAssembly passes, when wanted and available (the automaton's keywords must be ASCII). */
  simd: TextSimd | undefined;
}

/** Which rules each keyword selects, and which rules run regardless (gitleaks: a rule without keywords). */
function ruleSelection(config: SecretsConfig, keywords: number, idOf: (keyword: string) => number | undefined) {
  const rulesOfKeyword: number[][] = Array.from({ length: keywords }, () => []);
  const unconditionalRules = new Uint8Array(config.rules.length);
  config.rules.forEach((rule, r) => {
    const ids = rule.keywords.map(idOf).filter((id) => id !== undefined);
    if (ids.length === 0) unconditionalRules[r] = 1;
    for (const id of new Set(ids)) rulesOfKeyword[id]!.push(r);
  });
  return { rulesOfKeyword, unconditionalRules, selectedRules: new Uint8Array(config.rules.length) };
}

function contentMatching(config: SecretsConfig, useSimd: boolean): ContentMatching {
  const keywordIndex = new KeywordIndex(config.rules.flatMap((r) => r.keywords));
  const automaton = useSimd ? keywordIndex.automaton() : undefined;
  const idOf = new Map(keywordIndex.keywords.map((k, i) => [k, i]));
  const matchers = config.rules.map((r) => (r.regex ? ruleMatcher(r.regex, r.keywords) : undefined));
  return {
    keywordIndex,
    ...ruleSelection(config, keywordIndex.keywords.length, (k) => idOf.get(foldText(k))),
    matchers: matchers.map((m) => m?.matches),
    anchorIds: matchers.map((m, r) => m?.anchors?.map((k) => idOf.get(foldText(config.rules[r]!.keywords[k]!))!)),
    hits: new KeywordHits(keywordIndex.keywords.length),
    simd: automaton && TextSimd.create(automaton),
  };
}

export class SecretDetector {
  private readonly pathOnlyRules: SecretRule[];
  private readonly requiredBy: Map<string, SecretRule>;
  private matching: ContentMatching | undefined;

  private readonly maxDecodeDepth: number;
  private readonly useSimd: boolean;

  constructor(
    readonly config: SecretsConfig,
    options: DetectorOptions = {},
  ) {
    this.maxDecodeDepth = options.maxDecodeDepth ?? DEFAULT_MAX_DECODE_DEPTH;
    this.useSimd = options.simd ?? true;
    if (!Number.isInteger(this.maxDecodeDepth) || this.maxDecodeDepth < 0) {
      throw new RangeError(`maxDecodeDepth: expected a non-negative integer, got ${String(options.maxDecodeDepth)}`);
    }
    this.pathOnlyRules = config.rules.filter((r) => !r.regex && r.path);
    this.requiredBy = new Map(config.rules.filter((r) => r.required.length > 0).flatMap((r) => r.required.map((q) => [q.id, r] as const)));
  }

  /** Builds content matching now rather than on the first text (a worker does, before it says it is ready). */
  prepareContentMatching(): void {
    this.matching ??= contentMatching(this.config, this.useSimd);
  }

  /** Whether a path is excluded by a global allowlist that needs nothing but the path (and commit). */
  pathAllowed(path: string, commit?: string): boolean {
    return commitOrPathAllowed(this.config.allowlists, path, commit);
  }

  /** Path-only rules (a file's name is the finding, e.g. a .p12 key store), which need no content. */
  detectPath(path: string, commit?: string): RawFinding[] {
    if (this.pathOnlyRules.length === 0 || this.pathAllowed(path, commit)) return [];
    const out: RawFinding[] = [];
    for (const rule of this.pathOnlyRules) {
      if (!rule.path!.test(path) || commitOrPathAllowed(rule.allowlists, path, commit)) continue;
      const match = `file detected: ${path}`;
      out.push({ ruleId: rule.id, match, secret: path, start: -1, end: -1, startLine: 0, startColumn: 0, endLine: 0, endColumn: 0, entropy: 0, tags: rule.tags, decodeDepth: 0 });
    }
    return out;
  }

  /** Content findings of one fragment (path-only rules are not applied here: see detectPath). */
  detect(fragment: Fragment): RawFinding[] {
    if (fragment.path && !fragment.pathChecked && this.pathAllowed(fragment.path, fragment.commit)) return [];
    const lines = new LineIndex(fragment.text);
    const findings: RawFinding[] = [];
    let pass: Pass = { text: fragment.text, segments: [], depth: 0 };
    const decoder = new FragmentDecoder();
    for (;;) {
      const candidates = this.detectPass(fragment, pass, lines, findings);
      if (pass.depth >= this.maxDecodeDepth) break;
      const next = decoder.decode(pass.text, pass.segments, candidates);
      if (next.segments.length === 0) break;
      pass = { text: next.text, segments: next.segments, depth: pass.depth + 1 };
    }
    const kept = withoutRedundantGeneric(findings);
    // gitleaks pairs a composite rule's findings with the required rules' findings of the same pass.
    if (pass.depth === 0) return this.composite(kept);
    return Array.from({ length: pass.depth + 1 }, (_, depth) => this.composite(kept.filter((f) => f.decodeDepth === depth))).flat();
  }

  /**
   * Runs the rules over one pass; returns where encoded text may start when the SIMD pass found it (views of the
   * module's memory: read before the next pass).
   */
  private detectPass(fragment: Fragment, pass: Pass, lines: LineIndex, findings: RawFinding[]): EncodingCandidates | undefined {
    this.matching ??= contentMatching(this.config, this.useSimd);
    const { keywordIndex, rulesOfKeyword, unconditionalRules, selectedRules, matchers, anchorIds, hits, simd } = this.matching;
    const seen = new Uint8Array(keywordIndex.keywords.length);
    hits.clear();
    let candidates: EncodingCandidates | undefined;
    if (simd) {
      // Decoded text (depth > 0) may hold what a unicode escape stood for: only the file's own text is known ASCII.
      const result = simd.scan(pass.text, pass.depth === 0 && fragment.ascii === true);
      keywordIndex.record(result, seen, hits);
      candidates = result.candidates;
    } else {
      keywordIndex.scan(pass.text, seen, 0, pass.text.length, hits);
    }
    // The rules whose keyword occurs (a handful of the 220 in most texts), then each in the rules' order.
    selectedRules.set(unconditionalRules);
    for (let id = 0; id < seen.length; id++) {
      if (seen[id] === 0) continue;
      for (const r of rulesOfKeyword[id]!) selectedRules[r] = 1;
    }
    const rules = this.config.rules;
    for (let r = 0; r < rules.length; r++) {
      if (selectedRules[r] === 0) continue;
      const rule = rules[r]!;
      if (!rule.regex) continue;
      const anchors = anchorIds[r];
      this.detectRule(fragment, pass, rule, matchers[r]!, anchors && startsOf(hits, anchors), lines, findings);
    }
    return candidates;
  }

  private detectRule(fragment: Fragment, pass: Pass, rule: SecretRule, matches: MatchIterator, starts: ArrayLike<number> | undefined, lines: LineIndex, out: RawFinding[]) {
    if (commitOrPathAllowed(rule.allowlists, fragment.path, fragment.commit)) return;
    if (rule.path && !rule.path.test(fragment.path)) return;
    const text = fragment.text;
    for (const m of matches(pass.text, starts)) {
      if (m[0].length === 0) continue;
      // As gitleaks: newlines around the match are not part of it, and the secret is re-read from the match alone.
      const { trimmed, lead } = trimNewlines(m[0]);
      if (trimmed.length === 0) continue;
      let start = m.index + lead;
      let end = start + trimmed.length;
      let tags = rule.tags;
      let decodedLineText: string | undefined;
      if (pass.depth > 0) {
        // Only matches that touch text decoded in this pass are new; the location is the encoded text's.
        const touched = segmentsTouching(pass.segments, m.index, m.index + m[0].length);
        if (touched.length === 0) continue;
        ({ start, end } = toOriginal(touched, { start: m.index, end: m.index + m[0].length }));
        if (end <= start || start < 0 || end > text.length) continue;
        tags = [...rule.tags, ...decodeTags(touched)];
        decodedLineText = decodedLine(touched, pass.text);
      }
      const bounds = lines.bounds(start, end);
      const lineText = text.slice(bounds.lineStart, Math.max(bounds.lineEnd, end));
      if (lineText.includes('gitleaks:allow')) continue;
      let secret = trimmed;
      const groups = rule.groupRegex!.exec(trimmed);
      if (groups && groups.length >= 2) {
        if (rule.secretGroup > 0) {
          secret = groups[rule.secretGroup] ?? '';
        } else {
          const firstNonEmpty = groups.slice(1).find((g) => g !== undefined && g.length > 0);
          if (firstNonEmpty !== undefined) secret = firstNonEmpty;
        }
      }
      const entropy = shannonEntropy(secret);
      if (rule.entropy !== 0 && entropy <= rule.entropy) continue;
      const candidate = { secret, match: trimmed, line: decodedLineText ?? lineText };
      if (findingAllowed(this.config.allowlists, candidate, fragment) || findingAllowed(rule.allowlists, candidate, fragment)) continue;
      out.push({ ruleId: rule.id, match: trimmed, secret, start, end, ...lines.position(start, end), entropy, tags, decodeDepth: pass.depth });
    }
  }

  /** Composite rules: a primary finding stands only when each required rule also matched nearby. */
  private composite(findings: RawFinding[]): RawFinding[] {
    if (this.requiredBy.size === 0) return findings.filter((f) => !this.skip(f.ruleId));
    const byRule = new Map<string, RawFinding[]>();
    for (const f of findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    return findings.filter((f) => {
      const rule = this.config.rules.find((r) => r.id === f.ruleId)!;
      if (rule.skipReport) return false;
      return rule.required.every((req) =>
        (byRule.get(req.id) ?? []).some(
          (other) =>
            (req.withinLines === undefined || Math.abs(other.startLine - f.startLine) <= req.withinLines) &&
            (req.withinColumns === undefined || Math.abs(other.startColumn - f.startColumn) <= req.withinColumns),
        ),
      );
    });
  }

  private skip(ruleId: string): boolean {
    return this.config.rules.find((r) => r.id === ruleId)?.skipReport ?? false;
  }
}

/** Scratch for startsOf's merges, grown as needed (the result is read before the next call). */
let mergeInto = new Int32Array(1024);
let mergeFrom = new Int32Array(1024);

/**
 * The hits of the given keywords, as ascending unique start offsets: each keyword's list is ascending already, so
 * they are merged two at a time (a rule has a handful of keywords with hits in a text) instead of sorted.
 */
function startsOf(hits: KeywordHits, ids: readonly number[]): ArrayLike<number> {
  let only: number[] | undefined;
  let total = 0;
  let lists = 0;
  for (const id of ids) {
    const list = hits.starts[id]!;
    if (list.length === 0) continue;
    only = list;
    total += list.length;
    lists++;
  }
  if (lists <= 1) return only ?? [];
  if (mergeInto.length < total) {
    mergeInto = new Int32Array(2 * total);
    mergeFrom = new Int32Array(2 * total);
  }
  let length = 0;
  for (const id of ids) {
    const list = hits.starts[id]!;
    if (list.length === 0) continue;
    // Merge the list with what is merged so far (in mergeFrom), leaving one copy of equal starts.
    [mergeFrom, mergeInto] = [mergeInto, mergeFrom];
    let a = 0;
    let b = 0;
    let out = 0;
    while (a < length || b < list.length) {
      const next = b >= list.length || (a < length && mergeFrom[a]! <= list[b]!) ? mergeFrom[a++]! : list[b++]!;
      if (out === 0 || mergeInto[out - 1] !== next) mergeInto[out++] = next;
    }
    length = out;
  }
  return mergeInto.subarray(0, length);
}

function trimNewlines(s: string): { trimmed: string; lead: number } {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) === 10) a++;
  while (b > a && s.charCodeAt(b - 1) === 10) b--;
  return { trimmed: s.slice(a, b), lead: a };
}

/**
 * gitleaks drops a finding of a rule whose id contains "generic" when a specific rule found a secret containing
 * it on the same line: the specific rule says more.
 */
function withoutRedundantGeneric(findings: RawFinding[]): RawFinding[] {
  return findings.filter(
    (f) =>
      !f.ruleId.toLowerCase().includes('generic') ||
      !findings.some((o) => o.startLine === f.startLine && o.ruleId !== f.ruleId && !o.ruleId.toLowerCase().includes('generic') && o.secret.includes(f.secret)),
  );
}

/** Shannon entropy in bits per character, as gitleaks computes it (characters counted, UTF-8 length divides). */
export function shannonEntropy(data: string): number {
  if (data.length === 0) return 0;
  const counts = new Map<number, number>();
  let bytes = 0;
  for (const ch of data) {
    const cp = ch.codePointAt(0)!;
    counts.set(cp, (counts.get(cp) ?? 0) + 1);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  let entropy = 0;
  for (const count of counts.values()) {
    const freq = count / bytes;
    entropy -= freq * Math.log2(freq);
  }
  return entropy;
}

/** gitleaks' early allowlist check: allowlists decided by commit and path alone (AND lists with content checks wait). */
export function commitOrPathAllowed(allowlists: readonly Allowlist[], path: string, commit?: string): boolean {
  if (!path && !commit) return false;
  for (const a of allowlists) {
    const commitAllowed = commit !== undefined && a.commits.some((c) => c.toLowerCase() === commit.toLowerCase());
    const pathAllowed = path !== '' && a.paths.some((p) => p.test(path));
    if (a.matchAll) {
      if (a.regexes.length > 0 || a.stopwords.length > 0) continue;
      const checks: boolean[] = [];
      if (a.commits.length > 0) checks.push(commitAllowed);
      if (a.paths.length > 0) checks.push(pathAllowed);
      if (checks.length > 0 && checks.every(Boolean)) return true;
    } else if (commitAllowed || pathAllowed) {
      return true;
    }
  }
  return false;
}

function findingAllowed(allowlists: readonly Allowlist[], f: { secret: string; match: string; line: string }, fragment: Fragment): boolean {
  for (const a of allowlists) {
    // Each condition is worked out only when the answer still depends on it: the path one (a regex per path
    // pattern) once per allowlist and path, not for every candidate match of the text.
    const commitAllowed = () => fragment.commit !== undefined && a.commits.some((c) => c.toLowerCase() === fragment.commit!.toLowerCase());
    const pathAllowed = () => fragment.path !== '' && allowlistPathMatches(a, fragment.path);
    const regexAllowed = () => {
      const target = a.regexTarget === 'match' ? f.match : a.regexTarget === 'line' ? f.line : f.secret;
      return a.regexes.some((r) => r.test(target));
    };
    const stopword = () => {
      const lowerSecret = f.secret.toLowerCase();
      return a.stopwords.some((w) => lowerSecret.includes(w));
    };
    if (a.matchAll) {
      const checks: (() => boolean)[] = [];
      if (a.commits.length > 0) checks.push(commitAllowed);
      if (a.paths.length > 0) checks.push(pathAllowed);
      if (a.regexes.length > 0) checks.push(regexAllowed);
      if (a.stopwords.length > 0) checks.push(stopword);
      if (checks.length > 0 && checks.every((check) => check())) return true;
    } else if (commitAllowed() || pathAllowed() || regexAllowed() || (a.stopwords.length > 0 && stopword())) {
      return true;
    }
  }
  return false;
}

/** The last path each allowlist's path patterns were tried on, and the answer (a text's matches share its path). */
const lastPathAnswer = new WeakMap<Allowlist, { path: string; allowed: boolean }>();

function allowlistPathMatches(a: Allowlist, path: string): boolean {
  if (a.paths.length === 0) return false;
  const last = lastPathAnswer.get(a);
  if (last?.path === path) return last.allowed;
  const allowed = a.paths.some((p) => p.test(path));
  lastPathAnswer.set(a, { path, allowed });
  return allowed;
}

/** Line starts of a fragment, computed once and only when a rule matched. */
class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
    return starts;
  }

  /** 0-based line containing offset. */
  private lineOf(offset: number): number {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * The line(s) of [start, end) as offsets, without the index: most matches are dropped by entropy or an allowlist
   * before their line number is wanted, and counting the lines of a large text for each of them cost more than
   * the matching. lineEnd excludes the newline and a carriage return before it.
   */
  bounds(start: number, end: number): { lineStart: number; lineEnd: number } {
    const text = this.text;
    const lineStart = start === 0 ? 0 : text.lastIndexOf('\n', start - 1) + 1;
    const newline = text.indexOf('\n', Math.max(start, end - 1));
    let lineEnd = newline === -1 ? text.length : newline;
    if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    return { lineStart, lineEnd };
  }

  /** 1-based lines and columns of [start, end). */
  position(start: number, end: number) {
    const starts = this.lineStarts();
    const first = this.lineOf(start);
    const last = this.lineOf(Math.max(start, end - 1));
    return { startLine: first + 1, startColumn: start - starts[first]! + 1, endLine: last + 1, endColumn: end - starts[last]! };
  }
}
