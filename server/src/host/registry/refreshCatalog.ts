/**
 * Refreshes the catalog: the support facts of every .NET version from the release index (support phase,
 * release type, end of life, GA), then the tags of every repository the catalog knows from the registry;
 * merge what is new, validate the result through the catalog schema, and write it atomically to the cache.
 * All or nothing: if the index or any repository fails (down, HTTP error, malformed or cut-off answer,
 * timeout, broken paging, too much data), or every repository answers with no tags at all, nothing is
 * written and the catalog in use (and its date) stays as it was.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Catalog } from '../../service/catalog/schema';
import { openCompactCatalog } from '../../service/catalog/compactCatalog';
import { compactCatalogFrom } from '../../service/catalog/compactCatalogWriter';
import type { CatalogIndex } from '../../service/catalog/catalogIndex';
import { writeFileAtomic } from '../io/atomicWrite';
import { ByteBudget } from './byteBudget';
import { CACHED_CATALOG_FILE, LEGACY_CACHED_CATALOG_FILE, readRefreshState, writeRefreshState } from './catalogCache';
import { mergeDiscoveredTags, type DiscoveredTags } from './mergeTags';
import { listTags, RegistryError, type ListTagsOptions } from './ociClient';
import { fetchReleaseIndex, releaseIndexUrlFor } from './releaseIndexClient';
import { applyReleaseIndex, RELEASE_INDEX_SOURCE_PREFIX } from './supportFacts';

export const DEFAULT_REGISTRY_ENV = 'DOTNET_DOCKERFILE_REGISTRY';
/** All answers of one refresh together (tag lists, the release index, a releases.json or two). */
export const DEFAULT_MAX_REFRESH_BYTES = 64 * 1024 * 1024;

export interface RefreshOptions {
  /** The catalog in use; the refresh adds to it. */
  readonly base: Catalog;
  readonly cacheFolder: string;
  /** Registry base URL; default `$DOTNET_DOCKERFILE_REGISTRY`, else `https://<catalog.registry>`. */
  readonly registryUrl?: string | undefined;
  /** Repositories to list; default every repository of the catalog. */
  readonly repositories?: readonly string[];
  /** HTTP settings: proxy, strictSSL, timeoutMs (per request), pageSize, maxBytes. */
  readonly http?: Omit<ListTagsOptions, 'signal'>;
  readonly signal?: AbortSignal | undefined;
  /** Called after each repository: how many are done, of how many, and which one finished. */
  readonly onProgress?: (done: number, total: number, repository: string) => void;
  /** Parallel requests (default 4). */
  readonly concurrency?: number;
  /** Today as YYYY-MM-DD (default: the system clock, UTC). */
  readonly today?: string;
  /**
   * The .NET release index URL; default `$DOTNET_DOCKERFILE_RELEASES_INDEX`, else
   * https://builds.dotnet.microsoft.com/dotnet/release-metadata/releases-index.json. `off`: tags only.
   */
  readonly releasesIndexUrl?: string | undefined;
  /** Bytes all answers may add up to (default 64 MiB). */
  readonly maxTotalBytes?: number;
}

export type RefreshResult =
  | {
      readonly ok: true;
      readonly index: CatalogIndex;
      readonly file: string;
      readonly registry: string;
      readonly repositories: number;
      readonly tagsListed: number;
      readonly added: number;
      readonly updated: number;
      /** Repositories the registry does not have (HTTP 404). */
      readonly missing: readonly string[];
      /** Where the support facts came from, or undefined when the index was turned off. */
      readonly releasesIndex: string | undefined;
      /** What the release index changed: `11.0: preview → active, released 2026-11-10`. */
      readonly versionChanges: readonly string[];
    }
  | { readonly ok: false; readonly error: string; readonly registry: string };

export function registryUrlFor(catalog: Catalog, explicit?: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  return explicit ?? env[DEFAULT_REGISTRY_ENV] ?? `https://${catalog.registry}`;
}

