/**
 * A minimal LSP client for protocol tests: starts the BUILT server (dist/server.js) over stdio, like any
 * editor would, and speaks JSON-RPC to it. Collects published diagnostics and log messages.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const serverPath = path.join(repoRoot, 'dist', 'server.js');

export interface TestClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcessWithoutNullStreams;
  readonly initializeResult: InitializeResult;
  readonly logs: string[];
  /** What the server wrote on stderr so far. */
  stderr(): string;
  /** Resolves with the next diagnostics published for `uri` (optionally for a given version). */
  diagnostics(uri: string, version?: number, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  open(uri: string, text: string, version?: number): void;
  change(uri: string, text: string, version: number): void;
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly env?: Record<string, string>;
  readonly initializationOptions?: unknown;
  readonly capabilities?: Record<string, unknown>;
  readonly args?: string[];
  /** The workspace the server is started on (initialize's rootUri and its one workspace folder); none by default. */
  readonly rootUri?: string;
  /** Answers each `workspace/configuration` item (default: null, i.e. no settings). */
  readonly configuration?: (item: { readonly section?: string; readonly scopeUri?: string }) => unknown;
}

export async function startServer(options: StartOptions = {}): Promise<TestClient> {
  const child = spawn(process.execPath, [serverPath, ...(options.args ?? ['--stdio'])], {
    env: { ...process.env, ...options.env },
    stdio: 'pipe',
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const logs: string[] = [];
  const published: PublishDiagnosticsParams[] = [];
  const waiters: Array<{ uri: string; version: number | undefined; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  connection.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
  connection.onNotification('window/showMessage', (p: { message: string }) => void logs.push(p.message));
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    const waiter = waiters.findIndex((w) => w.uri === p.uri && (w.version === undefined || w.version === p.version));
    if (waiter >= 0) waiters.splice(waiter, 1)[0]!.resolve(p);
    else published.push(p);
  });
  connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string; scopeUri?: string }> }) =>
    params.items.map((item) => options.configuration?.(item) ?? null),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  const initializeResult = (await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: options.rootUri ?? null,
    ...(options.rootUri ? { workspaceFolders: [{ uri: options.rootUri, name: 'workspace' }] } : {}),
    capabilities: options.capabilities ?? {
      textDocument: { completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } }, hover: { contentFormat: ['markdown'] } },
      workspace: { configuration: true },
    },
    initializationOptions: options.initializationOptions ?? {},
  })) as InitializeResult;
  await connection.sendNotification('initialized', {});
  return {
    connection,
    process: child,
    initializeResult,
    logs,
    stderr: () => stderr.join(''),
    diagnostics(uri, version, timeoutMs = 5000) {
      const index = published.findIndex((p) => p.uri === uri && (version === undefined || p.version === version));
      if (index >= 0) return Promise.resolve(published.splice(index, 1)[0]!);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms; stderr: ${stderr.join('')}`)), timeoutMs);
        waiters.push({ uri, version, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    open(uri, text, version = 1) {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version, text } });
    },
    change(uri, text, version) {
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await connection.sendNotification('exit');
      } catch {
        // the server may already be gone
      }
      connection.dispose();
      child.kill();
    },
  };
}
