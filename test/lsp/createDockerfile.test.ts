/**
 * "Create a Dockerfile for this project" through the built server over stdio: the request the client's command
 * sends, the code action of an empty Dockerfile, and the hover that says where the project was looked for when
 * none was found.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Hover, TextDocumentEdit } from 'vscode-languageserver-types';
import { startServer } from '../helpers/lspClient';
import { removeTrees, writeTree } from '../helpers/tempTree';
import { marked } from '../helpers/markers';

after(removeTrees);

const web = '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup><ItemGroup><ProjectReference Include="../Lib/Lib.csproj" /></ItemGroup></Project>';
const lib = '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>';
const uri = (root: string, file: string): string => pathToFileURL(path.join(root, file)).href;

describe('creating a Dockerfile through the language server', () => {
  test('the request answers the Dockerfile and the .dockerignore for a project, at the build context', async () => {
    const root = writeTree('ddf-lsp-create-', { 'Api/Api.csproj': web, 'Lib/Lib.csproj': lib });
    const server = await startServer({ rootUri: pathToFileURL(root).href, env: { DOTNET_DOCKERFILE_CACHE: root } });
    try {
      const answer = (await server.connection.sendRequest('dotnetDockerfile/createDockerfile', { project: uri(root, 'Api/Api.csproj') })) as {
        ok: boolean;
        files: { uri: string; text: string }[];
        message: string;
      };
      assert.equal(answer.ok, true, JSON.stringify(answer));
      assert.deepEqual(answer.files.map((f) => f.uri), [uri(root, 'Api/Dockerfile'), uri(root, '.dockerignore')]);
      assert.match(answer.files[0]!.text, /COPY \["Lib\/Lib\.csproj", "Lib\/"\]/);
      assert.match(answer.files[0]!.text, /docker build -f Api\/Dockerfile -t api \./);
      assert.match(answer.message, /Dockerfile for Api\/Api\.csproj: sdk:10\.0-noble → aspnet:10\.0-noble-chiseled-composite-extra\. Build it: docker build -f Api\/Dockerfile -t api \./);
      const refused = (await server.connection.sendRequest('dotnetDockerfile/createDockerfile', { project: uri(root, 'Lib/Lib.csproj') })) as { ok: boolean; error: string };
      assert.deepEqual(refused, { ok: false, error: 'Lib.csproj builds a library (OutputType Library), not an app: create the Dockerfile for the project that runs (OutputType Exe, or the Web or Worker SDK).' });
    } finally {
      await server.stop();
    }
  });

  test('an empty Dockerfile beside a project offers to write it, and the .dockerignore with it', async () => {
    const root = writeTree('ddf-lsp-empty-', { 'Api/Api.csproj': web, 'Lib/Lib.csproj': lib, 'Api/Dockerfile': '' });
    const server = await startServer({
      rootUri: pathToFileURL(root).href,
      env: { DOTNET_DOCKERFILE_CACHE: root },
      capabilities: { workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } } },
    });
    try {
      const dockerfile = uri(root, 'Api/Dockerfile');
      server.open(dockerfile, '\n');
      await server.diagnostics(dockerfile, 1);
      const actions = (await server.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: dockerfile },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [] },
      })) as CodeAction[];
      const fill = actions.find((a) => a.title === 'Write the Dockerfile for Api.csproj');
      assert.ok(fill?.edit?.documentChanges, JSON.stringify(actions.map((a) => a.title)));
      const [dockerfileEdit, create, ignoreEdit] = fill.edit.documentChanges as [TextDocumentEdit, { kind: string; uri: string }, TextDocumentEdit];
      const newText = (edit: TextDocumentEdit): string => {
        const first = edit.edits[0]!;
        return 'newText' in first ? first.newText : '';
      };
      assert.match(newText(dockerfileEdit), /^# syntax=docker\/dockerfile:1\n# Written by dotnet-dockerfile for Api\/Api\.csproj/);
      assert.match(newText(dockerfileEdit), /ENTRYPOINT \["dotnet", "Api\.dll"\]\n$/);
      assert.deepEqual(create, { kind: 'create', uri: uri(root, '.dockerignore'), options: { ignoreIfExists: true } });
      assert.match(newText(ignoreEdit), /\*\*\/obj\//);
      // Once the file has text, the action is gone.
      server.change(dockerfile, 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\n', 2);
      await server.diagnostics(dockerfile, 2);
      const later = (await server.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: dockerfile },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [] },
      })) as CodeAction[];
      assert.equal(later.some((a) => a.title.startsWith('Write the Dockerfile')), false);
    } finally {
      await server.stop();
    }
  });

  test('no project found: the hover on the final image says so and where it looked', async () => {
    const root = writeTree('ddf-lsp-noproject-', { 'deploy/Dockerfile': '', 'README.md': '' });
    const server = await startServer({ rootUri: pathToFileURL(root).href, env: { DOTNET_DOCKERFILE_CACHE: root } });
    try {
      const dockerfile = uri(root, 'deploy/Dockerfile');
      const source = marked('FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nWORKDIR /src\nCOPY . .\nRUN dotnet publish src/Api/Api.csproj -o /app\n\nFROM mcr.microsoft.com/dotnet/aspnet:|10.0\nCOPY --from=build /app /app\n');
      server.open(dockerfile, source.text);
      await server.diagnostics(dockerfile, 1);
      const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: dockerfile }, position: source.position(0) })) as Hover;
      const text = (hover.contents as { value: string }).value;
      assert.match(text, /\*\*No project file found\*\* for this Dockerfile/);
      assert.match(text, /- build contexts tried: \., \.\.\n- src\/Api\/Api\.csproj \(dotnet publish src\/Api\/Api\.csproj\)\n- the one project file in the Dockerfile's folder\n- the one project file in \.\./);
    } finally {
      await server.stop();
    }
  });
});
