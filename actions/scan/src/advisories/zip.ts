/**
 * Reads the JSON entries of an OSV export zip with fflate's `unzipSync`, which works from the central
 * directory (robust to data descriptors, unlike a streaming parse) and inflates each entry into a buffer
 * of its declared size: a lying size field truncates the entry (then it fails to parse), it cannot
 * inflate past it. So refusing entries whose declared size is over the limit bounds memory.
 *
 * Measured on the 2,661-entry PyPI export: a zlib-backed streaming variant was no faster in CPU time on
 * this machine (a zlib handle per entry costs about what fflate's inflate saves), so fflate does it all.
 */

/**
 * fflate is loaded on the first archive that is actually inflated: most scans inflate none (an export is
 * only read on the first query of its ecosystem), and then its module costs nothing at start-up.
 */
let fflate: Promise<typeof import('fflate')> | undefined;
function loadFflate(): Promise<typeof import('fflate')> {
  return (fflate ??= import('fflate'));
}

export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

export interface ReadZipOptions {
  maxEntryBytes: number;
  /** Called for each refused entry, with the reason. */
  onRefused: (name: string, reason: string) => void;
  /** Which (safe, small enough) entries to read. */
  wanted: (name: string) => boolean;
}

/** Whether a zip entry name could write or read outside the folder it is extracted to. */
export function isUnsafeEntryName(name: string): boolean {
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) return true;
  return name.split(/[/\\]/).some((segment) => segment === '..');
}

const LOCAL_HEADER = 0x04034b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

/**
 * Checks the archive's first and last records, so that a download that returned an HTML error page or
 * was cut short is refused with a message saying so, before anything is cached.
 */
export function assertZipArchive(data: Uint8Array): void {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const startsLikeZip = data.length >= 4 && [LOCAL_HEADER, END_OF_CENTRAL_DIRECTORY].includes(view.getUint32(0, true));
  let hasEnd = false;
  // The end record is 22 bytes plus a comment of at most 65,535 bytes.
  for (let i = data.length - 22; i >= 0 && i >= data.length - 22 - 0xffff; i--) {
    if (view.getUint32(i, true) === END_OF_CENTRAL_DIRECTORY) {
      hasEnd = true;
      break;
    }
  }
  if (!startsLikeZip || !hasEnd) throw new Error(startsLikeZip ? 'truncated zip archive (no end of central directory)' : 'not a zip archive');
}

export async function readZipEntries(data: Uint8Array, options: ReadZipOptions): Promise<ZipEntry[]> {
  assertZipArchive(data);
  const { unzipSync } = await loadFflate();
  const files = unzipSync(data, {
    filter: (entry) => {
      if (entry.name.endsWith('/')) return false;
      if (isUnsafeEntryName(entry.name)) {
        options.onRefused(entry.name, 'has a path that escapes the archive');
        return false;
      }
      if (entry.originalSize > options.maxEntryBytes) {
        options.onRefused(entry.name, `is ${entry.originalSize} bytes, over the ${options.maxEntryBytes}-byte limit`);
        return false;
      }
      if (entry.compression !== 0 && entry.compression !== 8) {
        options.onRefused(entry.name, `uses compression method ${entry.compression} (only stored and deflate are read)`);
        return false;
      }
      return options.wanted(entry.name);
    },
  });
  return Object.entries(files).map(([name, bytes]) => ({ name, bytes }));
}
