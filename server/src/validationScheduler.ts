/** Debounces validation per document: typing never waits for diagnostics, and only the last version is validated. */
export class ValidationScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly delayMs: number,
    private readonly run: (uri: string) => void,
  ) {}

  /** Validates soon; `immediate` (on open) skips the debounce delay but still yields to pending requests first. */
  schedule(uri: string, immediate = false): void {
    this.cancel(uri);
    const timer = immediate ? setTimeout(() => this.fire(uri), 0) : setTimeout(() => this.fire(uri), this.delayMs);
    this.timers.set(uri, timer);
  }

  cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private fire(uri: string): void {
    this.timers.delete(uri);
    this.run(uri);
  }
}
