/**
 * The Dockerfile generator: the whole text for the two shapes most apps get (an ASP.NET Core app in a solution, a
 * Native AOT console app), the images over a matrix of project kinds, and every generated file linted with every
 * rule and the project's facts: zero findings. The project search finds the project the generated file publishes.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ProjectFacts } from '../../server/src/service';
import { generateDockerfile, type GenerateInput } from '../../server/src/service/generate/dockerfileGenerator';
import { DOCKERIGNORE_ENTRIES } from '../../server/src/service/generate/dockerignore';
import { realCatalog, testService } from '../helpers/service';
import { projectFacts } from '../helpers/project';
import { lint } from './rules/ruleTest';

const catalog = realCatalog();

function generate(project: ProjectFacts, input: Partial<GenerateInput> = {}): { dockerfile: string; dockerignore: string; finalImage: string; sdkImage: string } {
  const result = generateDockerfile({ project, projectPath: project.projectFile, catalog, ...input });
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result;
}

const web = (overrides: Partial<ProjectFacts> = {}): ProjectFacts =>
  projectFacts({ projectFile: 'Api.csproj', isWeb: true, sdk: 'Microsoft.NET.Sdk.Web', outputType: 'Exe', targetFramework: 'net10.0', ...overrides });
const console_ = (overrides: Partial<ProjectFacts> = {}): ProjectFacts =>
  projectFacts({ projectFile: 'App.csproj', sdk: 'Microsoft.NET.Sdk', outputType: 'Exe', targetFramework: 'net10.0', ...overrides });

describe('the generated Dockerfile, whole', () => {
  test('an ASP.NET Core app in a solution: restore inputs first, cross-publish, chiseled composite -extra, port 8080', () => {
    const project = web({ projectFile: 'src/Api/Api.csproj', projectFileName: 'Api.csproj', assemblyName: 'Contoso.Api' });
    const result = generate(project, {
      projectPath: 'src/Api/Api.csproj',
      restoreFiles: ['Directory.Build.props', 'Directory.Packages.props', 'NuGet.config', 'src/Domain/Domain.csproj'],
      dockerfilePath: 'src/Api/Dockerfile',
    });
    assert.equal(
      result.dockerfile,
      `# syntax=docker/dockerfile:1
# Written by dotnet-dockerfile for src/Api/Api.csproj: an ASP.NET Core app, net10.0, framework-dependent.
# Build it from the build context (the folder that holds the projects): docker build -f src/Api/Dockerfile -t contoso.api .

# The SDK runs on the build machine and publishes for the target architecture.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
ARG TARGETARCH
WORKDIR /src

# Restore in its own layer, reused until a project file changes; NuGet packages stay in a cache between builds.
COPY ["Directory.Build.props", "Directory.Packages.props", "NuGet.config", "./"]
COPY ["src/Api/Api.csproj", "src/Api/"]
COPY ["src/Domain/Domain.csproj", "src/Domain/"]
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \\
    dotnet restore "src/Api/Api.csproj" -a $TARGETARCH

# Build and publish the app.
COPY . .
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \\
    dotnet publish "src/Api/Api.csproj" -a $TARGETARCH --no-restore -o /app

# The image \`dotnet publish /t:PublishContainer\` would pick, then the smallest that fits:
#   ASP.NET Core app → aspnet
#   net10.0 → 10.0
#   no ContainerFamily in the project → Ubuntu chiseled, the smallest (no shell, no package manager, non-root)
#   globalization is not invariant, chiseled has no ICU → -extra
#   ASP.NET Core on its own runtime → -composite (the framework compiled ahead of time as one: faster start)
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-composite-extra AS final
WORKDIR /app
# ASP.NET Core listens on 8080 in .NET 8+ images (ASPNETCORE_HTTP_PORTS).
EXPOSE 8080
COPY --link --from=build /app .
USER $APP_UID
ENTRYPOINT ["dotnet", "Contoso.Api.dll"]
`,
    );
  });

  test('a Native AOT console app: the -aot SDK, no cross-publish, runtime-deps chiseled, the native executable', () => {
    const result = generate(console_({ publishAot: true, selfContained: true, invariantGlobalization: true }));
    assert.equal(
      result.dockerfile,
      `# syntax=docker/dockerfile:1
# Written by dotnet-dockerfile for App.csproj: a console app, net10.0, Native AOT.
# Build it from the build context (the folder that holds the project): docker build -t app .

# Native AOT compiles for the platform this stage runs on (emulated when you build for another architecture).
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble-aot AS build
WORKDIR /src

# Restore in its own layer, reused until a project file changes; NuGet packages stay in a cache between builds.
COPY ["App.csproj", "./"]
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \\
    dotnet restore "App.csproj" --use-current-runtime

# Build and publish the app.
COPY . .
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \\
    dotnet publish "App.csproj" --use-current-runtime --no-restore -o /app \\
    && rm -f /app/*.dbg

# The image \`dotnet publish /t:PublishContainer\` would pick, then the smallest that fits:
#   native AOT app → runtime-deps
#   net10.0 → 10.0
#   no ContainerFamily in the project → Ubuntu chiseled, the smallest (no shell, no package manager, non-root)
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled AS final
WORKDIR /app
COPY --link --from=build /app .
USER $APP_UID
ENTRYPOINT ["./App"]
`,
    );
  });

  test('the .dockerignore keeps host build output, secrets and tool folders out, and what SourceLink reads in', () => {
    const { dockerignore } = generate(web());
    for (const entry of DOCKERIGNORE_ENTRIES) assert.ok(dockerignore.split('\n').includes(entry), entry);
    assert.ok(dockerignore.includes('**/bin/') && dockerignore.includes('**/obj/') && dockerignore.includes('!.git/HEAD'));
  });
});

