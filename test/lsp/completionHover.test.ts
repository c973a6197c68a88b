/** Protocol tests for .NET image completion and hover: the built server (dist/server.js) over stdio. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { startServer, type TestClient } from '../helpers/lspClient';
import { applyEdits, marked } from '../helpers/markers';

describe('completion and hover over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await startServer();
  });
  after(async () => {
    await client.stop();
  });

  async function completion(uri: string, source: string): Promise<{ items: CompletionItem[]; text: string }> {
    const doc = marked(source, uri);
    client.open(uri, doc.text);
    const result = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: doc.position(),
      context: { triggerKind: 2, triggerCharacter: '-' },
    })) as CompletionList | CompletionItem[] | null;
    assert.ok(result, 'the server answers');
    return { items: Array.isArray(result) ? result : result.items, text: doc.text };
  }

  test('after `aspnet:10.0-` the OSes of existing 10.0 tags, and accepting one writes it', async () => {
    const { items, text } = await completion('file:///lsp/completion/Dockerfile', 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-|');
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('noble') && labels.includes('alpine') && labels.includes('azurelinux3.0'), labels.join(', '));
    assert.ok(!labels.includes('chiseled') && !labels.includes('composite'), 'no variant before the OS');
    const noble = items.find((i) => i.label === 'noble')!;
    assert.ok(noble.textEdit && 'range' in noble.textEdit);
    assert.equal(applyEdits(text, [noble.textEdit]), 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble');
    assert.equal(noble.command?.command, 'editor.action.triggerSuggest');
    const documentation = noble.documentation as MarkupContent | undefined;
    assert.equal(documentation?.kind, 'markdown');
    // The server hands our items back unchanged on resolve: everything is there already.
    const resolved = (await client.connection.sendRequest('completionItem/resolve', noble)) as CompletionItem;
    assert.deepEqual(resolved.textEdit, noble.textEdit);
  });

  test('a hover on a chiseled tag says it has no shell', async () => {
    const uri = 'file:///lsp/hover/Dockerfile';
    const doc = marked('FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-|chi|seled|\nENTRYPOINT ["dotnet", "app.dll"]\n', uri);
    client.open(uri, doc.text);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: doc.position(1) })) as Hover | null;
    assert.ok(hover, 'a hover is returned');
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /no shell/i);
    assert.match(contents.value, /1654/);
    assert.deepEqual(hover.range, { start: doc.position(0), end: doc.position(2) });
  });
});
