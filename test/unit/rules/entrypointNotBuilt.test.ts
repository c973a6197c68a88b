import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFix, expectRule } from './ruleTest';
import { projectFacts } from '../../helpers/project';

const RULE = 'entrypoint-not-built';
const DOTNET = 'mcr.microsoft.com/dotnet';
const api = projectFacts({ projectFile: 'Api.csproj', isWeb: true });
const options = { project: api };

/** A multi-stage build of Api.csproj whose output lands in /app; `start` is the final stage's start command. */
const build = (start: string, publish = 'RUN dotnet publish Api.csproj -c Release -o /app/publish'): string =>
  `FROM ${DOTNET}/sdk:10.0 AS build\nWORKDIR /src\nCOPY . .\n${publish}\n\nFROM ${DOTNET}/aspnet:10.0\nWORKDIR /app\nCOPY --from=build /app/publish .\n${start}\n`;

describe(RULE, () => {
  test('`dotnet X.dll` where the project builds another name: on the name, fixed to the AssemblyName', () => {
    const [found] = expectRule(RULE, build('ENTRYPOINT ["dotnet", "|WebApi.dll"]'), options);
    assert.equal(found!.text, 'WebApi.dll');
    assert.match(found!.message, /Api\.csproj builds 'Api\.dll', but the container runs 'WebApi\.dll'/);
    expectFix(RULE, build('ENTRYPOINT ["dotnet", "WebApi.dll"]'), build('ENTRYPOINT ["dotnet", "Api.dll"]'), options);
  });

  test('the AssemblyName, not the file name, is what is built; the path before the name is kept by the fix', () => {
    const project = projectFacts({ projectFile: 'src/Api/Api.csproj', assemblyName: 'Contoso.Api', isWeb: true });
    const [found] = expectRule(RULE, build('ENTRYPOINT ["dotnet", "|/app/Api.dll"]', 'RUN dotnet publish src/Api/Api.csproj -o /app/publish'), { project });
    assert.match(found!.message, /^src\/Api\/Api\.csproj builds 'Contoso\.Api\.dll' \(its AssemblyName\), but the container runs 'Api\.dll'/);
    expectFix(
      RULE,
      build('ENTRYPOINT ["dotnet", "/app/Api.dll"]', 'RUN dotnet publish src/Api/Api.csproj -o /app/publish'),
      build('ENTRYPOINT ["dotnet", "/app/Contoso.Api.dll"]', 'RUN dotnet publish src/Api/Api.csproj -o /app/publish'),
      { project },
    );
  });

  test('a name that differs only in case fails on Linux, and the message says why', () => {
    const [found] = expectRule(RULE, build('CMD ["dotnet", "|api.dll"]'), options);
    assert.match(found!.message, /case-sensitive/);
  });

  test('shell form is read as sh would split it', () => {
    expectFix(RULE, build('CMD dotnet Web.dll'), build('CMD dotnet Api.dll'), options);
  });

  test('the .dll of a Native AOT app does not exist: the fix runs the native executable', () => {
    const aot = projectFacts({ projectFile: 'Api.csproj', publishAot: true, selfContained: true });
    const text = (start: string): string =>
      `FROM ${DOTNET}/sdk:10.0-noble-aot AS build\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -o /app\n\nFROM ${DOTNET}/runtime-deps:10.0-noble-chiseled\nCOPY --from=build /app /app\n${start}\n`;
    const [found] = expectRule(RULE, text('ENTRYPOINT ["dotnet", "|Api.dll"]'), { project: aot });
    assert.match(found!.message, /^Api\.csproj is a Native AOT app \(Api\.csproj sets PublishAot\): the publish writes the native executable 'Api', not 'Api\.dll'/);
    expectFix(RULE, text('ENTRYPOINT ["dotnet", "Api.dll"]'), text('ENTRYPOINT ["/app/Api"]'), { project: aot });
  });

  test('the app host under another name: on the program, fixed', () => {
    expectRule(RULE, build('ENTRYPOINT ["|./WebApi"]'), options);
    expectFix(RULE, build('ENTRYPOINT ["./WebApi"]'), build('ENTRYPOINT ["./Api"]'), options);
  });

  test('the app host of a publish with UseAppHost=false is not there', () => {
    const publish = 'RUN dotnet publish Api.csproj -c Release -o /app/publish /p:UseAppHost=false';
    const [found] = expectRule(RULE, build('ENTRYPOINT ["|./Api"]', publish), options);
    assert.match(found!.message, /UseAppHost=false/);
    expectFix(RULE, build('ENTRYPOINT ["./Api"]', publish), build('ENTRYPOINT ["dotnet", "/app/Api.dll"]', publish), options);
  });

  test('the right name in the wrong folder: WORKDIR and the COPY destination decide where the app is', () => {
    const text = (start: string): string =>
      `FROM ${DOTNET}/sdk:10.0 AS build\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -o out\n\nFROM ${DOTNET}/aspnet:10.0\nCOPY --from=build /src/out /app\n${start}\n`;
    const [found] = expectRule(RULE, text('ENTRYPOINT ["dotnet", "|Api.dll"]'), options);
    assert.match(found!.message, /'Api\.dll' is '\/Api\.dll' in the container, but the app's files are copied to '\/app'/);
    expectFix(RULE, text('ENTRYPOINT ["dotnet", "Api.dll"]'), text('ENTRYPOINT ["dotnet", "/app/Api.dll"]'), options);
  });

  test('output built outside the Dockerfile and copied from the context counts too', () => {
    const text = `FROM ${DOTNET}/aspnet:10.0\nCOPY bin/Release/net10.0/publish/ /app/\nWORKDIR /app\nENTRYPOINT ["dotnet", "|App.dll"]\n`;
    expectRule(RULE, text, options);
  });

  test("quiet: the right name, a script, a program on PATH, no project, another project's publish", () => {
    expectRule(RULE, build('ENTRYPOINT ["dotnet", "Api.dll"]'), options);
    expectRule(RULE, build('ENTRYPOINT ["./Api"]'), options);
    expectRule(RULE, build('ENTRYPOINT ["dotnet", "/app/Api.dll", "--urls", "http://+:8080"]'), options);
    expectRule(RULE, `${build('ENTRYPOINT ["/bin/bash", "/entrypoint.sh"]')}`, options);
    expectRule(RULE, build('ENTRYPOINT ["DiscordChatExporter.Cli"]'), options);
    expectRule(RULE, build('ENTRYPOINT ["dotnet", "WebApi.dll"]'));
    // The facts describe Api.csproj, but the Dockerfile ships Worker.csproj: they say nothing about its name.
    expectRule(RULE, build('ENTRYPOINT ["dotnet", "Worker.dll"]', 'RUN dotnet publish src/Worker/Worker.csproj -o /app/publish'), options);
    // A tool the Dockerfile copies next to the app is not the app.
    expectRule(RULE, build('COPY tools/migrate /app/migrate\nENTRYPOINT ["./migrate"]'), options);
  });

  test("Visual Studio's generated Dockerfile with the right name is quiet", () => {
    const text = `FROM ${DOTNET}/aspnet:10.0 AS base
USER $APP_UID
WORKDIR /app
EXPOSE 8080

FROM ${DOTNET}/sdk:10.0 AS build
ARG BUILD_CONFIGURATION=Release
WORKDIR /src
COPY ["src/Api/Api.csproj", "src/Api/"]
RUN dotnet restore "./src/Api/Api.csproj"
COPY . .
WORKDIR "/src/src/Api"
RUN dotnet build "./Api.csproj" -c $BUILD_CONFIGURATION -o /app/build

FROM build AS publish
ARG BUILD_CONFIGURATION=Release
RUN dotnet publish "./Api.csproj" -c $BUILD_CONFIGURATION -o /app/publish /p:UseAppHost=false

FROM base AS final
WORKDIR /app
COPY --from=publish /app/publish .
ENTRYPOINT ["dotnet", "Api.dll"]
`;
    expectRule(RULE, text, { project: projectFacts({ projectFile: 'src/Api/Api.csproj', isWeb: true }) });
    expectRule(RULE, text.replace('"Api.dll"]', '"|Web.dll"]'), { project: projectFacts({ projectFile: 'src/Api/Api.csproj', isWeb: true }) });
  });
});
