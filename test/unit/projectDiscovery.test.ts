/**
 * Finding the project a Dockerfile builds by following what the Dockerfile says: the pure search (which
 * build-context paths, most certain first) and the host's look on disk, on real folder layouts written to temporary
 * folders: Visual Studio's generated layout, `dotnet new` layouts, a solution with several projects, F#, `cd` in a
 * RUN, and what the search reports when it finds nothing.
 */
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createDotnetDockerfileService } from '../../server/src/service';
import { readProjectForDockerfile } from '../../server/src/host/project/readProject';
import { removeTrees, writeTree } from '../helpers/tempTree';
import { marked } from '../helpers/markers';
import { projectFacts } from '../helpers/project';

afterEach(removeTrees);

const service = createDotnetDockerfileService({ catalog: undefined });

/** The search's candidates as `reason: path` (`path/` for a folder). */
function candidates(text: string): string[] {
  const model = service.parse(TextDocument.create('file:///work/Dockerfile', 'dockerfile', 1, text));
  return service.projectSearch(model).candidates.map((c) => `${c.reason}: ${c.path}${c.folder ? '/' : ''}`);
}

const web = (tfm = 'net10.0'): string => `<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>${tfm}</TargetFramework></PropertyGroup></Project>`;
const library = '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>';
const console_ = '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>';

/** Visual Studio 2022's generated Dockerfile for `src/WebApp` in a solution (context: the solution folder). */
const VISUAL_STUDIO = `#See https://aka.ms/customizecontainer to learn how to customize your debug container and how Visual Studio uses this Dockerfile to build your images for faster debugging.

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS base
USER $APP_UID
WORKDIR /app
EXPOSE 8080
EXPOSE 8081

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG BUILD_CONFIGURATION=Release
WORKDIR /src
COPY ["src/Lib/Lib.csproj", "src/Lib/"]
COPY ["src/WebApp/WebApp.csproj", "src/WebApp/"]
RUN dotnet restore "./src/WebApp/WebApp.csproj"
COPY . .
WORKDIR "/src/src/WebApp"
RUN dotnet build "./WebApp.csproj" -c $BUILD_CONFIGURATION -o /app/build

FROM build AS publish
ARG BUILD_CONFIGURATION=Release
RUN dotnet publish "./WebApp.csproj" -c $BUILD_CONFIGURATION -o /app/publish /p:UseAppHost=false

FROM base AS final
WORKDIR /app
COPY --from=publish /app/publish .
ENTRYPOINT ["dotnet", "WebApp.dll"]
`;

/** The shape `dotnet new` users copy from Microsoft's samples: the Dockerfile next to the project, restore on `*.csproj`. */
const SAMPLE = `FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
ARG TARGETARCH
WORKDIR /source
COPY --link *.csproj .
RUN dotnet restore -a $TARGETARCH
COPY --link . .
RUN dotnet publish -a $TARGETARCH --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled
WORKDIR /app
COPY --link --from=build /app .
ENTRYPOINT ["./webapp"]
`;

