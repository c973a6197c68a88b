/**
 * The LSP adapter: documents, one parse per version, settings per resource, debounced validation.
 * Every handler is isolated: an exception is logged and answered with an empty result, so one bad
 * request (or one broken feature) never takes the server down. Runs over IPC (VS Code), stdio or a socket.
 */
import type { ClientCapabilities, Diagnostic, Hover, InitializeResult } from 'vscode-languageserver/node';
import { CodeActionKind, CompletionItemKind, MarkupContent, MarkupKind } from 'vscode-languageserver-types';
import { TextDocumentSyncKind, TextDocuments } from './lspLibrary';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createDotnetDockerfileService, type DockerfileModel } from '../service';
import starterSnippets from '../../../snippets/dockerfile.json';
import type { ProjectFacts } from '../service/context';
import { ModelCache } from './modelCache';
import { ProjectFactsStore } from './projectFactsStore';
import { registerProjectWatchers } from './projectWatch';
import { BuildContextStore, registerBuildContextWatchers } from './buildContextStore';
import type { CatalogChoice } from '../host/registry/catalogCache';
import { CatalogManager } from '../host/registry/catalogManager';
import { RefreshEndpoint } from './refreshEndpoint';
import { sameSettings, SettingsStore, type DocumentSettings } from './settingsStore';
import { ValidationScheduler } from './validationScheduler';
import { IdleCollector, lazyExposedGc } from './idleCollector';
import { ScalePolicy } from './scalePolicy';
import { DeferredEdits } from './deferredEdits';
import { createGeneralEngine, generalFeaturesEnabled, GENERAL_TOKENS_LEGEND, OVERLAPPING_EXTENSIONS, syntaxCheckedElsewhere, type GeneralFeaturesSetting } from './generalFeatures';
import type { GeneralEngine } from './general/generalEngine';
import { SLOW_ANSWER_MS, SlowAnswers } from './general/slowAnswers';
import type { GeneralArgs, GeneralMethod, GeneralResult } from './general/generalProtocol';
import { boundRequest } from './requestBounds';
import { isOversized, oversizeDiagnostic } from './documentLimit';
import { FIX_ALL_KIND, INSTALLED_EXTENSIONS_NOTIFICATION } from '../protocol';
import { toPlainText } from '../service/texts/texts';
import { createServerConnection } from './transport/serverConnection';
import { createDockerfile, CREATE_DOCKERFILE_REQUEST, fillEmptyDockerfileAction } from './createDockerfile';
import { handleCommandLine } from '../launch/commandLine';
import { signalDiagnosticsSent } from '../launch/codeCacheSignal';
import { endFirstRun, FIRST_RUN_MAX_MS, startFirstRun } from './firstRunFlags';
import { StartWork } from './startWork';
import { scheduleIdleWarmUp, warmUp } from './idleWarmUp';
import { capDiagnostics } from './diagnosticCap';

// dist/server.js answers --help, --version and a missing transport before loading this bundle; this is for a
// start of dist/server-main.js itself (it exits when it answers).
handleCommandLine();

const connection = createServerConnection();
const documents = new TextDocuments(TextDocument);
const log = (message: string): void => connection.console.log(message);
const logError = (message: string): void => connection.console.error(message);

