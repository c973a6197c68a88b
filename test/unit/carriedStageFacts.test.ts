/**
 * The stages' `dotnet` calls and COPY/ADD placements taken over from the last version (carriedStageFacts.ts): equal
 * to a parse from scratch, rebuilt on the current version's instructions, and read again where a stage changed or a
 * stage it is built FROM did.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { realCatalog, TODAY } from '../helpers/service';
import { buildModel, type DockerfileModel } from '../../server/src/service/document/model';
import { buildOf, type Build } from '../../server/src/service/document/build';
import type { ServiceContext } from '../../server/src/service/context';

const CONTEXT: ServiceContext = { catalog: realCatalog(), today: TODAY, project: undefined, snippetSupport: true };
const URI = 'file:///carried/Dockerfile';

/** The facts the whole-document facts are made of, as plain data (instructions by where they start). */
function facts(build: Build): unknown {
  const stages = build.model.stages.stages;
  return {
    commands: build.dotnetCommands().map((c) => ({ ...c, stage: c.stage.index, instruction: c.instruction.span.start, workdir: build.runWorkdir(c) })),
    placements: stages.map((stage) => build.placements(stage).map((p) => ({ ...p, stage: p.stage.index, instruction: p.instruction.span.start, fromStage: p.fromStage?.index }))),
    publishing: { app: build.publishing().app?.target, folders: build.publishing().appFolders },
    projects: build.projectSearch().candidates,
  };
}

/** Each text as the next version (parsed from the last); every version's facts equal a parse from scratch's. */
function versions(...texts: string[]): DockerfileModel[] {
  let previous: DockerfileModel | undefined;
  return texts.map((text, version) => {
    const document = TextDocument.create(URI, 'dockerfile', version, text);
    const model = buildModel(document, previous);
    assert.deepEqual(facts(buildOf(model, CONTEXT)), facts(buildOf(buildModel(document), CONTEXT)), `version ${version}`);
    previous = model;
    return model;
  });
}

const BASE = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS base\nWORKDIR /src\nENV CONFIG=Release\n';
const BUILD = 'FROM base AS build\nCOPY ["Api/Api.csproj", "Api/"]\nCOPY . .\nRUN dotnet publish Api/Api.csproj -c $CONFIG -o /app\n';
const FINAL = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\nWORKDIR /app\nCOPY --from=build /app .\nENTRYPOINT ["dotnet", "Api.dll"]\n';

describe('stage facts carried across versions', () => {
  test('an edit in another stage: the calls and placements are taken over, on the new version\'s instructions', () => {
    const [, second] = versions(BASE + BUILD + FINAL, BASE + BUILD + FINAL.replace('WORKDIR /app', 'WORKDIR /app\nLABEL a=b'));
    const build = buildOf(second!, CONTEXT);
    const command = build.dotnetCommands()[0]!;
    assert.ok(second!.syntax.instructions.includes(command.instruction), 'the RUN of this version');
    assert.equal(command.configuration, 'Release');
    assert.equal(build.runWorkdir(command), '/src');
    assert.deepEqual(build.projectSearch().candidates.map((c) => c.path), ['Api/Api.csproj']);
  });

  test('an edit in the stage a stage is built FROM reads that stage again', () => {
    const [, second] = versions(BASE + BUILD + FINAL, BASE.replace('/src', '/code').replace('Release', 'Debug') + BUILD + FINAL);
    const build = buildOf(second!, CONTEXT);
    const command = build.dotnetCommands()[0]!;
    assert.equal(command.configuration, 'Debug');
    assert.equal(build.runWorkdir(command), '/code');
  });

  test('lines added above a stage, a stage renamed, a global ARG changed: equal to a parse from scratch', () => {
    versions(
      BASE + BUILD + FINAL,
      `# a comment\n\n${BASE}${BUILD}${FINAL}`,
      `# a comment\n\n${BASE}${BUILD.replace('AS build', 'AS publish')}${FINAL}`,
      `ARG CONFIG=Debug\n# a comment\n\n${BASE}${BUILD.replace('AS build', 'AS publish')}${FINAL.replace('--from=build', '--from=publish')}`,
    );
  });
});
