/**
 * The server's connection: over stdio with one write per message (framedMessageWriter.ts); over IPC, a socket
 * or a pipe exactly as vscode-languageserver sets it up from the command line.
 */
import { format } from 'node:util';
import type { Connection, RemoteConsole } from 'vscode-languageserver/node';
import { createConnection, ProposedFeatures } from '../lspLibrary';
import { FramedMessageWriter } from './framedMessageWriter';

export function createServerConnection(argv: readonly string[] = process.argv): Connection {
  if (!argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  // stdin is passed as a stream, not a reader, so the library still ends the server when stdin ends or closes.
  // It takes a MessageWriter for the output; its overloads only declare stream/stream and reader/writer pairs.
  const writer = new FramedMessageWriter(process.stdout) as unknown as NodeJS.WritableStream;
  const connection = createConnection(ProposedFeatures.all, process.stdin, writer);
  routeConsoleToClient(connection.console);
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
