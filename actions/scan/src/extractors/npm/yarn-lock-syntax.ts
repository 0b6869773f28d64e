import { ExtractionError } from '../types.js';

/**
 * The shape shared by yarn classic (v1) and yarn berry lockfiles: unindented entry headers listing the
 * descriptors they resolve (`"a@^1", a@^1.2:`), indented fields (`version "1.2.3"` in v1,
 * `version: 1.2.3` in berry) and one level of nested maps (`dependencies:`). Deeper blocks (berry's
 * `dependenciesMeta`) are skipped. One pass, so every entry keeps the line of its header.
 */
export interface YarnEntry {
  /** Unquoted descriptors of the header, e.g. `lodash@^4.17.0` or `lodash@npm:^4.17.0`. */
  descriptors: string[];
  /** 1-based line of the header. */
  line: number;
  fields: Map<string, string>;
  maps: Map<string, Map<string, string>>;
}

const FIELD_INDENT = 2;
const MEMBER_INDENT = 4;

export function parseYarnLockSyntax(file: string, content: string): YarnEntry[] {
  const entries: YarnEntry[] = [];
  let current: YarnEntry | undefined;
  let currentMap: Map<string, string> | undefined;
  const lines = content.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const lineNumber = index + 1;
    const text = lines[index]!.replace(/\r$/, '');
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = text.length - text.trimStart().length;
    if (text[indent - 1] === '\t') throw new ExtractionError(file, 'tab indentation is not valid in a yarn lockfile', lineNumber);

    if (indent === 0) {
      if (!trimmed.endsWith(':')) {
        throw new ExtractionError(file, `expected an entry header ending with ":", got "${clip(trimmed)}"`, lineNumber);
      }
      current = { descriptors: parseHeader(file, trimmed.slice(0, -1), lineNumber), line: lineNumber, fields: new Map(), maps: new Map() };
      currentMap = undefined;
      entries.push(current);
      continue;
    }
    if (!current) throw new ExtractionError(file, 'indented line before any entry header', lineNumber);

    if (indent === FIELD_INDENT) {
      const { key, value } = parseKeyValue(file, trimmed, lineNumber);
      if (value === undefined) {
        currentMap = new Map();
        current.maps.set(key, currentMap);
      } else {
        current.fields.set(key, value);
        currentMap = undefined;
      }
    } else if (indent === MEMBER_INDENT && currentMap) {
      const { key, value } = parseKeyValue(file, trimmed, lineNumber);
      currentMap.set(key, value ?? '');
    } else if (indent < MEMBER_INDENT) {
      throw new ExtractionError(file, `unexpected indentation of ${indent} spaces`, lineNumber);
    }
    // Deeper lines belong to nested blocks (dependenciesMeta, peerDependenciesMeta) that carry no package.
  }
  return entries;
}

function parseHeader(file: string, header: string, line: number): string[] {
  const descriptors: string[] = [];
  let i = 0;
  while (i < header.length) {
    while (header[i] === ' ') i++;
    let descriptor: string;
    if (header[i] === '"') {
      const end = closingQuote(header, i);
      if (end === -1) throw new ExtractionError(file, 'unterminated quoted descriptor in entry header', line);
      // Berry quotes the whole list at once: `"a@npm:^1, a@npm:^1.2":`.
      descriptor = unquote(header.slice(i, end + 1));
      i = end + 1;
      while (header[i] === ' ') i++;
    } else {
      const comma = header.indexOf(',', i);
      const end = comma === -1 ? header.length : comma;
      descriptor = header.slice(i, end).trim();
      i = end;
    }
    if (i < header.length && header[i] !== ',') throw new ExtractionError(file, 'expected "," between descriptors in entry header', line);
    i++;
    for (const part of descriptor.split(', ')) if (part.trim() !== '') descriptors.push(part.trim());
  }
  if (descriptors.length === 0) throw new ExtractionError(file, 'entry header names no package', line);
  return descriptors;
}

/** `key value`, `key "value"`, `key: value`, `"key": "value"`; no value means a nested map follows. */
function parseKeyValue(file: string, text: string, line: number): { key: string; value: string | undefined } {
  let key: string;
  let rest: string;
  if (text.startsWith('"')) {
    const end = closingQuote(text, 0);
    if (end === -1) throw new ExtractionError(file, 'unterminated quoted key', line);
    key = unquote(text.slice(0, end + 1));
    rest = text.slice(end + 1);
  } else {
    const match = /^([^\s:]+(?::(?!\s|$)[^\s:]*)*)/.exec(text);
    key = match?.[1] ?? '';
    rest = text.slice(key.length);
  }
  if (key === '') throw new ExtractionError(file, `expected a key, got "${clip(text)}"`, line);
  rest = rest.replace(/^:/, '').trim();
  if (rest === '') return { key, value: undefined };
  if (rest.startsWith('"')) {
    const end = closingQuote(rest, 0);
    if (end === -1) throw new ExtractionError(file, `unterminated quoted value for "${clip(key)}"`, line);
    return { key, value: unquote(rest.slice(0, end + 1)) };
  }
  return { key, value: rest };
}

function closingQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

/** Yarn quotes like JSON; fall back to the raw text for escapes JSON does not know. */
function unquote(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
