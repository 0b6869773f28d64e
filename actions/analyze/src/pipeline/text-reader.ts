/**
 * Reading input files as text on the second core. 500 artifacts are ~500 MB of JSON, and decoding UTF-8 to a
 * JavaScript string costs about as much as JSON.parse (Node 20's decoder has no fast path for text with a
 * few non-ASCII characters). A worker thread reads and decodes while the main thread parses and merges;
 * handing the string over copies it, which is several times cheaper than decoding it.
 *
 * The worker is given as source (`eval`), not as a module file: the bundler (ncc) copies a worker module as
 * an asset without compiling it, so a module worker would not run from dist/. Its code needs nothing but
 * node:fs. Without worker threads (or when the worker dies) files are read on the main thread.
 */
import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';

export interface TextReader {
  /** The file's content decoded as UTF-8; rejects with the fs error (its `code` kept) when it cannot be read. */
  read(file: string): Promise<string>;
  close(): Promise<void>;
}

/** Decoding the whole buffer at once: readFile(file, 'utf8') decodes in chunks and builds a rope to flatten. */
export const mainThreadReader: TextReader = {
  read: async (file) => (await readFile(file)).toString('utf8'),
  close: async () => undefined,
};

interface Reply {
  id: number;
  text?: string;
  error?: { message: string; code?: string };
}

/** Plain JavaScript run by the worker (CommonJS scope: `require` is there). */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
parentPort.on('message', ({ id, file }) => {
  let reply;
  try {
    reply = { id, text: readFileSync(file).toString('utf8') };
  } catch (error) {
    reply = { id, error: { message: String(error && error.message), code: error && error.code } };
  }
  parentPort.postMessage(reply);
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
  const pending = new Map<number, { file: string; resolve: (text: string) => void; reject: (error: unknown) => void }>();
  let nextId = 0;
  let failed = false;
  const fallBack = () => {
    failed = true;
    for (const [id, request] of pending) {
      pending.delete(id);
      mainThreadReader.read(request.file).then(request.resolve, request.reject);
    }
  };
  worker.on('message', (reply: Reply) => {
    const request = pending.get(reply.id);
    if (!request) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.error) request.reject(fsError(reply.error));
    else request.resolve(reply.text!);
  });
  worker.on('error', fallBack);
  worker.on('exit', fallBack);
  return {
    read(file) {
      if (failed) return mainThreadReader.read(file);
      return new Promise<string>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { file, resolve, reject });
        // Referenced while it owes an answer, so the process waits for it.
        worker.ref();
        worker.postMessage({ id, file });
      });
    },
    async close() {
      failed = true;
      await worker.terminate();
    },
  };
}
