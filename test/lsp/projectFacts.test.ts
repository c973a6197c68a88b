/**
 * The language server reads the project next to a Dockerfile (the built server over stdio): it asks the
 * client to watch project files, reports project rules, and re-reads the project when a watched file changes.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { startServer } from '../helpers/lspClient';

const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const project = (tfm: string): string => `<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>${tfm}</TargetFramework></PropertyGroup></Project>`;

describe('project facts in the language server', () => {
  test('a project rule fires from the .csproj, and follows it when the file changes', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'ddf-lsp-project-'));
    folders.push(root);
    const csproj = path.join(root, 'Api.csproj');
    writeFileSync(csproj, project('net8.0'));
    const registrations: unknown[] = [];
    const server = await startServer({
      env: { DOTNET_DOCKERFILE_CACHE: root },
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    server.connection.onRequest('client/registerCapability', (params: unknown) => {
      registrations.push(params);
      return null;
    });
    try {
      const uri = pathToFileURL(path.join(root, 'Dockerfile')).href;
      server.open(uri, 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nCOPY bin/publish /app\nENTRYPOINT ["dotnet", "/app/Api.dll"]\n');
      const first = await server.diagnostics(uri, 1);
      const codes = (diagnostics: Diagnostic[]): unknown[] => diagnostics.map((d) => d.code);
      assert.ok(codes(first.diagnostics).includes('project-version-mismatch'), JSON.stringify(first.diagnostics));

      writeFileSync(csproj, project('net10.0'));
      await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(csproj).href, type: 2 }] });
      const second = await server.diagnostics(uri, 1);
      assert.ok(!codes(second.diagnostics).includes('project-version-mismatch'), JSON.stringify(second.diagnostics));

      const watchers = JSON.stringify(registrations);
      assert.match(watchers, /workspace\/didChangeWatchedFiles/);
      assert.match(watchers, /\*\*\/\*\.csproj/);
      assert.match(watchers, /Directory\.Build\.props/);
    } finally {
      await server.stop();
    }
  });
});
