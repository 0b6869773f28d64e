/**
 * Reads the JSON entries of an OSV export zip. fflate parses the archive; deflate is undone by node:zlib
 * (registered as fflate's decoder for method 8) because fflate's JavaScript inflate was most of the load
 * time of an export (per-entry Huffman tables on thousands of small records: ~2x slower on the 2,661-entry
 * PyPI export). zlib's `maxOutputLength` also bounds what a lying size field could inflate to.
 */
import { inflateRawSync } from 'node:zlib';
import { Unzip, type AsyncFlateStreamHandler, type FlateError } from 'fflate';

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

/** Our code for zlib's ERR_BUFFER_TOO_LARGE in fflate's numeric error codes (fflate's own end at 14). */
const TOO_LARGE = 1000;

const LOCAL_HEADER = 0x04034b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

/**
 * The streaming parser reads nothing from bytes that are not a zip, which would look like an empty
 * database: check the archive's first and last records first (an HTML error page saved as all.zip).
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

/** fflate pushes an entry's compressed bytes in pieces; inflate them in one native call at the end. */
function nativeInflateDecoder(maxOutputLength: number) {
  return class NativeInflate {
    static readonly compression = 8;
    ondata!: AsyncFlateStreamHandler;
    private readonly chunks: Uint8Array[] = [];
    push(chunk: Uint8Array, final: boolean): void {
      this.chunks.push(chunk);
      if (!final) return;
      let out: Buffer;
      try {
        out = inflateRawSync(this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks as Buffer[]), { maxOutputLength });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? TOO_LARGE : -1;
        this.ondata(Object.assign(new Error((error as Error).message), { code }) as FlateError, new Uint8Array(0), true);
        return;
      }
      this.ondata(null, new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.byteLength), true);
    }
  };
}

/** Feeding fflate's streaming parser the whole archive at once recurses once per entry; feed it in slices. */
const SLICE_BYTES = 64 * 1024;

export function readZipEntries(data: Uint8Array, options: ReadZipOptions): ZipEntry[] {
  assertZipArchive(data);
  const entries: ZipEntry[] = [];
  const unzip = new Unzip((file) => {
    if (file.name.endsWith('/')) return;
    if (isUnsafeEntryName(file.name)) return options.onRefused(file.name, 'has a path that escapes the archive');
    if (file.originalSize !== undefined && file.originalSize > options.maxEntryBytes)
      return options.onRefused(file.name, `is ${file.originalSize} bytes, over the ${options.maxEntryBytes}-byte limit`);
    if (!options.wanted(file.name)) return;
    const parts: Uint8Array[] = [];
    file.ondata = (error, chunk, final) => {
      if (error) {
        const tooLarge = error.code === TOO_LARGE;
        options.onRefused(file.name, tooLarge ? `inflates past the ${options.maxEntryBytes}-byte limit` : `cannot be read (${error.message})`);
        return;
      }
      parts.push(chunk);
      if (final) entries.push({ name: file.name, bytes: parts.length === 1 ? parts[0]! : Buffer.concat(parts as Buffer[]) });
    };
    file.start();
  });
  unzip.register(nativeInflateDecoder(options.maxEntryBytes));
  for (let offset = 0; offset < data.length || offset === 0; offset += SLICE_BYTES) {
    const end = Math.min(offset + SLICE_BYTES, data.length);
    unzip.push(data.subarray(offset, end), end >= data.length);
    if (end >= data.length) break;
  }
  return entries;
}
