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
import { maybeNoticeOldCatalog } from './catalogAgeNotice';
import { CATALOG_STATUS_REQUEST, todayFrom, type CatalogStatus } from '../../server/src/protocol';

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
  void noticeOldCatalog(context, client, outputChannel);
}

/** Once per catalog: "the catalog is N days old" with Refresh now / Refresh weekly / Not now (catalogAgeNotice.ts). */
async function noticeOldCatalog(context: vscode.ExtensionContext, started: LanguageClient, log: vscode.LogOutputChannel): Promise<void> {
  try {
    const status = await started.sendRequest<CatalogStatus>(CATALOG_STATUS_REQUEST);
    const settings = () => vscode.workspace.getConfiguration('dotnetDockerfile');
    const outcome = await maybeNoticeOldCatalog(status, {
      // DOTNET_DOCKERFILE_TODAY fixes the date for tests, as for the server and the CLI.
      today: () => todayFrom(process.env),
      refreshSetting: () => settings().get<string>('catalog.refresh'),
      remembered: (key) => context.globalState.get(key),
      remember: (key, value) => context.globalState.update(key, value),
      ask: (message, ...choices) => vscode.window.showInformationMessage(message, ...choices),
      refreshNow: () => vscode.commands.executeCommand(REFRESH_CATALOG_COMMAND),
      refreshWeekly: () => settings().update('catalog.refresh', 'weekly', vscode.ConfigurationTarget.Global),
    });
    log.info(`catalog of ${status.date ?? '?'}: old-catalog notice ${outcome}`);
  } catch (error) {
    log.warn(`could not check the catalog's age: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
