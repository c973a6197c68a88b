/**
 * V8 flags for the server's first validation. That validation runs code V8 has never run: bytecode in the
 * interpreter, and no inline caches until a function has been called often enough to earn a feedback vector. Two
 * flags make that first run cheaper: `--no-lazy-feedback-allocation` (caches from a function's first call) and
 * `--always-sparkplug` (baseline machine code from a function's first call). The didOpen → first diagnostics of a
 * first 40-line document went from 19.0 to 16.7 ms (p50 of 25 starts each, the bench's start with a warm code
 * cache; `_tmp` probe, numbers in BENCHMARKS.md).
 *
 * Given on the command line they slowed spawn → initialize by 9-13 ms (they apply to the whole start, the code
 * cache's deserialisation included), so the server turns them on once initialize is answered and back off after
 * the first validation. V8 checks a code cache against a hash of its flags, and a cache made under other flags
 * would be foreign to every later start (compiled from scratch). Node 20's V8 computes that hash once, when the
 * cache is read at start, before these flags change (checked); a V8 that computed it again would not, so the entry
 * also restores the defaults before it writes (codeCache.ts `beforeWrite`), and the server restores them after at
 * most FIRST_RUN_MAX_MS whatever happens.
 *
 * Both bundles (the entry and the server) hold a copy of this module: the server's copy knows whether the flags
 * are on; the entry's does not, and restores the defaults unconditionally.
 */
import { setFlagsFromString } from 'node:v8';

const FIRST_RUN = '--no-lazy-feedback-allocation --always-sparkplug';
/** V8's defaults for the same two flags (Node 20 changes neither). */
const DEFAULTS = '--lazy-feedback-allocation --no-always-sparkplug';

/** How long the first-run flags may stay on when no document comes (the code cache is written 5 s after start). */
export const FIRST_RUN_MAX_MS = 1_000;

let firstRun: 'not yet' | 'on' | 'over' = 'not yet';

/** Turns the first-run flags on (the server, once initialize is answered); off again after `maxMs` at the latest. */
export function startFirstRun(maxMs = FIRST_RUN_MAX_MS): void {
  if (firstRun !== 'not yet') return;
  firstRun = 'on';
  setFlagsFromString(FIRST_RUN);
  setTimeout(endFirstRun, maxMs).unref();
}

/** The server, after every validation: the first one puts V8's defaults back; the others cost nothing. */
export function endFirstRun(): void {
  if (firstRun !== 'on') return;
  firstRun = 'over';
  restoreDefaultFlags();
}

/** Puts V8's defaults back whatever the state (the entry, before it writes a code cache). */
export function restoreDefaultFlags(): void {
  setFlagsFromString(DEFAULTS);
}
