// The extension as a user gets it, in a real VS Code: activation, then each language feature through the same
// commands the editor uses (vscode.execute*Provider), so the whole client/server/catalog path is exercised.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import packageJson from '../../../package.json';
import { codeOf, hoverText, labelOf, openFile, openWithCursor, poll, workspaceFolder } from './helpers';

const extensionId = `${packageJson.publisher}.${packageJson.name}`;
const shellFormRule = 'shell-form-without-shell';

/** Activation is awaited once; when it fails (as in the negative control) every later test fails at once. */
let activation: Promise<vscode.Extension<unknown>> | undefined;
function ourExtension(): Promise<vscode.Extension<unknown>> {
  activation ??= poll(`extension ${extensionId} to be active`, () => {
    const extension = vscode.extensions.getExtension(extensionId);
    return extension?.isActive ? extension : undefined;
  }, 30000);
  return activation;
}

describe('dotnet-dockerfile in VS Code', () => {
  it('activates when a Dockerfile opens', async () => {
    const document = await openFile('Dockerfile');
    assert.equal(document.languageId, 'dockerfile');
    const extension = await ourExtension();
    assert.equal(extension.packageJSON.name, packageJson.name);
  });

  it('answers document symbols (general Dockerfile features)', async () => {
    await ourExtension();
    const document = await openFile('Dockerfile');
    const symbols = await poll('document symbols', async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
        'vscode.executeDocumentSymbolProvider',
        document.uri,
      );
      return found && found.length > 0 ? found : undefined;
    });
    assert.ok(
      symbols.some((s) => /FROM/i.test(s.name)),
      `expected a FROM symbol, got ${symbols.map((s) => s.name).join(', ')}`,
    );
  });

  it('completes real tags after aspnet:', async () => {
    await ourExtension();
    const { document, position } = await openWithCursor('completion.dockerfile', 'FROM mcr.microsoft.com/dotnet/aspnet:|\n');
    const labels = await poll('a 10.0 tag completion', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
      const found = list.items.map(labelOf);
      return found.includes('10.0') ? found : undefined;
    });
    assert.ok(labels.includes('10.0'));
  });

  it('explains on hover that a chiseled tag has no shell', async () => {
    await ourExtension();
    const { document, position } = await openWithCursor('hover.dockerfile', 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chi|seled\n');
    const text = await poll('a hover on the chiseled tag', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      const joined = hoverText(hovers);
      return /chiseled/i.test(joined) ? joined : undefined;
    });
    assert.match(text, /shell/i);
  });

  it(`reports ${shellFormRule} and fixes it to exec form`, async () => {
    await ourExtension();
    const document = await openFile('Dockerfile');
    const original = document.getText();
    assert.equal(original.split('CMD dotnet app.dll').length, 2, 'fixture must hold the shell-form CMD exactly once');

    const diagnostic = await poll(`a ${shellFormRule} diagnostic`, () =>
      vscode.languages.getDiagnostics(document.uri).find((d) => codeOf(d) === shellFormRule),
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);

    // resolve up to 10 actions: a server may fill in the edit lazily (codeAction/resolve)
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      undefined,
      10,
    );
    // the quick fix for this diagnostic, not a refactoring that happens to rewrite the same line
    const fix = actions.find(
      (a): a is vscode.CodeAction =>
        'edit' in a && a.edit !== undefined && a.kind !== undefined && vscode.CodeActionKind.QuickFix.contains(a.kind) && /exec form/i.test(a.title),
    );
    assert.ok(fix?.edit, `expected an "exec form" quick fix, got: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));

    // The chiseled aspnet image has ENTRYPOINT ["/usr/bin/dotnet"]: the exec-form fix writes the app's own ENTRYPOINT.
    assert.equal(document.getText(), original.replace('CMD dotnet app.dll', 'ENTRYPOINT ["dotnet", "app.dll"]'));
    await poll(`the ${shellFormRule} diagnostic to clear`, () =>
      vscode.languages.getDiagnostics(document.uri).every((d) => codeOf(d) !== shellFormRule),
    );
    // a dirty editor could hold up the window closing at the end of the run; the folder is a per-run copy
    await document.save();
  });

  it('creates a Dockerfile for a project with the command, and the server finds no problem in it', async () => {
    await ourExtension();
    const project = vscode.Uri.joinPath(workspaceFolder(), 'Api', 'Api.csproj');
    const dockerfile = vscode.Uri.joinPath(workspaceFolder(), 'Api', 'Dockerfile');
    // As the explorer's context menu calls it: with the project file.
    await vscode.commands.executeCommand('dotnetDockerfile.createDockerfile', project);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(dockerfile));
    assert.match(text, /^# syntax=docker\/dockerfile:1\n# Written by dotnet-dockerfile for Api\.csproj: an ASP\.NET Core app, net10\.0/);
    assert.match(text, /FROM --platform=\$BUILDPLATFORM mcr\.microsoft\.com\/dotnet\/sdk:10\.0-noble AS build/);
    assert.match(text, /FROM mcr\.microsoft\.com\/dotnet\/aspnet:10\.0-noble-chiseled-composite-extra AS final/);
    assert.match(text, /ENTRYPOINT \["dotnet", "Api\.dll"\]/);
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceFolder(), 'Api', '.dockerignore'))), /\*\*\/obj\//);
    // The command opened it. The server validates it: a wrong name is reported (so the server found Api.csproj
    // and ran the rules), and the file as written has no problem at all.
    const document = await poll('the Dockerfile in an editor', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === dockerfile.toString()));
    const editor = await vscode.window.showTextDocument(document);
    const name = document.getText().indexOf('"Api.dll"') + 1;
    const range = new vscode.Range(document.positionAt(name), document.positionAt(name + 'Api.dll'.length));
    assert.ok(await editor.edit((edit) => edit.replace(range, 'Web.dll')));
    await poll('entrypoint-not-built on the wrong name', () => vscode.languages.getDiagnostics(dockerfile).some((d) => codeOf(d) === 'entrypoint-not-built'));
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), text);
    const remaining = await poll('the diagnostics of the file as written', () => {
      const diagnostics = vscode.languages.getDiagnostics(dockerfile);
      return diagnostics.length === 0 ? diagnostics : undefined;
    });
    assert.deepEqual(remaining, []);
    await document.save();
  });
});
