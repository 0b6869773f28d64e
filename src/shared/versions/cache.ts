/**
 * A bounded memo of parsed versions. Matching a lockfile against a whole advisory database compares the
 * same few thousand version strings millions of times, so parsing each one once pays off; the bound keeps
 * memory flat when a caller streams millions of distinct versions. When full, the oldest entries are
 * evicted in insertion order: cheaper than a true LRU (no re-insertion on every hit) and as good here,
 * since hot versions are re-added right after an eviction. The default capacity holds every distinct
 * version of the largest fixture set (about 15,000 Maven versions) with room to spare, for a few MB.
 */
export class ParseCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(
    private readonly parse: (version: string) => T,
    private readonly capacity = 32768,
  ) {}

  get(version: string): T {
    let parsed = this.entries.get(version);
    if (parsed === undefined) {
      parsed = this.parse(version);
      if (this.entries.size >= this.capacity) this.evictOldest();
      this.entries.set(version, parsed);
    }
    return parsed;
  }

  private evictOldest(): void {
    // Drop an eighth at a time so a full cache does not evict on every single miss.
    let toDrop = Math.max(1, this.capacity >> 3);
    for (const key of this.entries.keys()) {
      this.entries.delete(key);
      if (--toDrop === 0) break;
    }
  }
}
