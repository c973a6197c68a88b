/**
 * The refreshed catalog on disk: where it lives, how it is read (validated; a bad cache is ignored with a
 * message, never trusted) and which catalog to use at start, the bundled one or the cached one.
 *
 * Location: VS Code gives the extension a global storage folder; the CLI and a standalone server use
 * `$XDG_CACHE_HOME/dotnet-dockerfile` or `~/.cache/dotnet-dockerfile` (`%LOCALAPPDATA%` on Windows).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import type { Catalog } from '../../service/catalog/schema';
import { loadCatalogFromJson } from '../../service/catalog/loadCatalog';
import type { CatalogIndex } from '../../service/catalog/catalogIndex';
import { writeFileAtomic } from '../io/atomicWrite';
import { loadCatalogFile } from '../catalogFile';
import { REFRESH_SOURCE_PREFIX } from './mergeTags';
import { RELEASE_INDEX_SOURCE_PREFIX } from './supportFacts';

export const CACHED_CATALOG_FILE = 'dotnet-images.json';
export const REFRESH_STATE_FILE = 'refresh-state.json';

/** The date of the data a catalog was built from, not counting refreshes (registry tags, release index). */
export function baseDate(catalog: Catalog): string {
  return catalog.sources
    .filter((s) => !s.name.startsWith(REFRESH_SOURCE_PREFIX) && !s.name.startsWith(RELEASE_INDEX_SOURCE_PREFIX))
    .map((s) => s.date)
    .reduce((a, b) => (a > b ? a : b), '0000-00-00');
}

export type CatalogChoice =
  | { readonly ok: true; readonly index: CatalogIndex; readonly path: string; readonly origin: 'bundled' | 'cache'; readonly notes: readonly string[] }
  | { readonly ok: false; readonly error: string; readonly notes: readonly string[] };

type Loaded = { ok: true; index: CatalogIndex } | { ok: false; error: string };

function loadFile(file: string): Loaded | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { ok: false, error: `cannot read ${file} (${error instanceof Error ? error.message : String(error)})` };
  }
  const result = loadCatalogFromJson(text);
  return result.ok ? result : { ok: false, error: `${file}: ${result.error}` };
}

/**
 * Loads the bundled catalog and the cached one and picks the newer. The cache wins only when it was
 * built on data at least as new as the bundled catalog's (an extension update brings a newer base) and
 * refreshed after it. A broken cache is reported in `notes` and ignored.
 */
export function loadNewestCatalog(bundledPath: string, cachedPath: string): CatalogChoice {
  const notes: string[] = [];
  const bundled = loadCatalogFile(bundledPath);
  const cached = loadFile(cachedPath);
  if (cached && !cached.ok) notes.push(`ignored the refreshed catalog: ${cached.error}`);
  if (cached?.ok) {
    const usable = !bundled.ok || (baseDate(cached.index.catalog) >= baseDate(bundled.index.catalog) && cached.index.date > bundled.index.date);
    if (usable) return { ok: true, index: cached.index, path: cachedPath, origin: 'cache', notes };
    notes.push(`the bundled catalog (${bundled.ok ? bundled.index.date : '?'}) is newer than the refreshed one (${cached.index.date}); using the bundled one`);
  }
  if (bundled.ok) return { ok: true, index: bundled.index, path: bundledPath, origin: 'bundled', notes };
  return { ok: false, error: bundled.error, notes };
}

const refreshStateSchema = z.object({
  lastAttempt: z.string().optional(),
  lastSuccess: z.string().optional(),
  lastError: z.string().optional(),
  registry: z.string().optional(),
});

/** When the catalog was last refreshed (ISO timestamps), and the last error. */
export type RefreshState = z.infer<typeof refreshStateSchema>;

export function readRefreshState(folder: string): RefreshState {
  try {
    const parsed = refreshStateSchema.safeParse(JSON.parse(readFileSync(path.join(folder, REFRESH_STATE_FILE), 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function writeRefreshState(folder: string, state: RefreshState): void {
  writeFileAtomic(path.join(folder, REFRESH_STATE_FILE), `${JSON.stringify(state, null, 2)}\n`, { createFolder: true });
}
