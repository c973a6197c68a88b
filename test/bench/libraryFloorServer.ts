/**
 * The least a language server on vscode-languageserver does: open the connection as ours does and answer
 * initialize. test/bench/libraryFloor.ts builds it with our build (esbuild, the same loader and V8 code cache),
 * so its start time is the floor this library puts under ours; the bench reports it beside an empty Node program.
 */
import { createServerConnection } from '../../server/src/lsp/transport/serverConnection';

const connection = createServerConnection();
connection.onInitialize(() => ({ capabilities: {} }));
connection.listen();
