/**
 * Records indexed once by (ecosystem, normalised package name), so that a query touches only the records
 * naming its package. A record with several packages is listed under each.
 */
import { normalisePackageName } from './ranges.js';
import type { OsvRecord } from './types.js';

export class RecordIndex {
  private readonly byPackage = new Map<string, OsvRecord[]>();
  private readonly byId = new Map<string, OsvRecord>();

  static key(ecosystem: string, name: string): string {
    return `${ecosystem}\u0000${normalisePackageName(ecosystem, name)}`;
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): OsvRecord | undefined {
    return this.byId.get(id);
  }

  /** Adds a record; of two with one id (a loose GHSA beside an export holding it), the newer `modified` stays. */
  add(record: OsvRecord): void {
    const existing = this.byId.get(record.id);
    if (existing) {
      if (!(Date.parse(record.modified) > Date.parse(existing.modified))) return;
      for (const key of RecordIndex.keysOf(existing)) {
        const list = this.byPackage.get(key)!;
        list.splice(list.indexOf(existing), 1);
      }
    }
    this.byId.set(record.id, record);
    for (const key of RecordIndex.keysOf(record)) {
      const list = this.byPackage.get(key);
      if (list) list.push(record);
      else this.byPackage.set(key, [record]);
    }
  }

  private static keysOf(record: OsvRecord): Set<string> {
    const keys = new Set<string>();
    for (const a of record.affected ?? []) if (a.package) keys.add(RecordIndex.key(a.package.ecosystem, a.package.name));
    return keys;
  }

  lookup(ecosystem: string, name: string): readonly OsvRecord[] {
    return this.byPackage.get(RecordIndex.key(ecosystem, name)) ?? [];
  }
}
