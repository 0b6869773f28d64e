import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SecretsInput, TextScanResult } from './file-scan.js';
import { READY_COUNTER_KEY, SCANNED_UNITS, scannedUnits, WORKER_DATA_KEY, type SecretsBatch, type SecretsBatchReply, type SecretsWorkerSetup } from './worker.js';

/**
 * Worker threads for the secrets scanner, which matches 220 rules over every byte of the tree. The main thread
 * walks and scans too (see busy); a file only the secrets scanner wants is sent by name and read by the worker, a
 * file other scanners want too is read once by the main thread and its text sent. Batches go to the least-loaded
 * worker. Results are kept by file index, so the findings come out in walk order whatever thread found them.
 *
 * A worker runs the bundle's entry module (dist/index.js beside this chunk), which exports
 * serveSecretsWorker; from the TypeScript sources there is no bundle, and the caller scans in-process.
 */

/** Texts are sent in batches of about this many characters (one message per file cost more than the copy). */
const BATCH_CHARS = 1 << 20;
const BATCH_FILES = 256;
/**
 * Queued text per worker that keeps it busy for some tens of milliseconds (see busy). The caller scans itself
 * rather than queue more, which also bounds what waits in memory.
 */
const BUSY_CHARS = 4 << 20;

/** The bundled entry module a worker starts from, when this code runs from a bundle. */
export function workerEntry(): string | undefined {
  const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'index.js');
  return existsSync(entry) ? entry : undefined;
}

interface PoolWorker {
  worker: Worker;
  outstanding: number;
}

/**
 * A worker makes a string of every file it reads and drops it soon after: a young generation larger than the
 * default (16 MB here) is collected less often for the same work.
 */
const YOUNG_GENERATION_MB = 64;

export class SecretsWorkerPool {
  private readonly workers: PoolWorker[];
  private readonly results: (TextScanResult | undefined)[] = [];
  private pending: SecretsBatch = { batch: 0, files: [] };
  private pendingChars = 0;
  private nextBatch = 1;
  private readonly inFlight = new Map<number, { worker: PoolWorker; chars: number }>();
  private failure: Error | undefined;
  private waiters: (() => void)[] = [];
  private closing = false;
  private readonly readyCounter: Int32Array;
  /** What was submitted, in the units of the workers' scanned counter. */
  private submittedUnits = 0;

  constructor(entry: string, threads: number, setup: SecretsWorkerSetup) {
    const code = `import(${JSON.stringify(pathToFileURL(entry).href)}).then((m) => m.serveSecretsWorker())`;
    const ready = new SharedArrayBuffer(8);
    this.readyCounter = new Int32Array(ready);
    this.workers = Array.from({ length: threads }, () => {
      const pw: PoolWorker = { worker: new Worker(code, { eval: true, workerData: { [WORKER_DATA_KEY]: setup, [READY_COUNTER_KEY]: ready }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }), outstanding: 0 };
      // A worker never keeps the process alive: a scan that ends early (a configuration error) still exits.
      pw.worker.unref();
      pw.worker.on('message', (reply: SecretsBatchReply) => this.settle(reply));
      pw.worker.on('error', (error) => this.fail(new Error(`a secrets worker thread failed: ${error.message}`)));
      pw.worker.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`a secrets worker thread exited (code ${code})`));
      });
      return pw;
    });
  }

  /**
   * Whether a worker has compiled its rules and can scan. Read without waiting for the event loop: until then
   * (a few hundred milliseconds of start-up) the caller scans in its own thread instead of idling.
   */
  get ready(): boolean {
    return Atomics.load(this.readyCounter, 0) > 0;
  }

  /**
   * Whether every worker has enough queued to stay busy for a while (BUSY_CHARS each): the caller then scans the
   * next file itself rather than queue it, so that its own core works too.
   */
  get busy(): boolean {
    const queued = this.submittedUnits - Atomics.load(this.readyCounter, SCANNED_UNITS);
    return queued >= (BUSY_CHARS / 1024) * this.workers.length;
  }

  /** Queues one text or unread file (the caller keeps the queue short: see busy). */
  submit(index: number, input: SecretsInput): void {
    if (this.failure) throw this.failure;
    this.pending.files.push({ index, ...input });
    this.submittedUnits += scannedUnits(input);
    this.pendingChars += 'text' in input ? input.text.length : input.size;
    if (this.pendingChars >= BATCH_CHARS || this.pending.files.length >= BATCH_FILES) this.flush();
  }

  /** Why a worker failed, if one did (drain throws only when that left texts unscanned). */
  get failed(): string | undefined {
    return this.failure?.message;
  }

  /** Every result, by file index, once all texts are scanned; the workers are stopped. */
  async drain(): Promise<(TextScanResult | undefined)[]> {
    this.flush();
    try {
      while (this.inFlight.size > 0 && !this.failure) await new Promise<void>((resolve) => this.waiters.push(resolve));
      // A failure costs the result only when a batch went unanswered (the texts it held are unscanned).
      if (this.failure && this.inFlight.size > 0) throw this.failure;
      return this.results;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  private flush() {
    if (this.pending.files.length === 0) return;
    const batch = { batch: this.nextBatch++, files: this.pending.files };
    const target = this.workers.reduce((a, b) => (b.outstanding < a.outstanding ? b : a));
    target.outstanding += this.pendingChars;
    this.inFlight.set(batch.batch, { worker: target, chars: this.pendingChars });
    target.worker.postMessage(batch);
    this.pending = { batch: 0, files: [] };
    this.pendingChars = 0;
  }

  private settle(reply: SecretsBatchReply) {
    const sent = this.inFlight.get(reply.batch);
    if (!sent) return;
    this.inFlight.delete(reply.batch);
    sent.worker.outstanding -= sent.chars;
    if ('error' in reply) this.fail(new Error(`the secrets scan of a batch failed in a worker thread: ${reply.error}`));
    else for (const { index, result } of reply.results) this.results[index] = result;
    this.wake();
  }

  private fail(error: Error) {
    this.failure ??= error;
    this.wake();
  }

  /** Lets drain look again (a batch came back, or a worker failed). */
  private wake() {
    const waiters = this.waiters.splice(0);
    for (const w of waiters) w();
  }
}
