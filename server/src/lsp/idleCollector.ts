/**
 * Collects the young generation when the server goes idle, so the next request starts with an empty nursery.
 *
 * A scavenge copies whatever is alive in the nursery; the latest model of each open document always is, so on
 * the 2-core VMs we measure on a scavenge costs 2-5 ms. Left to V8 it lands wherever an allocation finds the
 * nursery full: inside a request, where it shows up as that request's p99. Between keystrokes and requests a
 * server idles for tens of milliseconds; a scavenge started there costs the same and delays nobody.
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A young-generation collection. Only that: V8's full collections mark incrementally and concurrently, stopping the
 * server for a few milliseconds; a full collection asked for from here is one atomic pause, which on a heap holding
 * a 700 KB document's model stopped the server for ~600 ms (the hostile suite's request that came meanwhile). The
 * old generation is left to V8, whose growth the server's entry bounds (launch/serverEntry.ts). On Node 20 a
 * synchronous `gc({ type: 'major' })`, which an earlier version called after a large document was closed, does not
 * collect the old generation at all (measured: 40 MB of garbage stayed).
 */
export type CollectGarbage = (options: { type: 'minor' }) => void;

/**
 * V8's `gc()`, which Node hides unless started with --expose-gc; undefined where it cannot be had. The server's
 * entry (launch/serverEntry.ts) sets the flag before the code cache is read: a flag changed afterwards makes
 * V8 reject the cache. Setting it again here changes nothing then.
 */
export function exposedGc(): CollectGarbage | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as CollectGarbage) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `exposedGc`, looked up on the first collection: the lookup creates a V8 context (~1.5 ms), and the first
 * collection comes after the server has answered and gone quiet, not on the start path.
 */
export function lazyExposedGc(lookUp: () => CollectGarbage | undefined = exposedGc): CollectGarbage {
  let gc: CollectGarbage | undefined | null = null; // null: not looked up yet
  return (options) => {
    if (gc === null) gc = lookUp();
    gc?.(options);
  };
}

/** How full the nursery is, from 0 to 1. */
export function nurseryFill(): number {
  const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  if (!space) return 0;
  const capacity = space.space_used_size + space.space_available_size;
  return capacity > 0 ? space.space_used_size / capacity : 0;
}

export interface IdleCollectorOptions {
  /** Quiet time after the last activity before collecting. */
  readonly idleMs: number;
  /** Below this fill the next scavenge is far off: collecting would cost without helping. */
  readonly minFill: number;
  readonly gc: CollectGarbage | undefined;
  readonly fill: () => number;
  readonly now: () => number;
}

const DEFAULTS: IdleCollectorOptions = { idleMs: 30, minFill: 0.25, gc: undefined, fill: nurseryFill, now: () => performance.now() };

export class IdleCollector {
  private readonly options: IdleCollectorOptions;
  private lastActivity = 0;
  /** Work begun with `around` and not yet ended. */
  private busy = 0;
  private timer: NodeJS.Timeout | undefined;
  /** How many collections it ran (for tests and the log). */
  collections = 0;
  /** How often the timer fired (for tests: the collector must not poll while work is under way). */
  checks = 0;

  constructor(options: Partial<IdleCollectorOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** The server did something (a request, a notification, a validation): wait for quiet again. */
  activity(): void {
    this.lastActivity = this.options.now();
    if (this.options.gc && !this.timer) this.wait(this.options.idleMs);
  }

  /**
   * Runs the server's work for a message, with the quiet time counted from when it ends. Counted from its start, a
   * validation longer than the quiet time (a 10,000-line file: 50-80 ms) left the timer overdue, and the collection
   * ran the moment the diagnostics were out, which is when an editor sends its next requests: at 10,000 lines a
   * scavenge of 4-13 ms then sat inside the hover that follows a fresh file's first diagnostics.
   */
  async around<R>(work: () => R | Promise<R>): Promise<R> {
    this.busy++;
    this.activity();
    try {
      return await work();
    } finally {
      this.busy--;
      this.activity();
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private wait(ms: number): void {
    this.timer = setTimeout(() => this.check(), ms);
    this.timer.unref(); // never what keeps the process alive
  }

  private check(): void {
    this.timer = undefined;
    this.checks++;
    const quietFor = this.options.now() - this.lastActivity;
    // Work still under way (a request waiting for the client or the general worker) is not quiet, however long. No
    // timer until it ends (`around` calls activity() then, which sets one): a request the client never answers
    // would otherwise wake the server every idleMs for as long as it waits.
    if (this.busy > 0) return;
    if (quietFor < this.options.idleMs) return this.wait(this.options.idleMs - quietFor);
    if (this.options.fill() < this.options.minFill) return;
    try {
      this.options.gc?.({ type: 'minor' });
      this.collections++;
    } catch {
      // A runtime without the option: V8 collects when it must, as it would anyway.
    }
  }
}
