import type { Extractor } from './types.js';
import { npmExtractors } from './npm/index.js';
import { pypiExtractors } from './pypi/index.js';
import { goExtractors } from './go/index.js';
import { cratesExtractors } from './crates/index.js';
import { rubygemsExtractors } from './rubygems/index.js';
import { packagistExtractors } from './packagist/index.js';
import { mavenExtractors } from './maven/index.js';
import { nugetExtractors } from './nuget/index.js';
import { pubExtractors } from './pub/index.js';
import { hexExtractors } from './hex/index.js';

/** Every lockfile extractor, in one place. A new format is a new folder plus one line here. */
export const EXTRACTORS: readonly Extractor[] = [
  ...npmExtractors,
  ...pypiExtractors,
  ...goExtractors,
  ...cratesExtractors,
  ...rubygemsExtractors,
  ...packagistExtractors,
  ...mavenExtractors,
  ...nugetExtractors,
  ...pubExtractors,
  ...hexExtractors,
];

const byFileName = new Map<string, Extractor[]>();
for (const extractor of EXTRACTORS) {
  for (const name of extractor.fileNames) {
    const list = byFileName.get(name) ?? [];
    list.push(extractor);
    byFileName.set(name, list);
  }
}

/** Extractors whose format also has conventional, non-fixed names (`requirements-dev.txt`, `pylock.web.toml`). */
const patternExtractors = EXTRACTORS.filter((e) => e.matches);

/**
 * The extractor for a file: by exact base name first; otherwise by the few extractors that declare a name
 * pattern. Called on every file of the walk, so it is a map lookup plus a handful of anchored regexes.
 */
export function extractorFor(relativePath: string): Extractor | undefined {
  const base = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  const named = byFileName.get(base);
  if (named) return named.find((e) => !e.matches || e.matches(relativePath)) ?? named[0];
  return patternExtractors.find((e) => e.matches!(relativePath));
}

export function extractorById(id: string): Extractor | undefined {
  return EXTRACTORS.find((e) => e.id === id);
}

