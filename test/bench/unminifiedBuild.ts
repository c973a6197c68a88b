/**
 * An unminified build of our server for CPU profiles: function names as in the sources, and the same bundle
 * layout as dist/ (scripts/bundles.mjs builds both).
 */
import os from 'node:os';
import path from 'node:path';

/** Returns the path of the built server entry; the caller must point DOTNET_DOCKERFILE_CATALOG at the catalog. */
export async function buildUnminifiedServer(outdir = path.join(os.tmpdir(), 'dotnet-dockerfile-bench')): Promise<string> {
  const { buildServer } = await import('../../scripts/bundles.mjs');
  return buildServer({ outdir, minify: false });
}
