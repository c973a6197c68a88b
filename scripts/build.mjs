// Bundles the client and the server with esbuild (CommonJS, node target).
// The client keeps `vscode` external; the server is self-contained so `npx dotnet-dockerfile-ls` needs no node_modules.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');

/** dockerfile-language-service completes Docker Hub tags over https; we never want network on the typing path. */
const offlineRegistry = {
  name: 'offline-registry',
  setup(build) {
    build.onResolve({ filter: /\.\/dockerRegistryClient$/ }, (args) =>
      args.importer.includes('dockerfile-language-service')
        ? { path: path.join(root, 'server/src/offlineRegistryClient.js') }
        : undefined,
    );
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  minify: !watch,
  keepNames: true,
  logLevel: 'warning',
  absWorkingDir: root,
  // vscode-languageserver-types ships a UMD build; prefer the ESM entry for clean bundling.
  mainFields: ['module', 'main'],
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [offlineRegistry] },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', plugins: [offlineRegistry] },
];

const t0 = Date.now();
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`built ${builds.map((b) => b.outfile).join(', ')} in ${Date.now() - t0} ms`);
}