describe('the search reads the Dockerfile', () => {
  test("Visual Studio's layout: the published project traced through COPY and WORKDIR comes first", () => {
    // `dotnet restore "./src/WebApp/WebApp.csproj"` and the COPY name the same file: it is listed once, as the app.
    assert.deepEqual(candidates(VISUAL_STUDIO), ['published into the final stage: src/WebApp/WebApp.csproj', 'copied: src/Lib/Lib.csproj']);
  });

  test('the sample layout: the folder restore and publish run in, which `COPY *.csproj .` filled', () => {
    assert.deepEqual(candidates(SAMPLE), ['published into the final stage: /']);
  });

  test('several projects published: the one copied into the final stage is the app', () => {
    const text = `FROM mcr.microsoft.com/dotnet/sdk:10.0 AS test
WORKDIR /src
COPY . .
RUN dotnet publish tests/Api.Tests/Api.Tests.csproj -o /tests

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Worker/Worker.csproj -o /out/worker && dotnet publish src/Api/Api.csproj -o /out/api

FROM mcr.microsoft.com/dotnet/aspnet:10.0
COPY --from=build /out/api /app
ENTRYPOINT ["dotnet", "/app/Api.dll"]
`;
    assert.deepEqual(candidates(text), ['published into the final stage: src/Api/Api.csproj', 'published: tests/Api.Tests/Api.Tests.csproj', 'published: src/Worker/Worker.csproj']);
  });

  test('`cd` in the RUN moves the command; a solution names no one project', () => {
    const text = `FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY NBX/NBX.csproj NBX/NBX.csproj
COPY NBX.Client/NBX.Client.csproj NBX.Client/NBX.Client.csproj
RUN cd NBX && dotnet restore && cd ..
COPY . .
RUN dotnet build All.sln
RUN cd NBX && dotnet publish --output /app/

FROM mcr.microsoft.com/dotnet/aspnet:10.0
COPY --from=build /app .
`;
    assert.deepEqual(candidates(text), ['published into the final stage: NBX/', 'copied: NBX/NBX.csproj', 'copied: NBX.Client/NBX.Client.csproj']);
  });

  test('a wildcard COPY, a file renamed by COPY, and a later `COPY . .` that may not hold the file', () => {
    const text = `FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY ./src/WebAPI/*.csproj ./WebAPI/
COPY ["samples/Product/Product.Api.csproj", "Product/"]
RUN dotnet restore ./WebAPI/ && dotnet restore Product/Product.Api.csproj
COPY . .
WORKDIR /src/Product
RUN dotnet publish Product.Api.csproj -o /app
FROM mcr.microsoft.com/dotnet/aspnet:10.0
COPY --from=build /app .
`;
    assert.deepEqual(candidates(text), [
      'published into the final stage: Product/Product.Api.csproj',
      'published into the final stage: samples/Product/Product.Api.csproj',
      'restored: src/WebAPI/',
    ]);
  });

  test('an ARG declared in the stage a stage is built FROM names the project, as BuildKit passes it on', () => {
    const text = [
      'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build',
      'ARG APP=Api',
      'WORKDIR /src',
      'COPY . .',
      'FROM build AS publish',
      'ARG APP',
      'RUN dotnet publish $APP/$APP.csproj -c Release -o /app/publish',
      'FROM mcr.microsoft.com/dotnet/aspnet:10.0',
      'WORKDIR /app',
      'COPY --from=publish /app/publish .',
      'ENTRYPOINT ["dotnet", "Api.dll"]',
    ].join('\n');
    assert.deepEqual(candidates(text), ['published into the final stage: Api/Api.csproj']);
    // Without the bare `ARG APP` in the child, the same: the value is inherited, not redeclared.
    assert.deepEqual(candidates(text.replace('ARG APP\n', '')), ['published into the final stage: Api/Api.csproj']);
  });

  test('a path `..` would lead out of the build context is read inside it, as BuildKit does', () => {
    assert.deepEqual(candidates('FROM mcr.microsoft.com/dotnet/sdk:10.0\nCOPY ../../outside/X.csproj ./\n'), ['copied: outside/X.csproj']);
  });
});