const service = createDotnetDockerfileService({ catalog: undefined, snippets: starterSnippets });
const models = new ModelCache(service);
// The newer of the bundled and the refreshed catalog, loaded at initialize (the cache folder comes from the client).
const catalogs = new CatalogManager({ setCatalog: (index) => service.setCatalog(index), onCatalogChanged: revalidateAll, log });
let catalogLoad: CatalogChoice = { ok: false, error: 'the catalog is loaded at initialize', notes: [] };
let workspaceRoots: string[] = [];
// The service reads which project paths a Dockerfile names from its parsed model; the store looks for them on disk.
const projects = new ProjectFactsStore<TextDocument>(() => workspaceRoots, log, (document) => service.projectSearch(models.get(document)).candidates);
const buildContexts = new BuildContextStore(() => workspaceRoots);
let initializationOptions: Record<string, unknown> = {};
let capabilities: ClientCapabilities = {};
let overlappingInstalled: string[] = [];
const settings = new SettingsStore(connection, () => capabilities.workspace?.configuration === true);
const startWork = new StartWork();
let general: GeneralEngine | undefined;
const deferredEdits = new DeferredEdits();
// DOTNET_DOCKERFILE_IDLE_GC=0 leaves every collection to V8 (to compare, or if a runtime objects).
/** A document this large grew the general features' worker: closing it stops the worker (it starts again on use). */
const LARGE_DOCUMENT_CHARS = 512 * 1024;
const idleCollector = new IdleCollector({ gc: process.env.DOTNET_DOCKERFILE_IDLE_GC === '0' ? undefined : lazyExposedGc() });
// DOTNET_DOCKERFILE_SCALE_POLICY=v8 leaves the nursery's growth and the optimizing compiler to V8 (to compare).
const scale = new ScalePolicy(process.env.DOTNET_DOCKERFILE_SCALE_POLICY === 'v8' ? () => undefined : undefined);
scale.start();

/** The open document a request is about; undefined when it is not open. */
function documentOf(params: unknown): TextDocument | undefined {
  const uri = (params as { textDocument?: { uri?: unknown } } | null | undefined)?.textDocument?.uri;
  return typeof uri === 'string' ? documents.get(uri) : undefined;
}

/**
 * Runs a handler so that a failure is logged and answered with `fallback`, never thrown at the connection.
 * Positions, ranges and formatting options are bounded first (requestBounds.ts), clamped into the document,
 * for our service and the general one alike; a request about a document over the size limit
 * (documentLimit.ts) is answered with `fallback` at once.
 */
