/**
 * missing-dockerignore reads the build context facts the host hands in (the `.dockerignore` files of the
 * Dockerfile's folder and its parents); the build model decides which folder is the context. The fixes touch another
 * file: create a `.dockerignore` (only for clients that create files) or add the missing lines to the one there is.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CreateFile, TextDocumentEdit } from 'vscode-languageserver-types';
import { expectRule, lint } from './ruleTest';
import { testService } from '../../helpers/service';
import type { BuildContextFacts } from '../../../server/src/service';
import { DOCKERIGNORE_TEMPLATE } from '../../../server/src/service/rules/missing-dockerignore';

const RULE = 'missing-dockerignore';
const SDK = 'mcr.microsoft.com/dotnet/sdk:10.0';
const URI = 'file:///work/repo/src/Api/Dockerfile';
const COPY_ALL = `FROM ${SDK} AS build\nWORKDIR /src\n|COPY . .\nRUN dotnet publish -c Release -o /app\n`;

/** The host's facts: the Dockerfile's folder, then its parents up to the workspace (`/work/repo`). */
function context(ignores: Partial<Record<'api' | 'src' | 'repo', string>> = {}, dockerfileIgnore?: string): BuildContextFacts {
  return {
    folders: [
      { uri: 'file:///work/repo/src/Api', dockerignore: ignores.api },
      { uri: 'file:///work/repo/src', dockerignore: ignores.src },
      { uri: 'file:///work/repo', dockerignore: ignores.repo },
    ],
    dockerfileIgnore,
  };
}

