import { readFileSync } from 'node:fs';
import { corpusPath } from '../../../../../test/corpus.js';
import type { ExtractedPackage, ExtractionResult, Extractor } from '../types.js';

/** Runs an extractor on a corpus fixture, with optional sibling files (e.g. a package.json). */
export async function extractFixture(
  extractor: Extractor,
  fixture: string,
  siblings: Record<string, string> = {},
): Promise<ExtractionResult & { text: string }> {
  const text = readFileSync(corpusPath('lockfiles', 'npm', fixture), 'utf8');
  const result = await extractor.extract({ path: fixture, content: text, readSibling: async (rel) => siblings[rel] });
  return { ...result, text };
}

/** The package named `name@version`; fails the test when it is missing or ambiguous. */
export function pkg(result: ExtractionResult, name: string, version: string): ExtractedPackage {
  const found = result.packages.filter((p) => p.name === name && p.version === version);
  if (found.length !== 1) throw new Error(`expected exactly one ${name}@${version}, found ${found.length}`);
  return found[0]!;
}

/** 1-based line of the first line of `text` containing `needle`: an independent way to locate entries. */
export function lineContaining(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`fixture has no line containing ${needle}`);
  return index + 1;
}
