import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { corpusPath } from '../../../../../test/corpus.js';
import { ExtractionError, type ExtractedPackage } from '../types.js';
import { cargoLockExtractor } from './cargo-lock.js';

async function extract(content: string, file = 'Cargo.lock') {
  return cargoLockExtractor.extract({ path: file, content, readSibling: async () => undefined });
}
const fixture = (name: string) => readFileSync(corpusPath('lockfiles', 'crates.io', 'cargo-lock', name), 'utf8');
const find = (packages: ExtractedPackage[], name: string, version?: string) =>
  packages.find((p) => p.name === name && (version === undefined || p.version === version));

/** A workspace crate (no source) using serde, which uses serde_derive; two versions of syn locked. */
const WORKSPACE = `version = 3

[[package]]
name = "app"
version = "0.1.0"
dependencies = [
 "serde",
 "syn 2.0.15",
]

[[package]]
name = "serde"
version = "1.0.190"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "serde_derive",
]

[[package]]
name = "serde_derive"
version = "1.0.190"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "syn 1.0.109 (registry+https://github.com/rust-lang/crates.io-index)",
]

[[package]]
name = "syn"
version = "1.0.109"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "syn"
version = "2.0.15"
source = "registry+https://github.com/rust-lang/crates.io-index"
`;

describe('Cargo.lock extractor', () => {
  it('gives each crate the line of its name key, past comments under the header', async () => {
    const { packages } = await extract(fixture('package-with-comments.lock'));
    expect(packages.map((p) => [p.name, p.line])).toEqual([
      ['addr2line', 6],
      ['syn', 13],
    ]);
  });

  it('resolves dependency entries with and without version and source', async () => {
    const { packages } = await extract(WORKSPACE);
    expect(find(packages, 'app')?.dependencies).toEqual(['serde@1.0.190', 'syn@2.0.15']);
    expect(find(packages, 'serde')?.dependencies).toEqual(['serde_derive@1.0.190']);
    expect(find(packages, 'serde_derive')?.dependencies).toEqual(['syn@1.0.109']);
    expect(find(packages, 'syn', '1.0.109')?.dependencies).toBeUndefined();
  });

  it('marks what workspace crates depend on as direct, and leaves direct unknown without any workspace crate', async () => {
    const { packages } = await extract(WORKSPACE);
    expect(find(packages, 'serde')?.direct).toBe(true);
    expect(find(packages, 'syn', '2.0.15')?.direct).toBe(true);
    expect(find(packages, 'serde_derive')?.direct).toBe(false);
    expect(find(packages, 'syn', '1.0.109')?.direct).toBe(false);
    expect(find(packages, 'app')?.direct).toBeUndefined();
    const registryOnly = await extract(fixture('many-packages.lock'));
    expect(registryOnly.packages.every((p) => p.direct === undefined)).toBe(true);
  });

  it('links real fixture crates to the locked crates they name', async () => {
    const { packages } = await extract(fixture('many-packages.lock'));
    expect(find(packages, 'aho-corasick')?.dependencies).toEqual(['memchr@2.4.1']);
  });

  it('takes the commit of a git source from its fragment', async () => {
    const { packages } = await extract(fixture('package-with-comments.lock'));
    expect(find(packages, 'syn')?.commit).toBe('061a9ab4cfabf2a403dbeab4bbcb8ff97d344dff');
    expect(find(packages, 'addr2line')?.commit).toBeUndefined();
  });

  it('warns about dependencies that are not locked instead of inventing edges', async () => {
    const { packages, warnings } = await extract(fixture('one-package.lock'));
    expect(packages[0]?.dependencies).toBeUndefined();
    expect(warnings).toEqual(['Cargo.lock: addr2line 0.15.2 depends on "gimli", which is not locked']);
  });

  it('rejects invalid TOML and malformed packages with the file, and the line when known', async () => {
    await expect(extract('[[package]]\nname = "a\n')).rejects.toThrow(/^Cargo\.lock:2: not valid TOML/);
    await expect(extract('[[package]]\nversion = "1.0.0"\n')).rejects.toThrow(new ExtractionError('Cargo.lock', '[[package]] #1 has no string "name"'));
    await expect(extract('package = "x"\n')).rejects.toBeInstanceOf(ExtractionError);
  });
});
