/** Asks the client to tell the server when project files change, so project facts are re-read. */
import type { ClientCapabilities, Connection } from 'vscode-languageserver/node';
import { DidChangeWatchedFilesNotification } from './lspLibrary';
import { PROJECT_FILE_GLOBS } from './projectFactsStore';

/** Registers watchers for `*.csproj` and `Directory.Build.props` when the client supports dynamic registration. */
export function registerProjectWatchers(connection: Connection, capabilities: ClientCapabilities): void {
  if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration !== true) return;
  void connection.client.register(DidChangeWatchedFilesNotification.type, {
    watchers: PROJECT_FILE_GLOBS.map((globPattern) => ({ globPattern })),
  });
}
