/**
 * Builds test/bench/libraryFloorServer.ts the way our server is built (scripts/bundles.mjs: minified, through the
 * same code-cache loader), for the bench's start floor.
 */
import os from 'node:os';
import path from 'node:path';

/** Returns the built entry (`server.js`), started like dist/server.js. */
export async function buildLibraryFloorServer(outdir = path.join(os.tmpdir(), 'dotnet-dockerfile-bench-floor')): Promise<string> {
  const { buildServer } = await import('../../scripts/bundles.mjs');
  return buildServer({ outdir, minify: true, main: 'test/bench/libraryFloorServer.ts' });
}

/** The steady floor (steadyFloorServer.ts), built the same way. */
export async function buildSteadyFloorServer(outdir = path.join(os.tmpdir(), 'dotnet-dockerfile-bench-steady-floor')): Promise<string> {
  const { buildServer } = await import('../../scripts/bundles.mjs');
  return buildServer({ outdir, minify: true, main: 'test/bench/steadyFloorServer.ts' });
}
