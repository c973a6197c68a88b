/**
 * The values the server takes from vscode-languageserver, imported in this one module (types are imported from
 * the library anywhere). The library is CommonJS: esbuild gives each module that imports it an ES module view of
 * its own (`__toESM`, a getter for each of its ~320 exports), and with five importers the server built five of
 * them on every start, ~2 ms of it. An ESLint rule (eslint.config.mjs) keeps value imports here.
 */
export {
  AbstractMessageWriter,
  createConnection,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  ResponseError,
  SemanticTokenModifiers,
  SemanticTokenTypes,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
