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

  add(record: OsvRecord): void {
    this.byId.set(record.id, record);
    const keys = new Set<string>();
    for (const a of record.affected ?? []) if (a.package) keys.add(RecordIndex.key(a.package.ecosystem, a.package.name));
    for (const key of keys) {
      const list = this.byPackage.get(key);
      if (list) list.push(record);
      else this.byPackage.set(key, [record]);
    }
  }

  lookup(ecosystem: string, name: string): readonly OsvRecord[] {
    return this.byPackage.get(RecordIndex.key(ecosystem, name)) ?? [];
  }
}
