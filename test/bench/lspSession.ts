/**
 * A benchmark-grade LSP client over stdio that works with any server: starts it, times initialize,
 * waits for published diagnostics (by version when the server sends one, else the next publish), and
 * samples the server's memory. Both servers get the same client, the same capabilities and the same
 * answers to their `workspace/configuration` requests, so the comparison only measures the servers.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';

export interface ServerSpec {
  /** Shown in reports. */
  readonly name: string;
  /** A Node script (run with this Node) and its arguments. */
  readonly script: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly nodeArgs?: readonly string[];
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

interface Waiter {
  readonly uri: string;
  readonly version: number | undefined;
  readonly resolve: (params: PublishDiagnosticsParams) => void;
}

export class LspSession {
  private readonly waiters: Waiter[] = [];
  private readonly latest = new Map<string, Diagnostic[]>();
  private readonly stderr: string[] = [];
  private sampler: NodeJS.Timeout | undefined;
  private sampledPeakKb = 0;

  private constructor(
    readonly spec: ServerSpec,
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
  ) {}

  /** Spawns the server and completes the initialize handshake; `initializeMs` runs from spawn to the initialize response. */
  static async start(spec: ServerSpec): Promise<{ session: LspSession; initializeMs: number }> {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), spec.script, ...spec.args], { env: { ...process.env, ...spec.env }, stdio: 'pipe' });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const session = new LspSession(spec, child, connection);
    child.stderr.on('data', (chunk: Buffer) => void session.stderr.push(chunk.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => session.published(params));
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification('window/showMessage', () => undefined);
    // Both servers ask for their settings; an editor with no user settings answers null for each item.
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: CLIENT_CAPABILITIES, initializationOptions: {} });
    const initializeMs = performance.now() - t0;
    await connection.sendNotification('initialized', {});
    session.startSampling();
    return { session, initializeMs };
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /**
   * Resolves with the next publish for `uri`. Servers that version their diagnostics (ours) are matched on
   * `version`; a publish without a version (the reference server) is taken as the answer to the last change.
   * Register BEFORE sending the notification that causes it.
   */
  nextDiagnostics(uri: string, version: number | undefined, timeoutMs = 120_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(new Error(`${this.spec.name}: no diagnostics for ${uri} v${version ?? '?'} within ${timeoutMs} ms; stderr: ${this.stderrText()}`));
      }, timeoutMs);
      const waiter: Waiter = { uri, version, resolve: (params) => (clearTimeout(timer), resolve(params)) };
      this.waiters.push(waiter);
    });
  }

  /** The diagnostics last published for `uri` (what an editor would pass to a code action request). */
  diagnosticsOf(uri: string): Diagnostic[] {
    return this.latest.get(uri) ?? [];
  }

  /** Peak resident memory in KiB: the kernel's high-water mark where there is one, else the sampled peak. */
  peakRssKb(): number {
    const hwm = readStatusKb(this.pid, 'VmHWM');
    return Math.max(hwm ?? 0, this.sampledPeakKb);
  }

  /** Current resident memory in KiB (undefined where /proc is unavailable). */
  rssKb(): number | undefined {
    return readStatusKb(this.pid, 'VmRSS');
  }

  async stop(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
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

  private published(params: PublishDiagnosticsParams): void {
    this.latest.set(params.uri, params.diagnostics);
    const index = this.waiters.findIndex(
      (w) => w.uri === params.uri && (w.version === undefined || params.version === undefined || w.version === params.version),
    );
    if (index >= 0) this.waiters.splice(index, 1)[0]!.resolve(params);
  }

  /** Sampling catches peaks on systems without VmHWM; on Linux the high-water mark is exact anyway. */
  /** The end of what the server wrote on stderr, for error messages. */
  stderrText(): string {
    return this.stderr.join('').slice(-2000);
  }

  private startSampling(): void {
    this.sampler = setInterval(() => {
      const rss = this.rssKb();
      if (rss !== undefined && rss > this.sampledPeakKb) this.sampledPeakKb = rss;
    }, 20);
    this.sampler.unref();
  }
}

function readStatusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The p-th percentile (0-100) by nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}
