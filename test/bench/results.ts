/** What one bench run measured: the shape report.ts and targets.ts read, and `--json` writes. */
import type { Answers, Metric, Samples } from './scenario';
import type { ServerId } from './servers';
import type { StartSamples } from './starts';

/** Who starts in the start rotation: ours with a warm and with a cold code cache, the peers, the library floor. */
export const START_IDS = ['ours-warm', 'ours-cold', 'docker-langserver', 'tally', 'floor'] as const;
export type StartId = (typeof START_IDS)[number];

export const START_NAMES: Record<StartId, string> = {
  'ours-warm': 'ours, warm code cache',
  'ours-cold': 'ours, cold code cache (a fresh cache folder)',
  'docker-langserver': 'docker-langserver',
  tally: 'tally',
  floor: 'library floor (only answers initialize)',
};

export interface SteadyResult {
  readonly iterations: number;
  readonly samples: Samples;
  readonly answers: Answers;
  /** Measures the server does not offer (no hover or completion provider). */
  readonly unsupported: readonly Metric[];
  /** Peak RSS (VmHWM, KiB) of the server over the steady scenario (its start included). */
  readonly peakRssKb: number | undefined;
  /** The bench client's worst delay in sending a burst keystroke. */
  readonly maxKeystrokeLatenessMs: number;
}

export interface SizeResult {
  readonly lines: number;
  readonly bytes: number;
  readonly starts: Record<StartId, StartSamples>;
  /** The first document sent after the server idled (only at the smallest size): a start without the race at `initialized`. */
  readonly idleStarts?: Partial<Record<StartId, StartSamples>>;
  readonly steady: Record<ServerId, SteadyResult>;
  /**
   * The steady floor (steadyFloorServer.ts) in the same rotation: a server on vscode-languageserver that answers
   * everything at once with nothing. What no server on this library, these pipes and this client can beat.
   */
  readonly steadyFloor?: SteadyResult;
}

export interface BenchResult {
  readonly date: string;
  readonly command: string;
  readonly machine: string;
  readonly loadAverage: { readonly start: number; readonly end: number };
  readonly durationS: number;
  /** Empty when ours ran exactly as shipped. */
  readonly departures: readonly string[];
  readonly versions: Record<ServerId, string>;
  /** How the warm code cache was made. */
  readonly codeCache: string;
  readonly idleMs: number;
  /** Spawn → exit of an empty Node program. */
  readonly nodeStartMs: number[];
  readonly sizes: SizeResult[];
}
