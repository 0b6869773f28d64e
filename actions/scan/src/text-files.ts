import { isAscii } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
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
 *
 * Synchronous on purpose: a checked-out tree is in the page cache, where one synchronous read costs a fraction
 * of the open/read/close round trips of the promise API (measured: 0.4 s against 1.4 s of CPU for 24,000 files).
 * The bytes go into one buffer reused from file to file (the text is a copy): no buffer of 336 MB in all to
 * allocate and collect, and no fstat, as the walk gave the size.
 */
export function readTextFile(file: DiscoveredFile): ReadOutcome {
  try {
    const content = readWhole(file.absolutePath, file.size);
    if (content.subarray(0, SNIFF_BYTES).includes(0)) return { skipped: 'binary' };
    // Most source files are ASCII, which Latin-1 decodes to the same text in half the time of UTF-8.
    const ascii = isAscii(content);
    const text = ascii ? content.toString('latin1') : content.toString('utf8');
    return { text: { relativePath: file.relativePath, absolutePath: file.absolutePath, size: content.length, text, ascii } };
  } catch (error) {
    return { warning: { file: file.relativePath, scanner: 'scan', reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` } };
  }
}

let scratch = Buffer.allocUnsafe(1 << 20);

/**
 * The file's bytes, in the shared scratch buffer (valid until the next call). `expected` is the size the walk
 * saw: a read that returns exactly that much, short of the room it was given, is the whole file (a regular file
 * is read short only at its end), so most files take one read and no second one to find the end; a file that
 * grew, or a read that stops early elsewhere, is read on to its end all the same.
 */
function readWhole(file: string, expected: number): Buffer {
  if (scratch.length < expected + 1) scratch = Buffer.allocUnsafe(Math.max(expected + 1, 2 * scratch.length));
  const fd = openSync(file, 'r');
  try {
    let length = 0;
    for (;;) {
      if (length === scratch.length) {
        const larger = Buffer.allocUnsafe(2 * scratch.length);
        scratch.copy(larger, 0, 0, length);
        scratch = larger;
      }
      const room = scratch.length - length;
      const n = readSync(fd, scratch, length, room, null);
      if (n === 0) return scratch.subarray(0, length);
      length += n;
      if (length === expected && n < room) return scratch.subarray(0, length);
    }
  } finally {
    closeSync(fd);
  }
}
