/**
 * How far V8 may grow the young generation (the nursery), by the size of the documents open.
 *
 * V8 doubles the nursery each time more has survived since it last grew than it holds, up to 16 MB a semi-space
 * (32 MB of memory). Survivors add up over a session, so every server gets there in the end, even one editing a
 * 40-line file that allocates some tens of kilobytes per keystroke: at the peak of the bench's 40-line session the
 * new space had 33.6 MB reserved and 3.3 MB in use, half the server's heap. A big nursery pays off only when a
 * validation allocates megabytes (16 MB at 10,000 lines, 1.6 MB at 1,000): fewer scavenges per keystroke, each
 * copying the model being built. So the nursery grows as V8 would while a document of GROWTH_DOCUMENT_CHARS or more
 * is open, and stays as it is otherwise (growth factor 1; V8 still shrinks it when idle).
 *
 * V8 reads `--semi-space-growth-factor` each time it would grow (checked: set at run time, the nursery stays
 * small), unlike `--max-semi-space-size`, which is read once when the heap is made and would need the flag on
 * every editor's command line. The code cache is written with the default back in force (../launch/runtimeFlags.ts).
 */
import { setRuntimeFlag } from '../launch/runtimeFlags';

/**
 * From this size on (~500 lines) a validation allocates about what a small nursery holds. Measured at 1,000 lines
 * (oursAlone, 30 iterations, twice): a small nursery took 15 MB off the peak but made an edit 4.3 → 5.5 ms; at
 * 40 lines it took 6-7 MB off (90 → 83 MB) and left the edit as it was (0.9-1.2 ms).
 */
export const GROWTH_DOCUMENT_CHARS = 16 * 1024;
/** V8's default growth factor (Node 20), in force when the process starts. */
const V8_GROWTH_FACTOR = 2;
const AT_START = `--semi-space-growth-factor=${V8_GROWTH_FACTOR}`;

export class NurseryPolicy {
  /** The open documents at or above GROWTH_DOCUMENT_CHARS. */
  private readonly large = new Set<string>();
  private growing: boolean | undefined;

  constructor(private readonly setFlags: (flag: string) => void = (flag) => setRuntimeFlag(flag, AT_START)) {}

  /** From the start, before the first document: a server with nothing open needs no big nursery. */
  start(): void {
    this.apply();
  }

  /** A document was opened or changed (its length now), or closed (undefined). */
  sized(uri: string, length: number | undefined): void {
    if (length !== undefined && length >= GROWTH_DOCUMENT_CHARS) this.large.add(uri);
    else this.large.delete(uri);
    this.apply();
  }

  /** Whether V8 may grow the nursery now (for tests and the log). */
  get mayGrow(): boolean {
    return this.large.size > 0;
  }

  private apply(): void {
    const grow = this.mayGrow;
    if (grow === this.growing) return;
    this.growing = grow;
    this.setFlags(grow ? AT_START : '--semi-space-growth-factor=1');
  }
}
