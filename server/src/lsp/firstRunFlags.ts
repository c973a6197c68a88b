/**
 * V8 flags for the server's first validation. That validation runs code V8 has never run: bytecode in the
 * interpreter, and no inline caches until a function has been called often enough to earn a feedback vector. Two
 * flags make that first run cheaper: `--no-lazy-feedback-allocation` (caches from a function's first call) and
 * `--always-sparkplug` (baseline machine code from a function's first call). The didOpen → first diagnostics of a
 * first 40-line document went from 19.0 to 16.7 ms (p50 of 25 starts each, as the bench starts a server with a warm
 * code cache). Two more keep the first run's regular expressions in V8's regexp interpreter
 * (`--regexp-interpret-all`, which turns `--regexp-tier-up` off, so both are put back): by default a regular
 * expression is compiled to bytecode on its first match and to machine code on its second, and a first document
 * meets dozens of them once or twice each. 17.0 → 16.3 ms (p50 of 40 starts, three builds taking turns,
 * `test/bench/startsAlone.ts`); the hostile suite's slowest request did not move (787 ms).
 *
 * Given on the command line they slowed spawn → initialize by 9-13 ms (they apply to the whole start, the code
 * cache's deserialisation included), so the server turns them on once initialize is answered and back off after
 * the first validation (or after FIRST_RUN_MAX_MS whatever happens). The code cache is written with V8's defaults
 * back in force (../launch/runtimeFlags.ts).
 */
import { setRuntimeFlag } from '../launch/runtimeFlags';

/** Each flag for the first run, with V8's default (Node 20 changes none of them). */
const FIRST_RUN: readonly (readonly [flag: string, byDefault: string])[] = [
  ['--no-lazy-feedback-allocation', '--lazy-feedback-allocation'],
  ['--always-sparkplug', '--no-always-sparkplug'],
  ['--regexp-interpret-all', '--no-regexp-interpret-all'],
  ['--no-regexp-tier-up', '--regexp-tier-up'],
];

/** How long the first-run flags may stay on when no document comes. */
export const FIRST_RUN_MAX_MS = 1_000;

let firstRun: 'not yet' | 'on' | 'over' = 'not yet';

/** Turns the first-run flags on (the server, once initialize is answered); off again after `maxMs` at the latest. */
export function startFirstRun(maxMs = FIRST_RUN_MAX_MS): void {
  if (firstRun !== 'not yet') return;
  firstRun = 'on';
  for (const [flag, byDefault] of FIRST_RUN) setRuntimeFlag(flag, byDefault);
  setTimeout(endFirstRun, maxMs).unref();
}

/** The server, after every validation: the first one puts V8's defaults back; the others cost nothing. */
export function endFirstRun(): void {
  if (firstRun !== 'on') return;
  firstRun = 'over';
  for (const [, byDefault] of FIRST_RUN) setRuntimeFlag(byDefault, byDefault);
}