function isolated<P extends unknown[], R>(name: string, fallback: R, handler: (...args: P) => R | Promise<R>): (...args: P) => Promise<R> {
  return (...args: P) => idleCollector.around(async () => {
    try {
      if (args.length > 0) {
        const document = documentOf(args[0]);
        if (document && isOversized(document)) return fallback;
        args[0] = boundRequest(args[0], document);
      }
      return await handler(...args);
    } catch (error) {
      logError(`[${name}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  });
}

/** The general features for a document, or undefined when they are off for it; the worker starts on first use. */
async function generalFor(uri: string): Promise<GeneralEngine | undefined> {
  const current = await settings.peek(uri);
  if (!generalFeaturesEnabled(current.generalFeatures as GeneralFeaturesSetting, overlappingInstalled)) return undefined;
  general ??= createGeneralEngine(capabilities, log);
  return general;
}

const slowAnswers = new SlowAnswers();

/** Every request is answered within this; a general feature gets what is left of it, less a margin to send the answer. */
const REQUEST_BUDGET_MS = 1000;
const ANSWER_MARGIN_MS = 150;

/**
 * Calls a general feature about `document` for a request that started at `started` (performance.now()): the
 * worker gets what is left of the request's budget (its size lets the engine skip what was too slow on it before).
 */
async function askGeneral<M extends GeneralMethod>(engine: GeneralEngine, document: TextDocument, method: M, args: GeneralArgs<M>, started: number): Promise<GeneralResult<M> | undefined> {
  const text = document.getText();
  const key = SlowAnswers.key(method, args, text);
  const kept = slowAnswers.get(document.uri, document.version, key);
  if (kept) return kept.result as GeneralResult<M>;
  const result = await engine.call(method, args, { uri: document.uri, size: text.length }, { answerBy: started + REQUEST_BUDGET_MS - ANSWER_MARGIN_MS });
  if (result !== undefined && performance.now() - started >= SLOW_ANSWER_MS) slowAnswers.set(document.uri, document.version, key, result);
  return result;
}

connection.onInitialize((params): InitializeResult => {
  capabilities = params.capabilities;
  const options = (params.initializationOptions ?? {}) as Record<string, unknown>;
  initializationOptions = options;
  workspaceRoots = (params.workspaceFolders ?? []).map((folder) => folder.uri).concat(params.rootUri ? [params.rootUri] : []).filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri));
  if (Array.isArray(options.installedExtensions)) {
    const installed = options.installedExtensions.filter((id): id is string => typeof id === 'string').map((id) => id.toLowerCase());
    overlappingInstalled = OVERLAPPING_EXTENSIONS.filter((id) => installed.includes(id));
  }
  settings.setPushed(options.settings);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [':', '/', '-', '=', '.', ' ', '$', '@'], resolveProvider: true },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND], resolveProvider: editsResolvable() },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      documentOnTypeFormattingProvider: { firstTriggerCharacter: '\\', moreTriggerCharacter: ['`'] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      documentLinkProvider: { resolveProvider: true },
      semanticTokensProvider: { legend: GENERAL_TOKENS_LEGEND, full: true, range: false },
      signatureHelpProvider: { triggerCharacters: ['-', '[', ',', ' ', '='] },
      renameProvider: { prepareProvider: true },
      definitionProvider: true,
      documentHighlightProvider: true,
    },
    serverInfo: { name: 'dotnet-dockerfile-ls', version: process.env.DOTNET_DOCKERFILE_VERSION ?? '0.1.0' },
  };
});

connection.onInitialized(() => {
  // The first validation (of a document or of the idle warm-up) runs under V8 flags that suit cold code.
  startFirstRun();
  // Loaded here, after initialize has been answered, so the editor is not kept waiting for it; notifications are
  // handled in order, so the catalog is in place before the first didOpen.
  const options = initializationOptions;
  catalogLoad = catalogs.initialize(typeof options.globalStoragePath === 'string' ? options.globalStoragePath : undefined);
  // Messages and requests to the editor that the first document need not wait for (startWork.ts).
  const loaded = catalogLoad;
  startWork.defer(() => {
    registerProjectWatchers(connection, capabilities);
    registerBuildContextWatchers(connection, capabilities);
    void refreshEndpoint.applySettings();
    if (loaded.ok) {
      log(`.NET image catalog: ${loaded.index.counts.tags} tags, data of ${loaded.index.date} (${loaded.path})`);
    } else {
      logError(`${loaded.error}. Tag completion, hover and tag checks are off; everything else keeps working.`);
      void connection.window.showWarningMessage(`.NET Dockerfile: the image catalog could not be loaded; tag features are off. See the output channel.`);
    }
    if (overlappingInstalled.length > 0) log(`General Dockerfile features are provided by ${overlappingInstalled.join(', ')}; ours are off unless dotnetDockerfile.generalFeatures is "on".`);
  }, FIRST_RUN_MAX_MS);
  // Started before a Dockerfile is open (VS Code's workspaceContains): spend the idle time on the first validation's cold code.
  scheduleIdleWarmUp(
    () => documents.all().length === 0,
    () =>
      isolatedSync('warmUp', undefined, () => {
        const started = performance.now();
        warmUp(service);
        endFirstRun();
        log(`Warmed up while no document was open (${Math.round(performance.now() - started)} ms).`);
      }),
  );
});

// ---- validation -------------------------------------------------------------------------------
/**
 * After a change, a document is validated at once when its last validation was cheap and after a delay in
 * proportion to its cost otherwise (validationScheduler.ts). `DOTNET_DOCKERFILE_DEBOUNCE_MS` replaces that with a
 * fixed delay: not the shipped configuration (the bench names it in its title when it sets it).
 */
const fixedDelayMs = Number.parseInt(process.env.DOTNET_DOCKERFILE_DEBOUNCE_MS ?? '', 10);
const validation = new ValidationScheduler((uri) => void idleCollector.around(() => validateNow(uri)), Number.isFinite(fixedDelayMs) && fixedDelayMs >= 0 ? { delay: () => fixedDelayMs } : {});

async function validateNow(uri: string): Promise<void> {
  const document = documents.get(uri);
  if (!document) return;
  const version = document.version;
  if (isOversized(document)) {
    await connection.sendDiagnostics({ uri, version, diagnostics: [oversizeDiagnostic(document)] });
    startWork.run();
    return;
  }
  const pendingSettings = settings.get(uri);
  // The validation's own work, for the scheduler (the waits for the client are not its cost).
  let costMs = 0;
  const timed = <R>(work: () => R): R => {
    const started = performance.now();
    try {
      return work();
    } finally {
      costMs += performance.now() - started;
    }
  };
  // While the client answers the settings request (a round trip on a first open): parse, find the project, and
  // validate with the settings it most likely answers; published only if they are the settings it answers.
  const model = timed(() => isolatedSync('parse', undefined, () => models.get(document)));
  const project = timed(() => isolatedSync('project', undefined, () => projects.get(document)));
  const guess = settings.likely(uri);
  const early = guess && timed(() => validateWith(model, guess, project, uri));
  const documentSettings = await pendingSettings;
  const current = documents.get(uri);
  if (!current || current.version !== version) return; // a newer version is already scheduled
  const diagnostics = early && sameSettings(guess, documentSettings) ? early : timed(() => validateWith(model, documentSettings, project, uri));
  validation.recordCost(uri, costMs);
  scale.validated(uri, costMs);
  endFirstRun();
  await connection.sendDiagnostics({ uri, version, diagnostics: capDiagnostics(diagnostics) });
  signalDiagnosticsSent();
  startWork.run();
}

function validateWith(model: DockerfileModel | undefined, documentSettings: DocumentSettings, project: ProjectFacts | undefined, uri: string): Diagnostic[] {
  return model ? isolatedSync('validate', [], () => service.validate(model, { settings: documentSettings, project, ...fileFacts(uri, documentSettings) })) : [];
}

/** What the service needs to know about a document's surroundings: its build context, who checks its syntax. */
function fileFacts(uri: string, documentSettings: DocumentSettings): { buildContext: ReturnType<BuildContextStore['get']>; syntaxCheckedElsewhere: boolean } {
  const buildContext = isolatedSync('buildContext', undefined, () => buildContexts.get(uri));
  return { buildContext, syntaxCheckedElsewhere: syntaxCheckedElsewhere(documentSettings.generalFeatures, overlappingInstalled) };
}

/** A synchronous read that must not fail a request: a failure is logged and answered with `fallback`. */
function isolatedSync<R>(name: string, fallback: R, read: () => R): R {
  try {
    return read();
  } catch (error) {
    logError(`[${name}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}

documents.onDidOpen((e) => {
  idleCollector.activity();
  validation.schedule(e.document.uri, true);
});
documents.onDidChangeContent((e) => {
  idleCollector.activity();
  scale.sized(e.document.uri, e.document.getText().length);
  validation.schedule(e.document.uri);
});
documents.onDidClose((e) => {
  idleCollector.activity();
  validation.forget(e.document.uri);
  scale.sized(e.document.uri, undefined);
  models.delete(e.document.uri);
  slowAnswers.forget(e.document.uri);
  if (e.document.getText().length >= LARGE_DOCUMENT_CHARS) general?.release();
  settings.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onDidChangeConfiguration(
  isolated('didChangeConfiguration', undefined, (change) => {
    const section = (change.settings as Record<string, unknown> | null | undefined)?.dotnetDockerfile;
    if (section !== undefined) {
      settings.setPushed(section);
      initializationOptions = { ...initializationOptions, settings: section };
    }
    settings.invalidate();
    revalidateAll();
    void refreshEndpoint.applySettings();
  }),
);

connection.onDidChangeWatchedFiles(
  isolated('didChangeWatchedFiles', undefined, (change) => {
    const uris = change.changes.map((c) => c.uri);
    const projectChanged = projects.filesChanged(uris);
    if (buildContexts.filesChanged(uris) || projectChanged) revalidateAll();
  }),
);

function revalidateAll(): void {
  for (const document of documents.all()) validation.schedule(document.uri);
}

// ---- catalog refresh (a command and an optional weekly schedule; never on the typing path) ------
const refreshEndpoint = new RefreshEndpoint(connection, catalogs, {
  capabilities: () => capabilities,
  initialHttp: () => initializationOptions.http,
  pushedSection: () => (initializationOptions.settings as unknown) ?? undefined,
  log,
});
refreshEndpoint.listen();

connection.onRequest(CREATE_DOCKERFILE_REQUEST, isolated('createDockerfile', { ok: false, error: 'The Dockerfile could not be written: see the .NET Dockerfile output.' }, (params: unknown) => createDockerfile(service, params, workspaceRoots)));

connection.onNotification(
  INSTALLED_EXTENSIONS_NOTIFICATION,
  isolated('installedExtensions', undefined, (ids: unknown) => {
    const installed = Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string').map((id) => id.toLowerCase()) : [];
    overlappingInstalled = OVERLAPPING_EXTENSIONS.filter((id) => installed.includes(id));
    // Who reports syntax errors may have changed (dockerfile-syntax is never reported twice).
    revalidateAll();
  }),
);

// ---- requests ---------------------------------------------------------------------------------
connection.onCompletion(
  isolated('completion', null, async (params) => {
    const started = performance.now();
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const snippetSupport = capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    // The same outside facts as validation, so every request on a version shares one build model.
    const ours = service.complete(models.get(document), params.position, { project: projects.get(document), buildContext: buildContexts.get(document.uri), snippetSupport });
    // Image and tag items own their position; elsewhere our starter snippets join the general instruction items.
    if (ours.items.some((item) => item.kind !== CompletionItemKind.Snippet)) return ours;
    const generalService = await generalFor(document.uri);
    if (!generalService) return ours;
    const generalItems = (await askGeneral(generalService, document, 'computeCompletionItems', [document.getText(), params.position], started)) ?? [];
    return { isIncomplete: false, items: [...generalItems, ...ours.items] };
  }),
);
connection.onCompletionResolve(
  isolated('completionResolve', null as never, async (item) => (general && item.data !== undefined && typeof item.data === 'number' ? ((await general.call('resolveCompletionItem', [item])) ?? item) : item)),
);

connection.onHover(
  isolated('hover', null, async (params) => {
    const started = performance.now();
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const ours = service.hover(models.get(document), params.position, { project: projects.get(document), projectSearch: projects.search(document), buildContext: buildContexts.get(document.uri) });
    if (ours) return markdownSupported() ? ours : asPlainText(ours);
    const generalService = await generalFor(document.uri);
    return (generalService && (await askGeneral(generalService, document, 'computeHover', [document.getText(), params.position], started))) ?? null;
  }),
);

function markdownSupported(): boolean {
  const formats = capabilities.textDocument?.hover?.contentFormat;
  return !formats || formats.includes(MarkupKind.Markdown);
}

/** Our hover texts are written once, in a markdown subset; clients that cannot render markdown get plain text. */
function asPlainText(hover: Hover): Hover {
  const contents = hover.contents;
  return MarkupContent.is(contents) && contents.kind === MarkupKind.Markdown ? { ...hover, contents: { kind: MarkupKind.PlainText, value: toPlainText(contents.value) } } : hover;
}

/** Whether the client resolves a code action's edit later (and keeps our `data` until then). */
function editsResolvable(): boolean {
  const codeAction = capabilities.textDocument?.codeAction;
  return codeAction?.dataSupport === true && codeAction.resolveSupport?.properties.includes('edit') === true;
}

connection.onCodeAction(
  isolated('codeAction', [], async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const version = document.version;
    const documentSettings = await settings.get(document.uri);
    const actions = service.codeActions(models.get(document), params.range, params.context, {
      settings: documentSettings,
      project: projects.get(document),
      ...fileFacts(document.uri, documentSettings),
      disabledActionSupport: capabilities.textDocument?.codeAction?.disabledSupport === true,
      snippetEditSupport: capabilities.workspace?.workspaceEdit?.snippetEditSupport === true,
      createFileSupport: capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true && capabilities.workspace.workspaceEdit.documentChanges === true,
    });
    // An empty Dockerfile beside a project: offer to write it.
    const canCreate = capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true && capabilities.workspace.workspaceEdit.documentChanges === true;
    const fill = document.getText().trim() === '' ? fillEmptyDockerfileAction(service, document, projects.projectFile(document), workspaceRoots, canCreate) : undefined;
    if (fill) actions.unshift(fill);
    return editsResolvable() ? deferredEdits.defer(document.uri, version, actions) : actions;
  }),
);
connection.onCodeActionResolve(
  isolated('codeActionResolve', null as never, (action) => deferredEdits.resolve(action, (uri) => documents.get(uri)?.version)),
);

/** Registers a general (dockerfile-language-service) feature that answers `empty` when general features are off, fail or run past their time. */
function generalFeature<P extends { textDocument: { uri: string } }, R>(name: string, empty: R, compute: (ask: <M extends GeneralMethod>(method: M, args: GeneralArgs<M>) => Promise<GeneralResult<M> | undefined>, document: TextDocument, params: P) => Promise<R | undefined>) {
  return isolated(name, empty, async (params: P) => {
    const started = performance.now();
    const document = documents.get(params.textDocument.uri);
    if (!document) return empty;
    const g = await generalFor(document.uri);
    if (!g) return empty;
    return (await compute((method, args) => askGeneral(g, document, method, args, started), document, params)) ?? empty;
  });
}

connection.onDocumentFormatting(generalFeature('formatting', [], (ask, d, p) => ask('format', [d.getText(), p.options])));
connection.onDocumentRangeFormatting(generalFeature('rangeFormatting', [], (ask, d, p) => ask('formatRange', [d.getText(), p.range, p.options])));
connection.onDocumentOnTypeFormatting(generalFeature('onTypeFormatting', [], (ask, d, p) => ask('formatOnType', [d.getText(), p.position, p.ch, p.options])));
connection.onDocumentSymbol(generalFeature('documentSymbol', [], (ask, d) => ask('computeSymbols', [{ uri: d.uri }, d.getText()])));
connection.onFoldingRanges(generalFeature('foldingRange', [], (ask, d) => ask('computeFoldingRanges', [d.getText()])));
connection.onDocumentLinks(generalFeature('documentLinks', [], (ask, d) => ask('computeLinks', [d.getText()])));
connection.onDocumentLinkResolve(isolated('documentLinkResolve', null as never, async (link) => (general ? ((await general.call('resolveLink', [link])) ?? link) : link)));
connection.languages.semanticTokens.on(generalFeature('semanticTokens', { data: [] }, (ask, d) => ask('computeSemanticTokens', [d.getText()])));
connection.onSignatureHelp(generalFeature('signatureHelp', null, (ask, d, p) => ask('computeSignatureHelp', [d.getText(), p.position])));
connection.onPrepareRename(generalFeature('prepareRename', null, (ask, d, p) => ask('prepareRename', [d.getText(), p.position])));
connection.onRenameRequest(
  generalFeature('rename', null, async (ask, d, p) => {
    const edits = await ask('computeRename', [{ uri: d.uri }, d.getText(), p.position, p.newName]);
    return edits && { changes: { [d.uri]: edits } };
  }),
);
connection.onDefinition(generalFeature('definition', null, (ask, d, p) => ask('computeDefinition', [{ uri: d.uri }, d.getText(), p.position])));
connection.onDocumentHighlight(generalFeature('documentHighlight', [], (ask, d, p) => ask('computeHighlightRanges', [d.getText(), p.position])));

process.on('uncaughtException', (error) => logError(`uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => logError(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));

documents.listen(connection);
connection.listen();