describe('the host finds the project on real layouts', () => {
  test("Visual Studio's generated layout: Dockerfile in src/WebApp, context the solution folder", () => {
    const root = writeTree('ddf-vs-', {
      'WebApp.sln': '',
      'src/WebApp/WebApp.csproj': web(),
      'src/WebApp/Dockerfile': VISUAL_STUDIO,
      'src/Lib/Lib.csproj': library,
    });
    const read = readProjectForDockerfile(path.join(root, 'src/WebApp/Dockerfile'), VISUAL_STUDIO, { root });
    assert.equal(read.projectFile, path.join(root, 'src/WebApp/WebApp.csproj'));
    assert.equal(read.facts?.projectFile, 'WebApp.csproj');
    assert.equal(read.facts?.assemblyName, 'WebApp');
  });

  test('`dotnet new web` with the sample Dockerfile next to it', () => {
    const root = writeTree('ddf-new-web-', { 'webapp/webapp.csproj': web(), 'webapp/Program.cs': '', 'webapp/Dockerfile': SAMPLE });
    assert.equal(readProjectForDockerfile(path.join(root, 'webapp/Dockerfile'), SAMPLE, { root }).projectFile, path.join(root, 'webapp/webapp.csproj'));
  });

  test('`dotnet new console` in F#: an .fsproj is a project too', () => {
    const text = SAMPLE.replace('*.csproj', '*.fsproj').replace('aspnet:', 'runtime:');
    const root = writeTree('ddf-new-fs-', { 'app/app.fsproj': console_, 'app/Program.fs': '', 'app/Dockerfile': text });
    const read = readProjectForDockerfile(path.join(root, 'app/Dockerfile'), text, { root });
    assert.equal(read.projectFile, path.join(root, 'app/app.fsproj'));
    assert.equal(read.facts?.projectFileName, 'app.fsproj');
  });

  test('a solution with several projects and the Dockerfile at its root: the published one', () => {
    const text = `FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY ["src/Api/Api.csproj", "src/Api/"]
COPY ["src/Domain/Domain.csproj", "src/Domain/"]
COPY ["src/Worker/Worker.csproj", "src/Worker/"]
RUN dotnet restore "src/Api/Api.csproj"
COPY . .
RUN dotnet publish "src/Api/Api.csproj" -c Release -o /app/publish

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app/publish .
ENTRYPOINT ["dotnet", "Api.dll"]
`;
    const root = writeTree('ddf-sln-', {
      'Shop.sln': '',
      Dockerfile: text,
      'src/Api/Api.csproj': web(),
      'src/Domain/Domain.csproj': library,
      'src/Worker/Worker.csproj': '<Project Sdk="Microsoft.NET.Sdk.Worker"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>',
    });
    const read = readProjectForDockerfile(path.join(root, 'Dockerfile'), text, { root });
    assert.equal(read.projectFile, path.join(root, 'src/Api/Api.csproj'));
    assert.equal(read.facts?.projectFile, 'src/Api/Api.csproj');
  });

  test('the same solution, a Dockerfile per service in deploy/: the context is the folder above', () => {
    const text = `FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
WORKDIR /src/src/Worker
RUN dotnet publish -o /app
FROM mcr.microsoft.com/dotnet/runtime:10.0
COPY --from=build /app /app
`;
    const root = writeTree('ddf-deploy-', { 'deploy/worker.Dockerfile': text, 'src/Api/Api.csproj': web(), 'src/Worker/Worker.csproj': console_ });
    assert.equal(readProjectForDockerfile(path.join(root, 'deploy/worker.Dockerfile'), text, { root }).projectFile, path.join(root, 'src/Worker/Worker.csproj'));
  });

  test('never above the workspace: a path that climbs out is looked for inside it, and not found', () => {
    const text = 'FROM mcr.microsoft.com/dotnet/sdk:10.0\nWORKDIR /src\nCOPY . .\nRUN dotnet publish ../../outside/X.csproj -o /app\n';
    const outside = writeTree('ddf-outside-', { 'outside/X.csproj': web(), 'ws/app/Dockerfile': text });
    const read = readProjectForDockerfile(path.join(outside, 'ws/app/Dockerfile'), text, { root: path.join(outside, 'ws') });
    assert.equal(read.projectFile, undefined);
  });

  test('nothing found: the search says what it tried, in order', () => {
    const text = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nWORKDIR /src\nCOPY . .\nRUN dotnet publish src/Api/Api.csproj -o /app\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\nCOPY --from=build /app .\n';
    const root = writeTree('ddf-none-', { 'deploy/Dockerfile': text, 'README.md': '' });
    const read = readProjectForDockerfile(path.join(root, 'deploy/Dockerfile'), text, { root });
    assert.equal(read.facts, undefined);
    assert.deepEqual(read.searched, [
      'build contexts tried: ., ..',
      'src/Api/Api.csproj (dotnet publish src/Api/Api.csproj)',
      "the one project file in the Dockerfile's folder",
      'the one project file in ..',
    ]);
  });

  test('several projects copied and none published: no project rather than a wrong one', () => {
    const text = 'FROM mcr.microsoft.com/dotnet/sdk:10.0\nCOPY A/A.csproj A/\nCOPY B/B.csproj B/\nRUN dotnet restore All.sln\n';
    const root = writeTree('ddf-ambiguous-', { Dockerfile: text, 'A/A.csproj': library, 'B/B.csproj': library });
    const read = readProjectForDockerfile(path.join(root, 'Dockerfile'), text, { root });
    assert.equal(read.facts, undefined);
    assert.ok(read.searched?.some((entry) => /2 exist, none published/.test(entry)), JSON.stringify(read.searched));
  });
});