async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Lists, merges, validates and writes; never throws. */
export async function refreshCatalog(options: RefreshOptions): Promise<RefreshResult> {
  const registry = registryUrlFor(options.base, options.registryUrl);
  const startedAt = new Date().toISOString();
  const today = options.today ?? startedAt.slice(0, 10);
  const state = readRefreshState(options.cacheFolder);
  const fail = (error: string): RefreshResult => {
    try {
      writeRefreshState(options.cacheFolder, { ...state, lastAttempt: startedAt, lastError: error, registry });
    } catch {
      // the state is a convenience; the refresh result says what went wrong
    }
    return { ok: false, error, registry };
  };
  const repositories = options.repositories ?? options.base.repositories.map((r) => r.name);
  // One failure stops the others early: their answers would be thrown away anyway.
  const abort = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, abort.signal]) : abort.signal;
  const budget = new ByteBudget(options.maxTotalBytes ?? DEFAULT_MAX_REFRESH_BYTES);
  const releasesIndex = releaseIndexUrlFor(options.releasesIndexUrl);
  let base = options.base;
  let versionChanges: readonly string[] = [];
  if (releasesIndex) {
    try {
      const index = await fetchReleaseIndex(releasesIndex, base, { ...options.http, signal, budget });
      const applied = applyReleaseIndex(base, index.entries, index.gaDates);
      base = applied.catalog;
      versionChanges = applied.changes;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return fail(options.signal?.aborted ? 'the refresh was cancelled' : `the .NET release index: ${message}`);
    }
  }
  let done = 0;
  const missing: string[] = [];
  let discovered: DiscoveredTags[];
  try {
    discovered = await mapLimited(repositories, options.concurrency ?? 4, async (repository) => {
      try {
        const tags = await listTags(registry, repository, { ...options.http, signal, budget });
        options.onProgress?.(++done, repositories.length, repository);
        return { repository, tags };
      } catch (error) {
        // A repository the registry does not have (retired, or not mirrored) teaches nothing but breaks nothing.
        if (error instanceof RegistryError && error.status === 404) {
          missing.push(repository);
          options.onProgress?.(++done, repositories.length, repository);
          return { repository, tags: [] };
        }
        abort.abort();
        throw error;
      }
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(options.signal?.aborted ? 'the refresh was cancelled' : message);
  }

  if (repositories.length > 0 && missing.length === repositories.length) {
    return fail(`${registry} has none of the .NET repositories (${repositories[0]} and the others answer HTTP 404); is the registry URL right?`);
  }
  // An empty list from every repository is a broken registry or mirror, not news: learning nothing would still
  // move the catalog's date to today and make an old catalog look fresh.
  if (repositories.length > 0 && discovered.every((d) => d.tags.length === 0)) {
    return fail(`${registry} listed no tags at all for the ${repositories.length} .NET repositories; is the registry (or mirror) complete?`);
  }
  const merged = mergeDiscoveredTags(base, discovered, today, new URL(registry).host);
  const refreshed: Catalog = releasesIndex
    ? {
        ...merged.catalog,
        sources: [
          ...merged.catalog.sources.filter((s) => !s.name.startsWith(RELEASE_INDEX_SOURCE_PREFIX)),
          { name: `${RELEASE_INDEX_SOURCE_PREFIX} ${releasesIndex}`, commit: `${versionChanges.length} versions changed`, date: today },
        ],
      }
    : merged.catalog;
  // Validated here (schema, then the compact bytes read back as the same catalog), so starts need not check it.
  const compact = compactCatalogFrom(refreshed);
  if (!compact.ok) return fail(`the merged catalog is invalid, nothing was written: ${compact.error}`);
  const loaded = openCompactCatalog(compact.bytes);
  if (!loaded.ok) return fail(`the merged catalog is invalid, nothing was written: ${loaded.error}`);
  const file = path.join(options.cacheFolder, CACHED_CATALOG_FILE);
  try {
    writeFileAtomic(file, compact.bytes, { createFolder: true });
    writeRefreshState(options.cacheFolder, { lastAttempt: startedAt, lastSuccess: startedAt, registry });
  } catch (error) {
    return fail(`cannot write the refreshed catalog to ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  // The JSON cache of an older version is read only when there is no compact one: now there is.
  rmSync(path.join(options.cacheFolder, LEGACY_CACHED_CATALOG_FILE), { force: true });
  return {
    ok: true,
    index: loaded.index,
    file,
    registry,
    repositories: repositories.length,
    tagsListed: discovered.reduce((sum, d) => sum + d.tags.length, 0),
    added: merged.added.length,
    updated: merged.updated,
    missing,
    releasesIndex,
    versionChanges,
  };
}
