import { open } from 'node:fs/promises';
import type { ScanWarning } from '../../../src/shared/contracts/findings.js';
import type { DiscoveredFile } from './discovery.js';
import type { TextFile } from './scanners/types.js';

/** Bytes looked at to tell a binary file from text (as git and ripgrep do: a NUL byte means binary). */
const SNIFF_BYTES = 8000;

export type ReadOutcome = { text: TextFile } | { skipped: 'binary' } | { warning: ScanWarning };

/**
 * Reads a file as UTF-8 text for the text scanners. Binary files are skipped (counted, not warned about
 * one by one: a repository holds many images); unreadable files become a warning naming them. Invalid UTF-8
 * decodes to U+FFFD rather than failing, so the rest of the file is still scanned.
 */
export async function readTextFile(file: DiscoveredFile): Promise<ReadOutcome> {
  let handle;
  try {
    handle = await open(file.absolutePath, 'r');
    const buffer = Buffer.allocUnsafe(file.size);
    let read = 0;
    while (read < file.size) {
      const { bytesRead } = await handle.read(buffer, read, file.size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    const content = buffer.subarray(0, read);
    if (content.subarray(0, SNIFF_BYTES).includes(0)) return { skipped: 'binary' };
    return { text: { relativePath: file.relativePath, absolutePath: file.absolutePath, size: read, text: content.toString('utf8') } };
  } catch (error) {
    return { warning: { file: file.relativePath, scanner: 'scan', reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` } };
  } finally {
    await handle?.close();
  }
}
