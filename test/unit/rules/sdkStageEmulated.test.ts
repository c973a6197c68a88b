import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFix, expectRule } from './ruleTest';

const RULE = 'sdk-stage-emulated';
const SDK = 'mcr.microsoft.com/dotnet/sdk:10.0';

describe(RULE, () => {
  test('a publish for $TARGETARCH in an SDK stage without --platform=$BUILDPLATFORM: information on the image', () => {
    const [found] = expectRule(RULE, `FROM |${SDK} AS build\nARG TARGETARCH\nRUN dotnet publish -a $TARGETARCH -o /app\n`);
    assert.equal(found!.severity, 3);
    assert.equal(found!.text, SDK);
    assert.match(found!.message, /emulation/);
    expectRule(RULE, `FROM |${SDK} AS build\nARG TARGETARCH\nRUN dotnet restore -r linux-$TARGETARCH && dotnet publish --no-restore -o /app\n`);
    expectRule(RULE, `FROM |${SDK} AS build\nARG TARGETPLATFORM\nRUN dotnet publish --runtime=linux-\${TARGETPLATFORM#linux/} -o /app\n`);
    // A runtime identifier worked out by the shell from $TARGETARCH.
    expectRule(RULE, `FROM |${SDK} AS build\nARG TARGETARCH\nRUN case "$TARGETARCH" in arm64) RID=linux-arm64 ;; *) RID=linux-x64 ;; esac \\\n && dotnet publish -r $RID -o /app\n`);
  });

  test('the fix runs the stage (or the stage its chain starts from) on the build platform', () => {
    expectFix(
      RULE,
      `FROM ${SDK} AS build\nARG TARGETARCH\nRUN dotnet publish -a $TARGETARCH -o /app\n`,
      `FROM --platform=$BUILDPLATFORM ${SDK} AS build\nARG TARGETARCH\nRUN dotnet publish -a $TARGETARCH -o /app\n`,
    );
    expectRule(RULE, `FROM |${SDK} AS base\nFROM base AS build\nARG TARGETARCH\nRUN dotnet publish -a $TARGETARCH -o /app\n`);
  });

  test('fine for Native AOT (built on the target platform on purpose) and for an SDK tag that pins its architecture', () => {
    expectRule(RULE, `FROM ${SDK}-noble-aot AS build\nARG TARGETARCH\nRUN dotnet publish -a $TARGETARCH -o /app\n`);
    expectRule(RULE, `FROM ${SDK} AS build\nARG TARGETARCH\nRUN dotnet publish -a $TARGETARCH -p:PublishAot=true -o /app\n`);
    expectRule(RULE, `FROM ${SDK} AS build\nARG TARGETARCH\nRUN apt-get update && apt-get install -y clang zlib1g-dev\nRUN dotnet restore -r linux-$TARGETARCH && dotnet publish --no-restore -o /app\n`);
    expectRule(RULE, `FROM mcr.microsoft.com/dotnet/sdk:8.0-bookworm-slim-amd64 AS build\nARG TARGETARCH\nRUN dotnet publish -a $TARGETARCH --sc -o /app\n`);
  });

  test('fine: --platform in the chain, no target architecture, a runtime stage, Windows', () => {
    expectRule(RULE, `FROM --platform=$BUILDPLATFORM ${SDK} AS build\nARG TARGETARCH\nRUN dotnet publish -a $TARGETARCH -o /app\n`);
    expectRule(RULE, `FROM --platform=$BUILDPLATFORM ${SDK} AS base\nFROM base AS build\nARG TARGETARCH\nRUN dotnet publish -a $TARGETARCH -o /app\n`);
    expectRule(RULE, `FROM ${SDK} AS build\nRUN dotnet publish -r linux-x64 -o /app\n`);
    expectRule(RULE, `FROM mcr.microsoft.com/dotnet/aspnet:10.0\nARG TARGETARCH\nRUN echo $TARGETARCH\n`);
    expectRule(RULE, `FROM ${SDK}\nARG TARGETARCH\nRUN echo $TARGETARCH && dotnet --info\n`);
  });
});