/** Project kinds and the images they get; every generated file must lint clean with its project's facts. */
const MATRIX: readonly { readonly name: string; readonly project: ProjectFacts; readonly input?: Partial<GenerateInput>; readonly final: string; readonly sdk: string; readonly today?: string }[] = [
  { name: 'web app', project: web(), final: 'aspnet:10.0-noble-chiseled-composite-extra', sdk: 'sdk:10.0-noble' },
  { name: 'web app, invariant globalization', project: web({ invariantGlobalization: true }), final: 'aspnet:10.0-noble-chiseled-composite', sdk: 'sdk:10.0-noble' },
  { name: 'worker service', project: console_({ projectFile: 'Worker.csproj', sdk: 'Microsoft.NET.Sdk.Worker' }), final: 'runtime:10.0-noble-chiseled-extra', sdk: 'sdk:10.0-noble' },
  { name: 'console app', project: console_(), final: 'runtime:10.0-noble-chiseled-extra', sdk: 'sdk:10.0-noble' },
  { name: 'console app, invariant globalization', project: console_({ invariantGlobalization: true }), final: 'runtime:10.0-noble-chiseled', sdk: 'sdk:10.0-noble' },
  { name: 'Native AOT console app', project: console_({ publishAot: true, selfContained: true, invariantGlobalization: true }), final: 'runtime-deps:10.0-noble-chiseled', sdk: 'sdk:10.0-noble-aot' },
  { name: 'Native AOT web app with globalization', project: web({ publishAot: true, selfContained: true }), final: 'runtime-deps:10.0-noble-chiseled-extra', sdk: 'sdk:10.0-noble-aot' },
  { name: 'self-contained console app', project: console_({ selfContained: true }), final: 'runtime-deps:10.0-noble-chiseled-extra', sdk: 'sdk:10.0-noble' },
  { name: 'musl runtime identifier', project: console_({ runtimeIdentifier: 'linux-musl-x64', publishRuntimeIdentifier: 'linux-musl-x64' }), final: 'runtime:10.0-alpine-extra', sdk: 'sdk:10.0-alpine' },
  { name: 'Native AOT for musl', project: console_({ publishAot: true, selfContained: true, runtimeIdentifier: 'linux-musl-arm64', publishRuntimeIdentifier: 'linux-musl-arm64', invariantGlobalization: true }), final: 'runtime-deps:10.0-alpine', sdk: 'sdk:10.0-alpine-aot' },
  { name: 'ContainerFamily azurelinux3.0-distroless', project: web({ containerFamily: 'azurelinux3.0-distroless' }), final: 'aspnet:10.0-azurelinux3.0-distroless-extra', sdk: 'sdk:10.0-azurelinux3.0' },
  { name: 'ContainerFamily alpine', project: web({ containerFamily: 'alpine', invariantGlobalization: true }), final: 'aspnet:10.0-alpine', sdk: 'sdk:10.0-alpine' },
  { name: 'ContainerFamily noble (full Ubuntu)', project: console_({ containerFamily: 'noble' }), final: 'runtime:10.0-noble', sdk: 'sdk:10.0-noble' },
  { name: 'ContainerBaseImage', project: web({ containerBaseImage: 'mcr.microsoft.com/dotnet/aspnet:10.0-alpine-extra' }), final: 'aspnet:10.0-alpine-extra', sdk: 'sdk:10.0-alpine' },
  { name: 'F# console app', project: console_({ projectFile: 'src/Tool/Tool.fsproj', projectFileName: 'Tool.fsproj', assemblyName: 'Tool' }), final: 'runtime:10.0-noble-chiseled-extra', sdk: 'sdk:10.0-noble' },
  {
    name: 'several projects in one solution',
    project: web({ projectFile: 'src/Web/Web.csproj', projectFileName: 'Web.csproj', assemblyName: 'Web' }),
    input: { restoreFiles: ['Directory.Build.props', 'global.json', 'src/Core/Core.csproj', 'src/Data/Data.fsproj', 'tests/Web.Tests/Web.Tests.csproj'], dockerfilePath: 'src/Web/Dockerfile' },
    final: 'aspnet:10.0-noble-chiseled-composite-extra',
    sdk: 'sdk:10.0-noble',
  },
  { name: 'multi-targeted app', project: web({ targetFramework: 'net10.0', multiTargeted: true }), final: 'aspnet:10.0-noble-chiseled-composite-extra', sdk: 'sdk:10.0-noble' },
  { name: '.NET 8 web app (before its end of life)', project: web({ targetVersion: '8.0', targetFramework: 'net8.0' }), final: 'aspnet:8.0-noble-chiseled-composite-extra', sdk: 'sdk:8.0-noble', today: '2026-01-15' },
  { name: '.NET 9 Native AOT: clang installed', project: console_({ targetVersion: '9.0', targetFramework: 'net9.0', publishAot: true, selfContained: true }), final: 'runtime-deps:9.0-noble-chiseled-extra', sdk: 'sdk:9.0-noble', today: '2026-01-15' },
  { name: '.NET 8 Native AOT on Alpine: apk', project: console_({ targetVersion: '8.0', targetFramework: 'net8.0', publishAot: true, selfContained: true, containerFamily: 'alpine', invariantGlobalization: true }), final: 'runtime-deps:8.0-alpine', sdk: 'sdk:8.0-alpine', today: '2026-01-15' },
];

