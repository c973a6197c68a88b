/**
 * When a document is validated after a change: by what its validation costs, not after a fixed delay. A document
 * whose last validation was cheap (most Dockerfiles: tens of lines, well under a millisecond) is validated at once;
 * an expensive one waits in proportion to its cost when it is being typed in, so a burst of keystrokes on a
 * 10,000-line file is validated once, after the burst, and typing never queues behind validations that the next
 * keystroke makes stale. A change after a quiet spell (none in the last QUIET_MULTIPLE delays, nothing pending) is
 * no burst: it is validated at once, whatever the cost, since no keystroke is coming to make that work stale.
 * Either way the run first yields to the messages already read (a completion typed with the change is answered
 * first), and only the version current at the run is validated.
 */

/** The clock and timers the scheduler uses: Node's, or a clock a test moves. */
export interface SchedulerTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setImmediate(callback: () => void): unknown;
  clearImmediate(handle: unknown): void;
}

export const NODE_TIMERS: SchedulerTimers = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  setImmediate: (callback) => setImmediate(callback),
  clearImmediate: (handle) => clearImmediate(handle as NodeJS.Immediate),
};

/** A validation at most this long (ms) runs after every change: one frame of the editor, however fast the typing. */
export const CHEAP_VALIDATION_MS = 16;
/** Above that, a change waits this many times the document's last validation time... */
export const COST_MULTIPLE = 1;
/** ...but never longer than this (ms). */
export const MAX_DELAY_MS = 250;
/** A change this many delays after the one before (and nothing pending) starts no burst: validated at once. */
export const QUIET_MULTIPLE = 2;

/**
 * The delay after a change, from the cost (ms) of the document's last validation: none when it was cheap or is
 * not known yet (a document not validated yet is validated at once), else in proportion to it, capped.
 */
export function costDelay(lastCostMs: number | undefined): number {
  if (lastCostMs === undefined || lastCostMs <= CHEAP_VALIDATION_MS) return 0;
  return Math.min(MAX_DELAY_MS, Math.round(COST_MULTIPLE * lastCostMs));
}

export interface SchedulerOptions {
  /** The delay after a change from the last validation's cost; default {@link costDelay}. */
  readonly delay?: (lastCostMs: number | undefined) => number;
  readonly timers?: SchedulerTimers;
}

type Pending =
  | { readonly phase: 'delay'; readonly handle: unknown }
  /** No delay: one turn of the loop instead of a timer (Node's shortest timer waits 1 ms). */
  | { readonly phase: 'no-delay'; readonly handle: unknown }
  | { readonly phase: 'turn'; readonly handle: unknown };

export class ValidationScheduler {
  /** The pending run per document: its delay, then (once the delay is over) its turn after messages already read. */
  private readonly pending = new Map<string, Pending>();
  /** Documents with an immediate run pending (just opened): a change right after must not push it back. */
  private readonly immediate = new Set<string>();
  /** What each open document's last validation cost (ms). */
  private readonly costs = new Map<string, number>();
  /** When each open document last changed (the timers' clock). */
  private readonly lastChange = new Map<string, number>();
  private readonly delay: (lastCostMs: number | undefined) => number;
  private readonly timers: SchedulerTimers;
  /** A fixed delay (options.delay) is a plain debounce: every change waits it, quiet spell or not. */
  private readonly quietStarts: boolean;

  constructor(
    private readonly run: (uri: string) => void,
    options: SchedulerOptions = {},
  ) {
    this.delay = options.delay ?? costDelay;
    this.quietStarts = options.delay === undefined;
    this.timers = options.timers ?? NODE_TIMERS;
  }

  /** The validation of `uri` just took `ms` (its own work, not the waits): its next change is delayed by that. */
  recordCost(uri: string, ms: number): void {
    this.costs.set(uri, ms);
  }

  /** How long a change to `uri` would wait now (ms). */
  delayFor(uri: string): number {
    return this.delay(this.costs.get(uri));
  }

  /**
   * Validates soon. `immediate` (on open) skips any delay but still yields to pending requests first. The run
   * validates whatever version is current then, so a delayed change may join a pending immediate run.
   */
  schedule(uri: string, immediate = false): void {
    if (!immediate && this.immediate.has(uri)) return;
    const wasPending = this.pending.has(uri);
    this.clear(uri);
    if (immediate) {
      // No timer at all: straight to its turn.
      this.immediate.add(uri);
      this.takeTurn(uri);
      return;
    }
    const now = this.timers.now();
    const previous = this.lastChange.get(uri);
    this.lastChange.set(uri, now);
    const delayMs = this.delayFor(uri);
    const quiet = this.quietStarts && !wasPending && (previous === undefined || now - previous >= QUIET_MULTIPLE * delayMs);
    if (delayMs <= 0 || quiet) {
      // The JSON-RPC layer queues the next message it has read (a completion typed with the change) only after
      // this handler returns, so the turn is taken one turn of the loop later, behind that message.
      this.pending.set(uri, { phase: 'no-delay', handle: this.timers.setImmediate(() => this.takeTurn(uri)) });
      return;
    }
    this.pending.set(uri, { phase: 'delay', handle: this.timers.setTimeout(() => this.takeTurn(uri), delayMs) });
  }

  /** Stops a pending run; the document's cost is kept (it may be scheduled again). */
  cancel(uri: string): void {
    this.clear(uri);
    this.immediate.delete(uri);
  }

  /** The document was closed: nothing pending, nothing remembered. */
  forget(uri: string): void {
    this.cancel(uri);
    this.costs.delete(uri);
    this.lastChange.delete(uri);
  }

  private clear(uri: string): void {
    const pending = this.pending.get(uri);
    if (pending?.phase === 'delay') this.timers.clearTimeout(pending.handle);
    else if (pending) this.timers.clearImmediate(pending.handle);
    this.pending.delete(uri);
  }

  /**
   * The delay is over: run after the messages already read (the JSON-RPC layer handles one per setImmediate),
   * so a completion typed right after the change is answered before this document is validated.
   */
  private takeTurn(uri: string): void {
    const handle = this.timers.setImmediate(() => {
      this.pending.delete(uri);
      this.immediate.delete(uri);
      this.run(uri);
    });
    this.pending.set(uri, { phase: 'turn', handle });
  }
}
