import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFix, expectRule } from './ruleTest';
import type { ProjectFacts } from '../../../server/src/service';
import { projectFacts } from '../../helpers/project';

const RULE = 'version-mismatch';
const DOTNET = 'mcr.microsoft.com/dotnet';

describe(RULE, () => {
  test('SDK 10 builds, the final stage runs 8.0: on the runtime version, with the SDK stage as related', () => {
    const [found] = expectRule(RULE, `FROM ${DOTNET}/sdk:10.0 AS build\nRUN dotnet publish -o /app\nFROM ${DOTNET}/aspnet:|8.0-noble-chiseled\nCOPY --from=build /app .\n`);
    assert.equal(found!.text, '8.0');
    assert.equal(found!.severity, 2);
    assert.match(found!.message, /SDK stage builds with \.NET 10\.0/);
    assert.equal(found!.relatedInformation?.length, 1);
  });

  test('the fix aligns the runtime to the SDK', () => {
    expectFix(
      RULE,
      `FROM ${DOTNET}/sdk:10.0 AS build\nFROM ${DOTNET}/aspnet:8.0-noble-chiseled\nCOPY --from=build /app .\n`,
      `FROM ${DOTNET}/sdk:10.0 AS build\nFROM ${DOTNET}/aspnet:10.0-noble-chiseled\nCOPY --from=build /app .\n`,
    );
  });

  test('an older SDK than the runtime is a mismatch too', () => {
    expectRule(RULE, `FROM ${DOTNET}/sdk:8.0 AS build\nFROM ${DOTNET}/runtime:|10.0\nCOPY --from=build /app .\n`);
  });

  test('the SDK stage the final stage copies from decides, through stage chains', () => {
    expectRule(
      RULE,
      `FROM ${DOTNET}/sdk:8.0 AS tools\nFROM ${DOTNET}/sdk:10.0 AS Build\nFROM build AS publish\nFROM ${DOTNET}/aspnet:10.0\nCOPY --from=PUBLISH /app .\n`,
    );
  });

  test('when the app targets the runtime version (-f net8.0, or the project), a newer SDK is fine', () => {
    expectRule(RULE, `FROM ${DOTNET}/sdk:10.0 AS build\nRUN dotnet publish -f net8.0 -o /app\nFROM ${DOTNET}/aspnet:8.0\nCOPY --from=build /app .\n`);
    const project: ProjectFacts = projectFacts({ projectFile: 'app.csproj', targetVersion: '8.0', isWeb: true });
    expectRule(RULE, `FROM ${DOTNET}/sdk:10.0 AS build\nFROM ${DOTNET}/aspnet:8.0\nCOPY --from=build /app .\n`, { project });
    const [found] = expectRule(RULE, `FROM ${DOTNET}/sdk:10.0 AS build\nFROM ${DOTNET}/aspnet:|10.0\nCOPY --from=build /app .\n`, { project });
    assert.match(found!.message, /app targets \.NET 8\.0 \(app\.csproj\)/);
  });

  test('same major version, or no SDK stage: nothing to compare', () => {
    expectRule(RULE, `FROM ${DOTNET}/sdk:10.0.400 AS build\nFROM ${DOTNET}/aspnet:10.0.11-noble-chiseled\nCOPY --from=build /app .\n`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:8.0\n`);
  });
});
