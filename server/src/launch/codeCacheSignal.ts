/**
 * How the language server tells its entry (serverEntry.ts) that a good moment to write the V8 code cache has come:
 * its first document's diagnostics are sent. By then V8 has compiled the start and the whole validation path, and
 * has not yet dropped any of it: V8 flushes the bytecode of functions it has not run for a while (more so with the
 * idle collector's GCs), so a cache written half a minute into a busy session had lost the start's code (715 KB
 * instead of 1.1 MB) and the starts it served took 113 ms to initialize instead of 86 ms.
 *
 * The entry and the server are separate bundles (each has its own copy of this module), so the hook lives on
 * globalThis under a registered symbol.
 */
const HOOK = Symbol.for('dotnet-dockerfile.firstDiagnosticsSent');

type Hooks = Record<symbol, (() => void) | undefined>;

/** The entry: run `hook` once, when the server has sent its first diagnostics. */
export function onFirstDiagnosticsSent(hook: () => void): void {
  (globalThis as unknown as Hooks)[HOOK] = hook;
}

/** The server: called after every publish; only the first call reaches the hook. */
export function signalDiagnosticsSent(): void {
  const hooks = globalThis as unknown as Hooks;
  const hook = hooks[HOOK];
  if (!hook) return;
  hooks[HOOK] = undefined;
  hook();
}
