/**
 * The VS Code side, kept thin: start the language server over IPC for Dockerfiles, tell it which
 * overlapping Docker extensions are installed (so general features are not shown twice), and register
 * our commands. Everything else lives in the server.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { httpSettings, refreshCatalog, REFRESH_CATALOG_COMMAND } from './refreshCatalogCommand';
import { INSTALLED_EXTENSIONS_NOTIFICATION } from '../../server/src/protocol';
import { createDockerfileCommand, CREATE_DOCKERFILE_COMMAND } from './createDockerfileCommand';

let client: LanguageClient | undefined;

const installedExtensionIds = (): string[] => vscode.extensions.all.map((e) => e.id);

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  // The server keeps its V8 code cache (a faster start) in the extension's storage, which VS Code removes with it.
  const env = { ...process.env, DOTNET_DOCKERFILE_CACHE: context.globalStorageUri.fsPath };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('.NET Dockerfile', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'dockerfile' },
      { pattern: '**/{Dockerfile,Dockerfile.*,*.dockerfile,Containerfile,Containerfile.*}' },
    ],
    outputChannel,
    initializationOptions: {
      installedExtensions: installedExtensionIds(),
      globalStoragePath: context.globalStorageUri.fsPath,
      http: httpSettings(),
    },
    synchronize: { configurationSection: 'dotnetDockerfile' },
  };
  // The id `dotnetDockerfile` makes the client honour the `dotnetDockerfile.trace.server` setting.
  client = new LanguageClient('dotnetDockerfile', '.NET Dockerfile', serverOptions, clientOptions);

  context.subscriptions.push(
    outputChannel,
    vscode.commands.registerCommand('dotnetDockerfile.showOutput', () => outputChannel.show(true)),
    vscode.commands.registerCommand(REFRESH_CATALOG_COMMAND, () => refreshCatalog(client)),
    vscode.commands.registerCommand(CREATE_DOCKERFILE_COMMAND, (target?: vscode.Uri) => createDockerfileCommand(client, target)),
    vscode.extensions.onDidChange(() => void client?.sendNotification(INSTALLED_EXTENSIONS_NOTIFICATION, installedExtensionIds())),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
