/**
 * A benchmark-grade LSP client over stdio that works with any server: starts it (a Node script or a binary),
 * times the start, keeps the editor's copy of each open document and sends changes in the form the server asked
 * for (ranges or the whole text), matches each publish of diagnostics to the document version it answers, and
 * reads the server's peak memory. Every server gets the same client, the same capabilities and the same answers
 * to its `workspace/configuration` requests, so the comparison only measures the servers.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams, ServerCapabilities } from 'vscode-languageserver-protocol';
import { EditorDocument, syncKindOf, type Edit, type SyncKind } from './editorDocument';
import { readStatusKb } from './procStatus';
import { PublishMatcher } from './publishMatcher';

export interface ServerSpec {
  /** Shown in reports. */
  readonly name: string;
  /** The program and its arguments, exactly as an editor starts the server. */
  readonly command: string;
  readonly args: readonly string[];
  /** Added to the bench's environment. */
  readonly env?: Readonly<Record<string, string>>;
}

/** A Node server started as editors start it: `node [nodeArgs] script args`, with this bench's Node. */
export function nodeServer(name: string, script: string, args: readonly string[], env?: Readonly<Record<string, string>>, nodeArgs: readonly string[] = []): ServerSpec {
  return { name, command: process.execPath, args: [...nodeArgs, script, ...args], ...(env ? { env } : {}) };
}

/** What an editor announces: snippets, markdown, code action literals, applyEdit, pull configuration, versioned diagnostics. */
export const CLIENT_CAPABILITIES = {
  textDocument: {
    synchronization: { didSave: true },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    // As VS Code declares it: actions may carry data, and their edits can be resolved when one is picked.
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'refactor.rewrite', 'source', 'source.fixAll'] } }, dataSupport: true, resolveSupport: { properties: ['edit'] } },
    publishDiagnostics: { versionSupport: true, relatedInformation: true },
  },
  workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true } },
} as const;

/** A publish of diagnostics as the client received it. */
export interface Published {
  readonly params: PublishDiagnosticsParams;
  /** The document version it answers: the server's own, or inferred (see `published`). */
  readonly version: number | undefined;
  /** performance.now() when it arrived. */
  readonly at: number;
}

interface Waiter {
  readonly uri: string;
  readonly version: number;
  readonly resolve: (published: Published) => void;
}

export class LspSession {
  private readonly waiters: Waiter[] = [];
  private readonly latest = new Map<string, Diagnostic[]>();
  private readonly matcher = new PublishMatcher();
  private readonly documents = new Map<string, EditorDocument>();
  private readonly stderr: string[] = [];
  private lastPeakKb: number | undefined;

  private constructor(
    readonly spec: ServerSpec,
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
    /** performance.now() just before the spawn. */
    readonly spawnedAt: number,
  ) {}

  /** What the server answered to initialize. */
  capabilities: ServerCapabilities = {};
  serverInfo: InitializeResult['serverInfo'];
  /** How the server wants document changes. */
  sync: SyncKind = 2;

