/**
 * The server's catalog lifecycle: at start, the newer of the bundled and the cached catalog; on request
 * (the "Refresh .NET image tags" command) or on schedule (`dotnetDockerfile.catalog.refresh: weekly`), a
 * refresh from the registry in the background. Never on the typing path: requests only ever read the
 * catalog the service holds; a finished refresh swaps it in and asks for revalidation.
 */
import path from 'node:path';
import type { CatalogIndex } from '../../service/catalog/catalogIndex';
import type { CatalogChoice } from './catalogCache';
import { cacheFolder } from '../io/cacheFolder';

type CatalogCacheModule = typeof import('./catalogCache.js');
type CatalogFileModule = typeof import('../catalogFile.js');

/**
 * The catalog's loading code, required on first use: with it come zod and the catalog schema (≈20 ms to
 * evaluate), which then run after the server has answered `initialize` instead of before.
 */
function catalogCode(): CatalogCacheModule & CatalogFileModule {
  /* eslint-disable @typescript-eslint/no-require-imports -- a lazy require: see above */
  return { ...(require('./catalogCache.js') as CatalogCacheModule), ...(require('../catalogFile.js') as CatalogFileModule) };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

export const REFRESH_SETTINGS = ['off', 'weekly'] as const;
export type RefreshSetting = (typeof REFRESH_SETTINGS)[number];
/** Off unless the user opts in: see "Keeping the tag catalog current" in README.md for why. */
export const DEFAULT_REFRESH_SETTING: RefreshSetting = 'off';

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;
/** After start, wait this long before an automatic refresh, so it never competes with the first requests. */
const STARTUP_DELAY_MS = 60 * 1000;

/** Reads `dotnetDockerfile.catalog.refresh` from the `dotnetDockerfile` settings section (untrusted JSON). */
export function readRefreshSetting(section: unknown): RefreshSetting {
  const catalog = section && typeof section === 'object' ? (section as { catalog?: unknown }).catalog : undefined;
  const value = catalog && typeof catalog === 'object' ? (catalog as { refresh?: unknown }).refresh : undefined;
  return value === 'weekly' || value === 'off' ? value : DEFAULT_REFRESH_SETTING;
}

/** VS Code's `http.proxy` and `http.proxyStrictSSL`, as the client passes them. */
export interface HttpSettings {
  readonly proxy: string | undefined;
  readonly strictSSL: boolean;
}

export function readHttpSettings(section: unknown): HttpSettings {
  const record = section && typeof section === 'object' ? (section as Record<string, unknown>) : {};
  return {
    proxy: typeof record.proxy === 'string' && record.proxy.trim() !== '' ? record.proxy.trim() : undefined,
    strictSSL: record.proxyStrictSSL !== false,
  };
}

export interface RefreshOutcome {
  readonly ok: boolean;
  /** One sentence for the user. */
  readonly message: string;
  readonly added?: number;
}

export interface RefreshRun {
  readonly http: HttpSettings;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: (done: number, total: number, repository: string) => void;
}

export interface CatalogManagerOptions {
  /** Puts a catalog into the service. */
  readonly setCatalog: (index: CatalogIndex) => void;
  /** Called after a refresh changed the catalog (revalidate open documents). */
  readonly onCatalogChanged: () => void;
  readonly log: (message: string) => void;
  readonly bundledPath?: string;
  readonly registryUrl?: string | undefined;
  readonly now?: () => number;
}

export class CatalogManager {
  private folder = cacheFolder();
  private current: CatalogIndex | undefined;
  private origin: 'bundled' | 'cache' | undefined;
  private running: Promise<RefreshOutcome> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: CatalogManagerOptions) {}

  /** Loads the newer of the bundled and the cached catalog from the cache folder (VS Code's global storage when given). */
  initialize(globalStoragePath: string | undefined): CatalogChoice {
    this.folder = cacheFolder(globalStoragePath);
    const { loadNewestCatalog, bundledCatalogPath, CACHED_CATALOG_FILE } = catalogCode();
    const choice = loadNewestCatalog(this.options.bundledPath ?? bundledCatalogPath(), path.join(this.folder, CACHED_CATALOG_FILE));
    for (const note of choice.notes) this.options.log(note);
    if (choice.ok) {
      this.current = choice.index;
      this.origin = choice.origin;
      this.options.setCatalog(choice.index);
      if (choice.origin === 'cache') this.options.log(`using the refreshed .NET image catalog of ${choice.index.date} (${choice.path})`);
    }
    return choice;
  }

  /** The catalog in use: its data's date and where it came from. */
  status(): { ok: boolean; date?: string; origin?: 'bundled' | 'cache' } {
    return this.current ? { ok: true, date: this.current.date, ...(this.origin ? { origin: this.origin } : {}) } : { ok: false };
  }

  /** Refreshes now; a second call while one runs joins it. Never throws. */
  refresh(run: RefreshRun): Promise<RefreshOutcome> {
    this.running ??= this.doRefresh(run).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async doRefresh(run: RefreshRun): Promise<RefreshOutcome> {
    const base = this.current;
    if (!base) return { ok: false, message: 'There is no usable .NET image catalog to refresh; reinstall the extension.' };
    // Loaded on first use: the registry client (http, https, tls) is not on the server's start path, and most
    // users never refresh (the setting is off by default).
    const { refreshCatalog } = await import('./refreshCatalog.js');
    const result = await refreshCatalog({
      base: base.catalog,
      cacheFolder: this.folder,
      registryUrl: this.options.registryUrl,
      http: { proxy: run.http.proxy, strictSSL: run.http.strictSSL },
      signal: run.signal,
      onProgress: run.onProgress,
    });
    if (!result.ok) {
      this.options.log(`catalog refresh from ${result.registry} failed, the catalog in use is unchanged: ${result.error}`);
      return { ok: false, message: `Refreshing .NET image tags failed; the catalog in use is unchanged. ${result.error}` };
    }
    this.current = result.index;
    this.origin = 'cache';
    this.options.setCatalog(result.index);
    this.options.onCatalogChanged();
    this.options.log(`catalog refreshed from ${result.registry}: ${result.tagsListed} tags listed, ${result.added} new, ${result.updated} floating tags moved (${result.file})`);
    if (result.versionChanges.length > 0) this.options.log(`support facts from ${result.releasesIndex ?? '?'}: ${result.versionChanges.join('; ')}`);
    const tags = result.added > 0 ? `Learned ${result.added} new .NET image tags (${result.updated} floating tags moved to a newer patch).` : 'The .NET image tags are up to date.';
    const support = result.versionChanges.length > 0 ? ` Support changed: ${result.versionChanges.join('; ')}.` : '';
    return { ok: true, added: result.added, message: tags + support };
  }

  /** Applies `dotnetDockerfile.catalog.refresh`: schedules the next automatic refresh, or cancels it. */
  configure(setting: RefreshSetting, run: () => Promise<RefreshRun>): void {
    this.cancelSchedule();
    if (setting !== 'weekly') return;
    const now = (this.options.now ?? Date.now)();
    const state = catalogCode().readRefreshState(this.folder);
    const lastSuccess = state.lastSuccess ? Date.parse(state.lastSuccess) : Number.NEGATIVE_INFINITY;
    const lastAttempt = state.lastAttempt ? Date.parse(state.lastAttempt) : Number.NEGATIVE_INFINITY;
    // Due a week after the last success; after a failure, wait a day before trying again.
    const due = Math.max(lastSuccess + WEEK_MS, lastAttempt + DAY_MS);
    const delay = Math.min(Math.max(due - now, STARTUP_DELAY_MS), DAY_MS);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const next = (this.options.now ?? Date.now)();
      const check = () => this.configure(setting, run);
      if (next < due) return check(); // a daily wake-up before the refresh is due
      void run()
        .then((settings) => this.refresh(settings))
        .finally(check);
    }, delay);
    this.timer.unref(); // never keeps the server alive
  }

  cancelSchedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
