/**
 * Issue 19 against the BUILT server over stdio, one workspace for all cases: files in the repository that hang
 * (#1), positions and options past any bound (#2), quadratic semantic tokens (#4), a 100,000-character tag
 * (#5), bad project files (#9), a project outside the workspace (#10). Every request is held to 1 s, the
 * process to 500 MB, and after each case a normal document is still served correctly.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, CompletionList, Hover, SemanticTokens, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { marked } from '../helpers/markers';
import type { TestClient } from '../helpers/lspClient';
import { removeTrees, writeTree } from '../helpers/tempTree';
import { assertMemory, assertStillServing, completionItems, startHostileServer, timedOpen, timedRequest } from './harness';

const NET8 = '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>';
/** The net8.0 project was read: a rule compares it with the 10.0 images (version-mismatch or project-version-mismatch). */
const readNet8 = (diagnostics: Array<{ message: string }>): boolean => diagnostics.some((d) => /targets? \.NET 8\.0|net8\.0/.test(d.message));

const DOCKERFILE = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nRUN dotnet publish -o /app\nFROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chi|seled\nCOPY --from=build /app .\nENTRYPOINT ["dotnet", "App.dll"]\n';

/** Every range of a result lies inside the text. */
function assertInside(text: string, ranges: Array<{ start: { line: number; character: number }; end: { line: number; character: number } }>, what: string): void {
  const document = TextDocument.create('file:///check', 'dockerfile', 1, text);
  for (const range of ranges) {
    for (const position of [range.start, range.end]) assert.deepEqual(document.positionAt(document.offsetAt(position)), position, `${what}: ${JSON.stringify(range)} lies outside the document`);
  }
}

