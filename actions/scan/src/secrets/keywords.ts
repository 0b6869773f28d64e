/**
 * The keyword prefilter: which of the rules' keywords occur in a text, in one pass over it, case-insensitively
 * (gitleaks lower-cases the fragment and runs an Aho-Corasick automaton over it). Here the automaton is a
 * dense DFA over the keywords' own alphabet: each character costs one table lookup, and the text is never
 * copied or lower-cased (ASCII letters fold through the lookup table). Measured against one combined regex of
 * all keywords, it is several times faster on source trees (see secrets.bench notes in the report).
 */
export class KeywordIndex {
  /** Keyword id -> keyword text (lower case). */
  readonly keywords: readonly string[];
  /** Char code (< 128) -> symbol; 0 means "not in any keyword". */
  private readonly asciiSymbol = new Uint8Array(128);
  /** Non-ASCII characters that occur in keywords (after lower-casing) -> symbol. */
  private readonly otherSymbol = new Map<number, number>();
  private readonly alphabet: number;
  /** rows[state * alphabet + symbol] -> next state * alphabet (the DFA, rows pre-multiplied). */
  private readonly rows: Int32Array;
  /** endsHere[state * alphabet] is 1 when a keyword ends in that state. */
  private readonly endsHere: Uint8Array;
  /** For each state, the keyword ids that end there (own and inherited through failure links). */
  private readonly outputs: (readonly number[] | undefined)[];

  constructor(keywords: Iterable<string>) {
    this.keywords = [...new Set([...keywords].map((k) => k.toLowerCase()).filter((k) => k.length > 0))];
    let nextSymbol = 1;
    for (const k of this.keywords) {
      for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i);
        if (c < 128) {
          if (this.asciiSymbol[c] === 0) this.asciiSymbol[c] = nextSymbol++;
        } else if (!this.otherSymbol.has(c)) {
          this.otherSymbol.set(c, nextSymbol++);
        }
      }
    }
    if (nextSymbol > 255) throw new Error('keyword alphabet larger than 255 characters');
    // Upper-case ASCII letters read as their lower-case symbol.
    for (let c = 65; c <= 90; c++) this.asciiSymbol[c] = this.asciiSymbol[c + 32]!;
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
    this.rows = new Int32Array(delta.length);
    for (let i = 0; i < delta.length; i++) this.rows[i] = delta[i]! * this.alphabet;
    this.endsHere = new Uint8Array(delta.length);
    outputs.forEach((out, state) => {
      if (out) this.endsHere[state * this.alphabet] = 1;
    });
    this.outputs = outputs;
  }

  private symbolOf(c: number): number {
    if (c < 128) return this.asciiSymbol[c]!;
    return this.otherSymbol.get(c) ?? this.otherSymbol.get(String.fromCharCode(c).toLowerCase().charCodeAt(0)) ?? 0;
  }

  /** Marks in `seen` (indexed by keyword id) every keyword that occurs in text[from, to); returns how many are new. */
  scan(text: string, seen: Uint8Array, from = 0, to = text.length): number {
    // Hot loop: transitions hold pre-multiplied row offsets, and a byte per row says whether anything ends there.
    const { rows, endsHere, outputs, asciiSymbol } = this;
    const other = this.otherSymbol.size > 0 ? (c: number) => this.symbolOf(c) : () => 0;
    let row = 0;
    let found = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      row = rows[row + (c < 128 ? asciiSymbol[c]! : other(c))]!;
      if (endsHere[row] !== 0) {
        for (const id of outputs[row / this.alphabet]!) {
          if (seen[id] === 0) {
            seen[id] = 1;
            found++;
          }
        }
      }
    }
    return found;
  }
}
