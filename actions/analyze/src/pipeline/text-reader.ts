/**
 * Reading input files as text on the second core. 500 artifacts are ~500 MB of JSON, and decoding UTF-8 to a
 * JavaScript string costs about as much as JSON.parse (Node 20's decoder has no fast path for text with a
 * few non-ASCII characters). A worker thread reads the files while the main thread parses and merges.
 *
 * What crosses to the main thread is bytes, not a string: the worker transfers the file's buffer (no copy)
 * when it is ASCII, and the main thread makes it a string with a Latin-1 copy, several times cheaper than
 * decoding UTF-8 or receiving a posted string. A JSON file with non-ASCII characters (a scanner's "…") would
 * otherwise be a two-byte string, twice the memory, slower to post and to parse: when the caller says the
 * file is JSON, the worker writes those characters as \u escapes, which JSON.parse reads back to the same
 * value. Other text, and bytes that are not valid UTF-8, are decoded as before and posted as a string.
 *
 * An events.jsonl (readEventLog) is also checked there: 200,000 findings come with 200,000 event lines, each
 * to be parsed and validated before it is carried forward. The worker vouches only for lines that are plainly
 * valid events; anything else is parsed and validated on the main thread as before, which words the problem.
 *
 * The worker is given as source (`eval`), not as a module file: the bundler (ncc) copies a worker module as
 * an asset without compiling it, so a module worker would not run from dist/. Its code needs nothing but
 * node:fs and node:buffer. Without worker threads (or when the worker dies) files are read on the main thread.
 */
import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';

export interface ReadOptions {
  /**
   * The file is JSON: its non-ASCII characters may come back as \u escapes (the same value once parsed; the
   * text itself, and the position in a syntax error, may differ: read it again without this to quote it).
   */
  json?: boolean;
}

/**
 * An events.jsonl as read. `checked`: the worker found every line a plain, valid event (see plainEvent in the
 * worker's code; anything it is not sure of is left to the schema validator) and gives each line's id, in
 * order, and [correlation id, event id] of each scan.completed event, flattened. Only set when the text is
 * already in carried form: no blank lines, no surrounding whitespace, a newline after the last line.
 */
export type EventLogText =
  | { text: string; checked?: CheckedEventLog }
  /** Vouched for and ASCII: the file's bytes, which analyze only copies forward (no string is made of them). */
  | { bytes: Buffer; checked: CheckedEventLog };

export interface CheckedEventLog {
  /**
   * Each line's event id, in order, as a JSON array: parsed only when a log has repeats (200,000 ids posted
   * as strings, and kept, cost the main thread more than all else about the events).
   */
  ids: string;
  completed: string[];
  /**
   * An id of this log is in it twice, or was in a log this reader checked before. When no log a reader
   * checked has repeats, no id is in two of them, whatever order they were read in.
   */
  repeats: boolean;
}

export interface TextReader {
  /** The file's content decoded as UTF-8; rejects with the fs error (its `code` kept) when it cannot be read. */
  read(file: string, options?: ReadOptions): Promise<string>;
  /** An events.jsonl, its lines checked on the worker when they can be (as `read` otherwise). */
  readEventLog(file: string): Promise<EventLogText>;
  close(): Promise<void>;
}

/** Decoding the whole buffer at once: readFile(file, 'utf8') decodes in chunks and builds a rope to flatten. */
export const mainThreadReader: TextReader = {
  read: async (file) => (await readFile(file)).toString('utf8'),
  readEventLog: async (file) => ({ text: (await readFile(file)).toString('utf8') }),
  close: async () => undefined,
};

interface Reply {
  id: number;
  /** ASCII bytes (transferred). */
  bytes?: ArrayBuffer;
  text?: string;
  checked?: CheckedEventLog;
  error?: { message: string; code?: string };
}

/**
 * Plain JavaScript run by the worker (CommonJS scope: `require` is there). jsonAscii walks the bytes once to
 * find the non-ASCII sequences (few in a findings document) and copies the runs between them natively; it
 * gives up (undefined) on anything that is not well-formed UTF-8, which is then decoded like readFile does.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { isAscii } = require('node:buffer');

const HEX = '0123456789abcdef';
function writeEscape(out, at, unit) {
  out[at] = 92; out[at + 1] = 117;
  for (let k = 0; k < 4; k++) out[at + 2 + k] = HEX.charCodeAt((unit >> (12 - 4 * k)) & 15);
  return at + 6;
}

/** Bytes checked natively (isAscii) before any is looked at one by one: non-ASCII text is rare in findings. */
const BLOCK = 1024;

