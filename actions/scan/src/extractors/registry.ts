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

/** The extractor for a file, by exact base name (then the extractor's own path test, if it has one). */
export function extractorFor(relativePath: string): Extractor | undefined {
  const base = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  return byFileName.get(base)?.find((e) => !e.matches || e.matches(relativePath));
}

export function extractorById(id: string): Extractor | undefined {
  return EXTRACTORS.find((e) => e.id === id);
}

/** All file names any extractor handles: discovery tests names against this set only. */
export const LOCKFILE_NAMES: ReadonlySet<string> = new Set(byFileName.keys());
