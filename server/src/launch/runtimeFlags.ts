/**
 * V8 flags the server changes while it runs (../lsp/firstRunFlags.ts, ../lsp/scalePolicy.ts), and how the code
 * cache is kept valid despite them. V8 checks a code cache against a hash of its flags, and a cache written while a
 * flag differs from how the process started is foreign to every later start (checked on Node 20: read a cache, set
 * `--semi-space-growth-factor=1`, write: the next start rejects it and compiles from scratch). So every change goes
 * through `setRuntimeFlag`, and the entry writes the cache with the start's values in force (`withStartFlags`),
 * putting the current ones back after.
 *
 * The entry and the server are separate bundles (each has its own copy of this module), so the record lives on
 * globalThis under a registered symbol, as codeCacheSignal.ts's hook does.
 */
import { setFlagsFromString } from 'node:v8';

const RECORD = Symbol.for('dotnet-dockerfile.runtimeFlags');

/** Flag name → [the flag as the process started, the flag now in force], each as `setFlagsFromString` takes it. */
type Changed = Map<string, readonly [start: string, now: string]>;

function changed(): Changed {
  const holder = globalThis as unknown as Record<symbol, Changed | undefined>;
  return (holder[RECORD] ??= new Map());
}

/** `--no-always-sparkplug` and `--semi-space-growth-factor=2` → `always-sparkplug`, `semi-space-growth-factor`. */
function flagName(flag: string): string {
  return flag.replace(/^--(?:no-)?/, '').replace(/=.*$/, '');
}

/**
 * Sets `flag` (`--name=value`, `--name` or `--no-name`) for the rest of the run; `atStart` is the same flag as it
 * was when the process started (V8's default unless a start flag set it).
 */
export function setRuntimeFlag(flag: string, atStart: string): void {
  const name = flagName(flag);
  if (flagName(atStart) !== name) throw new Error(`${atStart} is not the start value of ${flag}`);
  setFlagsFromString(flag);
  if (flag === atStart) changed().delete(name);
  else changed().set(name, [atStart, flag]);
}

/** Runs `work` with every flag changed at run time back at its start value, and the current values again after. */
export function withStartFlags<R>(work: () => R, set: (flag: string) => void = setFlagsFromString): R {
  const flags = [...changed().values()];
  for (const [atStart] of flags) set(atStart);
  try {
    return work();
  } finally {
    for (const [, now] of flags) set(now);
  }
}

/** What is changed now (for tests). */
export function changedFlags(): readonly string[] {
  return [...changed().values()].map(([, now]) => now);
}
