/**
 * The least a language server on vscode-languageserver does in the bench's steady scenario: it keeps each open
 * document's text up to date (every server must, to answer about it) and answers every request the scenario sends
 * at once with nothing: diagnostics `[]` for every version, a null hover, an empty completion list, no code
 * actions. Built and started like ours (libraryFloor.ts), it is the floor this library, these pipes and this bench
 * client put under every server's steady measures in the same race: no server on this library can answer faster.
 */
import { TextDocumentSyncKind, TextDocuments } from '../../server/src/lsp/lspLibrary';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createServerConnection } from '../../server/src/lsp/transport/serverConnection';

const connection = createServerConnection();
const documents = new TextDocuments(TextDocument);
connection.onInitialize(() => ({
  capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, hoverProvider: true, completionProvider: {}, codeActionProvider: true },
}));
const publish = (document: TextDocument): void => void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [] });
// Fired on open and on every change.
documents.onDidChangeContent(({ document }) => publish(document));
documents.onDidClose(({ document }) => void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] }));
connection.onHover(() => null);
connection.onCompletion(() => ({ isIncomplete: false, items: [] }));
connection.onCodeAction(() => []);
documents.listen(connection);
connection.listen();