describe('the hover on the final image', () => {
  const source = marked('FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nFROM mcr.microsoft.com/dotnet/aspnet:|10.0\n');
  const hoverText = (options: Parameters<typeof service.hover>[2]): string => {
    const model = service.parse(source.document);
    const hover = service.hover(model, source.position(0), options);
    return hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  };

  test('without a project, says none was found and where the host looked (markdown escaped)', () => {
    const text = hoverText({ projectSearch: { searched: ['build contexts tried: ., ..', 'src/My_Api/Api.csproj (dotnet publish src/My_Api/Api.csproj)'] } });
    assert.match(text, /\*\*No project file found\*\* for this Dockerfile, so the checks that compare it with the project .* are off\. Looked for:\n- build contexts tried: \., \.\.\n- src\/My\\_Api\/Api\.csproj \(dotnet publish src\/My\\_Api\/Api\.csproj\)$/);
  });

  test('with a project, says what the SDK would choose instead; a stage that does not ship says neither', () => {
    const text = hoverText({ project: projectFacts({ projectFile: 'Api.csproj', isWeb: true }), projectSearch: { searched: ['x'] } });
    assert.doesNotMatch(text, /No project file found/);
    assert.match(text, /dotnet publish \/t:PublishContainer/);
    const model = service.parse(source.document);
    const onSdk = service.hover(model, { line: 0, character: 40 }, { projectSearch: { searched: ['x'] } });
    assert.doesNotMatch(JSON.stringify(onSdk), /No project file found/);
  });
});

describe('bounded on pathological Dockerfiles', () => {
  test('thousands of COPYs, publishes and COPY --from: the search and the project rules stay linear', () => {
    const lines = ['FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build', 'WORKDIR /src'];
    for (let i = 0; i < 4000; i++) lines.push(`COPY src/P${i}/P${i}.csproj src/P${i}/`, `RUN dotnet publish -p:PublishAot=true src/P${i}/P${i}.csproj -r linux-musl-x64 -o /app${i}`);
    lines.push('FROM mcr.microsoft.com/dotnet/runtime-deps:9.0-noble-chiseled');
    for (let i = 0; i < 4000; i++) lines.push(`COPY --from=build /app${i} /app${i}`);
    lines.push('ENTRYPOINT ["dotnet", "/app0/Other.dll"]');
    const text = `${lines.join('\n')}\n`;
    const checked = createDotnetDockerfileService({ catalog: undefined });
    const started = performance.now();
    const model = checked.parse(TextDocument.create('file:///work/Dockerfile', 'dockerfile', 1, text));
    const candidates = checked.projectSearch(model).candidates;
    const diagnostics = checked.validate(model, { project: projectFacts({ projectFile: 'P3999.csproj', publishAot: true, selfContained: true }) });
    const elapsed = performance.now() - started;
    assert.equal(candidates.length, 128, 'the candidates are capped');
    // Each copied path is matched against the last 64 publishes of its stage: the first matched is the app.
    assert.deepEqual([candidates[0]!.reason, candidates[0]!.path], ['published into the final stage', 'src/P3936/P3936.csproj']);
    assert.ok(diagnostics.some((d) => d.code === 'aot-without-toolchain'));
    assert.ok(elapsed < 6000, `took ${Math.round(elapsed)} ms`);
  });
});
