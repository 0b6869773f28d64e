/**
 * Offset → 1-based line lookups in O(log n) after one pass over the text, so that locating every entry of a
 * large lockfile stays linear (`lineAt` from types.ts rescans from the top on every call).
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(content: string) {
    for (let i = content.indexOf('\n'); i !== -1; i = content.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }
}
