import { readFileSync } from 'node:fs';
import path from 'node:path';
import { corpusPath } from '../../../../../test/corpus.js';
import { readSiblingWithin } from '../sibling.js';
import type { ExtractInput } from '../types.js';

/** Test input whose siblings come from a map of paths (relative to the scanned file's directory). */
export function memoryInput(file: string, content: string, siblings: Record<string, string> = {}): ExtractInput & { reads: string[] } {
  const reads: string[] = [];
  return {
    path: file,
    content,
    reads,
    readSibling: async (relative) => {
      reads.push(relative);
      return siblings[relative];
    },
  };
}

/** A PyPI corpus fixture as extractor input, with its real neighbours as siblings. */
export function corpusInput(format: string, fixture: string, siblings?: Record<string, string>): ExtractInput {
  const file = corpusPath('lockfiles', 'PyPI', format, fixture);
  const content = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  if (siblings) return memoryInput(`PyPI/${format}/${fixture}`, content, siblings);
  const dir = path.dirname(file);
  return { path: `PyPI/${format}/${fixture}`, content, readSibling: (rel) => readSiblingWithin(dir, dir, rel) };
}
