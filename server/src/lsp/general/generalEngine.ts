/**
 * The server's side of the general-features worker (generalWorker.ts). dockerfile-language-service is a
 * third-party engine that re-parses per request and is quadratic on shapes a hostile repository can hold; in
 * the server's thread one such request blocked every other (issue 19 #4: 54 s). In a worker it cannot:
 *
 * - every request has a deadline (GENERAL_TIMEOUT_MS, or less when the LSP request it serves has less of its
 *   1 s left); past it the worker is stopped (V8 interrupts it), the request and any queued behind it are
 *   answered empty, and the next request starts a new worker;
 * - a document that was too slow for a feature is not tried again for that feature for a minute, or until it is
 *   clearly smaller (every keystroke would otherwise cost a full timeout and a new worker);
 * - the worker's heap is capped (a runaway result ends the worker, not the server);
 * - the worker's stdout and stderr are captured and logged: stdout is the protocol stream.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Capabilities } from 'dockerfile-language-service';
import type { GeneralArgs, GeneralMethod, GeneralReply, GeneralResult, GeneralWorkerData } from './generalProtocol';

/** Below the 1 s every request must be answered in, with room for the rest of the request. */
export const GENERAL_TIMEOUT_MS = 600;
/** The worker's old-generation heap: the library keeps ~56 MB alive on an 800 KB document; past this it is stopped, not the server. */
const WORKER_HEAP_MB = 96;
/** A document that was too slow is tried again once it has shrunk below this share of the size it had, */
const RETRY_BELOW = 0.9;
/** or after this long (the slowness may have been a busy machine, not the document). */
const RETRY_AFTER_MS = 60_000;
/** Less time than this left in a request: do not start the worker on it. */
const MIN_USEFUL_MS = 50;

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly timer: NodeJS.Timeout;
}

export interface GeneralEngineOptions {
  /** The worker's bundle (dist/general-worker.js). */
  readonly file: string;
  readonly capabilities: Capabilities;
  readonly log: (message: string) => void;
  readonly timeoutMs?: number;
}

/** The document a request is about: a slow one is remembered by uri and size. */
export interface GeneralDocument {
  readonly uri: string;
  readonly size: number;
}

/** When the request this call serves must be answered by (performance.now() time); the deadline is then the sooner. */
export interface CallOptions {
  readonly answerBy?: number;
}

export class GeneralEngine {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** `uri \n method` → the document size at which the method ran past its deadline, and when. */
  private readonly tooSlow = new Map<string, { size: number; at: number }>();
  private readonly timeoutMs: number;

  constructor(private readonly options: GeneralEngineOptions) {
    this.timeoutMs = options.timeoutMs ?? GENERAL_TIMEOUT_MS;
  }

  /**
   * The method's result, or undefined when it failed, ran past its deadline (TIMEOUT_MS, or sooner when the
   * request must be answered sooner), or was too slow on this document a little while ago.
   */
  call<M extends GeneralMethod>(method: M, args: GeneralArgs<M>, document?: GeneralDocument, options: CallOptions = {}): Promise<GeneralResult<M> | undefined> {
    const started = performance.now();
    const slowKey = document ? `${document.uri}\n${method}` : undefined;
    const slow = slowKey ? this.tooSlow.get(slowKey) : undefined;
    if (slow && document) {
      if (document.size >= slow.size * RETRY_BELOW && started - slow.at < RETRY_AFTER_MS) return Promise.resolve(undefined);
      this.tooSlow.delete(slowKey!);
    }
    const timeoutMs = Math.min(this.timeoutMs, options.answerBy === undefined ? Infinity : options.answerBy - started);
    if (timeoutMs < MIN_USEFUL_MS) return Promise.resolve(undefined);
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (!this.pending.has(id)) return;
        if (slowKey && document) this.tooSlow.set(slowKey, { size: document.size, at: performance.now() });
        const elapsed = Math.round(performance.now() - started);
        this.options.log(`General features: ${method} ran past ${Math.round(timeoutMs)} ms (stopped at ${elapsed} ms)${document ? ` on ${document.uri} (${document.size.toLocaleString('en-US')} characters)` : ''}; answered empty.`);
        this.restart();
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, timer });
      try {
        worker.postMessage({ id, method, args });
      } catch (error) {
        this.settle(id, undefined);
        this.options.log(`General features: ${method} could not be sent to the worker: ${String(error)}`);
      }
    });
  }

  /** Stops the worker (the server is going away). */
  dispose(): void {
    this.restart();
  }

  /**
   * Stops an idle worker to give its memory back: the library keeps what it built for the last large document
   * (tens of MB) until the worker ends, and a thread's heap is returned to the system only then. The next request
   * starts a new worker. A worker with requests in flight is left alone.
   */
  release(): void {
    if (this.worker && this.pending.size === 0) this.restart();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const workerData: GeneralWorkerData = { capabilities: this.options.capabilities };
    const worker = new Worker(this.options.file, { workerData, stdout: true, stderr: true, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 16 } });
    worker.unref();
    worker.stdout.on('data', (chunk: Buffer) => this.options.log(`General features (stdout): ${chunk.toString('utf8').trimEnd()}`));
    worker.stderr.on('data', (chunk: Buffer) => this.options.log(`General features (stderr): ${chunk.toString('utf8').trimEnd()}`));
    worker.on('message', (reply: GeneralReply) => {
      if ('error' in reply) this.options.log(`General features: ${reply.error}`);
      this.settle(reply.id, 'error' in reply ? undefined : reply.result);
    });
    const gone = (why: string): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      if (this.pending.size > 0) this.options.log(`General features: the worker ${why}; its requests were answered empty.`);
      this.failAll();
    };
    worker.on('error', (error) => gone(`failed (${error.message})`));
    worker.on('exit', (code) => gone(`exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  private settle(id: number, value: unknown): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.resolve(value);
  }

  private failAll(): void {
    for (const id of [...this.pending.keys()]) this.settle(id, undefined);
  }

  /** Stops the current worker (a new one starts with the next request) and answers what it still had. */
  private restart(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll();
    if (worker) void worker.terminate();
  }
}
