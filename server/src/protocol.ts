/**
 * What the client and the server both name (vscode-eslint's `$shared`): request and notification names, their
 * payloads, commands and code action kinds, and the few small helpers both sides apply to them. The client bundle
 * imports this file too.
 */

/** Code action kinds we offer; `source.fixAll.dotnet-dockerfile` applies every safe fix at once. */
export const FIX_ALL_KIND = 'source.fixAll.dotnet-dockerfile';

/** Request: refresh the catalog from the registry now (params `{ workDoneToken? }`, answer {@link RefreshOutcome}). */
export const REFRESH_CATALOG_REQUEST = 'dotnetDockerfile/refreshCatalog';

/** The answer of {@link REFRESH_CATALOG_REQUEST}. */
export interface RefreshOutcome {
  readonly ok: boolean;
  /** What happened, for a notification. */
  readonly message: string;
}

/** Notification: the ids of the installed VS Code extensions changed (params: `string[]`). */
export const INSTALLED_EXTENSIONS_NOTIFICATION = 'dotnetDockerfile/installedExtensions';

/** The VS Code command that runs {@link REFRESH_CATALOG_REQUEST}. */
export const REFRESH_CATALOG_COMMAND = 'dotnetDockerfile.refreshCatalog';
/** Request (client → server): which .NET image catalog the server uses. Answers `CatalogStatus`. */
export const CATALOG_STATUS_REQUEST = 'dotnetDockerfile/catalogStatus';

export interface CatalogStatus {
  readonly ok: boolean;
  /** The date of the catalog's data, YYYY-MM-DD. */
  readonly date?: string;
  /** Shipped with the extension, or refreshed into the cache. */
  readonly origin?: 'bundled' | 'cache';
}

/** A catalog older than this many days is worth one word to the user (editor notification, CLI line). */
export const OLD_CATALOG_DAYS = 60;

/** Whole days from `date` to `today` (both YYYY-MM-DD); NaN when either is not a date. */
export function catalogAgeDays(date: string, today: string): number {
  return Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
}

/** `$DOTNET_DOCKERFILE_TODAY` (YYYY-MM-DD, for tests and reproducible runs) or the system clock's date in UTC. */
export function todayFrom(env: Readonly<Record<string, string | undefined>>, now: Date = new Date()): string {
  const fixed = env.DOTNET_DOCKERFILE_TODAY;
  return fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed) && !Number.isNaN(Date.parse(fixed)) ? fixed : now.toISOString().slice(0, 10);
}
