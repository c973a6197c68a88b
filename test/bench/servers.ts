/**
 * The servers the bench races, each started exactly as its users start it:
 * - ours: `dotnet-dockerfile-ls --stdio` (server/bin/dotnet-dockerfile-ls.js, which runs dist/server.js, the entry
 *   the VS Code client starts too), with no environment variable but the cache folder, which the VS Code client
 *   passes as well (DOTNET_DOCKERFILE_CACHE = its global storage): here a folder of the bench's own;
 * - docker-langserver: `docker-langserver --stdio` from dockerfile-language-server-nodejs (what Container Tools runs);
 * - tally: `tally lsp --stdio` from @wharflab/tally-linux-x64, with its defaults (no configuration is needed for it
 *   to lint a Dockerfile over LSP: it publishes diagnostics when the client does not offer pull diagnostics, and
 *   its slow checks, which ask a registry, stay off for an untrusted workspace, the default).
 * Every option that starts ours otherwise is a departure from the shipped configuration and is named as one.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nodeServer, type ServerSpec } from './lspSession';

export const SERVER_IDS = ['ours', 'docker-langserver', 'tally'] as const;
export type ServerId = (typeof SERVER_IDS)[number];

export const SERVER_NAMES: Record<ServerId, string> = {
  ours: 'ours (dotnet-dockerfile-ls)',
  'docker-langserver': 'docker-langserver',
  tally: 'tally',
};

const root = path.resolve(__dirname, '..', '..');
export const paths = {
  root,
  ourEntry: path.join(root, 'server', 'bin', 'dotnet-dockerfile-ls.js'),
  ourServer: path.join(root, 'dist', 'server.js'),
  dockerLangserver: path.join(root, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver'),
  dockerLangserverPackage: path.join(root, 'node_modules', 'dockerfile-language-server-nodejs', 'package.json'),
  tally: path.join(root, 'node_modules', '@wharflab', 'tally-linux-x64', 'bin', 'tally'),
  tallyPackage: path.join(root, 'node_modules', '@wharflab', 'tally-linux-x64', 'package.json'),
};

/** How ours is started; every field but `cacheFolder` left at its default is the shipped configuration. */
export interface OursOptions {
  /** Another build's server.js instead of this checkout's dotnet-dockerfile-ls entry. */
  readonly server?: string;
  /** DOTNET_DOCKERFILE_DEBOUNCE_MS. */
  readonly debounceMs?: number;
  readonly nodeArgs?: readonly string[];
  /** More environment (the I/O trace preload). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Ours, with its code cache in `cacheFolder`. */
export function oursSpec(options: OursOptions, cacheFolder: string): ServerSpec {
  const entry = options.server ?? paths.ourEntry;
  const env: Record<string, string> = { DOTNET_DOCKERFILE_CACHE: cacheFolder, ...options.env };
  if (options.debounceMs !== undefined) env.DOTNET_DOCKERFILE_DEBOUNCE_MS = String(options.debounceMs);
  return nodeServer(SERVER_NAMES.ours, entry, ['--stdio'], env, options.nodeArgs ?? []);
}

/** What sets this run apart from the shipped configuration; empty for a run of the server as shipped. */
export function departures(options: OursOptions & { readonly ioTrace?: boolean; readonly cpuProfile?: boolean }): string[] {
  const out: string[] = [];
  if (options.debounceMs !== undefined) out.push(`our validation delay forced to ${options.debounceMs} ms (DOTNET_DOCKERFILE_DEBOUNCE_MS=${options.debounceMs})`);
  if (options.server !== undefined && !options.cpuProfile) out.push(`another build of ours: ${options.server}`);
  if (options.nodeArgs && options.nodeArgs.length > 0) out.push(`ours started with Node flags \`${options.nodeArgs.join(' ')}\``);
  if (options.ioTrace) out.push('an I/O trace preloaded into our server (--io-trace)');
  if (options.cpuProfile) out.push('an unminified build of ours under the CPU profiler (--cpu-prof)');
  return out;
}

export function dockerLangserverSpec(): ServerSpec {
  return nodeServer(SERVER_NAMES['docker-langserver'], paths.dockerLangserver, ['--stdio']);
}

export function tallySpec(): ServerSpec {
  return { name: SERVER_NAMES.tally, command: paths.tally, args: ['lsp', '--stdio'] };
}

/** Says what to do when a server the bench needs is missing. */
export function checkInstalled(oursEntry: string): void {
  const missing: string[] = [];
  if (!existsSync(oursEntry) || !existsSync(paths.ourServer)) missing.push(`${paths.ourServer}: run \`node scripts/build.mjs\``);
  if (!existsSync(paths.dockerLangserver)) missing.push(`${paths.dockerLangserver}: run \`npm ci\` (dockerfile-language-server-nodejs is a dev dependency)`);
  if (!existsSync(paths.tally)) missing.push(`${paths.tally}: run \`npm ci\` on Linux x64 (npm installs @wharflab/tally-linux-x64, an optional dependency of the bench's workspace test/bench/peers, on Linux x64 only)`);
  if (missing.length > 0) throw new Error(`the bench needs every server it races:\n- ${missing.join('\n- ')}`);
}

export function packageVersion(file: string): string {
  try {
    return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version ?? 'unknown');
  } catch {
    return 'unknown';
  }
}

/** A temporary folder of this run, removed at its end (cleanupFolders). */
const made: string[] = [];
export function benchFolder(prefix: string): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), `ddf-bench-${prefix}-`));
  made.push(folder);
  return folder;
}

export function madeFolders(): readonly string[] {
  return made;
}