describe(RULE, () => {
  test('COPY . . into a stage that restores or builds, with no .dockerignore: information on the COPY', () => {
    const [found] = expectRule(RULE, COPY_ALL, { uri: URI, buildContext: context() });
    assert.equal(found!.severity, 3);
    assert.match(found!.message, /NETSDK1004/);
    assert.match(found!.message, /none in the build context 'Api'/);
  });

  test('a .dockerignore that keeps bin/ and obj/ out, in any spelling BuildKit matches', () => {
    for (const ignore of ['bin/\nobj/\n', '**/bin\n**/obj\n', '# build output\n[Bb]in/\n[Oo]bj/\n', '*\n!*.csproj\n!Program.cs\n', '/bin\r\n/obj\r\n']) {
      expectRule(RULE, COPY_ALL.replace('|', ''), { uri: URI, buildContext: context({ api: ignore }) });
    }
    expectRule(RULE, COPY_ALL.replace('|', ''), { uri: URI, buildContext: context({}, '**/bin/\n**/obj/\n') });
  });

  test('one that lets them through is the finding, and names what passes', () => {
    const [found] = expectRule(RULE, COPY_ALL, { uri: URI, buildContext: context({ api: '.vs/\n**/bin/\n' }) });
    assert.match(found!.message, /lets 'obj\/' through/);
    expectRule(RULE, COPY_ALL, { uri: URI, buildContext: context({ api: 'bin/\nobj/\n!obj/\n' }) });
  });

  test('the context is the folder the COPY sources are written from (Visual Studio copies src/Api/Api.csproj from the solution folder)', () => {
    const vs = `FROM ${SDK} AS build\nWORKDIR /src\nCOPY ["src/Api/Api.csproj", "src/Api/"]\nRUN dotnet restore "src/Api/Api.csproj"\n|COPY . .\nRUN dotnet build "src/Api/Api.csproj" -o /app\n`;
    // The solution folder's .dockerignore applies; the one beside the Dockerfile does not.
    expectRule(RULE, vs.replace('|', ''), { uri: URI, buildContext: context({ repo: '**/bin\n**/obj\n' }) });
    const [found] = expectRule(RULE, vs, { uri: URI, buildContext: context({ api: '**/bin\n**/obj\n' }) });
    assert.match(found!.message, /no \.dockerignore/);
    // bin/ at the top of the context does not cover src/Api/bin.
    expectRule(RULE, vs, { uri: URI, buildContext: context({ repo: 'bin/\nobj/\n' }) });
  });

  test('or the nearest folder that has the folder a COPY source starts with (a sibling project copied from the solution folder)', () => {
    const sibling = `FROM ${SDK} AS build\nWORKDIR /src\nCOPY ["Shared/Shared.csproj", "Shared/"]\nRUN dotnet restore "Shared/Shared.csproj"\n|COPY . .\nRUN dotnet build "Shared/Shared.csproj"\n`;
    const facts = (ignore?: string): BuildContextFacts => ({
      folders: [
        { uri: 'file:///work/repo/src/Api', dockerignore: undefined, subfolders: ['Properties'] },
        { uri: 'file:///work/repo/src', dockerignore: ignore, subfolders: ['Api', 'Shared'] },
        { uri: 'file:///work/repo', dockerignore: undefined, subfolders: ['src'] },
      ],
      dockerfileIgnore: undefined,
    });
    expectRule(RULE, sibling.replace('|', ''), { uri: URI, buildContext: facts('**/bin/\n**/obj/\n') });
    const [found] = expectRule(RULE, sibling, { uri: URI, buildContext: facts('.vs/\n') });
    assert.match(found!.message, /lets 'Shared\/bin\/', 'Shared\/obj\/' through/);
  });

  test('quiet without the facts (an unsaved file), without COPY . ., and in stages that do not build', () => {
    expectRule(RULE, COPY_ALL.replace('|', ''), { uri: URI });
    expectRule(RULE, `FROM ${SDK}\nCOPY *.csproj ./\nRUN dotnet restore\nCOPY src/ src/\nRUN dotnet publish -o /app\n`, { uri: URI, buildContext: context() });
    expectRule(RULE, `FROM ${SDK} AS build\nRUN dotnet --info\nFROM nginx\nCOPY . /usr/share/nginx/html\n`, { uri: URI, buildContext: context() });
  });

  test('the fix creates a .dockerignore with the usual .NET entries, for clients that can create files', () => {
    const service = testService();
    const model = service.parse(TextDocument.create(URI, 'dockerfile', 1, COPY_ALL.replace('|', '')));
    const request = { buildContext: context() };
    const diagnostics = service.validate(model, request).filter((d) => d.code === RULE);
    assert.equal(diagnostics.length, 1);
    const ask = (createFileSupport: boolean): CodeAction[] => service.codeActions(model, diagnostics[0]!.range, { diagnostics }, { ...request, createFileSupport });
    assert.deepEqual(ask(false), [], 'a client that cannot create files is offered nothing');
    const [action] = ask(true);
    assert.equal(action?.title, 'Create a .dockerignore for .NET');
    assert.equal(action?.isPreferred, true);
    const changes = action!.edit!.documentChanges as (CreateFile | TextDocumentEdit)[];
    assert.deepEqual(changes, [
      { kind: 'create', uri: 'file:///work/repo/src/Api/.dockerignore', options: { overwrite: false, ignoreIfExists: false } },
      { textDocument: { uri: 'file:///work/repo/src/Api/.dockerignore', version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: DOCKERIGNORE_TEMPLATE }] },
    ]);
    // The created file keeps bin/ and obj/ out: validating with it, the finding is gone.
    assert.equal(service.validate(model, { buildContext: context({ api: DOCKERIGNORE_TEMPLATE }) }).filter((d) => d.code === RULE).length, 0);
  });

  test('with a .dockerignore that lets them through, the fix adds the two lines at its end', () => {
    const service = testService();
    const model = service.parse(TextDocument.create(URI, 'dockerfile', 1, COPY_ALL.replace('|', '')));
    const existing = '.vs/\n# keep\n*.md';
    const request = { buildContext: context({ api: existing }) };
    const diagnostics = service.validate(model, request).filter((d) => d.code === RULE);
    const [action] = service.codeActions(model, diagnostics[0]!.range, { diagnostics }, request);
    assert.equal(action?.title, 'Add **/bin/ and **/obj/ to the .dockerignore');
    const [edit] = action!.edit!.documentChanges as TextDocumentEdit[];
    assert.equal(edit!.textDocument.uri, 'file:///work/repo/src/Api/.dockerignore');
    const after = TextDocument.applyEdits(TextDocument.create('file:///x', 'ignore', 1, existing), edit!.edits as { range: never; newText: string }[]);
    assert.equal(after, '.vs/\n# keep\n*.md\n**/bin/\n**/obj/\n');
    assert.equal(lint(COPY_ALL.replace('|', ''), { uri: URI, buildContext: context({ api: after }) }).filter((d) => d.code === RULE).length, 0);
  });

  test('fix-all never touches other files', () => {
    const service = testService();
    const model = service.parse(TextDocument.create(URI, 'dockerfile', 1, COPY_ALL.replace('|', '')));
    const actions = service.codeActions(model, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [], only: ['source.fixAll'] }, { buildContext: context(), createFileSupport: true });
    assert.deepEqual(actions, []);
  });
});

describe(`${RULE} on hostile input`, () => {
  test('patterns that could make a matcher backtrack, thousands of patterns and project folders: answered at once', () => {
    const hostile = [`${'**/'.repeat(2000)}x`, `${'*'.repeat(5000)}a`, `${'*a'.repeat(400)}`, ...Array.from({ length: 5000 }, (_, i) => `dir${i}/**/file${i}`)].join('\n');
    const copies = Array.from({ length: 500 }, (_, i) => `COPY ["${'p/'.repeat(i % 50)}P${i}.csproj", "./"]`).join('\n');
    const started = performance.now();
    const found = lint(`FROM ${SDK}\n${copies}\nCOPY . .\nRUN dotnet build\n`, { uri: URI, buildContext: context({ api: hostile }) }).filter((d) => d.code === RULE);
    assert.equal(found.length, 1);
    assert.ok(performance.now() - started < 5000, `took ${Math.round(performance.now() - started)} ms`);
  });
});
