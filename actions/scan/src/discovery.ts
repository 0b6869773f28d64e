import { lstatSync, readdirSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import type { ScanWarning } from '../../../src/shared/contracts/findings.js';

/** Directories no scanner looks into: installed dependencies and VCS internals, not the project's own files. */
export const ALWAYS_SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', 'vendor', '.git', '.hg', '.svn', '.secloop']);

export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface DiscoveredFile {
  /** Relative to the scan root, forward slashes. */
  relativePath: string;
  absolutePath: string;
  size: number;
}

export interface DiscoveryOptions {
  root: string;
  /** Glob patterns relative to the root (`docs/**`, `**\/testdata/**`); a match on a directory prunes it. */
  exclude?: string[];
  maxFileBytes?: number;
  /** Which files the enabled scanners want, by relative path and base name; decided once per file. */
  wants(relativePath: string, baseName: string): boolean;
  /** Each file as it is accepted, in walk order (the result lists them sorted, once the walk is over). */
  onFile?(file: DiscoveredFile): void;
}

export interface DiscoveryResult {
  files: DiscoveredFile[];
  warnings: ScanWarning[];
  /** How many regular files the walk saw, wanted or not: "nothing to scan" is told apart from "scanned, clean". */
  filesSeen: number;
}

/**
 * One walk of the tree for every scanner (directory listings and sizes read synchronously: on a checked-out
 * tree that is several times cheaper than the promise API's round trips, and nothing else runs meanwhile). Symbolic links are not followed into directories (cycles, and trees
 * outside the repository); a linked file is read only when its target stays inside the root.
 */
export async function discoverFiles(options: DiscoveryOptions): Promise<DiscoveryResult> {
  const root = path.resolve(options.root);
  const realRoot = await realpath(root);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const isExcluded = options.exclude?.length ? picomatch(options.exclude, { dot: true }) : () => false;
  const files: DiscoveredFile[] = [];
  const warnings: ScanWarning[] = [];
  let filesSeen = 0;

  const rootInfo = await stat(root);
  if (!rootInfo.isDirectory()) {
    // A single file given as the target: scan just it.
    const base = path.basename(root);
    filesSeen = 1;
    if (options.wants(base, base)) files.push({ relativePath: base, absolutePath: root, size: rootInfo.size });
    return { files, warnings, filesSeen };
  }

  const pending: string[] = [''];
  while (pending.length > 0) {
    const dirRel = pending.pop()!;
    const dirAbs = dirRel ? path.join(root, dirRel) : root;
    // dirAbs is already normalised: a join would normalise it again for each of its files.
    const filePrefix = dirAbs.endsWith(path.sep) ? dirAbs : dirAbs + path.sep;
    let entries;
    try {
      entries = readdirSync(dirAbs, { withFileTypes: true });
    } catch (error) {
      warnings.push({ file: dirRel || '.', scanner: 'discovery', reason: `cannot read directory: ${(error as NodeJS.ErrnoException).code ?? error}` });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = dirRel ? `${dirRel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!ALWAYS_SKIPPED_DIRS.has(entry.name) && !isExcluded(rel) && !isExcluded(`${rel}/`)) pending.push(rel);
        continue;
      }
      if (isExcluded(rel)) continue;
      const abs = filePrefix + entry.name;
      if (entry.isSymbolicLink()) {
        const target = await resolveLink(abs);
        if (!target) {
          if (options.wants(rel, entry.name)) warnings.push({ file: rel, scanner: 'discovery', reason: 'broken symbolic link' });
          continue;
        }
        if (!isInside(realRoot, target.path)) {
          if (options.wants(rel, entry.name) || target.isDirectory) {
            warnings.push({ file: rel, scanner: 'discovery', reason: 'symbolic link leads outside the scanned tree; not followed' });
          }
          continue;
        }
        // A link to a directory inside the tree: that directory is walked on its own, so skipping avoids cycles.
        if (target.isDirectory) continue;
        filesSeen++;
        if (options.wants(rel, entry.name)) pushFile(rel, target.path, target.size);
        continue;
      }
      if (!entry.isFile()) continue;
      filesSeen++;
      if (!options.wants(rel, entry.name)) continue;
      let size;
      try {
        size = lstatSync(abs).size;
      } catch (error) {
        warnings.push({ file: rel, scanner: 'discovery', reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? error}` });
        continue;
      }
      pushFile(rel, abs, size);
    }
  }

  function pushFile(rel: string, abs: string, size: number) {
    if (size > maxBytes) {
      warnings.push({ file: rel, scanner: 'discovery', reason: `file is ${size} bytes, over the limit of ${maxBytes} (max-file-size); not scanned` });
      return;
    }
    const file = { relativePath: rel, absolutePath: abs, size };
    files.push(file);
    options.onFile?.(file);
  }

  files.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
  return { files, warnings, filesSeen };
}

async function resolveLink(abs: string): Promise<{ path: string; isDirectory: boolean; size: number } | undefined> {
  try {
    const real = await realpath(abs);
    const info = await stat(real);
    return { path: real, isDirectory: info.isDirectory(), size: info.size };
  } catch {
    return undefined;
  }
}

export function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}
