/**
 * The LSP side of the catalog refresh: the `dotnetDockerfile/refreshCatalog` request (sent by the client's
 * "Refresh .NET image tags" command, with a work-done token for its progress notification, and
 * cancellable), and the automatic schedule from `dotnetDockerfile.catalog.refresh`. Proxy settings come
 * from VS Code's `http` section (pulled when the client supports it, else from initialization options).
 */
import type { CancellationToken, ClientCapabilities, Connection, ProgressToken } from 'vscode-languageserver/node';
import { readHttpSettings, readRefreshSetting, type CatalogManager, type HttpSettings, type RefreshOutcome } from '../host/registry/catalogManager';
import { REFRESH_CATALOG_REQUEST } from '../protocol';
import { CATALOG_STATUS_REQUEST, type CatalogStatus } from '../protocol';


export interface RefreshEndpointHost {
  readonly capabilities: () => ClientCapabilities;
  /** `initializationOptions.http`: `{ proxy, proxyStrictSSL }` from the client. */
  readonly initialHttp: () => unknown;
  /** The pushed `dotnetDockerfile` section, for clients without `workspace/configuration`. */
  readonly pushedSection: () => unknown;
  readonly log: (message: string) => void;
}

export class RefreshEndpoint {
  constructor(
    private readonly connection: Connection,
    private readonly manager: CatalogManager,
    private readonly host: RefreshEndpointHost,
  ) {}

  listen(): void {
    this.connection.onRequest(REFRESH_CATALOG_REQUEST, (params: unknown, token: CancellationToken) => this.onRefresh(params, token));
    // The client asks once after start, to tell the user when the catalog is old (client/src/catalogAgeNotice.ts).
    this.connection.onRequest(CATALOG_STATUS_REQUEST, (): CatalogStatus => this.manager.status());
  }

  /** Reads `dotnetDockerfile.catalog.refresh` and (re)schedules the automatic refresh. Call after initialized and on configuration changes. */
  async applySettings(): Promise<void> {
    const section = await this.pull('dotnetDockerfile', this.host.pushedSection());
    this.manager.configure(readRefreshSetting(section), async () => ({ http: await this.httpSettings() }));
  }

  private async pull(section: string, fallback: unknown): Promise<unknown> {
    if (this.host.capabilities().workspace?.configuration !== true) return fallback;
    try {
      return (await this.connection.workspace.getConfiguration(section)) as unknown;
    } catch {
      return fallback;
    }
  }

  private async httpSettings(): Promise<HttpSettings> {
    return readHttpSettings(await this.pull('http', this.host.initialHttp()));
  }

  private async onRefresh(params: unknown, token: CancellationToken): Promise<RefreshOutcome> {
    const workDoneToken = params && typeof params === 'object' ? (params as { workDoneToken?: ProgressToken }).workDoneToken : undefined;
    const progress = this.connection.window.attachWorkDoneProgress(workDoneToken);
    progress.begin('Refreshing .NET image tags', 0, 'asking the registry…', true);
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    try {
      return await this.manager.refresh({
        http: await this.httpSettings(),
        signal: abort.signal,
        onProgress: (done, total, repository) => progress.report(Math.round((done * 100) / total), `${repository} (${done}/${total})`),
      });
    } finally {
      cancelled.dispose();
      progress.done();
    }
  }
}
