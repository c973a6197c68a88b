/** Debounces validation per document: typing never waits for diagnostics, and only the last version is validated. */
export class ValidationScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
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
    this.clearTimer(uri);
    if (immediate) this.immediate.add(uri);
    this.timers.set(uri, setTimeout(() => this.fire(uri), immediate ? 0 : this.delayMs));
  }

  cancel(uri: string): void {
    this.clearTimer(uri);
    this.immediate.delete(uri);
  }

  private clearTimer(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private fire(uri: string): void {
    this.timers.delete(uri);
    this.immediate.delete(uri);
    this.run(uri);
  }
}
