import { foldCodeUnit, foldText, WIDE_ASCII_FOLDS } from './literal-heads.js';
import type { KeywordAutomaton, TextSimdResult } from './text-simd.js';

/**
 * The keyword prefilter: which of the rules' keywords occur in a text, in one pass over it, case-insensitively
 * (gitleaks lower-cases the fragment and runs an Aho-Corasick automaton over it). Here the automaton is a
 * dense DFA over the keywords' own alphabet: each character costs one table lookup, and the text is never
 * copied or lower-cased (every UTF-16 code unit folds through one lookup table, see foldCodeUnit). It can also
 * record where each keyword occurs: the positions that anchor most rules' regexes (literal-heads.ts). Measured against one combined regex of
 * all keywords, it is several times faster on source trees (see secrets.bench notes in the report).
 */
export class KeywordIndex {
  /** Keyword id -> keyword text (lower case). */
  readonly keywords: readonly string[];
  /** UTF-16 code unit -> symbol (case-folded: see foldCodeUnit); 0 means "not in any keyword". */
  private readonly symbol = new Uint8Array(65536);
  private readonly alphabet: number;
  /** rows[state * alphabet + symbol] -> next state * alphabet (the DFA, rows pre-multiplied). */
  private readonly rows: Int32Array;
  /** For each state, the keyword ids that end there (own and inherited through failure links). */
  private readonly outputs: (readonly number[] | undefined)[];

