// Bundles the client, the server and the CLI with esbuild (scripts/bundles.mjs): `node scripts/build.mjs [--watch]`.
// The client keeps `vscode` external; the server is self-contained so `npx dotnet-dockerfile-ls` needs no node_modules.
import path from 'node:path';
import { buildCli, buildClient, buildServer, root, watchAll } from './bundles.mjs';

const outdir = path.join(root, 'dist');

if (process.argv.includes('--watch')) {
  await watchAll(outdir);
  console.log('watching…');
} else {
  const t0 = Date.now();
  await Promise.all([buildClient({ outdir }), buildServer({ outdir }), buildCli({ outdir })]);
  console.log(`built dist/client.js, dist/server.js (+ server-main.js, general-worker.js), dist/cli.js in ${Date.now() - t0} ms`);
}
