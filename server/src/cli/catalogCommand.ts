/**
 * `dotnet-dockerfile catalog refresh|status`: refresh the cached catalog from the registry, or say which
 * catalog the linter uses and when it was last refreshed.
 */
import path from 'node:path';
import { bundledCatalogPath } from '../host/catalogFile';
import { CACHED_CATALOG_FILE, loadNewestCatalog, readRefreshState } from '../host/registry/catalogCache';
import { cacheFolder } from '../host/io/cacheFolder';
import { refreshCatalog, registryUrlFor } from '../host/registry/refreshCatalog';

export interface CommandOutcome {
  readonly exitCode: 0 | 1 | 2;
  readonly output: string;
  readonly errors: readonly string[];
}

export interface RefreshCommandOptions {
  readonly registry: string | undefined;
  readonly proxy: string | undefined;
  readonly strictSSL: boolean;
  readonly timeoutMs: number | undefined;
  readonly pageSize: number | undefined;
  /** The .NET release index URL, or `off`; default $DOTNET_DOCKERFILE_RELEASES_INDEX, else Microsoft's. */
  readonly releasesIndex?: string | undefined;
  readonly log: (line: string) => void;
}

export async function runCatalogRefresh(options: RefreshCommandOptions): Promise<CommandOutcome> {
  const folder = cacheFolder();
  const current = loadNewestCatalog(bundledCatalogPath(), path.join(folder, CACHED_CATALOG_FILE));
  for (const note of current.notes) options.log(note);
  if (!current.ok) return { exitCode: 2, output: '', errors: [current.error] };
  const registry = registryUrlFor(current.index.catalog, options.registry);
  options.log(`refreshing .NET image tags from ${registry} (${current.index.catalog.repositories.length} repositories)…`);
  const result = await refreshCatalog({
    base: current.index.catalog,
    cacheFolder: folder,
    registryUrl: registry,
    releasesIndexUrl: options.releasesIndex,
    http: {
      proxy: options.proxy,
      strictSSL: options.strictSSL,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
    },
    onProgress: (done, total, repository) => options.log(`  [${done}/${total}] ${repository}`),
  });
  if (!result.ok) {
    return { exitCode: 1, output: '', errors: [`the refresh failed; the catalog in use is unchanged (${current.path}): ${result.error}`] };
  }
  return {
    exitCode: 0,
    output:
      `${result.tagsListed} tags listed in ${result.repositories} repositories: ${result.added} new, ${result.updated} floating tags moved to a newer patch.\n` +
      (result.missing.length > 0 ? `Not on the registry: ${result.missing.join(', ')}.\n` : '') +
      (result.releasesIndex === undefined
        ? 'Support facts: not refreshed (release index off).\n'
        : `Support facts from ${result.releasesIndex}: ${result.versionChanges.length > 0 ? result.versionChanges.join('; ') : 'no change'}.\n`) +
      `Wrote ${result.file} (catalog of ${result.index.date}).\n`,
    errors: [],
  };
}

export function runCatalogStatus(): CommandOutcome {
  const folder = cacheFolder();
  const cachedPath = path.join(folder, CACHED_CATALOG_FILE);
  const current = loadNewestCatalog(bundledCatalogPath(), cachedPath);
  const state = readRefreshState(folder);
  const lines = [
    current.ok ? `catalog in use: ${current.path} (${current.origin}, data of ${current.index.date}, ${current.index.counts.tags} tags)` : `no usable catalog: ${current.error}`,
    ...current.notes.map((note) => `note: ${note}`),
    `cache folder: ${folder}`,
    `last refresh: ${state.lastSuccess ?? 'never'}${state.lastError && state.lastAttempt !== state.lastSuccess ? ` (last attempt ${state.lastAttempt ?? '?'} failed: ${state.lastError})` : ''}`,
  ];
  return { exitCode: current.ok ? 0 : 2, output: `${lines.join('\n')}\n`, errors: [] };
}
