import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ScanWarning } from '../../../../src/shared/contracts/findings.js';
import { errorMessage } from '../../../../src/shared/errors.js';
import type { DiscoveredFile } from '../discovery.js';
import { extractorFor } from '../extractors/registry.js';
import { readSiblingWithin } from '../extractors/sibling.js';
import { ExtractionError, type ExtractedPackage } from '../extractors/types.js';
import type { LockfileEcosystem } from '../../../../src/shared/ecosystems.js';

export interface LockfilePackages {
  /** Relative to the scan root. */
  path: string;
  extractor: string;
  ecosystem: LockfileEcosystem;
  packages: ExtractedPackage[];
}

export interface ExtractionOutcome {
  lockfiles: LockfilePackages[];
  warnings: ScanWarning[];
  /** Lockfiles found but not readable at all (they count as "not scanned", not as "clean"). */
  failed: string[];
}

/** Files fed to extractors in parallel, bounded: enough to overlap I/O, few enough to keep memory flat. */
const CONCURRENCY = 8;

/**
 * Runs the extractor of every lockfile. One bad file becomes a warning naming it and the reason; the others
 * are still extracted.
 */
export async function extractLockfiles(root: string, files: DiscoveredFile[]): Promise<ExtractionOutcome> {
  const lockfiles: (LockfilePackages | undefined)[] = new Array(files.length);
  const warnings: ScanWarning[][] = files.map(() => []);
  const failed: string[] = [];
  let next = 0;

  async function worker() {
    for (let i = next++; i < files.length; i = next++) {
      const file = files[i]!;
      const extractor = extractorFor(file.relativePath);
      if (!extractor) continue;
      try {
        const content = (await readFile(file.absolutePath, 'utf8')).replace(/^\uFEFF/, '');
        const dir = path.dirname(file.absolutePath);
        const result = await extractor.extract({
          path: file.relativePath,
          content,
          readSibling: (rel) => readSiblingWithin(root, dir, rel),
        });
        lockfiles[i] = { path: file.relativePath, extractor: extractor.id, ecosystem: extractor.ecosystem, packages: result.packages };
        for (const reason of result.warnings ?? []) warnings[i]!.push({ file: file.relativePath, scanner: 'dependencies', reason });
      } catch (error) {
        failed.push(file.relativePath);
        const line = error instanceof ExtractionError ? error.line : undefined;
        const reason =
          error instanceof ExtractionError
            ? error.message.replace(`${error.file}${line ? `:${line}` : ''}: `, '')
            : `extractor ${extractor.id} failed: ${errorMessage(error)}`;
        warnings[i]!.push({ file: file.relativePath, ...(line ? { line } : {}), scanner: 'dependencies', reason: `not scanned: ${reason}` });
      }
    }
  }

  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
  // A package pulled in from another file that is scanned in its own right is reported there, once.
  const scanned = new Set(files.map((f) => f.relativePath));
  for (const lockfile of lockfiles) {
    if (lockfile?.packages.some((p) => p.declaredIn !== undefined && scanned.has(p.declaredIn))) {
      lockfile.packages = lockfile.packages.filter((p) => p.declaredIn === undefined || !scanned.has(p.declaredIn));
    }
  }
  return {
    lockfiles: lockfiles.filter((l): l is LockfilePackages => l !== undefined),
    warnings: warnings.flat(),
    failed: failed.sort(),
  };
}
