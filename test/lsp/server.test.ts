/** Protocol tests: the built server over stdio, as any editor starts it. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, DocumentSymbol, SymbolInformation } from 'vscode-languageserver-protocol';
import { startServer, type TestClient } from '../helpers/lspClient';
import { marked } from '../helpers/markers';

describe('language server over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await startServer();
  });
  after(async () => {
    await client.stop();
  });

  test('initialize announces completion, hover, code actions and the general features', () => {
    const caps = client.initializeResult.capabilities;
    assert.ok(caps.completionProvider);
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.codeActionProvider);
    assert.equal(caps.documentSymbolProvider, true);
    assert.equal(caps.documentFormattingProvider, true);
    assert.equal(client.initializeResult.serverInfo?.name, 'dotnet-dockerfile-ls');
  });

  test('general completion offers instructions at the start of a line', async () => {
    const doc = marked('FROM mcr.microsoft.com/dotnet/sdk:10.0\nWORKDIR /src\nCO|', 'file:///lsp/general/Dockerfile');
    client.open(doc.document.uri, doc.text);
    const result = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: doc.document.uri },
      position: doc.position(),
    })) as CompletionList | CompletionItem[];
    const items = Array.isArray(result) ? result : result.items;
    assert.ok(items.some((i) => i.label.startsWith('COPY')), `COPY offered, got ${items.map((i) => i.label).join(', ')}`);
  });

  test('document symbols list the stages', async () => {
    const uri = 'file:///lsp/symbols/Dockerfile';
    client.open(uri, 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nRUN dotnet publish -o /app\n\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\nCOPY --from=build /app .\n');
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as Array<SymbolInformation | DocumentSymbol>;
    const names = symbols.map((s) => s.name);
    assert.deepEqual(names.filter((n) => n === 'FROM').length, 2, `symbols: ${names.join(', ')}`);
  });

  test('a request for a document that was never opened answers empty, and the server keeps serving', async () => {
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nowhere/Dockerfile' }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
    const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///lsp/symbols/Dockerfile' } });
    assert.ok(Array.isArray(symbols) && symbols.length > 0);
  });

  test('diagnostics are published after didOpen and after didChange', async () => {
    const uri = 'file:///lsp/diagnostics/Dockerfile';
    client.open(uri, 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\n', 1);
    const first = await client.diagnostics(uri, 1);
    assert.ok(Array.isArray(first.diagnostics));
    client.change(uri, 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\nCMD echo hi\n', 2);
    const second = await client.diagnostics(uri, 2);
    assert.equal(second.version, 2);
  });
});