  /**
   * Spawns the server, completes the initialize handshake and sends `initialized`, as an editor does;
   * `initializeMs` runs from the spawn to the initialize response.
   */
  static async start(spec: ServerSpec): Promise<{ session: LspSession; initializeMs: number }> {
    const spawnedAt = performance.now();
    const child = spawn(spec.command, [...spec.args], { env: { ...process.env, ...spec.env }, stdio: 'pipe' });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const session = new LspSession(spec, child, connection, spawnedAt);
    child.stderr.on('data', (chunk: Buffer) => void session.stderr.push(chunk.toString()));
    const exited = new Promise<never>((_, reject) => {
      child.once('error', (error) => reject(new Error(`${spec.name} did not start (${spec.command}): ${error.message}`)));
      child.once('exit', (code, signal) => reject(new Error(`${spec.name} exited during initialize (code ${code}, signal ${signal}); stderr: ${session.stderrText()}`)));
    });
    exited.catch(() => undefined);
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => session.published(params));
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification('window/showMessage', () => undefined);
    // Servers ask for their settings; an editor with no user settings answers null for each item.
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    const result = await Promise.race([
      connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: CLIENT_CAPABILITIES, initializationOptions: {} }) as Promise<InitializeResult>,
      exited,
    ]);
    const initializeMs = performance.now() - spawnedAt;
    session.capabilities = result.capabilities ?? {};
    session.serverInfo = result.serverInfo;
    session.sync = syncKindOf(session.capabilities.textDocumentSync) ?? 2;
    await connection.sendNotification('initialized', {});
    return { session, initializeMs };
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether the server offers the request (editors send none the server did not announce). */
  supports(provider: 'hoverProvider' | 'completionProvider' | 'codeActionProvider'): boolean {
    return Boolean(this.capabilities[provider]);
  }

  open(uri: string, text: string): Promise<void> {
    const document = new EditorDocument(uri, text, this.sync);
    this.documents.set(uri, document);
    this.matcher.sent(uri, document.version);
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: document.version, text } });
  }

  /** Applies an edit to the open document and sends it; resolves with the new version once it is written. */
  async edit(uri: string, edit: Edit): Promise<number> {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${this.spec.name}: edit of ${uri}, which is not open`);
    const { version, changes } = document.apply(edit);
    this.matcher.sent(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** The editor's copy of an open document. */
  document(uri: string): EditorDocument | undefined {
    return this.documents.get(uri);
  }

  close(uri: string): Promise<void> {
    this.documents.delete(uri);
    this.matcher.closed(uri);
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /**
   * Resolves with the publish for `uri` that answers `version` or a later one (a server may skip versions it was
   * too late for). Register BEFORE sending the notification that causes it.
   */
  diagnosticsFor(uri: string, version: number, timeoutMs = 300_000): Promise<Published> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(new Error(`${this.spec.name}: no diagnostics for ${uri} v${version} within ${timeoutMs} ms; stderr: ${this.stderrText()}`));
      }, timeoutMs);
      const waiter: Waiter = { uri, version, resolve: (published) => (clearTimeout(timer), resolve(published)) };
      this.waiters.push(waiter);
    });
  }

  /** The diagnostics last published for `uri` (what an editor would pass to a code action request). */
  diagnosticsOf(uri: string): Diagnostic[] {
    return this.latest.get(uri) ?? [];
  }

  /** Peak resident memory of the server process so far (VmHWM, KiB); after `stop`, the last value read. */
  peakRssKb(): number | undefined {
    if (this.child.exitCode === null && this.child.signalCode === null) this.lastPeakKb = readStatusKb(this.pid, 'VmHWM') ?? this.lastPeakKb;
    return this.lastPeakKb;
  }

  /** Shuts the server down as an editor does (shutdown, exit), killing it if it does not go; reads its peak memory first. */
  async stop(): Promise<void> {
    this.peakRssKb();
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      const timer = setTimeout(() => (this.child.kill(), resolve()), 3000);
      this.child.once('exit', () => (clearTimeout(timer), resolve()));
    });
    this.connection.dispose();
  }

  /** The end of what the server wrote on stderr, for error messages. */
  stderrText(): string {
    return this.stderr.join('').slice(-2000);
  }

  /** Resolves the waiters that this publish answers (publishMatcher.ts says which version it answers). */
  private published(params: PublishDiagnosticsParams): void {
    const at = performance.now();
    this.latest.set(params.uri, params.diagnostics);
    const version = this.matcher.answered(params.uri, typeof params.version === 'number' ? params.version : undefined);
    if (version === undefined) return;
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i]!;
      if (waiter.uri === params.uri && version >= waiter.version) {
        this.waiters.splice(i, 1);
        waiter.resolve({ params, version, at });
      }
    }
  }
}
