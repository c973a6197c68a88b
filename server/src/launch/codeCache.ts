/**
 * Runs a CommonJS bundle through V8's code cache: the bytecode V8 compiled for it last time is handed back to
 * V8, which then skips parsing and compiling. On this project's 2-core VM that takes the language server's
 * start (spawn → initialize answer) from ~280 ms to ~190 ms; Node alone is ~125 ms of that.
 *
 * Node 22 does the same with `module.enableCompileCache()`; VS Code's and Node 20's runtimes need it by hand.
 * The cache is an optimisation only: a missing, foreign or corrupt cache file means an ordinary compile
 * (V8 checks the data and says when it rejects it), and nothing about the cache can stop the server from starting.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { writeFileAtomic } from '../host/io/atomicWrite';

/** What happened to the cache, for logs and tests. */
export type CodeCacheEvent = 'off' | 'accepted' | 'rejected' | 'missing' | 'written' | `write failed: ${string}`;

export interface CodeCacheOptions {
  /** The CommonJS bundle to run. */
  readonly file: string;
  /**
   * Identifies the bundle's exact content (a hash made at build time). V8 only checks the source's length,
   * so a cache of another build of the same size would be accepted: the key keeps builds apart.
   */
  readonly key: string;
  /** Where cache files live; undefined: no cache, a plain require. */
  readonly folder: string | undefined;
  /**
   * How long after start to write a new cache. Later means more of the server's functions are compiled by
   * then (V8 compiles lazily) and so in the cache; the write itself (~1 MB) stays off the start path.
   */
  readonly writeAfterMs: number;
  /**
   * Called with a function that writes the cache at once; the caller runs it when the moment is better than the
   * timer's (the server's first diagnostics sent). Whichever comes first writes; the other does nothing.
   */
  readonly writeSooner?: (write: () => void) => void;
  /** Runs the write (the server's run-time V8 flags must be back at their start values: runtimeFlags.ts). */
  readonly aroundWrite?: (write: () => void) => void;
  readonly report?: (event: CodeCacheEvent) => void;
}

const FILE_PREFIX = 'server-';

/**
 * One cache file per bundle, runtime and architecture: bytecode is specific to each. The V8 version is named
 * apart from Node's: VS Code's Electron reports a Node version but runs another V8 than that Node release.
 */
export function cacheFileName(key: string): string {
  return `${FILE_PREFIX}${key}-node${process.version}-v8${process.versions.v8}-${process.arch}.v8cache`;
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes the new cache and removes the files of other builds and runtimes (one per extension update otherwise). */
function writeCache(script: vm.Script, folder: string, file: string): CodeCacheEvent {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    writeFileAtomic(file, script.createCachedData());
    for (const name of readdirSync(folder)) {
      if (name.startsWith(FILE_PREFIX) && name.endsWith('.v8cache') && name !== path.basename(file)) rmSync(path.join(folder, name), { force: true });
    }
    return 'written';
  } catch (error) {
    return `write failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Runs `options.file` as `require` would (its own `require`, `module`, `__filename`, `__dirname`), compiled
 * from the code cache when there is a valid one, and returns its exports; schedules writing a cache when
 * there was none.
 */
export function runWithCodeCache(options: CodeCacheOptions): unknown {
  const report = options.report ?? (() => undefined);
  if (options.folder === undefined) {
    report('off');
    return createRequire(options.file)(options.file);
  }
  const cacheFile = path.join(options.folder, cacheFileName(options.key));
  const cachedData = readCache(cacheFile);
  const script = new vm.Script(Module.wrap(readFileSync(options.file, 'utf8')), { filename: options.file, cachedData });
  const accepted = cachedData !== undefined && !script.cachedDataRejected;
  report(cachedData === undefined ? 'missing' : accepted ? 'accepted' : 'rejected');
  if (!accepted) {
    const folder = options.folder;
    let written = false;
    const write = (): void => {
      if (written) return;
      written = true;
      const writeNow = (): void => report(writeCache(script, folder, cacheFile));
      if (options.aroundWrite) options.aroundWrite(writeNow);
      else writeNow();
    };
    setTimeout(write, options.writeAfterMs).unref();
    options.writeSooner?.(write);
  }
  const wrapper: unknown = script.runInThisContext();
  if (typeof wrapper !== 'function') throw new Error(`${options.file} did not compile to a module wrapper`);
  const module = { exports: {}, filename: options.file, id: options.file, loaded: false };
  wrapper.call(module.exports, module.exports, createRequire(options.file), module, options.file, path.dirname(options.file));
  module.loaded = true;
  return module.exports;
}
