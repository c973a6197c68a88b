/**
 * Builds an UNMINIFIED copy of the server for CPU profiles: the shipped bundle is minified, so a profile of
 * it names functions `Hd` and `BK`. Same entry point and the same offline-registry substitution as
 * scripts/build.mjs; written to a temp folder so it never races with `npm run build` in dist/.
 */
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/** Returns the path of the built server; the caller must point DOTNET_DOCKERFILE_CATALOG at the catalog. */
export async function buildUnminifiedServer(outDir = path.join(os.tmpdir(), 'dotnet-dockerfile-bench')): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, 'server.js');
  await esbuild.build({
    entryPoints: [path.join(root, 'server', 'src', 'server.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    minify: false,
    keepNames: true,
    logLevel: 'warning',
    absWorkingDir: root,
    mainFields: ['module', 'main'],
    plugins: [
      {
        name: 'offline-registry',
        setup(build) {
          build.onResolve({ filter: /\.\/dockerRegistryClient$/ }, (args) =>
            args.importer.includes('dockerfile-language-service') ? { path: path.join(root, 'server', 'src', 'offlineRegistryClient.js') } : undefined,
          );
        },
      },
    ],
  });
  return outfile;
}
