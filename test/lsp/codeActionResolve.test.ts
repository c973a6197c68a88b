/** Protocol test: with a client that resolves code actions (as VS Code does), edits come with codeAction/resolve. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { startServer, type TestClient } from '../helpers/lspClient';

const TEXT = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nCMD dotnet app.dll\n';
const RESOLVING = {
  textDocument: { codeAction: { dataSupport: true, resolveSupport: { properties: ['edit'] }, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor'] } } } },
  workspace: { configuration: true },
};

describe('code action edits resolved on demand', () => {
  let resolving: TestClient;
  let plain: TestClient;
  before(async () => {
    resolving = await startServer({ capabilities: RESOLVING });
    plain = await startServer();
  });
  after(async () => {
    await resolving.stop();
    await plain.stop();
  });

  async function actionsOf(client: TestClient, uri: string): Promise<CodeAction[]> {
    client.open(uri, TEXT, 1);
    const { diagnostics } = await client.diagnostics(uri, 1);
    assert.ok(diagnostics.some((d: Diagnostic) => d.code === 'shell-form-without-shell'));
    const range = { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } };
    return client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  test('the server offers resolve only to clients that keep data and resolve edits', () => {
    assert.deepEqual((resolving.initializeResult.capabilities.codeActionProvider as { resolveProvider?: boolean }).resolveProvider, true);
    assert.deepEqual((plain.initializeResult.capabilities.codeActionProvider as { resolveProvider?: boolean }).resolveProvider, false);
  });

  test('the list has no edits; each resolves to the edit a client without resolve gets in the list', async () => {
    const uri = 'file:///lsp/resolve/a/Dockerfile';
    const listed = await actionsOf(resolving, uri);
    const full = await actionsOf(plain, uri);
    assert.ok(listed.length > 0);
    assert.deepEqual(listed.map((a) => a.title), full.map((a) => a.title));
    assert.ok(listed.every((a) => a.edit === undefined && a.data !== undefined));
    for (let i = 0; i < listed.length; i++) {
      const resolved: CodeAction = await resolving.connection.sendRequest('codeAction/resolve', listed[i]);
      assert.deepEqual(resolved, full[i], listed[i]!.title);
    }
  });

  test('after an edit of the document, an action of the old list resolves to no edit', async () => {
    const uri = 'file:///lsp/resolve/b/Dockerfile';
    const listed = await actionsOf(resolving, uri);
    resolving.change(uri, `# changed\n${TEXT}`, 2);
    await resolving.diagnostics(uri, 2);
    const resolved: CodeAction = await resolving.connection.sendRequest('codeAction/resolve', listed[0]);
    assert.equal(resolved.edit, undefined);
    assert.equal(resolved.title, listed[0]!.title);
  });
});
