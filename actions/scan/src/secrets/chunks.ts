/**
 * Bounds what one regex sees. gitleaks' regexes run over a whole fragment, and a backtracking engine's time
 * grows with the text (polynomially for some rules), so a large file is cut into pieces: at line ends where
 * possible (so multi-line secrets such as private keys stay whole), and a line longer than a window (minified
 * code, a 100 MB one-line dump) into overlapping windows, so a secret cut by one window is whole in the next.
 */

export interface Piece {
  text: string;
  /** Offset of text[0] in the file text. */
  offset: number;
  /** 1-based line of text[0] in the file. */
  line: number;
  /** 0-based column of text[0] in its line (non-zero only for windows of a long line). */
  column: number;
}

export interface PieceLimits {
  /** Largest piece cut at line ends. */
  maxPiece: number;
  /** Window over a line longer than maxLine, and the overlap between windows. */
  maxLine: number;
  overlap: number;
}

export const DEFAULT_PIECE_LIMITS: PieceLimits = { maxPiece: 1 << 20, maxLine: 16 << 10, overlap: 2 << 10 };

/** Calls `visit` for each piece; reports lines longer than maxLine (1-based line, length) through `onLongLine`. */
export function forEachPiece(
  text: string,
  visit: (piece: Piece) => void,
  limits: PieceLimits = DEFAULT_PIECE_LIMITS,
  onLongLine?: (line: number, length: number) => void,
): void {
  if (text.length <= limits.maxPiece && !hasLongLine(text, limits.maxLine)) {
    visit({ text, offset: 0, line: 1, column: 0 });
    return;
  }
  let pieceStart = 0;
  let pieceLine = 1;
  let lineStart = 0;
  let line = 1;
  const flush = (end: number) => {
    if (end > pieceStart) visit({ text: text.slice(pieceStart, end), offset: pieceStart, line: pieceLine, column: 0 });
  };
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    const length = lineEnd - lineStart;
    if (length > limits.maxLine) {
      flush(lineStart);
      onLongLine?.(line, length);
      const step = limits.maxLine - limits.overlap;
      for (let at = lineStart; at < lineEnd; at += step) {
        const end = Math.min(lineEnd, at + limits.maxLine);
        visit({ text: text.slice(at, end), offset: at, line, column: at - lineStart });
        if (end === lineEnd) break;
      }
      pieceStart = lineEnd;
      pieceLine = line + 1;
    } else if (lineEnd - pieceStart > limits.maxPiece) {
      flush(lineStart);
      pieceStart = lineStart;
      pieceLine = line;
    }
    lineStart = lineEnd;
    line++;
  }
  flush(text.length);
}

/**
 * Whether some line is longer than maxLine, looking at a few characters per maxLine: the last newline within
 * maxLine characters of a line's start ends that line in time (and every line before it), so the search jumps
 * past it; no newline there means the line is too long.
 */
export function hasLongLine(text: string, maxLine: number): boolean {
  let start = 0;
  while (start + maxLine < text.length) {
    const newline = text.lastIndexOf('\n', start + maxLine);
    if (newline < start) return true;
    start = newline + 1;
  }
  return false;
}