  constructor(keywords: Iterable<string>) {
    this.keywords = [...new Set([...keywords].map(foldText).filter((k) => k.length > 0))];
    let nextSymbol = 1;
    for (const k of this.keywords) {
      for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i);
        if (this.symbol[c] === 0) this.symbol[c] = nextSymbol++;
      }
    }
    if (nextSymbol > 255) throw new Error('keyword alphabet larger than 255 characters');
    // Every code unit that folds to a keyword character reads as that character's symbol. With ASCII keywords
    // (gitleaks' all are) those are the upper-case letters and the three letters foldCodeUnit maps to ASCII,
    // without a walk over all 65,536 code units at every start.
    const asciiOnly = this.keywords.every((k) => /^[\x00-\x7f]*$/.test(k));
    this.asciiOnly = asciiOnly;
    for (const c of asciiOnly ? ASCII_FOLDING_CODE_UNITS : codeUnitsFoldingToOthers()) {
      const folded = this.symbol[foldCodeUnit(c)]!;
      if (folded !== 0) this.symbol[c] = folded;
    }
    this.alphabet = nextSymbol;

    // Trie.
    const children: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    this.keywords.forEach((k, id) => {
      let state = 0;
      for (let i = 0; i < k.length; i++) {
        const sym = this.symbolOf(k.charCodeAt(i));
        let next = children[state]!.get(sym);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          own.push([]);
          children[state]!.set(sym, next);
        }
        state = next;
      }
      own[state]!.push(id);
    });

    // Breadth-first: failure links turned into full transitions (a DFA), outputs merged along failure links.
    const states = children.length;
    const delta = new Int32Array(states * this.alphabet);
    const fail = new Int32Array(states);
    const outputs: (number[] | undefined)[] = new Array(states);
    outputs[0] = own[0]!.length ? own[0] : undefined;
    const queue: number[] = [];
    for (let sym = 0; sym < this.alphabet; sym++) {
      const next = children[0]!.get(sym);
      if (next !== undefined) {
        delta[sym] = next;
        fail[next] = 0;
        queue.push(next);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      const merged = [...own[state]!, ...(outputs[fail[state]!] ?? [])];
      outputs[state] = merged.length ? merged : undefined;
      for (let sym = 0; sym < this.alphabet; sym++) {
        const next = children[state]!.get(sym);
        if (next !== undefined) {
          fail[next] = delta[fail[state]! * this.alphabet + sym]!;
          delta[state * this.alphabet + sym] = next;
          queue.push(next);
        } else {
          delta[state * this.alphabet + sym] = delta[fail[state]! * this.alphabet + sym]!;
        }
      }
    }
    // States renumbered so that those where a keyword ends come last: "did a keyword end here?" is then one
    // comparison with the row offset instead of another table load in the hot loop.
    const order = [...Array(states).keys()].sort((a, b) => Number(outputs[a] !== undefined) - Number(outputs[b] !== undefined) || a - b);
    const renumbered = new Int32Array(states);
    order.forEach((state, i) => (renumbered[state] = i));
    this.rows = new Int32Array(delta.length);
    for (let state = 0; state < states; state++) {
      for (let sym = 0; sym < this.alphabet; sym++) {
        this.rows[renumbered[state]! * this.alphabet + sym] = renumbered[delta[state * this.alphabet + sym]!]! * this.alphabet;
      }
    }
    const firstAccepting = order.findIndex((state) => outputs[state] !== undefined);
    this.acceptingRows = (firstAccepting < 0 ? states : firstAccepting) * this.alphabet;
    this.outputs = order.map((state) => outputs[state]);
    this.lengths = Int32Array.from(this.keywords, (k) => k.length);
  }

  private symbolOf(c: number): number {
    return this.symbol[c]!;
  }

  /**
   * Marks in `seen` (indexed by keyword id) every keyword that occurs in text[from, to); returns how many are new.
   * With `hits`, also records where each occurrence starts (hits.starts[id], ascending).
   */
  scan(text: string, seen: Uint8Array, from = 0, to = text.length, hits?: KeywordHits): number {
    // Hot loop: one symbol lookup and one transition per character (measured ~3.5 ns here; walking two halves
    // interleaved, to overlap the loads, measured no faster and was dropped).
    const { rows, symbol, acceptingRows } = this;
    let found = 0;
    let row = 0;
    for (let i = from; i < to; i++) {
      row = rows[row + symbol[text.charCodeAt(i)]!]!;
      if (row >= acceptingRows) found += this.emit(row, i, seen, hits);
    }
    return found;
  }

  /**
   * The automaton for text-simd.ts, which reads every code unit above 0x7f as "no keyword character" except the
   * three that fold to ASCII letters: exact when every keyword is ASCII (gitleaks' are), so undefined otherwise.
   */
  automaton(): KeywordAutomaton | undefined {
    if (!this.asciiOnly) return undefined;
    return { symbolOf: (c) => this.symbol[c]!, rows: this.rows, acceptingRows: this.acceptingRows, longestKeyword: Math.max(0, ...this.lengths) };
  }

  /** What scan does with the accepting states text-simd.ts found: the same marks and hits, in the same order. */
  record(result: TextSimdResult, seen: Uint8Array, hits?: KeywordHits): number {
    const { events, regions } = result;
    let found = 0;
    for (let k = 0; k < 4; k++) {
      const first = 2 * regions[2 * k]!;
      const end = first + 2 * regions[2 * k + 1]!;
      for (let i = first; i < end; i += 2) found += this.emit(events[i + 1]! >> 2, events[i]!, seen, hits);
    }
    return found;
  }

  /** The keywords ending at `end` (state row `row`): marked seen, and recorded when hits are wanted. */
  private emit(row: number, end: number, seen: Uint8Array, hits: KeywordHits | undefined): number {
    let found = 0;
    for (const id of this.outputs[row / this.alphabet]!) {
      if (seen[id] === 0) {
        seen[id] = 1;
        found++;
      }
      if (hits) hits.add(id, end + 1 - this.lengths[id]!);
    }
    return found;
  }

  /** Keyword lengths by id (UTF-16 units). */
  private readonly lengths: Int32Array = new Int32Array(0);
  /** Row offsets at or above this are states where some keyword ends. */
  private readonly acceptingRows: number = 0;
  private readonly asciiOnly: boolean;
}


/** Where each keyword occurs in one text: start offsets by keyword id, ascending. Reused from text to text. */
export class KeywordHits {
  readonly starts: number[][];
  private readonly touched: number[] = [];

  constructor(keywords: number) {
    this.starts = Array.from({ length: keywords }, () => []);
  }

  add(id: number, start: number): void {
    const list = this.starts[id]!;
    if (list.length === 0) this.touched.push(id);
    list.push(start);
  }

  clear(): void {
    for (const id of this.touched) this.starts[id]!.length = 0;
    this.touched.length = 0;
  }
}

/** The code units whose fold (foldCodeUnit) is an ASCII character other than themselves. */
const ASCII_FOLDING_CODE_UNITS: readonly number[] = [...Array.from({ length: 26 }, (_, i) => 65 + i), ...WIDE_ASCII_FOLDS];

let foldingCodeUnits: number[] | undefined;
/** Code units (>= 128) whose fold is another code unit: computed once per process. */
function codeUnitsFoldingToOthers(): number[] {
  if (!foldingCodeUnits) {
    foldingCodeUnits = [];
    for (let c = 0; c < 65536; c++) if (foldCodeUnit(c) !== c) foldingCodeUnits.push(c);
  }
  return foldingCodeUnits;
}
