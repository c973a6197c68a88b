/**
 * "dotnet-dockerfile: Refresh .NET image tags": asks the server to refresh the catalog from the registry,
 * with a cancellable progress notification fed by the server's work-done progress.
 */
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';

import { REFRESH_CATALOG_COMMAND, REFRESH_CATALOG_REQUEST, type RefreshOutcome } from '../../server/src/protocol';

export { REFRESH_CATALOG_COMMAND };

/** VS Code's proxy settings, which the server (a plain Node process) cannot see otherwise. */
export function httpSettings(): { proxy: string | undefined; proxyStrictSSL: boolean } {
  const http = vscode.workspace.getConfiguration('http');
  return { proxy: http.get<string>('proxy') || undefined, proxyStrictSSL: http.get<boolean>('proxyStrictSSL', true) };
}

export async function refreshCatalog(client: LanguageClient | undefined): Promise<void> {
  if (!client) return;
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Refreshing .NET image tags', cancellable: true },
    async (progress, cancellation) => {
      const workDoneToken = `dotnetDockerfile.refreshCatalog.${Date.now()}`;
      let reported = 0;
      const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end') return;
        const percentage = value.percentage ?? reported;
        progress.report({ message: value.message, increment: percentage - reported });
        reported = percentage;
      });
      try {
        return await client.sendRequest<RefreshOutcome>(REFRESH_CATALOG_REQUEST, { workDoneToken }, cancellation);
      } finally {
        listener.dispose();
      }
    },
  );
  if (outcome.ok) void vscode.window.showInformationMessage(outcome.message);
  else void vscode.window.showWarningMessage(outcome.message);
}