/** [start, length, code point] of each non-ASCII sequence, or undefined when the bytes are not UTF-8. */
function sequences(buf) {
  const found = [];
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const blockEnd = Math.min(n, i + BLOCK);
    if (isAscii(buf.subarray(i, blockEnd))) {
      i = blockEnd;
      continue;
    }
    // A sequence may run past the block's end: the next block starts after it.
    for (; i < blockEnd; i++) {
      const b0 = buf[i];
      if (b0 < 0x80) continue;
      let length, cp, min;
      if (b0 >= 0xc2 && b0 <= 0xdf) { length = 2; cp = b0 & 0x1f; min = 0x80; }
      else if (b0 >= 0xe0 && b0 <= 0xef) { length = 3; cp = b0 & 0x0f; min = 0x800; }
      else if (b0 >= 0xf0 && b0 <= 0xf4) { length = 4; cp = b0 & 0x07; min = 0x10000; }
      else return undefined;
      if (i + length > n) return undefined;
      for (let k = 1; k < length; k++) {
        const b = buf[i + k];
        if ((b & 0xc0) !== 0x80) return undefined;
        cp = (cp << 6) | (b & 0x3f);
      }
      // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
      if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return undefined;
      found.push(i, length, cp);
      i += length - 1;
    }
  }
  return found;
}

function jsonAscii(buf) {
  const found = sequences(buf);
  if (!found) return undefined;
  let size = buf.length;
  for (let j = 0; j < found.length; j += 3) size += (found[j + 2] >= 0x10000 ? 12 : 6) - found[j + 1];
  const out = new Uint8Array(size);
  let from = 0, at = 0;
  for (let j = 0; j < found.length; j += 3) {
    const start = found[j], cp = found[j + 2];
    out.set(buf.subarray(from, start), at);
    at += start - from;
    if (cp >= 0x10000) {
      at = writeEscape(out, at, 0xd800 + ((cp - 0x10000) >> 10));
      at = writeEscape(out, at, 0xdc00 + ((cp - 0x10000) & 0x3ff));
    } else at = writeEscape(out, at, cp);
    from = start + found[j + 1];
  }
  out.set(buf.subarray(from), at);
  return out;
}

/** The bytes in an ArrayBuffer of their own, which can be transferred (small reads share Buffer's pool). */
function owned(bytes) {
  return bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length ? bytes : new Uint8Array(bytes);
}

/*
 * The event envelope (src/shared/contracts/event-schema.ts), checked by hand: true only for an event the schema
 * accepts, and only in its plain form (a UTC timestamp written with Z). Anything else, valid or not, is left
 * to the generated validator on the main thread, which also words the problem.
 */
const EVENT_KEYS = new Set(['schema', 'id', 'type', 'source', 'target', 'topic', 'payload', 'correlation_id', 'causation_id', 'timestamp']);
const EVENT_TYPES = new Set(['event', 'command', 'query', 'response']);
const TOPIC = /^[a-z_]+(\\.[a-z0-9_]+)+$/;
const UTC_TIMESTAMP = /^(\\d{4})-(\\d\\d)-(\\d\\d)T(\\d\\d):(\\d\\d):(\\d\\d)(\\.\\d+)?Z$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const nonEmpty = (v) => typeof v === 'string' && v.length > 0;
function utcTimestamp(v) {
  const m = typeof v === 'string' ? UTC_TIMESTAMP.exec(v) : null;
  if (!m) return false;
  const year = +m[1], month = +m[2], day = +m[3];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && leap ? 29 : DAYS[month]) && +m[4] <= 23 && +m[5] <= 59 && +m[6] <= 59;
}
function plainEvent(e) {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return false;
  for (const key in e) if (!EVENT_KEYS.has(key)) return false;
  return e.schema === 'secloop.event/v1' && nonEmpty(e.id) && EVENT_TYPES.has(e.type) && nonEmpty(e.source) && nonEmpty(e.target) &&
    typeof e.topic === 'string' && TOPIC.test(e.topic) && typeof e.payload === 'object' && e.payload !== null && !Array.isArray(e.payload) &&
    nonEmpty(e.correlation_id) && (e.causation_id === undefined || nonEmpty(e.causation_id)) && utcTimestamp(e.timestamp);
}

