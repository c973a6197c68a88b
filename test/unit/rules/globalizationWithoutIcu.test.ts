import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFix, expectRule } from './ruleTest';
import { checkFix } from '../fixes/fixHarness';
import { projectFacts } from '../../helpers/project';

const RULE = 'globalization-without-icu';
const DOTNET = 'mcr.microsoft.com/dotnet';

describe(RULE, () => {
  test('invariant mode off on a chiseled image without -extra: on the setting', () => {
    const [found] = expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\nENV |DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false\n`);
    assert.equal(found!.text, 'DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false');
    assert.equal(found!.severity, 2);
    assert.match(found!.message, /10\.0-noble-chiseled-extra/);
  });

  test('0 and a time zone count too; distroless too', () => {
    expectRule(RULE, `FROM ${DOTNET}/runtime:10.0-azurelinux3.0-distroless\nENV |DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=0 |TZ=Europe/Paris\n`);
  });

  test('the fix moves to the -extra tag, before the architecture', () => {
    expectFix(
      RULE,
      `FROM ${DOTNET}/aspnet:10.0-noble-chiseled-amd64\nENV TZ=Europe/Paris\n`,
      `FROM ${DOTNET}/aspnet:10.0-noble-chiseled-extra-amd64\nENV TZ=Europe/Paris\n`,
    );
    expectFix(
      RULE,
      `FROM ${DOTNET}/aspnet:10.0-noble-chiseled-composite\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false\n`,
      `FROM ${DOTNET}/aspnet:10.0-noble-chiseled-composite-extra\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false\n`,
    );
  });

  test('the project says InvariantGlobalization=false: on the flavour of the final image', () => {
    const [found] = expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-noble-|chiseled\n`, {
      project: projectFacts({ projectFile: 'web.csproj', isWeb: true, invariantGlobalization: false }),
    });
    assert.equal(found!.text, 'chiseled');
  });

  test('fine: -extra images, full images, UTC, invariant mode on, ENV in an unrelated stage', () => {
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-noble-chiseled-extra\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false TZ=Europe/Paris\n`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-noble\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false\n`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\nENV TZ=UTC DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true\n`);
    expectRule(RULE, `FROM ${DOTNET}/sdk:10.0 AS build\nENV TZ=Europe/Paris\nFROM ${DOTNET}/aspnet:10.0-noble-chiseled\n`);
  });

  test('Alpine has no ICU unless the stage installs icu-libs: on the setting, fixed with the apk add', () => {
    const [found] = expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-alpine\nENV |DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false\n`);
    assert.match(found!.message, /no ICU/);
    assert.match(found!.message, /apk add --no-cache icu-libs/);
    const before = `FROM ${DOTNET}/aspnet:8.0-alpine AS base\nWORKDIR /app\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=0\nFROM base\nENTRYPOINT ["dotnet", "App.dll"]\n`;
    // The -extra tag first where it is published, the apk add after the FROM of the image's stage otherwise.
    expectFix(RULE, before, before.replace('8.0-alpine', '8.0-alpine-extra'));
    checkFix({
      rule: RULE,
      title: 'Install ICU (RUN apk add --no-cache icu-libs icu-data-full)',
      before: before.replace('ENV DOTNET', 'ENV |DOTNET'),
      after: `FROM ${DOTNET}/aspnet:8.0-alpine AS base\nRUN apk add --no-cache icu-libs icu-data-full\nWORKDIR /app\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=0\nFROM base\nENTRYPOINT ["dotnet", "App.dll"]\n`,
    });
    expectRule(RULE, `FROM ${DOTNET}/runtime:10.0-|alpine3.22\n`, { project: projectFacts({ invariantGlobalization: false }) });
  });

  test('Alpine is fine with ICU installed (apk add icu-libs, icu-data-full), invariant mode on, or a time zone (not ICU)', () => {
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-alpine\nRUN apk add --no-cache icu-libs\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false\n`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-alpine AS base\nRUN apk update && apk add --no-cache icu-data-full tzdata\nFROM base\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false\n`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-alpine\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true TZ=Europe/Paris\n`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-alpine\n`, { project: projectFacts({ invariantGlobalization: true }) });
  });
});
