import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectRule } from './ruleTest';

const RULE = 'dotnet-without-sdk';
const DOTNET = 'mcr.microsoft.com/dotnet';

describe(RULE, () => {
  test('dotnet publish/restore/test/tool in a stage on aspnet, runtime or runtime-deps: on the RUN', () => {
    const [found] = expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nCOPY . .\n|RUN dotnet publish -c Release -o /app\n`);
    assert.equal(found!.severity, 1);
    assert.match(found!.message, /No \.NET SDKs were found/);
    assert.match(found!.message, /aspnet/);
    expectRule(RULE, `FROM ${DOTNET}/runtime:10.0 AS build\n|RUN dotnet restore && dotnet build\nFROM ${DOTNET}/runtime:10.0\n`);
    expectRule(RULE, `FROM ${DOTNET}/runtime-deps:10.0\n|RUN dotnet tool install -g dotnet-ef\n`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:8.0 AS base\nFROM base AS test\n|RUN ["dotnet", "test"]\n`);
    expectRule(RULE, `FROM ${DOTNET}/core/aspnet:3.1\n|RUN dotnet publish -o /app\n`);
    expectRule(RULE, `FROM microsoft/dotnet:2.1-aspnetcore-runtime\n|RUN dotnet build\n`);
  });

  test('a container started with dotnet run or dotnet watch on a runtime image cannot start', () => {
    const [found] = expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nCOPY . .\n|ENTRYPOINT ["dotnet", "run"]\n`);
    assert.match(found!.message, /cannot start/);
    expectRule(RULE, `FROM ${DOTNET}/runtime:10.0\n|CMD dotnet watch run\n`);
  });

  test('fine: the SDK, dotnet App.dll, an SDK installed or copied in, other images', () => {
    expectRule(RULE, `FROM ${DOTNET}/sdk:10.0\nRUN dotnet publish -o /app\nENTRYPOINT ["dotnet", "run"]\n`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nRUN dotnet --info\nENTRYPOINT ["dotnet", "App.dll"]\n`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nRUN curl -sSL https://dot.net/v1/dotnet-install.sh || bash /dev/stdin --channel 10.0\nRUN dotnet publish -o /app\n`);
    expectRule(RULE, `FROM ${DOTNET}/runtime:10.0\nRUN apt-get update && apt-get install -y dotnet-sdk-10.0\nRUN dotnet build\n`);
    expectRule(RULE, `FROM ${DOTNET}/runtime:10.0\nCOPY --from=${DOTNET}/sdk:10.0 /usr/share/dotnet /usr/share/dotnet\nRUN dotnet build\n`);
    expectRule(RULE, `FROM ubuntu:24.04\nRUN dotnet build\n`);
  });
});
