/**
 * An unminified build of our server for CPU profiles: function names as in the sources, and the same bundle
 * layout as dist/ (scripts/bundles.mjs builds both).
 */
import os from 'node:os';
import path from 'node:path';

/** Returns the path of the built server entry (the compact catalog is written beside it, as in dist/). */
export async function buildUnminifiedServer(outdir = path.join(os.tmpdir(), 'dotnet-dockerfile-bench')): Promise<string> {
  const { buildServer } = await import('../../scripts/bundles.mjs');
  return buildServer({ outdir, minify: false });
}
