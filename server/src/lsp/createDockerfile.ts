/**
 * "Create a Dockerfile for this project", the LSP side:
 *  - the `dotnetDockerfile/createDockerfile` request (the client's command sends a project file's URI): the host
 *    gathers the project, the service writes the Dockerfile and the .dockerignore, and the answer carries their
 *    URIs and texts; the client asks before replacing a file and writes them;
 *  - the code action of an empty Dockerfile: a workspace edit that fills it for the project it sits with (and
 *    creates the .dockerignore when there is none and the client can create files).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, type CodeAction, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DotnetDockerfileService } from '../service';
import { gatherGenerationInputs, planFiles } from '../host/project/generationInputs';
import { filePath } from './fileUris';

export const CREATE_DOCKERFILE_REQUEST = 'dotnetDockerfile/createDockerfile';

export interface CreateDockerfileParams {
  /** The project file (`file:` URI). */
  readonly project: string;
}

export type CreateDockerfileAnswer =
  | {
      readonly ok: true;
      readonly files: readonly { readonly uri: string; readonly text: string }[];
      /** What to tell the user: the images chosen and how to build. */
      readonly message: string;
    }
  | { readonly ok: false; readonly error: string };

/** The workspace folder holding the file (nothing above it is read), else the file's own folder. */
function rootOf(file: string, roots: readonly string[]): string {
  const containing = roots.filter((root) => !path.relative(root, file).startsWith('..')).sort((a, b) => b.length - a.length);
  return containing[0] ?? path.dirname(file);
}

/** Answers the request: the files to write, or why there are none. */
export function createDockerfile(service: DotnetDockerfileService, params: unknown, roots: readonly string[]): CreateDockerfileAnswer {
  const uri = typeof params === 'object' && params !== null ? (params as Partial<CreateDockerfileParams>).project : undefined;
  const projectFile = typeof uri === 'string' ? filePath(uri) : undefined;
  if (!projectFile) return { ok: false, error: 'Choose a project file (.csproj, .fsproj or .vbproj) on disk to create a Dockerfile for.' };
  const gathered = gatherGenerationInputs(projectFile, rootOf(projectFile, roots));
  if (!gathered.ok) return { ok: false, error: gathered.error };
  const inputs = gathered.inputs;
  const planned = planFiles(inputs);
  const result = service.generateDockerfile({ project: inputs.facts, projectPath: inputs.projectPath, restoreFiles: inputs.restoreFiles, dockerfilePath: planned.dockerfilePath });
  if (!result.ok) return { ok: false, error: result.error };
  const build = result.dockerfile.split('\n').find((line) => line.includes('docker build'))?.replace(/^.*?: (docker build)/, '$1');
  return {
    ok: true,
    files: [
      { uri: pathToFileURL(planned.dockerfile).href, text: result.dockerfile },
      { uri: pathToFileURL(planned.dockerignore).href, text: result.dockerignore },
    ],
    message: `Dockerfile for ${inputs.projectPath}: ${result.sdkImage.replace('mcr.microsoft.com/dotnet/', '')} → ${result.finalImage.replace('mcr.microsoft.com/dotnet/', '')}.${build ? ` Build it: ${build}` : ''}`,
  };
}

/**
 * The action that fills an empty Dockerfile for the project found beside it (`projectFile`), or none. `canCreate`:
 * the client applies `CreateFile` operations (then the .dockerignore comes too, unless one exists).
 */
export function fillEmptyDockerfileAction(service: DotnetDockerfileService, document: TextDocument, projectFile: string | undefined, roots: readonly string[], canCreate: boolean): CodeAction | undefined {
  if (!projectFile || document.getText().trim() !== '') return undefined;
  const dockerfile = filePath(document.uri);
  if (!dockerfile) return undefined;
  const gathered = gatherGenerationInputs(projectFile, rootOf(projectFile, roots));
  if (!gathered.ok) return undefined;
  const inputs = gathered.inputs;
  const planned = planFiles(inputs, dockerfile);
  const result = service.generateDockerfile({ project: inputs.facts, projectPath: inputs.projectPath, restoreFiles: inputs.restoreFiles, dockerfilePath: planned.dockerfilePath });
  if (!result.ok) return undefined;
  const whole = { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) };
  let edit: WorkspaceEdit = { changes: { [document.uri]: [{ range: whole, newText: result.dockerfile }] } };
  if (canCreate && !existsSync(planned.dockerignore)) {
    const ignoreUri = pathToFileURL(planned.dockerignore).href;
    edit = {
      documentChanges: [
        { textDocument: { uri: document.uri, version: document.version }, edits: [{ range: whole, newText: result.dockerfile }] },
        { kind: 'create', uri: ignoreUri, options: { ignoreIfExists: true } },
        { textDocument: { uri: ignoreUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: result.dockerignore }] },
      ],
    };
  }
  return { title: `Write the Dockerfile for ${path.basename(projectFile)}`, kind: CodeActionKind.QuickFix, edit, isPreferred: true };
}
