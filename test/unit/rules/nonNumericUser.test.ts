import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFix, expectRule } from './ruleTest';

const RULE = 'non-numeric-user';
const DOTNET = 'mcr.microsoft.com/dotnet';
const START = 'ENTRYPOINT ["dotnet", "App.dll"]\n';

describe(RULE, () => {
  test('USER app on a .NET 8+ image: information, fixed with $APP_UID', () => {
    const [found] = expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nUSER |app\n${START}`);
    assert.equal(found!.severity, 3);
    assert.match(found!.message, /runAsNonRoot/);
    expectFix(RULE, `FROM ${DOTNET}/aspnet:10.0\nUSER app\n${START}`, `FROM ${DOTNET}/aspnet:10.0\nUSER $APP_UID\n${START}`);
    expectFix(RULE, `FROM ${DOTNET}/aspnet:10.0 AS base\nUSER app:app\nFROM base\n${START}`, `FROM ${DOTNET}/aspnet:10.0 AS base\nUSER $APP_UID:app\nFROM base\n${START}`);
  });

  test('a user the Dockerfile creates with a UID is fixed with that UID', () => {
    expectFix(
      RULE,
      `FROM ${DOTNET}/aspnet:10.0-alpine\nRUN adduser -D -u 5678 appuser\nUSER appuser\n${START}`,
      `FROM ${DOTNET}/aspnet:10.0-alpine\nRUN adduser -D -u 5678 appuser\nUSER 5678\n${START}`,
    );
    expectRule(RULE, `FROM ${DOTNET}/aspnet:6.0\nRUN useradd -m appuser\nUSER |appuser\n${START}`);
  });

  test('a name through an ARG is still a name', () => {
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nARG USERNAME=worker\nUSER |\${USERNAME}\n${START}`);
  });

  test('fine: numbers, $APP_UID, root, no USER, build stages, Windows, dev containers and build images, other images', () => {
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nUSER $APP_UID\n${START}`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nUSER 1654:1654\n${START}`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nUSER root\n${START}`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\n${START}`);
    expectRule(RULE, `FROM ${DOTNET}/sdk:10.0 AS build\nUSER app\nFROM ${DOTNET}/aspnet:10.0\n${START}`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-nanoserver-ltsc2022\nUSER ContainerUser\n${START}`);
    expectRule(RULE, `FROM ${DOTNET}/sdk:10.0\nUSER vscode\n`, { uri: 'file:///work/.devcontainer/Dockerfile' });
    expectRule(RULE, `FROM ${DOTNET}/sdk:10.0\nUSER builder\nCMD ["dotnet", "test"]\n`);
    expectRule(RULE, `FROM node:22\nUSER node\nCMD ["node", "app.js"]\n`);
  });
});
