/**
 * The language server reads the build context of a Dockerfile (the built server over stdio): missing-dockerignore
 * from the .dockerignore it finds, the fix that creates one for a client that can create files, a new reading when
 * a watched .dockerignore changes; and dockerfile-syntax stays quiet when another Docker extension reports syntax.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CreateFile, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-types';
import { startServer } from '../helpers/lspClient';

const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const DOCKERFILE = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -c Release -o /app\n\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\nCOPY --from=build /app .\nENTRYPOINT ["dotnet", "App.dll"]\n';
const codes = (diagnostics: Diagnostic[]): unknown[] => diagnostics.map((d) => d.code);

function folder(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ddf-lsp-context-'));
  folders.push(root);
  return root;
}

describe('the build context in the language server', () => {
  test('missing-dockerignore from the disk, its create-file fix, and a new reading after the file changes', async () => {
    const root = folder();
    const server = await startServer({
      env: { DOTNET_DOCKERFILE_CACHE: root },
      capabilities: { workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] }, didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    try {
      const uri = pathToFileURL(path.join(root, 'Dockerfile')).href;
      server.open(uri, DOCKERFILE);
      const first = await server.diagnostics(uri, 1);
      const finding = first.diagnostics.find((d) => d.code === 'missing-dockerignore');
      assert.ok(finding, JSON.stringify(first.diagnostics));
      const actions = (await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: finding.range, context: { diagnostics: [finding] } })) as CodeAction[];
      const create = actions.find((a) => a.title === 'Create a .dockerignore for .NET');
      assert.ok(create, JSON.stringify(actions.map((a) => a.title)));
      const [creation, content] = create.edit!.documentChanges as [CreateFile, TextDocumentEdit];
      assert.deepEqual(creation, { kind: 'create', uri: pathToFileURL(path.join(root, '.dockerignore')).href, options: { overwrite: false, ignoreIfExists: false } });
      assert.match((content.edits[0] as { newText: string }).newText, /\*\*\/bin\/\n\*\*\/obj\//);

      // The user (or the fix) writes the file; the watcher tells the server, which reads it again.
      writeFileSync(path.join(root, '.dockerignore'), (content.edits[0] as { newText: string }).newText);
      await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: creation.uri, type: 1 }] });
      const second = await server.diagnostics(uri, 1);
      assert.ok(!codes(second.diagnostics).includes('missing-dockerignore'), JSON.stringify(second.diagnostics));
    } finally {
      await server.stop();
    }
  });

  test('no create-file fix for a client without resource operations', async () => {
    const root = folder();
    const server = await startServer({ env: { DOTNET_DOCKERFILE_CACHE: root } });
    try {
      const uri = pathToFileURL(path.join(root, 'Dockerfile')).href;
      server.open(uri, DOCKERFILE);
      const finding = (await server.diagnostics(uri, 1)).diagnostics.find((d) => d.code === 'missing-dockerignore');
      assert.ok(finding);
      const actions = (await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: finding.range, context: { diagnostics: [finding] } })) as CodeAction[];
      assert.deepEqual(actions, []);
    } finally {
      await server.stop();
    }
  });

  test('dockerfile-syntax: reported on its own, quiet when another Docker extension checks syntax', async () => {
    const root = folder();
    const broken = 'FORM mcr.microsoft.com/dotnet/aspnet:10.0\n';
    const alone = await startServer({ env: { DOTNET_DOCKERFILE_CACHE: root } });
    const beside = await startServer({ env: { DOTNET_DOCKERFILE_CACHE: root }, initializationOptions: { installedExtensions: ['docker.docker'] } });
    try {
      const uri = pathToFileURL(path.join(root, 'Dockerfile')).href;
      alone.open(uri, broken);
      beside.open(uri, broken);
      assert.deepEqual(codes((await alone.diagnostics(uri, 1)).diagnostics), ['dockerfile-syntax']);
      assert.deepEqual(codes((await beside.diagnostics(uri, 1)).diagnostics), []);
    } finally {
      await alone.stop();
      await beside.stop();
    }
  });
});
