import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';

/**
 * Reads `relative` next to `fromDir`, but only when the real path (symlinks resolved) stays inside `root`:
 * an include such as `-r ../../etc/passwd` or a symlinked parent pom must not leave the scanned tree.
 */
export async function readSiblingWithin(root: string, fromDir: string, relative: string): Promise<string | undefined> {
  const target = path.resolve(fromDir, relative);
  try {
    const [realRoot, realTarget] = await Promise.all([realpath(root), realpath(target)]);
    if (realTarget !== realRoot && !realTarget.startsWith(realRoot + path.sep)) return undefined;
    return (await readFile(realTarget, 'utf8')).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}
