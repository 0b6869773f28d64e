/**
 * One linear pass over JSON (or JSONC) text that records the 1-based line of selected object keys, so
 * extractors can parse with the fast native JSON.parse and still report where each entry is declared.
 *
 * `storeAs(parents, key)` is asked for every object key; `parents` is the live chain of keys of the
 * enclosing containers (array elements appear as "#"), without the root. It returns the map key to
 * record the line under, or undefined to skip. A duplicate key keeps its last line, as JSON.parse keeps
 * the last value.
 */
export function jsonKeyLines(
  text: string,
  storeAs: (parents: readonly string[], key: string) => string | undefined,
): Map<string, number> {
  const lines = new Map<string, number>();
  const parents: string[] = [];
  const isObject: boolean[] = [];
  let line = 1;
  let expectingKey = false;
  let lastKey = '';
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 10: // \n
        line++;
        break;
      case 34: {
        // A string: find its closing quote (one not preceded by an odd run of backslashes).
        let end = text.indexOf('"', i + 1);
        while (end !== -1 && isEscaped(text, end)) end = text.indexOf('"', end + 1);
        if (end === -1) return lines;
        if (expectingKey && isObject[isObject.length - 1]) {
          const raw = text.slice(i + 1, end);
          lastKey = raw.includes('\\') ? unescapeJsonString(raw) : raw;
          expectingKey = false;
          const stored = storeAs(parents, lastKey);
          if (stored !== undefined) lines.set(stored, line);
        }
        i = end;
        break;
      }
      case 123: // {
      case 91: // [
        if (isObject.length > 0) parents.push(isObject[isObject.length - 1] ? lastKey : '#');
        isObject.push(c === 123);
        expectingKey = c === 123;
        break;
      case 125: // }
      case 93: // ]
        isObject.pop();
        if (isObject.length > 0) parents.pop();
        expectingKey = false;
        break;
      case 44: // ,
        expectingKey = isObject[isObject.length - 1] === true;
        break;
      case 47: {
        // JSONC comments: skip them, still counting their newlines.
        const next = text.charCodeAt(i + 1);
        if (next === 47) {
          const end = text.indexOf('\n', i);
          i = (end === -1 ? length : end) - 1;
        } else if (next === 42) {
          const end = text.indexOf('*/', i + 2);
          const stop = end === -1 ? length : end + 2;
          for (let j = i; j < stop; j++) if (text.charCodeAt(j) === 10) line++;
          i = stop - 1;
        }
        break;
      }
      default:
        break;
    }
  }
  return lines;
}

/**
 * Fast path for pretty-printed files (what npm writes): the line of every key of the object that is the
 * value of the top-level member `member` (e.g. `"packages"`), found by their shared indentation in one
 * walk over that object's lines. Returns undefined when the text is not laid out one member
 * per line, so the caller can fall back to jsonKeyLines.
 */
export function indentedMemberKeyLines(text: string, member: string): Map<string, number> | undefined {
  const header = new RegExp(`\\n([ \\t]*)"${member}"[ \\t]*:[ \\t]*\\{[ \\t]*\\r?\\n`).exec(text);
  if (!header) return undefined;
  const outerIndent = header[1]!;
  // Only the top-level member counts: it has the indentation of the file's first key.
  if (/\n([ \t]*)"/.exec(text)?.[1] !== outerIndent) return undefined;
  const bodyStart = header.index + header[0].length;
  const lines = new Map<string, number>();
  const firstIndent = /^[ \t]*/.exec(text.slice(bodyStart, bodyStart + 256))![0];
  if (firstIndent.length <= outerIndent.length) return lines; // an empty object
  const bodyEnd = text.indexOf(`\n${outerIndent}}`, bodyStart - 1);
  if (bodyEnd === -1) return undefined;
  // Strings cannot hold raw newlines, so a line starting with the entries' indentation and a quote is a
  // key. Walking newline to newline with indexOf/startsWith is cheaper than a regex over the whole body.
  const prefix = `${firstIndent}"`;
  let line = 1;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < bodyStart - 1; nl = text.indexOf('\n', nl + 1)) line++;
  for (let nl = bodyStart - 1; nl !== -1 && nl < bodyEnd; nl = text.indexOf('\n', nl + 1), line++) {
    const keyStart = nl + 1 + prefix.length;
    if (!text.startsWith(prefix, nl + 1)) continue;
    let keyEnd = text.indexOf('"', keyStart);
    while (keyEnd !== -1 && isEscaped(text, keyEnd)) keyEnd = text.indexOf('"', keyEnd + 1);
    if (keyEnd === -1) break;
    const raw = text.slice(keyStart, keyEnd);
    lines.set(raw.includes('\\') ? unescapeJsonString(raw) : raw, line + 1);
  }
  return lines;
}

function isEscaped(text: string, quote: number): boolean {
  let backslashes = 0;
  for (let j = quote - 1; j >= 0 && text.charCodeAt(j) === 92; j--) backslashes++;
  return backslashes % 2 === 1;
}

function unescapeJsonString(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
