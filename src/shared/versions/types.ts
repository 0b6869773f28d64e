/**
 * Version ordering for one OSV ecosystem. `compare` is total: it never throws on an odd version string
 * (advisories and lockfiles contain "1.0" in npm, "v1.2.3" in Go, build metadata...), it orders it by the
 * ecosystem's own rules or, failing those, by a documented fallback.
 */
export interface VersionComparator {
  /** OSV ecosystem name, e.g. "npm", "PyPI", "Debian". */
  readonly ecosystem: string;
  /** Negative when a < b, 0 when equal in precedence, positive when a > b. */
  compare(a: string, b: string): number;
  /** Whether the string is a well-formed version of this ecosystem (for warnings, not for ordering). */
  isValid(version: string): boolean;
}
