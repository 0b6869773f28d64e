/**
 * A reader for the subset of Elixir term syntax that `mix.lock` is written in: maps (`%{"k": v}` and
 * `%{k => v}`), tuples, lists with keyword pairs (`[hex: :plug, optional: false]`), strings, atoms
 * (`:hex`, `:"quoted"`), true/false/nil, numbers and `#` comments. Nothing is evaluated.
 */

export type Term =
  | { kind: 'string'; value: string; line: number }
  | { kind: 'atom'; value: string; line: number }
  | { kind: 'number'; value: string; line: number }
  | { kind: 'tuple'; items: Term[]; line: number }
  | { kind: 'list'; items: Term[]; line: number }
  | { kind: 'map'; entries: Array<{ key: Term; value: Term }>; line: number };

/** Malformed term text; `line` is 1-based. */
export class TermSyntaxError extends Error {
  constructor(
    reason: string,
    readonly line: number,
  ) {
    super(reason);
    this.name = 'TermSyntaxError';
  }
}

/** Nesting deeper than any lockfile needs; stops hostile input from exhausting the stack. */
const MAX_DEPTH = 256;

const IDENTIFIER_START = /[A-Za-z_]/;
const IDENTIFIER_PART = /[A-Za-z0-9_@]/;
const ATOM_SUFFIX = /[?!]/;

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '#': '#', e: '\x1b', s: ' ', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' };

class TermReader {
  private position = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  readDocument(): Term | undefined {
    this.skipBlank();
    if (this.position >= this.text.length) return undefined;
    const term = this.readTerm(0);
    this.skipBlank();
    if (this.position < this.text.length) this.fail(`unexpected "${this.text[this.position]}" after the end of the term`);
    return term;
  }

  private fail(reason: string): never {
    throw new TermSyntaxError(reason, this.line);
  }

  private peek(offset = 0): string | undefined {
    return this.text[this.position + offset];
  }

  private advance(): string {
    const char = this.text[this.position++]!;
    if (char === '\n') this.line++;
    return char;
  }

  /** Whitespace and `#` comments. */
  private skipBlank(): void {
    for (;;) {
      const char = this.peek();
      if (char === '#') {
        while (this.position < this.text.length && this.peek() !== '\n') this.position++;
      } else if (char === ' ' || char === '\t' || char === '\r' || char === '\n') {
        this.advance();
      } else {
        return;
      }
    }
  }

  private describeNext(): string {
    const char = this.peek();
    return char === undefined ? 'the end of the file' : `"${char}"`;
  }

  private readTerm(depth: number): Term {
    if (depth > MAX_DEPTH) this.fail(`terms nested deeper than ${MAX_DEPTH}`);
    this.skipBlank();
    const line = this.line;
    const char = this.peek();
    if (char === '%' && this.peek(1) === '{') {
      this.position += 2;
      return { kind: 'map', entries: this.readMapEntries(depth), line };
    }
    if (char === '{') {
      this.advance();
      return { kind: 'tuple', items: this.readSequence('}', depth), line };
    }
    if (char === '[') {
      this.advance();
      return { kind: 'list', items: this.readSequence(']', depth), line };
    }
    if (char === '"') return { kind: 'string', value: this.readString(), line };
    if (char === ':' && this.peek(1) === '"') {
      this.advance();
      return { kind: 'atom', value: this.readString(), line };
    }
    if (char === ':' && this.peek(1) !== undefined && IDENTIFIER_START.test(this.peek(1)!)) {
      this.advance();
      return { kind: 'atom', value: this.readIdentifier(true), line };
    }
    if (char !== undefined && /[-0-9]/.test(char)) return { kind: 'number', value: this.readNumber(), line };
    if (char !== undefined && IDENTIFIER_START.test(char)) {
      const word = this.readIdentifier(false);
      if (word === 'true' || word === 'false' || word === 'nil') return { kind: 'atom', value: word, line };
      this.fail(`unexpected identifier "${word}"`);
    }
    this.fail(`expected a term but found ${this.describeNext()}`);
  }