describe('the generator over project kinds', () => {
  for (const row of MATRIX) {
    test(`${row.name}: ${row.final} on ${row.sdk}, zero findings`, () => {
      const result = generate(row.project, row.input);
      assert.equal(result.finalImage, `mcr.microsoft.com/dotnet/${row.final}`);
      assert.equal(result.sdkImage, `mcr.microsoft.com/dotnet/${row.sdk}`);
      const findings = lint(result.dockerfile, { project: row.project, ...(row.today ? { today: row.today } : {}) });
      assert.deepEqual(findings.map((f) => `${String(f.code)}: ${f.message}`), [], result.dockerfile);
      // The project search reads the generated file back to the project it publishes.
      const service = testService();
      const model = service.parse(TextDocument.create('file:///work/Dockerfile', 'dockerfile', 1, result.dockerfile));
      assert.deepEqual(service.projectSearch(model).candidates[0], { path: row.project.projectFile, folder: false, reason: 'published into the final stage', said: `dotnet publish ${row.project.projectFile}`, traced: true });
    });
  }

  test('the .NET 9 Native AOT file installs clang, which aot-without-toolchain accepts', () => {
    const { dockerfile } = generate(console_({ targetVersion: '9.0', targetFramework: 'net9.0', publishAot: true, selfContained: true }));
    assert.match(dockerfile, /apt-get install -y --no-install-recommends clang zlib1g-dev/);
    assert.match(dockerfile, /ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false/);
  });

  test('a multi-targeted app publishes one framework', () => {
    assert.match(generate(web({ multiTargeted: true })).dockerfile, /dotnet publish "Api\.csproj" -a \$TARGETARCH -f net10\.0 --no-restore -o \/app/);
  });

  test('a .NET 8 app linted after its end of life gets eol-version, as any .NET 8 Dockerfile does', () => {
    const project = web({ targetVersion: '8.0', targetFramework: 'net8.0' });
    const codes = lint(generate(project).dockerfile, { project }).map((f) => String(f.code));
    assert.ok(codes.length > 0 && codes.every((code) => code === 'eol-version'), codes.join(', '));
  });
});

describe('projects the generator refuses, with what to do', () => {
  const refused = (project: ProjectFacts): string => {
    const result = generateDockerfile({ project, projectPath: project.projectFile, catalog });
    assert.ok(!result.ok);
    return result.error;
  };

  test('a library, .NET Framework, an old .NET, a Windows target, no target framework', () => {
    assert.match(refused(console_({ projectFile: 'Lib.csproj', outputType: 'Library' })), /Lib\.csproj builds a library \(OutputType Library\), not an app/);
    assert.match(refused(console_({ targetVersion: undefined, targetFramework: 'net48' })), /targets net48, which is not \.NET \(Core\) 5 or later/);
    assert.match(refused(console_({ targetVersion: '7.0', targetFramework: 'net7.0' })), /targets \.NET 7\.0, which is out of support.*Retarget to net10\.0/);
    assert.match(refused(console_({ targetFramework: 'net10.0-windows' })), /targets net10\.0-windows: Linux containers cannot run it/);
    assert.match(refused(console_({ targetVersion: undefined, targetFramework: undefined })), /has no target framework that can be read.*<TargetFramework>net10\.0<\/TargetFramework>/);
  });
});
