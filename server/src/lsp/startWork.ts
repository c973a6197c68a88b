/**
 * Start-up work that no first document waits for. An editor sends `initialized` and the didOpen of the document it
 * shows back to back, so whatever the `initialized` handler does comes before that document's first diagnostics.
 * Registering file watchers and reading the catalog refresh settings are requests to the editor (a write each, and
 * an answer to handle later), and the log lines of a start (which catalog is in use) are writes too: they run once
 * the first diagnostics are sent, or after `fallbackMs` when no document comes, whichever is first, and only once.
 */
export class StartWork {
  private work: (() => void) | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Holds `work` until {@link run} (after the first diagnostics) or `fallbackMs` from now. */
  defer(work: () => void, fallbackMs: number): void {
    this.work = work;
    this.timer = setTimeout(() => this.run(), fallbackMs);
  }

  /** Runs the held work now, if it has not run yet; later calls do nothing. */
  run(): void {
    const work = this.work;
    if (!work) return;
    this.work = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    work();
  }

  /** Whether work is still held (for tests). */
  get pending(): boolean {
    return this.work !== undefined;
  }
}
