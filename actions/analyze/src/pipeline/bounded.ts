/**
 * Bounded concurrency for I/O: enough reads or downloads in flight to keep the disk (or the artifact
 * service) busy while the main thread parses, few enough that 500 inputs never hold 500 files in memory.
 */

/** fn over every item, at most `limit` at a time; results in the items' order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * fn over every item in order, each result handed out as soon as it and all before it are done, with at most
 * `ahead` results started but not yet taken: the consumer works on one while the next ones load.
 */
export async function* readAhead<T, R>(items: readonly T[], ahead: number, fn: (item: T) => Promise<R>): AsyncGenerator<R> {
  const pending: Promise<R>[] = [];
  let next = 0;
  const fill = () => {
    while (next < items.length && pending.length < ahead) {
      const started = fn(items[next++]!);
      // Awaited in order below; a rejection before its turn must not count as unhandled.
      started.catch(() => undefined);
      pending.push(started);
    }
  };
  fill();
  while (pending.length > 0) {
    const result = await pending.shift()!;
    fill();
    yield result;
  }
}
