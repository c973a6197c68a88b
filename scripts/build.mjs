// Bundles the client, the server and the CLI with esbuild (scripts/bundles.mjs): `node scripts/build.mjs [--watch]`.
// The client keeps `vscode` external; the server is self-contained so `npx dotnet-dockerfile-ls` needs no node_modules.
// Also the package's `prepare` script, which npm runs after `npm install` here and when it installs the package from
// git (`npm install -g github:…`, pre-commit's node hooks).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist');

/**
 * npm installs a package from git by running `prepare` in a clone, after installing its devDependencies; but for a
 * global install (`npm install -g git+…`, which is how pre-commit installs node hooks) it installs none
 * (npm/cli#8440), so the build tools are missing. Then install them here first, into this clone (not the global
 * prefix npm's environment points at), without scripts (no `prepare` again). Logs go to stderr.
 */
function ensureBuildTools() {
  try {
    createRequire(path.join(root, 'package.json')).resolve('esbuild');
    return;
  } catch {
    if (process.env.npm_lifecycle_event !== 'prepare') throw new Error('esbuild is not installed: run `npm install` first');
  }
  console.error('prepare: the build tools are missing (a global install from git, npm/cli#8440); installing them into this clone');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const args = ['install', '--global=false', `--prefix=${root}`, '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund', '--no-progress'];
  // npm's own settings for the outer global install (global, prefix, allow-scripts, force) must not reach this one;
  // the cache, the registry and proxies should
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key) || /^npm_config_(cache|registry|userconfig|https?_proxy|proxy|noproxy|strict_ssl|cafile)$/i.test(key)));
  const installed = spawnSync(npm, args, { cwd: root, env, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
  if (installed.status !== 0) throw new Error(`npm ${args.join(' ')} failed (exit ${installed.status ?? installed.signal})`);
}

ensureBuildTools();
const { buildCli, buildClient, buildServer, watchAll } = await import('./bundles.mjs');

if (process.argv.includes('--watch')) {
  await watchAll(outdir);
  console.log('watching…');
} else {
  const t0 = Date.now();
  await Promise.all([buildClient({ outdir }), buildServer({ outdir }), buildCli({ outdir })]);
  // stderr under npm: `npm pack` prints the tarball's name on stdout, and tools read it from there
  (process.env.npm_lifecycle_event ? console.error : console.log)(`built dist/client.js, dist/server.js (+ server-main.js), dist/cli.js in ${Date.now() - t0} ms`);
}