  /**
   * Items up to `close`. A keyword pair (`key: value` or `"key": value`) becomes the tuple `{:key, value}`,
   * as in Elixir. A trailing comma is allowed.
   */
  private readSequence(close: string, depth: number): Term[] {
    const items: Term[] = [];
    for (;;) {
      this.skipBlank();
      if (this.peek() === close) {
        this.advance();
        return items;
      }
      const keyword = this.tryKeywordKey();
      if (keyword) {
        items.push({ kind: 'tuple', items: [keyword, this.readTerm(depth + 1)], line: keyword.line });
      } else {
        items.push(this.readTerm(depth + 1));
      }
      this.skipBlank();
      if (this.peek() === ',') this.advance();
      else if (this.peek() !== close) this.fail(`expected "," or "${close}" but found ${this.describeNext()}`);
    }
  }

  private readMapEntries(depth: number): Array<{ key: Term; value: Term }> {
    const entries: Array<{ key: Term; value: Term }> = [];
    for (;;) {
      this.skipBlank();
      if (this.peek() === '}') {
        this.advance();
        return entries;
      }
      const keyword = this.tryKeywordKey();
      if (keyword) {
        entries.push({ key: keyword, value: this.readTerm(depth + 1) });
      } else {
        const key = this.readTerm(depth + 1);
        this.skipBlank();
        if (this.peek() !== '=' || this.peek(1) !== '>') this.fail(`expected "=>" or ":" after a map key but found ${this.describeNext()}`);
        this.position += 2;
        entries.push({ key, value: this.readTerm(depth + 1) });
      }
      this.skipBlank();
      if (this.peek() === ',') this.advance();
      else if (this.peek() !== '}') this.fail(`expected "," or "}" but found ${this.describeNext()}`);
    }
  }

  /** `name:` or `"name":` followed by whitespace: a keyword key. Leaves the position unchanged otherwise. */
  private tryKeywordKey(): Term | undefined {
    const start = this.position;
    const startLine = this.line;
    let value: string | undefined;
    const char = this.peek();
    if (char === '"') value = this.readString();
    else if (char !== undefined && IDENTIFIER_START.test(char)) value = this.readIdentifier(true);
    if (value !== undefined && this.peek() === ':' && /\s/.test(this.peek(1) ?? '')) {
      this.advance();
      return { kind: 'atom', value, line: startLine };
    }
    this.position = start;
    this.line = startLine;
    return undefined;
  }

  private readIdentifier(allowSuffix: boolean): string {
    const start = this.position;
    while (this.position < this.text.length && IDENTIFIER_PART.test(this.text[this.position]!)) this.position++;
    if (allowSuffix && ATOM_SUFFIX.test(this.peek() ?? '')) this.position++;
    return this.text.slice(start, this.position);
  }

  private readNumber(): string {
    const start = this.position;
    if (this.peek() === '-') this.position++;
    while (this.position < this.text.length && /[0-9_.eE+xXa-fA-F]/.test(this.text[this.position]!)) this.position++;
    const value = this.text.slice(start, this.position);
    if (!/[0-9]/.test(value)) this.fail(`invalid number "${value}"`);
    return value;
  }

  private readString(): string {
    const line = this.line;
    this.advance(); // opening quote
    let value = '';
    for (;;) {
      if (this.position >= this.text.length) throw new TermSyntaxError('unterminated string', line);
      const char = this.advance();
      if (char === '"') return value;
      if (char !== '\\') {
        value += char;
        continue;
      }
      if (this.position >= this.text.length) throw new TermSyntaxError('unterminated string', line);
      const escaped = this.advance();
      value += ESCAPES[escaped] ?? escaped;
    }
  }
}

/** Parses one Elixir term (a whole mix.lock); undefined for a blank text. Throws TermSyntaxError. */
export function parseElixirTerm(text: string): Term | undefined {
  return new TermReader(text).readDocument();
}
