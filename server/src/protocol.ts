/**
 * What the client and the server both name (vscode-eslint's `$shared`): request and notification names, their
 * payloads, commands and code action kinds. The client bundle imports this file too; it holds no logic.
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
