/**
 * Two V8 settings that pay for themselves only on large work, set by what is open: a young generation (nursery)
 * that grows, and the optimizing compiler (TurboFan). While only small, cheap documents are open both stay off.
 *
 * The nursery. V8 doubles it each time more has survived since it last grew than it holds, up to 16 MB a
 * semi-space (32 MB of memory). Survivors add up over a session, so every server gets there in the end, even one
 * editing a 40-line file that allocates some tens of kilobytes per keystroke: at the peak of the bench's 40-line
 * session the new space had 33.6 MB reserved and 3.3 MB in use, half the server's heap. A big nursery pays off only
 * when a validation allocates megabytes (16 MB at 10,000 lines, 1.6 MB at 1,000): fewer scavenges per keystroke,
 * each copying the model being built. V8 reads `--semi-space-growth-factor` each time it would grow (checked: set
 * at run time, the nursery stays small), unlike `--max-semi-space-size`, which is read once when the heap is made.
 *
 * The optimizing compiler. A keystroke in a small file runs some hundreds of our functions once each; on the 2-core
 * VMs we measure on, much of what it waits for is memory (the caches are cold by the next keystroke: in process,
 * test/bench/coldCache.ts, an edit after 50 ms idle takes 1.09 ms in V8's interpreter and 1.02 ms optimized), so
 * TurboFan's code saves it little. What TurboFan costs is memory of its own: it compiles on V8's helper threads,
 * each of which keeps what it allocated in a `malloc` arena of its own, and the optimized code besides. Off at
 * 40 lines (`oursAlone.ts --lines 40 --iterations 60 --debounce shipped`, this build and the one before taking
 * turns): peak RSS 79 → 67 MB; p50s 0-0.2 ms slower (edit 0.7 → 0.9 ms, typing burst 1.3 → 1.5); p99s lower, no
 * compilation competing for the two cores (edit 2.2 → 1.9, burst 5.4 → 2.2, hover 4.4 → 1.4, completion
 * 4.9 → 1.0). V8 reads `--turbofan` at each decision to optimize, so it works at run time; code already optimized
 * stays so.
 *
 * At 250 lines (8 KB) the same took 16 MB off but made an edit 1.1 → 1.6 ms and a fresh file's first diagnostics
 * 3.7 → 4.9; at 120 lines (4.5 KB) 1.0 → 1.2 and 3.4 → 3.9. Of the 477 Dockerfiles of dotnet-docker in the corpus
 * we work from, 474 are under 4 KB (p50 0.6 KB, the largest 5 KB).
 *
 * So each follows V8's default while a document of its size or more is open (the nursery from 16 KB, TurboFan from
 * 4 KB), or one a validation of which took COSTLY_VALIDATION_MS or more (a small file that still keeps the
 * processor busy, where both pay; until it is closed), and is off otherwise. A flag the process was started with a
 * choice of its own for (`node --jitless`, `--max-opt=1`, a growth factor) is left as the user set it. The code cache
 * is written with the defaults back in force (../launch/runtimeFlags.ts).
 */
import { setRuntimeFlag } from '../launch/runtimeFlags';

/**
 * From this size on (~500 lines) a validation allocates about what a small nursery holds. Measured at 1,000 lines
 * (oursAlone, 30 iterations, twice): a small nursery took 15 MB off the peak but made an edit 4.3 → 5.5 ms; at
 * 40 lines it took 6-7 MB off (90 → 83 MB) and left the edit as it was (0.9-1.2 ms).
 */
export const GROWING_NURSERY_CHARS = 16 * 1024;
/** From this size on (~110 lines) TurboFan's code is worth its memory (above). */
export const TURBOFAN_CHARS = 4 * 1024;
/**
 * A validation this long is the processor's work, not the memory's: optimized code pays. Above what a small file's
 * first validation takes on a fresh server, whose code is still cold (~15 ms at 40 lines).
 */
export const COSTLY_VALIDATION_MS = 50;

interface ScaledFlag {
  /** As V8 has it by default (Node 20 changes none of them). */
  readonly byDefault: string;
  /** While the work is small. */
  readonly small: string;
  /** The size of document from which the default is in force. */
  readonly fromChars: number;
  /** Start flags (names without `--`/`--no-`) that say the user chose for themselves: the flag is then left alone. */
  readonly userChoice: readonly string[];
}

export const SCALED_FLAGS: readonly ScaledFlag[] = [
  {
    byDefault: '--semi-space-growth-factor=2',
    small: '--semi-space-growth-factor=1',
    fromChars: GROWING_NURSERY_CHARS,
    userChoice: ['semi-space-growth-factor'],
  },
  { byDefault: '--turbofan', small: '--no-turbofan', fromChars: TURBOFAN_CHARS, userChoice: ['turbofan', 'opt', 'max-opt', 'jitless'] },
];

/** The names of the V8 and Node flags the process was started with (`--no-opt` → `opt`, `--max_opt=1` → `max-opt`). */
export function startFlagNames(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): Set<string> {
  const names = new Set<string>();
  for (const arg of [...execArgv, ...nodeOptions.split(/\s+/)]) {
    if (arg.startsWith('--')) names.add(arg.replace(/^--(?:no-)?/, '').replace(/=.*$/, '').replace(/_/g, '-'));
  }
  return names;
}

export class ScalePolicy {
  /** The flags it sets: those the process was not started with a choice of its own for. */
  private readonly flags: readonly ScaledFlag[];
  /** By flag: the open documents of its size or more. */
  private readonly large: Set<string>[];
  /**
   * The open documents a validation of which took COSTLY_VALIDATION_MS or more, until closed: with optimized code
   * their next validations may come in under the bar, and taking it away again would only make them slow again.
   */
  private readonly costly = new Set<string>();
  /** By flag: whether its default is in force (undefined before start). */
  private readonly byDefault: (boolean | undefined)[];

  constructor(
    private readonly setFlag: (flag: string, byDefault: string) => void = setRuntimeFlag,
    startFlags: ReadonlySet<string> = startFlagNames(),
  ) {
    // `node --jitless` or `--max-opt=1` on the command line is the user's choice: never undone when a large file opens.
    this.flags = SCALED_FLAGS.filter((flag) => !flag.userChoice.some((name) => startFlags.has(name)));
    this.large = this.flags.map(() => new Set<string>());
    this.byDefault = this.flags.map(() => undefined);
  }

  /** From the start, before the first document: a server with nothing open has no large work. */
  start(): void {
    this.apply();
  }

  /** A document was opened or changed (its length now), or closed (undefined). */
  sized(uri: string, length: number | undefined): void {
    this.flags.forEach((flag, i) => {
      if (length !== undefined && length >= flag.fromChars) this.large[i]!.add(uri);
      else this.large[i]!.delete(uri);
    });
    if (length === undefined) this.costly.delete(uri);
    this.apply();
  }

  /** A document's validation took `ms` (its own work). */
  validated(uri: string, ms: number): void {
    if (ms < COSTLY_VALIDATION_MS || this.costly.has(uri)) return;
    this.costly.add(uri);
    this.apply();
  }

  /** The flags it set that are in force now (for tests and the log). */
  inForce(): readonly string[] {
    return this.flags.map((flag, i) => (this.byDefault[i] ? flag.byDefault : flag.small));
  }

  private apply(): void {
    this.flags.forEach((flag, i) => {
      const large = this.large[i]!.size > 0 || this.costly.size > 0;
      if (large === this.byDefault[i]) return;
      this.byDefault[i] = large;
      this.setFlag(large ? flag.byDefault : flag.small, flag.byDefault);
    });
  }
}
