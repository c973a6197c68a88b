/**
 * dist/server.js, what editors start: runs the language server bundle (dist/server-main.js) through the V8
 * code cache (./codeCache.ts). It stays tiny on purpose: everything it loads is on the start path.
 *
 * Environment:
 * - DOTNET_DOCKERFILE_CACHE: the folder for caches (VS Code passes the extension's global storage); otherwise
 *   the user's cache folder (../io/cacheFolder.ts). The code cache is its `code-cache` subfolder.
 * - DOTNET_DOCKERFILE_CODE_CACHE=0: no code cache (a plain require).
 * - DOTNET_DOCKERFILE_CODE_CACHE_LOG=1: say on stderr what happened to the cache.
 * - DOTNET_DOCKERFILE_CODE_CACHE_WRITE_MS: when to write a new cache (default: half a second after the first
 *   diagnostics are sent, or 5 s after start when no document comes).
 */
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { cacheFolder } from '../host/io/cacheFolder';
import { runWithCodeCache, type CodeCacheEvent } from './codeCache';
import { onFirstDiagnosticsSent } from './codeCacheSignal';
import { withStartFlags } from './runtimeFlags';
import { handleCommandLine } from './commandLine';

// --help, --version, or no transport: answer and exit before the server bundle loads (see ./commandLine.ts).
handleCommandLine();

/** How much the old generation may grow past its live size before V8 collects it (see below). */
const HEAP_GROWING_PERCENT = 50;

/** Replaced at build time (scripts/bundles.mjs) by a hash of dist/server-main.js. */
declare const MAIN_BUNDLE_KEY: string;

/**
 * The cache is written right after the server's first diagnostics are sent (codeCacheSignal.ts says why), or after
 * this long when no document comes: by then the start's code is compiled, and little of it flushed yet.
 */
const WRITE_AFTER_MS = 5_000;
/** After the first diagnostics, a moment for the requests an editor sends with them (hover, code actions, tokens). */
const WRITE_AFTER_FIRST_DIAGNOSTICS_MS = 500;

function codeCacheFolder(env: NodeJS.ProcessEnv): string | undefined {
  if (env.DOTNET_DOCKERFILE_CODE_CACHE === '0') return undefined;
  try {
    return path.join(cacheFolder(undefined, env), 'code-cache');
  } catch {
    return undefined; // no home folder to put it in: run without
  }
}

const verbose = process.env.DOTNET_DOCKERFILE_CODE_CACHE_LOG === '1';
const report = (event: CodeCacheEvent): void => {
  // A failed write is worth a line in the editor's log (stderr) every time; the rest only when asked for.
  if (verbose || event.startsWith('write failed')) process.stderr.write(`dotnet-dockerfile-ls: code cache ${event}\n`);
};

// The server collects garbage when idle (../idleCollector.ts), which needs V8's gc() and so --expose-gc. V8 checks a
// code cache against the flags in force: turned on later, the flag made every cache look foreign and every start
// compile from scratch. Turned on here, before the cache is read or written, it is in force for both.
if (process.env.DOTNET_DOCKERFILE_IDLE_GC !== '0') setFlagsFromString('--expose-gc');

// Every version of a document lives until the next one, so V8 promotes it, and it is garbage in the old generation
// a keystroke later. By default V8 lets the old generation grow to up to four times what was live after its last
// full collection before collecting again: typing in a 10,000-line file piled up ~100 MB of dead models and the
// server peaked at 220 MB (docker-langserver: 159). Growing by half instead keeps that peak near 150 MB, for more
// full collections, which V8 runs incrementally and concurrently (~2 ms pauses; measured with a PerformanceObserver
// on 'gc': 100 of them cost 0.24 s of a 17 s run, where scavenges cost 1.6 s). Set here for the same reason as
// --expose-gc: before the code cache is read.
setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);

const writeAfter = Number(process.env.DOTNET_DOCKERFILE_CODE_CACHE_WRITE_MS || Number.NaN);
runWithCodeCache({
  file: path.join(__dirname, 'server-main.js'),
  key: MAIN_BUNDLE_KEY,
  folder: codeCacheFolder(process.env),
  writeAfterMs: Number.isFinite(writeAfter) && writeAfter >= 0 ? writeAfter : WRITE_AFTER_MS,
  // an explicit write time (tests, the bench's CI run) is kept as it is
  writeSooner: Number.isFinite(writeAfter) ? undefined : (write) => onFirstDiagnosticsSent(() => setTimeout(write, WRITE_AFTER_FIRST_DIAGNOSTICS_MS).unref()),
  // V8 flags the server changed since (runtimeFlags.ts) would make the cache foreign to the next start
  aroundWrite: (write) => withStartFlags(write),
  report,
});
