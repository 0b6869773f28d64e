/**
 * OSV ecosystem names (https://ossf.github.io/osv-schema/#affectedpackage-field), spelled exactly as OSV
 * spells them: queries are case-sensitive ("PyPI", not "pypi").
 */
export const LOCKFILE_ECOSYSTEMS = [
  'npm',
  'PyPI',
  'Go',
  'crates.io',
  'RubyGems',
  'Packagist',
  'Maven',
  'NuGet',
  'Pub',
  'Hex',
] as const;

export type LockfileEcosystem = (typeof LOCKFILE_ECOSYSTEMS)[number];

/** Any OSV ecosystem, including ones we only compare versions for (Debian, Alpine, ...). */
export type Ecosystem = LockfileEcosystem | (string & {});

/** "Debian:12" and "Alpine:v3.18" share their base ecosystem's ordering. */
export function baseEcosystem(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon === -1 ? ecosystem : ecosystem.slice(0, colon);
}

/** purl types (https://github.com/package-url/purl-spec) for each lockfile ecosystem. */
export const PURL_TYPE: Record<LockfileEcosystem, string> = {
  npm: 'npm',
  PyPI: 'pypi',
  Go: 'golang',
  'crates.io': 'cargo',
  RubyGems: 'gem',
  Packagist: 'composer',
  Maven: 'maven',
  NuGet: 'nuget',
  Pub: 'pub',
  Hex: 'hex',
};