/** Every id of every log checked so far: of two logs with an id in common, the later one has repeats. */
const seenIds = new Set();

function checkedEventLog(text) {
  const lines = text.split('\\n');
  if (lines.pop() !== '') return undefined;
  const ids = [], completed = [];
  for (const line of lines) {
    if (line.length === 0 || line.trim().length !== line.length) return undefined;
    let event;
    try {
      event = JSON.parse(line);
    } catch {
      return undefined;
    }
    if (!plainEvent(event)) return undefined;
    ids.push(event.id);
    if (event.topic === 'scan.completed') completed.push(event.correlation_id, event.id);
  }
  let repeats = false;
  for (const id of ids) {
    if (seenIds.has(id)) repeats = true;
    else seenIds.add(id);
  }
  return { ids: JSON.stringify(ids), completed, repeats };
}

parentPort.on('message', ({ id, file, json, eventLog }) => {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
    return;
  }
  const ascii = isAscii(bytes) ? bytes : json ? jsonAscii(bytes) : undefined;
  const text = ascii ? undefined : bytes.toString('utf8');
  const checked = eventLog ? checkedEventLog(text ?? bytes.toString('latin1')) : undefined;
  if (ascii) {
    const transferable = owned(ascii);
    parentPort.postMessage({ id, bytes: transferable.buffer, checked }, [transferable.buffer]);
  } else {
    parentPort.postMessage({ id, text, checked });
  }
});
`;

function fsError(error: NonNullable<Reply['error']>): NodeJS.ErrnoException {
  const failure: NodeJS.ErrnoException = new Error(error.message);
  if (error.code) failure.code = error.code;
  return failure;
}

/** A reader backed by one worker thread; falls back to the main thread if the worker cannot start or fails. */
export function workerTextReader(): TextReader {
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true });
  } catch {
    return mainThreadReader;
  }
  // An idle worker must not keep the process alive (a caller that forgets close() still exits).
  worker.unref();
  const pending = new Map<number, { file: string; eventLog: boolean; resolve: (read: EventLogText) => void; reject: (error: unknown) => void }>();
  let nextId = 0;
  let failed = false;
  const readHere = (file: string, eventLog: boolean) => (eventLog ? mainThreadReader.readEventLog(file) : mainThreadReader.read(file).then((text) => ({ text })));
  const fallBack = () => {
    failed = true;
    for (const [id, request] of pending) {
      pending.delete(id);
      readHere(request.file, request.eventLog).then(request.resolve, request.reject);
    }
  };
  worker.on('message', (reply: Reply) => {
    const request = pending.get(reply.id);
    if (!request) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.error) request.reject(fsError(reply.error));
    else if (reply.bytes && reply.checked) request.resolve({ bytes: Buffer.from(reply.bytes), checked: reply.checked });
    else {
      // ASCII: Latin-1 is the same text, copied without decoding.
      const text = reply.bytes ? Buffer.from(reply.bytes).toString('latin1') : reply.text!;
      request.resolve(reply.checked ? { text, checked: reply.checked } : { text });
    }
  });
  worker.on('error', fallBack);
  worker.on('exit', fallBack);
  const request = (file: string, json: boolean, eventLog: boolean): Promise<EventLogText> => {
    if (failed) return readHere(file, eventLog);
    return new Promise<EventLogText>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { file, eventLog, resolve, reject });
      // Referenced while it owes an answer, so the process waits for it.
      worker.ref();
      worker.postMessage({ id, file, json, eventLog });
    });
  };
  return {
    read: async (file, options) => {
      const read = await request(file, options?.json === true, false);
      // Only an event log comes back as bytes, but a caller asking for text gets text either way.
      return 'bytes' in read ? read.bytes.toString('latin1') : read.text;
    },
    readEventLog: (file) => request(file, false, true),
    async close() {
      failed = true;
      await worker.terminate();
    },
  };
}
