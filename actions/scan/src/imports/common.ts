/**
 * Helpers shared by the importers (foreign SARIF, runtime alerts): scanners whose input is not the walked
 * tree but files or payloads named by the user.
 */
import { createHash } from 'node:crypto';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** A fingerprint from identity parts (never line numbers): sha256, 32 hex characters, as the other scanners. */
export function fingerprintOf(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Keeps generated messages readable and bounded whatever a foreign tool wrote. */
export function clip(text: string, max: number): string {
  const oneSpace = text.replace(/\s+/g, ' ').trim();
  return oneSpace.length <= max ? oneSpace : `${oneSpace.slice(0, max - 1)}…`;
}

export type BoundedRead = { text: string } | { problem: string };

/**
 * Reads a whole file as UTF-8 unless it is larger than `maxBytes`: a 2 GB "SARIF" file must end as a warning,
 * not as an out-of-memory crash. Directories and unreadable files come back as a problem, never a throw.
 */
export async function readBounded(file: string, maxBytes: number): Promise<BoundedRead> {
  let handle;
  try {
    const info = await stat(file);
    if (!info.isFile()) return { problem: 'not a regular file' };
    if (info.size > maxBytes) return { problem: `${info.size} bytes is more than the ${maxBytes}-byte limit` };
    handle = await open(file, 'r');
    const buffer = Buffer.alloc(info.size);
    let read = 0;
    while (read < info.size) {
      const { bytesRead } = await handle.read(buffer, read, info.size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return { text: buffer.subarray(0, read).toString('utf8') };
  } catch (error) {
    return { problem: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  } finally {
    await handle?.close();
  }
}

/** Folders that never hold the user's own reports or manifests, and can be huge. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.hg', '.svn', 'vendor', '__pycache__', '.venv', 'target', 'dist']);

/**
 * Files under `root` (relative paths, sorted) whose name passes `accept`, at most `limit` of them; symbolic
 * links are not followed so a link loop cannot hang the walk.
 */
export async function walkFiles(root: string, accept: (baseName: string) => boolean, limit: number): Promise<{ files: string[]; truncated: boolean }> {
  const files: string[] = [];
  const pending = [''];
  let truncated = false;
  while (pending.length > 0) {
    const relativeDir = pending.pop()!;
    let entries;
    try {
      entries = await readdir(path.join(root, relativeDir), { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(relative);
      } else if (entry.isFile() && accept(entry.name)) {
        if (files.length >= limit) {
          truncated = true;
          break;
        }
        files.push(relative);
      }
    }
    if (truncated) break;
  }
  return { files: files.sort(), truncated };
}
