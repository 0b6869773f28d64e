/**
 * JSONC (JSON with comments and trailing commas, as bun.lock is written) to plain JSON, in one pass.
 * Comments become spaces and newlines are kept, so offsets' line numbers are unchanged.
 */
export function jsoncToJson(text: string): string {
  const out: string[] = [];
  let copyFrom = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Skip over a string, honouring escapes.
      let j = i + 1;
      while (j < length) {
        const d = text.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === 34) break;
        else j++;
      }
      i = j;
    } else if (c === 47 && (text.charCodeAt(i + 1) === 47 || text.charCodeAt(i + 1) === 42)) {
      const end = commentEnd(text, i);
      out.push(text.slice(copyFrom, i), text.slice(i, end).replace(/[^\n]/g, ' '));
      copyFrom = end;
      i = end - 1;
    } else if (c === 44) {
      // A comma followed only by whitespace/comments and then a closing bracket is dropped.
      let j = i + 1;
      for (;;) {
        while (j < length && /\s/.test(text[j]!)) j++;
        if (text.charCodeAt(j) === 47 && (text.charCodeAt(j + 1) === 47 || text.charCodeAt(j + 1) === 42)) j = commentEnd(text, j);
        else break;
      }
      const next = text.charCodeAt(j);
      if (next === 125 || next === 93) {
        out.push(text.slice(copyFrom, i), ' ');
        copyFrom = i + 1;
      }
    }
  }
  out.push(text.slice(copyFrom));
  return out.join('');
}

function commentEnd(text: string, start: number): number {
  if (text.charCodeAt(start + 1) === 47) {
    const newline = text.indexOf('\n', start);
    return newline === -1 ? text.length : newline;
  }
  const close = text.indexOf('*/', start + 2);
  return close === -1 ? text.length : close + 2;
}
