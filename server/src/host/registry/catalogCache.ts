/**
 * The refreshed catalog on disk: where it lives, how it is read (validated; a bad cache is ignored with a
 * message, never trusted) and which catalog to use at start, the bundled one or the cached one.
 *
 * Location: VS Code gives the extension a global storage folder; the CLI and a standalone server use
 * `$XDG_CACHE_HOME/dotnet-dockerfile` or `~/.cache/dotnet-dockerfile` (`%LOCALAPPDATA%` on Windows).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Catalog } from '../../service/catalog/schema';
import type { CatalogIndex } from '../../service/catalog/catalogIndex';
import { writeFileAtomic } from '../io/atomicWrite';
import { catalogFromBytes, loadCatalogFile } from '../catalogFile';
import { REFRESH_SOURCE_PREFIX, RELEASE_INDEX_SOURCE_PREFIX } from './refreshSources';

/** The refreshed catalog, in the compact form (written by refreshCatalog.ts, validated then). */
export const CACHED_CATALOG_FILE = 'dotnet-images.catalog';
/** Where versions before the compact form kept it (JSON): still read when there is no compact cache. */
export const LEGACY_CACHED_CATALOG_FILE = 'dotnet-images.json';
export const REFRESH_STATE_FILE = 'refresh-state.json';

/** The date of the data a catalog was built from, not counting refreshes (registry tags, release index). */
export function baseDate(sources: Catalog['sources']): string {
  return sources
    .filter((s) => !s.name.startsWith(REFRESH_SOURCE_PREFIX) && !s.name.startsWith(RELEASE_INDEX_SOURCE_PREFIX))
    .map((s) => s.date)
    .reduce((a, b) => (a > b ? a : b), '0000-00-00');
}

export type CatalogChoice =
  | { readonly ok: true; readonly index: CatalogIndex; readonly path: string; readonly origin: 'bundled' | 'cache'; readonly notes: readonly string[] }
  | { readonly ok: false; readonly error: string; readonly notes: readonly string[] };

type Loaded = { ok: true; index: CatalogIndex } | { ok: false; error: string };

function loadFile(file: string): Loaded | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { ok: false, error: `cannot read ${file} (${error instanceof Error ? error.message : String(error)})` };
  }
  const result = catalogFromBytes(bytes, file);
  return result.ok ? { ok: true, index: result.index } : { ok: false, error: result.error };
}

/** The cache at `cachedPath`, or the JSON cache an older version left beside it when there is none. */
function loadCache(cachedPath: string): { loaded: Loaded | undefined; path: string } {
  const loaded = loadFile(cachedPath);
  if (loaded || path.basename(cachedPath) !== CACHED_CATALOG_FILE) return { loaded, path: cachedPath };
  const legacy = path.join(path.dirname(cachedPath), LEGACY_CACHED_CATALOG_FILE);
  return { loaded: loadFile(legacy), path: legacy };
}

/**
 * Loads the bundled catalog and the cached one and picks the newer. The cache wins only when it was
 * built on data at least as new as the bundled catalog's (an extension update brings a newer base) and
 * refreshed after it. A broken cache is reported in `notes` and ignored.
 */
export function loadNewestCatalog(bundledPath: string, cachedPath: string): CatalogChoice {
  const notes: string[] = [];
  const bundled = loadCatalogFile(bundledPath);
  const { loaded: cached, path: cacheFile } = loadCache(cachedPath);
  if (cached && !cached.ok) notes.push(`ignored the refreshed catalog: ${cached.error}`);
  if (cached?.ok) {
    const usable = !bundled.ok || (baseDate(cached.index.sources) >= baseDate(bundled.index.sources) && cached.index.date > bundled.index.date);
    if (usable) return { ok: true, index: cached.index, path: cacheFile, origin: 'cache', notes };
    notes.push(`the bundled catalog (${bundled.ok ? bundled.index.date : '?'}) is newer than the refreshed one (${cached.index.date}); using the bundled one`);
  }
  if (bundled.ok) return { ok: true, index: bundled.index, path: bundledPath, origin: 'bundled', notes };
  return { ok: false, error: bundled.error, notes };
}

/** When the catalog was last refreshed (ISO timestamps), and the last error. */
export interface RefreshState {
  readonly lastAttempt?: string;
  readonly lastSuccess?: string;
  readonly lastError?: string;
  readonly registry?: string;
}

const REFRESH_STATE_KEYS = ['lastAttempt', 'lastSuccess', 'lastError', 'registry'] as const;

/** The state file's known fields that are strings; anything else (a broken or foreign file) reads as no state. */
export function readRefreshState(folder: string): RefreshState {
  try {
    const data: unknown = JSON.parse(readFileSync(path.join(folder, REFRESH_STATE_FILE), 'utf8'));
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
    const record = data as Record<string, unknown>;
    const state: Record<string, string> = {};
    for (const key of REFRESH_STATE_KEYS) {
      const value = record[key];
      if (value === undefined) continue;
      if (typeof value !== 'string') return {};
      state[key] = value;
    }
    return state;
  } catch {
    return {};
  }
}

export function writeRefreshState(folder: string, state: RefreshState): void {
  writeFileAtomic(path.join(folder, REFRESH_STATE_FILE), `${JSON.stringify(state, null, 2)}\n`, { createFolder: true });
}
