/**
 * "Create a Dockerfile for this project": from the explorer's context menu on a project file, or the command
 * palette (the active project file, else the workspace's one project, else a pick). The server writes the texts;
 * this side asks before replacing any file that exists (never silently), writes the files and opens the Dockerfile.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const CREATE_DOCKERFILE_COMMAND = 'dotnetDockerfile.createDockerfile';
const CREATE_DOCKERFILE_REQUEST = 'dotnetDockerfile/createDockerfile';
const PROJECT_FILE = /\.(?:cs|fs|vb)proj$/i;

type Answer = { ok: true; files: { uri: string; text: string }[]; message: string } | { ok: false; error: string };

async function chooseProject(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && PROJECT_FILE.test(active.path)) return active;
  const found = await vscode.workspace.findFiles('**/*.{csproj,fsproj,vbproj}', '**/{bin,obj,node_modules,.git}/**', 200);
  if (found.length === 0) {
    void vscode.window.showErrorMessage('No .NET project (.csproj, .fsproj or .vbproj) in this workspace to create a Dockerfile for.');
    return undefined;
  }
  if (found.length === 1) return found[0];
  const picked = await vscode.window.showQuickPick(
    found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })).sort((a, b) => a.label.localeCompare(b.label)),
    { title: 'Create a Dockerfile for which project?', placeHolder: 'The app to run in the container' },
  );
  return picked?.uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function createDockerfileCommand(client: LanguageClient | undefined, target?: vscode.Uri): Promise<void> {
  if (!client) return;
  const project = target && PROJECT_FILE.test(target.path) ? target : await chooseProject();
  if (!project) return;
  const answer = await client.sendRequest<Answer>(CREATE_DOCKERFILE_REQUEST, { project: project.toString() });
  if (!answer.ok) {
    void vscode.window.showErrorMessage(answer.error);
    return;
  }
  const written: vscode.Uri[] = [];
  for (const [index, file] of answer.files.entries()) {
    const uri = vscode.Uri.parse(file.uri);
    if (await exists(uri)) {
      const replace = await vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(uri)} already exists. Replace it?`, { modal: true }, 'Replace');
      // Without the Dockerfile, its .dockerignore alone is not what was asked for.
      if (replace !== 'Replace') {
        if (index === 0) return;
        continue;
      }
    }
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(file.text));
    written.push(uri);
  }
  const dockerfile = written[0];
  if (dockerfile) await vscode.window.showTextDocument(dockerfile);
  void vscode.window.showInformationMessage(answer.message);
}
