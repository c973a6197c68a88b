/**
 * Protocol test: a fix whose COPY path only the user knows travels as an LSP 3.18 snippet edit, to clients that
 * announce `workspace.workspaceEdit.snippetEditSupport`, and to no other client.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { startServer, type TestClient } from '../helpers/lspClient';

const TEXT = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nWORKDIR /src\nCOPY . .\nRUN ./configure\nENTRYPOINT ["dotnet", "App.dll"]\n';
const TITLE = "Move RUN into a new SDK stage 'build', with the COPY it reads (fill in the path it produces)";

describe('snippet edits', () => {
  let snippets: TestClient;
  let plain: TestClient;
  before(async () => {
    snippets = await startServer({ capabilities: { workspace: { workspaceEdit: { documentChanges: true, snippetEditSupport: true } } } });
    plain = await startServer();
  });
  after(async () => {
    await snippets.stop();
    await plain.stop();
  });

  async function actionsOf(client: TestClient, uri: string): Promise<CodeAction[]> {
    client.open(uri, TEXT, 1);
    const { diagnostics } = await client.diagnostics(uri, 1);
    const run = diagnostics.filter((d: Diagnostic) => d.code === 'shell-form-without-shell' && d.range.start.line === 3);
    assert.equal(run.length, 1);
    return client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: run[0]!.range, context: { diagnostics: run } });
  }

  test('a client that applies snippet edits gets the move, with the path as a placeholder', async () => {
    const uri = 'file:///lsp/snippets/a/Dockerfile';
    const action = (await actionsOf(snippets, uri)).find((a) => a.title === TITLE);
    assert.ok(action?.edit?.documentChanges, 'offered as documentChanges');
    const change = action.edit.documentChanges[0]!;
    assert.ok('textDocument' in change && change.textDocument.uri === uri && change.textDocument.version === 1);
    const values = change.edits.map((edit) => ('snippet' in edit ? edit.snippet.value : undefined));
    assert.ok(values.every((v) => v !== undefined), 'every edit is a snippet edit');
    assert.ok(values.includes('COPY --from=build ${1:/path/in/build/stage} $1'), JSON.stringify(values));
  });

  test('a client that does not is never offered it', async () => {
    const titles = (await actionsOf(plain, 'file:///lsp/snippets/b/Dockerfile')).map((a) => a.title);
    assert.ok(!titles.includes(TITLE), JSON.stringify(titles));
    assert.ok(titles.some((t) => t.startsWith('Switch to')), 'the other fixes are offered');
  });
});
