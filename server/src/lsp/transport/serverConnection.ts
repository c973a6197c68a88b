/**
 * The server's connection: over stdio with one write per message (framedMessageWriter.ts); over IPC, a socket
 * or a pipe exactly as vscode-languageserver sets it up from the command line. Every transport goes through
 * the lifecycle gate (lifecycleGate.ts: errors before initialize and after shutdown); stdio also through the
 * framing guard (framingGuard.ts: a malformed header is answered, or the stream closed with a clear error).
 */
import { format } from 'node:util';
import type { Connection, RemoteConsole, ResponseMessage } from 'vscode-languageserver/node';
import { createConnection, ProposedFeatures, ResponseError } from '../lspLibrary';
import { FramedMessageWriter } from './framedMessageWriter';
import { FramingGuard, type FramingProblem } from './framingGuard';
import { LifecycleGate, REFUSED_METHOD, type Refusal } from './lifecycleGate';

/** JSON-RPC's Parse error: the answer to bytes that are not a message (with `id: null`, as JSON-RPC says). */
const PARSE_ERROR = -32700;

export function createServerConnection(argv: readonly string[] = process.argv): Connection {
  const options = { messageStrategy: new LifecycleGate() };
  if (!argv.includes('--stdio')) return withRefusals(createConnection(ProposedFeatures.all, options));
  const writer = new FramedMessageWriter(process.stdout);
  const answer = (problem: FramingProblem, done: () => void): void => {
    const error: ResponseMessage = { jsonrpc: '2.0', id: null, error: { code: PARSE_ERROR, message: problem.message } };
    void writer
      .write(error)
      .catch(() => undefined)
      .finally(() => {
        if (!problem.fatal) return;
        // stderr, not the client's console: the connection is about to close.
        process.stderr.write(`dotnet-dockerfile-ls: ${problem.message}; closing the connection (the editor may restart the server).\n`);
        done();
      });
  };
  // stdin is passed as a stream, not a reader, so the library still ends the server when it ends or closes.
  // It takes a MessageWriter for the output; its overloads only declare stream/stream and reader/writer pairs.
  const input = process.stdin.pipe(new FramingGuard(answer));
  const connection = createConnection(ProposedFeatures.all, input, writer as unknown as NodeJS.WritableStream, options);
  routeConsoleToClient(connection.console);
  return withRefusals(connection);
}

/** Answers the requests the lifecycle gate refused (renamed to REFUSED_METHOD) with their error. */
function withRefusals(connection: Connection): Connection {
  connection.onRequest(REFUSED_METHOD, (refusal: Refusal) => new ResponseError(refusal.code, refusal.message));
  return connection;
}

/**
 * stdout carries the protocol: a stray `console.log` (ours or a dependency's) would corrupt it. The library does
 * this itself when it opens stdio from the command line; we open it, so we do it.
 */
function routeConsoleToClient(remote: RemoteConsole): void {
  const to = (send: (message: string) => void) => (...args: unknown[]) => send(format(...args));
  console.log = to((m) => remote.log(m));
  console.info = to((m) => remote.info(m));
  console.debug = to((m) => remote.log(m));
  console.warn = to((m) => remote.warn(m));
  console.error = to((m) => remote.error(m));
  console.trace = to((m) => remote.log(m));
}
