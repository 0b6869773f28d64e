import { parse, TomlError } from 'smol-toml';
import { ExtractionError } from '../types.js';

export type TomlTable = Record<string, unknown>;

/** Parses a TOML lockfile, turning the parser's error into an ExtractionError that names the file and line. */
export function parseToml(file: string, content: string): TomlTable {
  try {
    return parse(content) as TomlTable;
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split('\n')[0] ?? 'invalid TOML';
      throw new ExtractionError(file, reason, error.line);
    }
    throw new ExtractionError(file, `cannot parse TOML: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * The entries of the top-level array of tables `key` (`[[package]]`), checked to be tables. A missing key is an
 * empty list; anything else is a malformed file.
 */
export function tableArray(file: string, doc: TomlTable, key: string): TomlTable[] {
  const value = doc[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ExtractionError(file, `"${key}" must be an array of tables`);
  value.forEach((entry, i) => {
    if (!isTable(entry)) throw new ExtractionError(file, `${key}[${i}] must be a table`);
  });
  return value as TomlTable[];
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * For each entry of the top-level array of tables `arrayKey`, in document order, the 1-based line of its `name`
 * key (or of its `[[arrayKey]]` header when it has no `name`). smol-toml gives no positions, so this is one
 * pass of a small TOML lexer: it follows strings (all four kinds), comments and bracket depth, so that a `name =`
 * inside a multi-line string, a sub-table (`[package.metadata]`, `[[packages.wheels]]`) or an inline table is
 * never taken for the entry's own. The inline form `packages = [{ name = ... }, ...]` yields the line of each
 * `{`. The text is assumed to have parsed already; on anything else the result is merely incomplete.
 */
export function entryLines(content: string, arrayKey: string): number[] {
  const lines: number[] = [];
  const named: boolean[] = [];
  let line = 1;
  let depth = 0; // open [ and { inside a value
  let table = ''; // current [table] or [[array]] header, '' for the root table
  let inInlineArray = false; // inside `arrayKey = [ ... ]` at the root
  let lineStart = true; // only whitespace since the last newline, outside any value
  let i = 0;
  const n = content.length;

  const skipToEndOfLine = () => {
    while (i < n && content[i] !== '\n') i++;
  };
  const skipString = (quote: string) => {
    const multi = content.startsWith(quote.repeat(3), i);
    const literal = quote === "'";
    i += multi ? 3 : 1;
    while (i < n) {
      const c = content[i];
      if (c === '\\' && !literal) {
        if (content[i + 1] === '\n') line++;
        i += 2;
        continue;
      }
      if (c === '\n') {
        if (!multi) return; // unterminated single-line string: stop at the newline
        line++;
      }
      if (c === quote && (!multi || content.startsWith(quote.repeat(3), i))) {
        i += multi ? 3 : 1;
        // A multi-line string may end with up to two extra quotes ("""a"""" is `a"`).
        while (multi && content[i] === quote) i++;
        return;
      }
      i++;
    }
  };

  while (i < n) {
    const c = content[i];
    if (c === '\n') {
      line++;
      i++;
      if (depth === 0) lineStart = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      skipToEndOfLine();
      continue;
    }
    if (lineStart && depth === 0) {
      lineStart = false;
      if (c === '[') {
        const end = content.indexOf('\n', i);
        const header = content.slice(i, end === -1 ? n : end).replace(/#.*$/, '').trim();
        const isArray = header.startsWith('[[');
        table = header.replace(/^\[\[?|\]\]?$/g, '').replace(/["'\s]/g, '');
        inInlineArray = false;
        if (isArray && table === arrayKey) {
          lines.push(line);
          named.push(false);
        }
        skipToEndOfLine();
        continue;
      }
      // A key: read it up to `=` (quoted keys may hold anything but a newline).
      let key = '';
      while (i < n && content[i] !== '=' && content[i] !== '\n') {
        const k = content[i];
        if (k === '"' || k === "'") {
          const from = i;
          skipString(k);
          key += content.slice(from + 1, i - 1);
        } else {
          if (k !== ' ' && k !== '\t') key += k;
          i++;
        }
      }
      if (content[i] !== '=') continue;
      i++;
      if (table === arrayKey && key === 'name' && lines.length > 0 && !named[named.length - 1]) {
        lines[lines.length - 1] = line;
        named[named.length - 1] = true;
      }
      inInlineArray = table === '' && key === arrayKey;
      continue;
    }
    if (c === '"' || c === "'") {
      skipString(c);
      continue;
    }
    if (c === '[' || c === '{') {
      if (c === '{' && inInlineArray && depth === 1) lines.push(line);
      depth++;
    } else if ((c === ']' || c === '}') && depth > 0) {
      depth--;
      if (depth === 0) inInlineArray = false;
    }
    i++;
  }
  return lines;
}

/** Pairs each parsed entry with its line, when the lexer saw exactly as many entries as the parser. */
export function linesFor(content: string, arrayKey: string, count: number): (number | undefined)[] {
  const lines = entryLines(content, arrayKey);
  return lines.length === count ? lines : new Array<number | undefined>(count).fill(undefined);
}
