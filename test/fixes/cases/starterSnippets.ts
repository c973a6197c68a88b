/**
 * The starter Dockerfiles (snippets/dockerfile.json), expanded as an editor inserts them with their defaults, as cases
 * for the build oracle: each must build (restore, publish) and start, its container printing the words its exec-form
 * ENTRYPOINT names. The build context is the project the defaults name (`MyApp.csproj`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { expandSnippet } from '../../../server/src/service/completion/snippetItems';
import { testService } from '../../helpers/service';
import type { ContextFile } from './fixCase';

export interface StarterSnippetCase {
  readonly prefix: string;
  /** The Dockerfile as inserted with the defaults. */
  readonly text: string;
  readonly context: Readonly<Record<string, ContextFile>>;
  /** What the stand-in prints when the image starts: the final ENTRYPOINT's words after the program. */
  readonly expectedStart: readonly string[];
}

interface Snippet {
  readonly prefix: string;
  readonly body: string | readonly string[];
}

export const SNIPPETS_FILE = path.resolve(__dirname, '..', '..', '..', 'snippets', 'dockerfile.json');

const PROJECT = `<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
  </PropertyGroup>
</Project>
`;

/** What a whole Dockerfile's container prints when it starts: its final exec-form ENTRYPOINT's words after the program. */
export function expectedStartOf(text: string, what: string): readonly string[] {
  const model = testService().parse(TextDocument.create('file:///starts/Dockerfile', 'dockerfile', 1, text));
  const entrypoint = model.stages.finalStage?.instructions.filter((i) => i.name === 'ENTRYPOINT').at(-1);
  if (!entrypoint?.execArgs) throw new Error(`${what}: expected an exec-form ENTRYPOINT in the final stage`);
  return entrypoint.execArgs.slice(1);
}

export function starterSnippetCases(): StarterSnippetCase[] {
  const snippets = JSON.parse(readFileSync(SNIPPETS_FILE, 'utf8')) as Record<string, Snippet>;
  return Object.values(snippets).map((snippet) => {
    const text = expandSnippet(Array.isArray(snippet.body) ? snippet.body.join('\n') : (snippet.body as string));
    const project = /COPY \["([^"]+\.csproj)"/.exec(text)?.[1];
    if (!project) throw new Error(`snippet ${snippet.prefix}: expected a COPY of the project file`);
    return {
      prefix: snippet.prefix,
      text,
      context: { [project]: PROJECT, 'Program.cs': 'var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n' },
      expectedStart: expectedStartOf(text, `snippet ${snippet.prefix}`),
    };
  });
}
