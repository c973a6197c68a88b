/**
 * Starts, as a user meets them: spawn the server, initialize, send `initialized` and at once the didOpen of the
 * file (an editor sends them back to back), and wait for that file's first diagnostics. Each start gives three
 * times: spawn → initialize response, spawn → first diagnostics, and didOpen → first diagnostics (the first
 * document of a fresh server: whatever a server does on its first document, such as loading a catalog, is in it).
 *
 * The servers take turns within each round, the first place rotating, so that none always meets a warm disk
 * cache or a quiet machine. The library floor (libraryFloorServer.ts, a server that only answers initialize)
 * starts in the same rotation; it has no diagnostics, so only its initialize time counts.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { LspSession, type ServerSpec } from './lspSession';

export interface StartSamples {
  /** Spawn → initialize response. */
  readonly initializeMs: number[];
  /** Spawn → the first publish for the document opened right after `initialized`. */
  readonly firstDiagnosticsMs: number[];
  /** didOpen → that publish. */
  readonly openToDiagnosticsMs: number[];
  /** Peak RSS (VmHWM, KiB) when the first diagnostics arrived. */
  readonly peakRssKb: number[];
}

export function emptyStartSamples(): StartSamples {
  return { initializeMs: [], firstDiagnosticsMs: [], openToDiagnosticsMs: [], peakRssKb: [] };
}

/** One contender in the rotation: `spec()` is called per start (a cold code cache is a fresh folder each time). */
export interface Starter {
  readonly id: string;
  readonly spec: () => ServerSpec;
  /** How many rounds it takes part in (tally at 10,000 lines takes ~15 s a start: fewer rounds). */
  readonly rounds: number;
  /** Only answers initialize: no document is opened. */
  readonly initializeOnly?: boolean;
  /** Called after each start, to remove what `spec()` made. */
  readonly cleanup?: (spec: ServerSpec) => void;
}

/** One start of one server; `idleMs` waits that long after `initialized` before the didOpen. */
export async function startOnce(spec: ServerSpec, text: string | undefined, uri: string, into: StartSamples, idleMs = 0): Promise<void> {
  const { session, initializeMs } = await LspSession.start(spec);
  try {
    into.initializeMs.push(initializeMs);
    if (text === undefined) return;
    if (idleMs > 0) await sleep(idleMs);
    const published = session.diagnosticsFor(uri, 1);
    const opening = performance.now();
    await session.open(uri, text);
    const { at } = await published;
    into.firstDiagnosticsMs.push(at - session.spawnedAt);
    into.openToDiagnosticsMs.push(at - opening);
    const rss = session.peakRssKb();
    if (rss !== undefined) into.peakRssKb.push(rss);
  } finally {
    await session.stop();
  }
}

/** `rounds` rotations of the starters on `text`; returns the samples per starter id. */
export async function measureStarts(starters: readonly Starter[], text: string, label: string, options: { idleMs?: number; beforeRound?: () => Promise<void>; progress?: (done: number, total: number) => void } = {}): Promise<Record<string, StartSamples>> {
  const result: Record<string, StartSamples> = Object.fromEntries(starters.map((s) => [s.id, emptyStartSamples()]));
  const rounds = Math.max(0, ...starters.map((s) => s.rounds));
  for (let round = 0; round < rounds; round++) {
    await options.beforeRound?.();
    const inRound = starters.filter((s) => round < s.rounds);
    for (let k = 0; k < inRound.length; k++) {
      const starter = inRound[(round + k) % inRound.length]!;
      const spec = starter.spec();
      try {
        await startOnce(spec, starter.initializeOnly ? undefined : text, `file:///bench/start-${label}/${starter.id}-${round}/Dockerfile`, result[starter.id]!, options.idleMs);
      } finally {
        starter.cleanup?.(spec);
      }
    }
    options.progress?.(round + 1, rounds);
  }
  return result;
}

/** Spawn → exit of an empty Node program: the floor under every Node server's start on this machine. */
export async function bareNodeStart(): Promise<number> {
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', () => resolve());
  });
  return performance.now() - t0;
}
