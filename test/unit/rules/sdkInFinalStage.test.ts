import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFix, expectRule } from './ruleTest';
import type { ProjectFacts } from '../../../server/src/service';
import { projectFacts } from '../../helpers/project';

const RULE = 'sdk-in-final-stage';
const DOTNET = 'mcr.microsoft.com/dotnet';

const project = (facts: Partial<ProjectFacts>): ProjectFacts => projectFacts({ projectFile: 'app.csproj', ...facts });

describe(RULE, () => {
  test('a single-stage Dockerfile on the SDK: the finding covers the image name', () => {
    const [found] = expectRule(RULE, `FROM |${DOTNET}/sdk:10.0\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -o /app\nENTRYPOINT ["dotnet", "/app/app.dll"]\n`);
    assert.equal(found!.text, `${DOTNET}/sdk`);
    assert.equal(found!.severity, 2);
    assert.equal(found!.replacements[0]?.newText, `${DOTNET}/runtime:10.0`);
  });

  test('an ASP.NET Core app (ASPNETCORE_* or EXPOSE) gets aspnet first', () => {
    expectFix(RULE, `FROM ${DOTNET}/sdk:10.0-alpine\nEXPOSE 8080\nENTRYPOINT ["dotnet", "/app/app.dll"]\n`, `FROM ${DOTNET}/aspnet:10.0-alpine\nEXPOSE 8080\nENTRYPOINT ["dotnet", "/app/app.dll"]\n`);
    const [found] = expectRule(RULE, `FROM |${DOTNET}/sdk:10.0\nENV ASPNETCORE_ENVIRONMENT=Production\nENTRYPOINT ["dotnet", "/app/app.dll"]\n`);
    assert.equal(found!.replacements[0]?.newText, `${DOTNET}/aspnet:10.0`);
  });

  test('the project facts say it is a web app', () => {
    const [found] = expectRule(RULE, `FROM |${DOTNET}/sdk:10.0\nENTRYPOINT ["dotnet", "/app/app.dll"]\n`, { project: project({ isWeb: true }) });
    assert.equal(found!.replacements[0]?.newText, `${DOTNET}/aspnet:10.0`);
  });

  test('a self-contained or native AOT publish gets runtime-deps first', () => {
    const [aot] = expectRule(RULE, `FROM |${DOTNET}/sdk:10.0-noble\nRUN dotnet publish -p:PublishAot=true -o /app\nENTRYPOINT ["/app/app"]\n`);
    assert.equal(aot!.replacements[0]?.newText, `${DOTNET}/runtime-deps:10.0-noble`);
    const [sc] = expectRule(RULE, `FROM |${DOTNET}/sdk:10.0\nRUN dotnet publish -r linux-x64 --self-contained -o /app\nENTRYPOINT ["/app/app"]\n`);
    assert.equal(sc!.replacements[0]?.newText, `${DOTNET}/runtime-deps:10.0`);
  });

  test('since .NET 8 a runtime identifier alone is framework-dependent', () => {
    const [found] = expectRule(RULE, `FROM |${DOTNET}/sdk:10.0\nRUN dotnet publish -r linux-x64 -o /app\nCMD ["/app/app"]\n`);
    assert.equal(found!.replacements[0]?.newText, `${DOTNET}/runtime:10.0`);
  });

  test('a final stage built FROM an SDK stage: the finding is on the stage name, no rewrite offered', () => {
    const [found] = expectRule(RULE, `FROM ${DOTNET}/sdk:10.0 AS build\nRUN dotnet publish -o /app\nFROM |build\nENTRYPOINT ["dotnet", "/app/app.dll"]\n`);
    assert.equal(found!.text, 'build');
    assert.deepEqual(found!.replacements, []);
    assert.match(found!.message, /COPY --from=build/);
  });

  test('the SDK in a build stage only is the point of multi-stage builds', () => {
    expectRule(RULE, `FROM ${DOTNET}/sdk:10.0 AS build\nFROM ${DOTNET}/aspnet:10.0\nCOPY --from=build /app .\n`);
    expectRule(RULE, `FROM ${DOTNET}/sdk:10.0 AS build\nFROM scratch\nCOPY --from=build /out .\n`);
  });

  test('quiet where the SDK is the point: a dev container, a build/CI image, the SDK, a tool or a shell as the start command', () => {
    const sdk = `FROM ${DOTNET}/sdk:10.0\nWORKDIR /src\nCOPY . .\n`;
    expectRule(RULE, sdk, {}); // starts nothing: a build or CI image
    expectRule(RULE, `${sdk}RUN dotnet build\n`);
    expectRule(RULE, `${sdk}ENTRYPOINT ["dotnet", "test"]\n`);
    expectRule(RULE, `${sdk}CMD dotnet test --logger trx\n`);
    expectRule(RULE, `${sdk}CMD ["dotnet", "watch", "run", "--urls", "http://+:5000"]\n`);
    expectRule(RULE, `${sdk}ENTRYPOINT ["dotnet", "script", "main.csx"]\n`);
    expectRule(RULE, `${sdk}ENTRYPOINT ["dotnet", "ef", "database", "update"]\n`);
    expectRule(RULE, `${sdk}RUN dotnet tool install -g dotnet-counters\nENTRYPOINT ["/root/.dotnet/tools/dotnet-counters"]\n`);
    expectRule(RULE, `${sdk}RUN dotnet tool install --tool-path /tools GitVersion.Tool\nENTRYPOINT ["/tools/gitversion"]\n`);
    expectRule(RULE, `${sdk}CMD ["bash"]\n`);
    expectRule(RULE, `${sdk}CMD /bin/sh\n`);
    expectRule(RULE, `${sdk}ENTRYPOINT ["pwsh"]\n`);
    expectRule(RULE, `${sdk}ENTRYPOINT ["dotnet"]\n`);
    expectRule(RULE, `FROM ${DOTNET}/sdk:10.0\nENTRYPOINT ["dotnet", "App.dll"]\n`, { uri: 'file:///work/.devcontainer/Dockerfile' });
  });

  test('still reported: the app started from the SDK image (dotnet App.dll, an executable, dotnet run)', () => {
    expectRule(RULE, `FROM |${DOTNET}/sdk:10.0\nRUN dotnet publish -o /app\nENTRYPOINT ["dotnet", "/app/App.dll"]\n`);
    expectRule(RULE, `FROM |${DOTNET}/sdk:10.0\nRUN dotnet publish -o /app\nENTRYPOINT ["/app/App"]\n`);
    expectRule(RULE, `FROM |${DOTNET}/sdk:10.0\nCOPY . .\nCMD dotnet run\n`);
    expectRule(RULE, `FROM |${DOTNET}/sdk:10.0\nCOPY . .\nENTRYPOINT ["./start.sh"]\n`);
  });
});
