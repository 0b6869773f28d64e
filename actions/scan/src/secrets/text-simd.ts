import { WIDE_ASCII_FOLDS } from './literal-heads.js';
import { TEXT_SIMD_WASM } from './text-simd.generated.js';

/**
 * The secrets scan's two passes over every character, in WebAssembly (text-simd.wat): the keyword automaton and
 * the search for where encoded text may start. In JavaScript each costs ~2 ns a character (the automaton is a
 * chain of dependent loads; the base64-run search a branch per probe); here the text is narrowed to bytes and
 * classified 16 characters at a time with SIMD, and the automaton runs as four interleaved streams, ~0.5 and
 * ~1 ns. Results are exactly those of KeywordIndex.scan and scanEncodings' own search, which the tests check.
 */

/** The part of the WebAssembly API used here: the project's lib has no DOM types, and @types/node omits it. */
interface WasmModule {
  readonly kind?: 'module';
}
interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule) => WasmInstance;
};

/** The keyword automaton's tables, as KeywordIndex holds them (rows pre-multiplied by the alphabet size). */
export interface KeywordAutomaton {
  /** The symbol of each ASCII character, and of the three code units that fold to ASCII letters. */
  symbolOf: (codeUnit: number) => number;
  rows: Int32Array;
  /** Row offsets at or above this are accepting states. */
  acceptingRows: number;
  /** The longest keyword, in characters: how far back a stream starts to reach its exact state. */
  longestKeyword: number;
}

/** Where encoded text can start (see scanEncodings): maximal base64 runs of 16+, and every %, \ and U+. */
export interface EncodingCandidates {
  /**
   * (start, end, flags) triples, ascending; flags for a match starting at the run's start: RUN_HEX (its first 32
   * characters are hex digits), RUN_LIKELY (it holds one of [0-9+/_-]).
   */
  runs: Int32Array;
  /** Positions, ascending. */
  percents: Int32Array;
  backslashes: Int32Array;
  codePoints: Int32Array;
}

export const RUN_HEX = 1;
export const RUN_LIKELY = 2;

/** One text's results; valid until the next scan (all of them are views of the module's memory). */
export interface TextSimdResult {
  /** (position, row) pairs of accepting states; row as KeywordIndex numbers them. */
  events: Int32Array;
  /** Four [first pair index, pair count] regions of `events`, in text order. */
  regions: Int32Array;
  candidates: EncodingCandidates;
}

interface TextSimdExports {
  memory: WasmMemory;
  prepare(src: number, n: number, dst: number, runs: number, percents: number, backslashes: number, codePoints: number, counts: number, wide: number): number;
  keywords(text: number, n: number, sym: number, rows: number, accept: number, warm: number, out: number, counts: number): void;
}

const SYMBOLS_AT = 0;
const ROWS_AT = 1024;
const PAGE = 65536;

let compiled: WasmModule | null | undefined;

/** The module, compiled once per thread; null where WebAssembly SIMD is not available (the JavaScript passes run). */
function textSimdModule(): WasmModule | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(TEXT_SIMD_WASM, 'base64'));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

const align16 = (n: number) => (n + 15) & ~15;

export class TextSimd {
  private readonly exports: TextSimdExports;
  private readonly acceptingOffset: number;
  private readonly longestKeyword: number;
  private readonly tablesEnd: number;
  private bytes!: Buffer;
  private words!: Int32Array;
  private readonly regions = new Int32Array(8);

  private constructor(instance: WasmInstance, automaton: KeywordAutomaton) {
    this.exports = instance.exports as unknown as TextSimdExports;
    this.longestKeyword = automaton.longestKeyword;
    this.acceptingOffset = automaton.acceptingRows * 4;
    this.tablesEnd = align16(ROWS_AT + automaton.rows.length * 4);
    this.ensureMemory(this.tablesEnd);
    // Columns and rows as byte offsets, so the module adds them to addresses directly.
    const symbols = new Int32Array(256);
    for (let c = 0; c < 0x80; c++) symbols[c] = automaton.symbolOf(c) * 4;
    WIDE_ASCII_FOLDS.forEach((unit, i) => (symbols[0x81 + i] = automaton.symbolOf(unit) * 4));
    this.words.set(symbols, SYMBOLS_AT / 4);
    for (let i = 0; i < automaton.rows.length; i++) this.words[ROWS_AT / 4 + i] = automaton.rows[i]! * 4;
  }

  /** undefined where WebAssembly SIMD is not available. */
  static create(automaton: KeywordAutomaton): TextSimd | undefined {
    const module = textSimdModule();
    return module ? new TextSimd(new WebAssembly.Instance(module), automaton) : undefined;
  }

  /**
   * `ascii`: every code unit of the text is below 0x80 (the caller knows it from the file's bytes), so it is
   * copied as bytes and read as they are; otherwise it is copied as UTF-16 and narrowed (see text-simd.wat).
   */
  scan(text: string, ascii = false): TextSimdResult {
    const n = text.length;
    const src = this.tablesEnd;
    const dst = align16(src + 2 * n + 32);
    const runs = align16(dst + n + 32);
    const lists = align16(runs + ((n >> 4) + 2) * 12);
    const listBytes = (n + 16) * 4;
    const counts = align16(lists + 3 * listBytes);
    const out = counts + 16;
    this.ensureMemory(out + 4 * ((n >> 2) + 8) * 8);
    if (ascii) this.bytes.write(text, dst, 'latin1');
    else this.bytes.write(text, src, 'utf16le');
    const runCount = this.exports.prepare(ascii ? dst : src, n, dst, runs, lists, lists + listBytes, lists + 2 * listBytes, counts, ascii ? 0 : 1);
    // Views, not copies: the decoder reads them before the next scan (see TextSimdResult).
    const list = (k: number) => this.words.subarray((lists + k * listBytes) / 4, (lists + k * listBytes) / 4 + this.words[counts / 4 + k]!);
    const candidates = { runs: this.words.subarray(runs / 4, runs / 4 + 3 * runCount), percents: list(0), backslashes: list(1), codePoints: list(2) };
    this.exports.keywords(dst, n, SYMBOLS_AT, ROWS_AT, this.acceptingOffset, this.longestKeyword, out, counts);
    const regionPairs = (n >> 2) + 8;
    for (let k = 0; k < 4; k++) {
      this.regions[2 * k] = out / 8 + k * regionPairs;
      this.regions[2 * k + 1] = this.words[counts / 4 + k]!;
    }
    return { events: this.words, regions: this.regions, candidates };
  }

  private ensureMemory(bytes: number): void {
    const memory = this.exports.memory;
    if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
    if (this.bytes?.buffer !== memory.buffer) {
      this.bytes = Buffer.from(memory.buffer);
      this.words = new Int32Array(memory.buffer);
    }
  }
}
