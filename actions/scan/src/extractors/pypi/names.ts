/**
 * PyPI package names. Lockfiles spell a name as its author did (`PyYAML`, `typing_extensions`); pip treats
 * names that differ only in case and runs of `-`, `_`, `.` as the same project (PEP 503), so every lookup
 * between a lockfile's entries, its dependency lists and the project manifest goes through `normalizeName`.
 */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A PEP 508 name at the start of a requirement string: `requests[socks]>=2; python_version>"3"` → `requests`. */
const LEADING_NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;

/** The project name a PEP 508 requirement string starts with, or undefined when it starts with none. */
export function requirementName(requirement: string): string | undefined {
  return LEADING_NAME.exec(requirement)?.[1];
}