describe('the built server on hostile input', { timeout: 300_000 }, () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = writeTree('ddf-hostile-ws-', {});
    client = await startHostileServer({ rootUri: pathToFileURL(root).href });
  });
  after(async () => {
    await client.stop();
    removeTrees();
  });

  /** Writes a folder of the workspace and opens its Dockerfile; returns its uri and marked text. */
  function folder(name: string, files: Record<string, string>, dockerfile = DOCKERFILE): { uri: string; doc: ReturnType<typeof marked> } {
    for (const [relative, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, name, relative)), { recursive: true });
      writeFileSync(path.join(root, name, relative), content);
    }
    mkdirSync(path.join(root, name), { recursive: true });
    const file = path.join(root, name, 'Dockerfile');
    const doc = marked(dockerfile, pathToFileURL(file).href);
    writeFileSync(file, doc.text);
    return { uri: pathToFileURL(file).href, doc };
  }

  describe('#1 a file in the repository that is a device, a FIFO or huge', () => {
    for (const [name, make] of [
      ['a link to /dev/zero', (file: string) => symlinkSync('/dev/zero', file)],
      ['a FIFO', (file: string) => execFileSync('mkfifo', [file])],
      ['a 3 MB file', (file: string) => writeFileSync(file, `<Project>${' '.repeat(3 * 1024 * 1024)}</Project>`)],
    ] as const) {
      test(`Directory.Build.props that is ${name}: diagnostics, hover and completion in budget, the project still read`, async () => {
        const { uri, doc } = folder(`props-${name.replace(/\W+/g, '-')}`, { 'App.csproj': NET8 });
        make(path.join(root, `props-${name.replace(/\W+/g, '-')}`, 'Directory.Build.props'));
        const { diagnostics } = await timedOpen(client, `#1 ${name}`, uri, doc.text);
        assert.ok(readNet8(diagnostics), `the net8.0 project was not read: ${JSON.stringify(diagnostics)}`);
        const hover = await timedRequest<Hover | null>(client, `#1 ${name}`, 'textDocument/hover', { textDocument: { uri }, position: doc.position() });
        assert.ok(hover);
        assert.ok(client.logs.some((line) => /Directory\.Build\.props (could not be|was not) read/.test(line)), 'the unreadable file is named in the log');
        assertMemory(client, `#1 ${name}`);
        await assertStillServing(client, `#1 ${name}`);
      });
    }
  });

  describe('#2 positions, ranges and formatting options past any bound', () => {
    const text = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\nRUN echo hi\n';
    const uri = 'file:///hostile/positions/Dockerfile';
    before(async () => {
      await timedOpen(client, '#2', uri, text);
    });
    const huge = [2_147_483_648, 1e8, 2 ** 53, 1e300, -1, 1.5, Number.NaN];
    for (const line of huge) {
      test(`rangeFormatting to line ${line}, formatting with tabSize ${line}`, async () => {
        const range = { start: { line: 0, character: 0 }, end: { line, character: line } };
        const options = { tabSize: line, insertSpaces: true };
        const edits = await timedRequest<TextEdit[]>(client, `#2 rangeFormatting ${line}`, 'textDocument/rangeFormatting', { textDocument: { uri }, range, options });
        assertInside(text, edits.map((e) => e.range), 'rangeFormatting');
        const formatted = await timedRequest<TextEdit[]>(client, `#2 formatting ${line}`, 'textDocument/formatting', { textDocument: { uri }, options });
        assert.ok(formatted.every((e) => e.newText.length < 200), 'no edit longer than a bounded tab');
        const position = { line, character: line };
        await timedRequest(client, `#2 onTypeFormatting ${line}`, 'textDocument/onTypeFormatting', { textDocument: { uri }, position, ch: '\\', options });
        const items = completionItems(await timedRequest<CompletionList | CompletionItem[] | null>(client, `#2 completion ${line}`, 'textDocument/completion', { textDocument: { uri }, position }));
        assertInside(text, items.flatMap((i) => (i.textEdit && 'range' in i.textEdit ? [i.textEdit.range] : [])), 'completion');
        const hover = await timedRequest<Hover | null>(client, `#2 hover ${line}`, 'textDocument/hover', { textDocument: { uri }, position });
        if (hover?.range) assertInside(text, [hover.range], 'hover');
        await timedRequest(client, `#2 codeAction ${line}`, 'textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [{ range, message: 'x' }] } });
        for (const method of ['textDocument/documentHighlight', 'textDocument/definition', 'textDocument/signatureHelp', 'textDocument/prepareRename']) {
          await timedRequest(client, `#2 ${method} ${line}`, method, { textDocument: { uri }, position });
        }
        await timedRequest(client, `#2 rename ${line}`, 'textDocument/rename', { textDocument: { uri }, position, newName: 'x'.repeat(1000) });
      });
    }
    after(async () => {
      assertMemory(client, '#2');
      await assertStillServing(client, '#2');
    });
  });

  describe('#4 semantic tokens on long continuations', () => {
    const continuation = (lines: number): string => `FROM mcr.microsoft.com/dotnet/sdk:10.0\nRUN a \\\n${Array.from({ length: lines }, (_, i) => `  b${i} \\\n`).join('')}  end\n`;

    test('RUN a \\ and 10,000 continuation lines: real tokens, well under a second (54 s before)', async () => {
      const uri = 'file:///hostile/continuation/10000/Dockerfile';
      await timedOpen(client, '#4 10,000', uri, continuation(10_000));
      // The first general request starts the worker: warm it on a small document first.
      await timedRequest(client, '#4 warm-up', 'textDocument/semanticTokens/full', { textDocument: { uri: 'file:///hostile/positions/Dockerfile' } });
      const tokens = await timedRequest<SemanticTokens>(client, '#4 10,000', 'textDocument/semanticTokens/full', { textDocument: { uri } }, 900);
      assert.ok(tokens.data.length >= 10_000 * 5, `${tokens.data.length / 5} tokens: the request ran out of time and answered empty`);
      assertMemory(client, '#4 10,000');
      await assertStillServing(client, '#4 10,000');
    });

    test('60,000 continuation lines (700 KB): answered in budget (empty past the worker deadline), at once the next time', async () => {
      const uri = 'file:///hostile/continuation/60000/Dockerfile';
      await timedOpen(client, '#4 60,000', uri, continuation(60_000));
      for (const method of ['textDocument/semanticTokens/full', 'textDocument/foldingRange', 'textDocument/documentSymbol', 'textDocument/formatting']) {
        await timedRequest(client, `#4 60,000 ${method}`, method, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
      }
      await timedRequest(client, '#4 60,000 again', 'textDocument/semanticTokens/full', { textDocument: { uri } }, 200);
      assertMemory(client, '#4 60,000');
      await assertStillServing(client, '#4 60,000');
    });
  });

  describe('#5 a tag of 100,000 characters', () => {
    for (const fill of ['-', 'a', 'a-', '1.']) {
      test(`aspnet: followed by 100,000 characters of ${JSON.stringify(fill)}`, async () => {
        const uri = `file:///hostile/tag/${encodeURIComponent(fill)}/Dockerfile`;
        const text = `FROM mcr.microsoft.com/dotnet/aspnet:${fill.repeat(100_000 / fill.length)}\n`;
        const { diagnostics } = await timedOpen(client, `#5 ${fill}`, uri, text);
        const total = diagnostics.reduce((sum, d) => sum + d.message.length, 0);
        assert.ok(total < 2000, `messages of ${total} characters`);
        assert.ok(diagnostics.some((d) => /a tag has at most 128 characters/.test(d.message)));
        const hover = await timedRequest<Hover | null>(client, `#5 ${fill}`, 'textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 50 } });
        assert.ok(JSON.stringify(hover).length < 4 * text.length);
        await timedRequest(client, `#5 ${fill}`, 'textDocument/completion', { textDocument: { uri }, position: { line: 0, character: text.length - 1 } });
        await timedRequest(client, `#5 ${fill}`, 'textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } });
        assertMemory(client, `#5 ${fill}`);
      });
    }
    after(() => assertStillServing(client, '#5'));
  });

  describe('#9 one bad project file never breaks hover or completion', () => {
    const bad: Record<string, string> = {
      'out-of-range-entity': '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net8.0</TargetFramework><D>&#x110000;</D></PropertyGroup></Project>',
      doubling: `<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net8.0</TargetFramework><P0>x</P0>${Array.from({ length: 40 }, (_, i) => `<P${i + 1}>$(P${i})$(P${i})</P${i + 1}>`).join('')}</PropertyGroup></Project>`,
      'many-dollar-parens': `<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net8.0</TargetFramework><X>${'$('.repeat(100_000)}</X></PropertyGroup></Project>`,
      'long-blanks': `<Project Sdk="Microsoft.NET.Sdk.Web"${' '.repeat(200_000)}><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup><PropertyGroup Condition="'a'=='a'${' '.repeat(3000)}and${' '.repeat(1000)}'b'=='b'"><X>1</X></PropertyGroup><PropertyGroup Condition="(${' '.repeat(100_000)}"><Y>1</Y></PropertyGroup></Project>`,
    };
    for (const [name, project] of Object.entries(bad)) {
      test(name, async () => {
        const dockerfile = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nRUN dotnet publish -o /app\nFROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chi|seled\nFROM mcr.microsoft.com/dotnet/aspnet:10.0-|\n';
        const { uri, doc } = folder(`bad-${name}`, { 'App.csproj': project }, dockerfile);
        const { diagnostics } = await timedOpen(client, `#9 ${name}`, uri, doc.text);
        assert.ok(readNet8(diagnostics), `net8.0 was not read: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
        const hover = await timedRequest<Hover | null>(client, `#9 ${name}`, 'textDocument/hover', { textDocument: { uri }, position: doc.position(0) });
        assert.ok(hover && JSON.stringify(hover.contents).includes('chiseled'), `hover: ${JSON.stringify(hover)}`);
        const items = completionItems(await timedRequest<CompletionList | CompletionItem[] | null>(client, `#9 ${name}`, 'textDocument/completion', { textDocument: { uri }, position: doc.position(1) }));
        assert.ok(items.length > 0, 'completion answered');
        assertMemory(client, `#9 ${name}`);
      });
    }
  });

  describe('#10 a project outside the workspace', () => {
    test('`dotnet publish ../../../../outside/X.csproj` and a link to it are not read', async () => {
      const outside = writeTree('ddf-hostile-outside-', { 'X.csproj': NET8 });
      const relative = path.relative(path.join(root, 'deep/a/b/c'), path.join(outside, 'X.csproj'));
      const { uri, doc } = folder('deep/a/b/c', {}, `FROM mcr.microsoft.com/dotnet/aspnet:10.0\nRUN dotnet publish ${relative}\n`);
      const { diagnostics } = await timedOpen(client, '#10 publish', uri, doc.text);
      assert.ok(!readNet8(diagnostics), `the outside project was read: ${JSON.stringify(diagnostics)}`);
      const linked = folder('linked', {}, 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\n');
      symlinkSync(path.join(outside, 'X.csproj'), path.join(root, 'linked/X.csproj'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(root, 'linked/X.csproj')).href, type: 1 }] });
      const second = await timedOpen(client, '#10 link', linked.uri, linked.doc.text);
      assert.ok(!readNet8(second.diagnostics), `the linked project was read: ${JSON.stringify(second.diagnostics)}`);
      assert.ok(!client.logs.some((line) => line.includes('X.csproj') && line.includes('builds')), client.logs.join('\n'));
    });
  });
});
