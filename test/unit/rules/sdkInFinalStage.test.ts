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
    expectFix(RULE, `FROM ${DOTNET}/sdk:10.0-alpine\nEXPOSE 8080\n`, `FROM ${DOTNET}/aspnet:10.0-alpine\nEXPOSE 8080\n`);
    const [found] = expectRule(RULE, `FROM |${DOTNET}/sdk:10.0\nENV ASPNETCORE_ENVIRONMENT=Production\n`);
    assert.equal(found!.replacements[0]?.newText, `${DOTNET}/aspnet:10.0`);
  });

  test('the project facts say it is a web app', () => {
    const [found] = expectRule(RULE, `FROM |${DOTNET}/sdk:10.0\n`, { project: project({ isWeb: true }) });
    assert.equal(found!.replacements[0]?.newText, `${DOTNET}/aspnet:10.0`);
  });

  test('a self-contained or native AOT publish gets runtime-deps first', () => {
    const [aot] = expectRule(RULE, `FROM |${DOTNET}/sdk:10.0-noble\nRUN dotnet publish -p:PublishAot=true -o /app\n`);
    assert.equal(aot!.replacements[0]?.newText, `${DOTNET}/runtime-deps:10.0-noble`);
    const [sc] = expectRule(RULE, `FROM |${DOTNET}/sdk:10.0\nRUN dotnet publish -r linux-x64 --self-contained -o /app\n`);
    assert.equal(sc!.replacements[0]?.newText, `${DOTNET}/runtime-deps:10.0`);
  });

  test('since .NET 8 a runtime identifier alone is framework-dependent', () => {
    const [found] = expectRule(RULE, `FROM |${DOTNET}/sdk:10.0\nRUN dotnet publish -r linux-x64 -o /app\n`);
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
});
