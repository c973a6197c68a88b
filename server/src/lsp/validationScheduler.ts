/** Debounces validation per document: typing never waits for diagnostics, and only the last version is validated. */
type Pending =
  | { readonly phase: 'delay'; readonly handle: NodeJS.Timeout }
  /** A 0 ms delay: one turn of the loop instead of a timer (Node's shortest timer waits 1 ms). */
  | { readonly phase: 'no-delay'; readonly handle: NodeJS.Immediate }
  | { readonly phase: 'turn'; readonly handle: NodeJS.Immediate };

export class ValidationScheduler {
  /** The pending run per document: its delay, then (once the delay is over) its turn after messages already read. */
  private readonly pending = new Map<string, Pending>();
  /** Documents with an immediate run pending (just opened): a change right after must not push it back. */
  private readonly immediate = new Set<string>();

  constructor(
    private readonly delayMs: number,
    private readonly run: (uri: string) => void,
  ) {}

  /**
   * Validates soon. `immediate` (on open) skips the debounce delay but still yields to pending requests first.
   * The run validates whatever version is current then, so a debounced change may join a pending immediate run.
   */
  schedule(uri: string, immediate = false): void {
    if (!immediate && this.immediate.has(uri)) return;
    this.clear(uri);
    if (immediate) {
      // No timer at all (a 0 ms timer still waits a millisecond or more): straight to its turn.
      this.immediate.add(uri);
      this.takeTurn(uri);
      return;
    }
    if (this.delayMs === 0) {
      // The JSON-RPC layer queues the next message it has read (a completion typed with the change) only after
      // this handler returns, so the turn is taken one turn of the loop later, behind that message.
      this.pending.set(uri, { phase: 'no-delay', handle: setImmediate(() => this.takeTurn(uri)) });
      return;
    }
    this.pending.set(uri, { phase: 'delay', handle: setTimeout(() => this.takeTurn(uri), this.delayMs) });
  }

  cancel(uri: string): void {
    this.clear(uri);
    this.immediate.delete(uri);
  }

  private clear(uri: string): void {
    const pending = this.pending.get(uri);
    if (pending?.phase === 'delay') clearTimeout(pending.handle);
    else if (pending) clearImmediate(pending.handle);
    this.pending.delete(uri);
  }

  /**
   * The delay is over: run after the messages already read (the JSON-RPC layer handles one per setImmediate),
   * so a completion typed right after the change is answered before this document is validated.
   */
  private takeTurn(uri: string): void {
    const handle = setImmediate(() => {
      this.pending.delete(uri);
      this.immediate.delete(uri);
      this.run(uri);
    });
    this.pending.set(uri, { phase: 'turn', handle });
  }
}
