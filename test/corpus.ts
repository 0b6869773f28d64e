import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file lives in <root>/test). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The shared real-world corpus (../shared/corpus beside the clone, as CI lays it out). Tests that need it
 * fail loudly when it is missing rather than passing on nothing.
 */
export const CORPUS = process.env.SECLOOP_CORPUS ?? path.resolve(REPO_ROOT, '..', 'shared', 'corpus');

export function corpusPath(...parts: string[]): string {
  const p = path.join(CORPUS, ...parts);
  if (!existsSync(p)) throw new Error(`corpus file missing: ${p} (set SECLOOP_CORPUS to the corpus folder)`);
  return p;
}
