/**
 * One linear pass over JSON (or JSONC) text that records the 1-based line of selected object keys, so
 * extractors can parse with the fast native JSON.parse and still report where each entry is declared.
 *
 * `wanted(parents, key)` is asked for every object key; `parents` is the live chain of keys of the
 * enclosing containers (array elements appear as "#"), without the root. Wanted keys are stored under
 * `keyPath([...parents, key])`. A duplicate key keeps its last line, as JSON.parse keeps the last value.
 */
export function jsonKeyLines(
  text: string,
  wanted: (parents: readonly string[], key: string) => boolean,
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
          if (wanted(parents, lastKey)) lines.set(keyPath([...parents, lastKey]), line);
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

/** The map key under which jsonKeyLines stores a key path. */
export function keyPath(keys: readonly string[]): string {
  return keys.join('\u0000');
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
