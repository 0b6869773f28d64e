/**
 * Package URLs (https://github.com/package-url/purl-spec) for extracted packages: the identity a package has
 * in the SBOMs and in findings. packageurl-js does the encoding and each type's normalisation (lower-case
 * npm/PyPI/Composer/Hex names, `_`→`-` for PyPI, `-`→`_` for Pub); this module only splits our names into
 * the purl namespace and name the way each ecosystem's purl type defines them.
 */
import { PackageURL } from 'packageurl-js';
import { PURL_TYPE, type LockfileEcosystem } from '../../../../src/shared/ecosystems.js';
import type { ExtractedPackage } from '../extractors/types.js';

export type PurlSubject = Pick<ExtractedPackage, 'name' | 'version' | 'ecosystem'>;

export class PurlError extends Error {
  constructor(
    readonly pkg: PurlSubject,
    reason: string,
  ) {
    super(`cannot build a package URL for ${pkg.ecosystem} package ${JSON.stringify(pkg.name)}@${JSON.stringify(pkg.version)}: ${reason}`);
    this.name = 'PurlError';
  }
}

interface PurlParts {
  namespace?: string;
  name: string;
  version?: string;
}

/** Splits `a/b/c` into namespace `a/b` and name `c`; no namespace without a slash. */
function splitAtLastSlash(path: string): { namespace?: string; name: string } {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? { name: path } : { namespace: path.slice(0, slash), name: path.slice(slash + 1) };
}

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

function partsFor(pkg: PurlSubject): PurlParts {
  const version = pkg.version === '' ? undefined : pkg.version;
  switch (pkg.ecosystem) {
    case 'npm': {
      // `@scope/name`: the scope (with its @) is the namespace.
      if (pkg.name.startsWith('@')) {
        const slash = pkg.name.indexOf('/');
        if (slash <= 1 || slash === pkg.name.length - 1) throw new PurlError(pkg, 'scoped npm name must be "@scope/name"');
        return { namespace: pkg.name.slice(0, slash), name: pkg.name.slice(slash + 1), version };
      }
      return { name: pkg.name, version };
    }
    case 'Maven': {
      // `group:artifact`: the group is the namespace, which the maven type requires.
      const parts = pkg.name.split(':');
      if (parts.length !== 2 || !parts[0] || !parts[1]) throw new PurlError(pkg, 'Maven name must be "groupId:artifactId"');
      return { namespace: parts[0], name: parts[1], version };
    }
    case 'Go':
      // Module path: everything up to the last segment is the namespace. Go versions in our packages have no
      // "v" (as OSV stores them); module versions in purls keep Go's "v1.2.3" form. Toolchain versions of
      // `stdlib` ("1.20") are not semver and stay as they are.
      return {
        ...splitAtLastSlash(pkg.name),
        version: version && SEMVER.test(version) ? `v${version}` : version,
      };
    case 'Packagist':
      // `vendor/package`.
      return { ...splitAtLastSlash(pkg.name), version };
    case 'PyPI':
    case 'crates.io':
    case 'RubyGems':
    case 'NuGet':
    case 'Pub':
    case 'Hex':
      return { name: pkg.name, version };
    default:
      throw new PurlError(pkg, `unknown ecosystem (expected one of ${Object.keys(PURL_TYPE).join(', ')})`);
  }
}

/**
 * The canonical purl string of a package, e.g. `pkg:npm/%40babel/cli@7.16.8`, `pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1`.
 * An empty version gives a purl without version. Throws PurlError for a name its ecosystem cannot have.
 */
export function purlFor(pkg: PurlSubject): string {
  if (!pkg || typeof pkg.name !== 'string' || pkg.name === '') {
    throw new PurlError(pkg ?? { name: '', version: '', ecosystem: 'npm' }, 'package name is empty');
  }
  if (pkg.ecosystem === 'npm' && typeof pkg.version === 'string') {
    const plain = plainNpmPurl(pkg.name, pkg.version);
    if (plain !== undefined) return plain;
  }
  return libraryPurl(pkg);
}

/** Name characters that need no normalising (npm purls are lower-case) and no percent-encoding. */
const PLAIN_NPM_NAME = /^(?:@[a-z0-9._~-]+\/)?[a-z0-9._~-]+$/;
/** Version characters that encode as themselves in a purl ("+" is kept as is, like ":"). */
const PLAIN_VERSION = /^[A-Za-z0-9.+_~-]*$/;

/**
 * The purl of an npm package whose name and version are already in canonical form, which is nearly every
 * package of an npm lockfile: the same string packageurl-js builds (a test checks both agree on random and
 * real names), without its per-call normalising, validating and encoding. Undefined for anything else.
 */
export function plainNpmPurl(name: string, version: string): string | undefined {
  if (!PLAIN_NPM_NAME.test(name) || !PLAIN_VERSION.test(version)) return undefined;
  const at = version === '' ? '' : `@${version}`;
  return name.charCodeAt(0) === 64 ? `pkg:npm/%40${name.slice(1)}${at}` : `pkg:npm/${name}${at}`;
}

/** packageurl-js does the normalising and encoding of every other package. */
export function libraryPurl(pkg: PurlSubject): string {
  const type = PURL_TYPE[pkg.ecosystem as LockfileEcosystem];
  const { namespace, name, version } = partsFor(pkg);
  if (type === 'golang' && version?.startsWith('v') && !SEMVER.test(version.slice(1))) {
    // packageurl-js requires this too, but fails with an internal error instead of saying so.
    throw new PurlError(pkg, `Go version "${version}" starts with "v" but is not semantic versioning`);
  }
  try {
    return new PackageURL(type, namespace, name, version, undefined, undefined).toString();
  } catch (error) {
    throw new PurlError(pkg, error instanceof Error ? error.message : String(error));
  }
}

/** purlFor, or undefined where the package cannot have one (an SBOM component may go without a purl). */
export function tryPurlFor(pkg: PurlSubject): string | undefined {
  try {
    return purlFor(pkg);
  } catch (error) {
    if (error instanceof PurlError) return undefined;
    throw error;
  }
}
