// The esbuild bundles, shared by scripts/build.mjs (dist/) and the benchmark's unminified profiling build.
//
// The server is three bundles: dist/server-main.js (the language server), dist/general-worker.js (the general
// Dockerfile features, dockerfile-language-service, in a worker thread the server starts on first use) and
// dist/server.js, a tiny entry that
// runs it through V8's code cache (server/src/launch/). The entry is built after the main bundle so it
// can carry a hash of it: the cache of one build is never used for another.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** dockerfile-language-service completes Docker Hub tags over https; we never want network on the typing path. */
const offlineRegistry = {
  name: 'offline-registry',
  setup(build) {
    build.onResolve({ filter: /\.\/dockerRegistryClient$/ }, (args) =>
      args.importer.includes('dockerfile-language-service')
        ? { path: path.join(root, 'server/src/host/offlineRegistryClient.js') }
        : undefined,
    );
  },
};

/**
 * vscode-jsonrpc and vscode-languageserver require `crypto` and `child_process` when they load, for things a
 * stdio server rarely or never does: random pipe names, progress tokens, resolving global node_modules. Node
 * compiles those built-ins and their ~25 internal modules on the spot (they are not in its startup snapshot):
 * ~20 ms of every start on the VMs we measure on. Here they resolve to a stand-in that requires the real module
 * on first use. The libraries only read members at call time (`(0, crypto_1.randomBytes)(16)`), never at load.
 */
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: /^(crypto|child_process)$/ }, (args) =>
      /[\\/]node_modules[\\/]vscode-(jsonrpc|languageserver)[\\/]/.test(args.importer)
        ? { path: args.path, namespace: 'lazy-builtin' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      loader: 'js',
      contents: `'use strict';
let loaded;
const real = () => (loaded ??= require(${JSON.stringify(`node:${args.path}`)}));
module.exports = new Proxy({}, {
  get: (_, key) => real()[key],
  has: (_, key) => key in real(),
  ownKeys: () => Reflect.ownKeys(real()),
  getOwnPropertyDescriptor: (_, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
    return descriptor && { ...descriptor, configurable: true };
  },
});
`,
    }));
  },
};

/**
 * @param {{ minify?: boolean, sourcemap?: boolean }} options
 * @returns {import('esbuild').BuildOptions}
 */
function common({ minify = true, sourcemap = true } = {}) {
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: sourcemap ? 'linked' : false,
    minify,
    // No keepNames: it wraps every function expression in a `__name(fn, "name")` call at run time, which cost
    // 7% of validation in profiles. Stack traces have the source maps; profiles use an unminified build.
    logLevel: 'warning',
    absWorkingDir: root,
    // vscode-languageserver-types ships a UMD build; prefer the ESM entry for clean bundling.
    mainFields: ['module', 'main'],
  };
}

/** The compact catalog's file name beside the bundles (server/src/host/catalogFile.ts reads it). */
export const CATALOG_FILE = 'dotnet-images.catalog';

const catalogBuilds = new Map();

/**
 * Writes `outdir/dotnet-images.catalog` from catalog/dotnet-images.json (catalog/compact.ts: validated, then
 * proven to read back as the same catalog). Once per folder and process: the server and the CLI share it.
 * @param {{ outdir: string }} options
 * @returns {Promise<string>} the file written
 */
