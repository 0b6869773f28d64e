/**
 * Character and number helpers shared by the comparators. Version numbers are compared as digit strings,
 * never as JS numbers: advisories and fixtures hold components far beyond 2^53 (timestamps, 30-digit
 * test values), where Number() would silently make distinct versions equal.
 */

export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isAsciiLetterCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

export function isAllDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isDigitCode(text.charCodeAt(i))) return false;
  return true;
}

/** Compares two non-empty runs of ASCII digits by numeric value (leading zeros ignored). */
export function compareDigits(a: string, b: string): number {
  let ai = 0;
  let bi = 0;
  while (ai < a.length - 1 && a.charCodeAt(ai) === 48) ai++;
  while (bi < b.length - 1 && b.charCodeAt(bi) === 48) bi++;
  const aLength = a.length - ai;
  const bLength = b.length - bi;
  if (aLength !== bLength) return aLength < bLength ? -1 : 1;
  for (; ai < a.length; ai++, bi++) {
    const diff = a.charCodeAt(ai) - b.charCodeAt(bi);
    if (diff !== 0) return diff < 0 ? -1 : 1;
  }
  return 0;
}

/** Plain code-unit order (strcmp-like), returning -1, 0 or 1. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Normalises any comparison result to -1, 0 or 1. */
export function sign(value: number): number {
  return value < 0 ? -1 : value > 0 ? 1 : 0;
}
