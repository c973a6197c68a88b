/**
 * Builds the bench's floors the way our server is built (scripts/bundles.mjs: minified, through the same code-cache
 * loader): libraryFloorServer.ts for the start floor, steadyFloorServer.ts for the steady one.
 */
import os from 'node:os';
import path from 'node:path';

/** Builds `test/bench/<main>` into `outdir`; returns the built entry (`server.js`), started like dist/server.js. */
async function buildFloor(main: string, outdir: string): Promise<string> {
  const { buildServer } = await import('../../scripts/bundles.mjs');
  return buildServer({ outdir, minify: true, main: `test/bench/${main}` });
}

export function buildLibraryFloorServer(outdir = path.join(os.tmpdir(), 'dotnet-dockerfile-bench-floor')): Promise<string> {
  return buildFloor('libraryFloorServer.ts', outdir);
}

export function buildSteadyFloorServer(outdir = path.join(os.tmpdir(), 'dotnet-dockerfile-bench-steady-floor')): Promise<string> {
  return buildFloor('steadyFloorServer.ts', outdir);
}