export function buildCatalog({ outdir }) {
  let pending = catalogBuilds.get(outdir);
  if (!pending) {
    pending = (async () => {
      const result = await esbuild.build({ ...common({ minify: false, sourcemap: false }), entryPoints: ['catalog/compact.ts'], write: false });
      const folder = mkdtempSync(path.join(os.tmpdir(), 'ddf-catalog-build-'));
      try {
        const script = path.join(folder, 'compact.cjs');
        writeFileSync(script, result.outputFiles[0].text);
        const out = path.join(outdir, CATALOG_FILE);
        createRequire(import.meta.url)(script).writeCompactCatalog(path.join(root, 'catalog', 'dotnet-images.json'), out);
        return out;
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    })();
    catalogBuilds.set(outdir, pending);
  }
  return pending;
}

/** The worker thread of the general features (server/src/lsp/general/generalEngine.ts starts it). */
const GENERAL_WORKER = 'server/src/lsp/general/generalWorker.ts';

/**
 * Builds the language server into `outdir` (server-main.js and general-worker.js, then server.js).
 * @param {{ outdir: string, minify?: boolean, sourcemap?: boolean, main?: string }} options `main`: another
 *   server's source to build and start the same way (the bench's library floor); ours by default
 * @returns {Promise<string>} the entry, `outdir/server.js`
 */
export async function buildServer({ outdir, main: source = 'server/src/lsp/server.ts', ...options }) {
  const main = path.join(outdir, 'server-main.js');
  await Promise.all([
    // Our server reads the catalog beside its bundle; another server (the bench's library floor) has none.
    source === 'server/src/lsp/server.ts' ? buildCatalog({ outdir }) : undefined,
    esbuild.build({ ...common(options), entryPoints: [source], outfile: main, plugins: [offlineRegistry, lazyBuiltins] }),
    esbuild.build({ ...common(options), entryPoints: [GENERAL_WORKER], outfile: path.join(outdir, 'general-worker.js'), plugins: [offlineRegistry] }),
  ]);
  const key = createHash('sha256').update(readFileSync(main)).digest('hex').slice(0, 16);
  const entry = path.join(outdir, 'server.js');
  await esbuild.build({ ...common(options), entryPoints: ['server/src/launch/serverEntry.ts'], outfile: entry, define: { MAIN_BUNDLE_KEY: JSON.stringify(key) } });
  return entry;
}

/**
 * Builds the VS Code client.
 * @param {{ outdir: string, minify?: boolean }} options
 */
export async function buildClient({ outdir, ...options }) {
  await esbuild.build({ ...common(options), entryPoints: ['client/src/extension.ts'], outfile: path.join(outdir, 'client.js'), external: ['vscode'] });
}

/**
 * Builds the CLI.
 * @param {{ outdir: string, minify?: boolean }} options
 */
export async function buildCli({ outdir, ...options }) {
  await buildCatalog({ outdir });
  await esbuild.build({ ...common(options), entryPoints: ['server/src/cli/main.ts'], outfile: path.join(outdir, 'cli.js'), plugins: [offlineRegistry] });
}

/**
 * Watch mode for development: rebuilds the bundles on change. The server entry is built once with a fixed key
 * (its code cache is rejected and rewritten as the main bundle changes: V8 checks what it can).
 * @param {string} outdir
 */
export async function watchAll(outdir) {
  const options = { ...common({ minify: false }) };
  const contexts = [
    await esbuild.context({ ...options, entryPoints: ['client/src/extension.ts'], outfile: path.join(outdir, 'client.js'), external: ['vscode'] }),
    await esbuild.context({ ...options, entryPoints: ['server/src/lsp/server.ts'], outfile: path.join(outdir, 'server-main.js'), plugins: [offlineRegistry, lazyBuiltins] }),
    await esbuild.context({ ...options, entryPoints: [GENERAL_WORKER], outfile: path.join(outdir, 'general-worker.js'), plugins: [offlineRegistry] }),
    await esbuild.context({ ...options, entryPoints: ['server/src/cli/main.ts'], outfile: path.join(outdir, 'cli.js'), plugins: [offlineRegistry] }),
  ];
  await esbuild.build({ ...options, entryPoints: ['server/src/launch/serverEntry.ts'], outfile: path.join(outdir, 'server.js'), define: { MAIN_BUNDLE_KEY: JSON.stringify('watch') } });
  await buildCatalog({ outdir });
  for (const context of contexts) await context.watch();
}
