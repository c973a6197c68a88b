import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFix, expectRule } from './ruleTest';

const RULE = 'platform-arg-not-declared';
const SDK = 'mcr.microsoft.com/dotnet/sdk:10.0';

describe(RULE, () => {
  test('$TARGETARCH in a stage that does not declare it is empty: on the use', () => {
    const [found] = expectRule(RULE, `FROM --platform=$BUILDPLATFORM ${SDK} AS build\nRUN dotnet publish -a |$TARGETARCH -o /app\n`);
    assert.equal(found!.text, '$TARGETARCH');
    assert.equal(found!.severity, 2);
    expectRule(RULE, `FROM ${SDK}\nRUN dotnet publish -r linux-musl-|\${TARGETARCH} -o /app\nRUN echo |$BUILDPLATFORM && echo $TARGETARCH\n`);
    expectRule(RULE, `FROM ${SDK}\nCOPY --from=build /out/|$TARGETOS /app\n`);
    expectRule(RULE, `FROM ${SDK}\nRUN --mount=type=cache,id=nuget-|$TARGETARCH,target=/root/.nuget dotnet restore\n`);
    expectRule(RULE, `FROM ${SDK}\nRUN <<EOF\ndotnet publish -a |$TARGETARCH\nEOF\n`);
  });

  test('a stage built FROM another sees what its parent declared (BuildKit starts it from the parent state); the global scope is not enough', () => {
    expectRule(RULE, `FROM ${SDK} AS build\nARG TARGETARCH\nFROM build AS publish\nRUN dotnet publish -a $TARGETARCH -o /app\n`);
    expectRule(RULE, `ARG TARGETARCH\nFROM ${SDK} AS base\nFROM base\nRUN echo |$TARGETARCH\n`);
    expectRule(RULE, `FROM ${SDK} AS base\nARG TARGETARCH\nFROM ${SDK}\nRUN echo |$TARGETARCH\n`);
  });

  test('the fix declares the ARG after the stage FROM', () => {
    expectFix(
      RULE,
      `FROM --platform=$BUILDPLATFORM ${SDK} AS build\nWORKDIR /src\nRUN dotnet publish -a $TARGETARCH -o /app\n`,
      `FROM --platform=$BUILDPLATFORM ${SDK} AS build\nARG TARGETARCH\nWORKDIR /src\nRUN dotnet publish -a $TARGETARCH -o /app\n`,
    );
    expectFix(RULE, `FROM ${SDK}\r\nRUN echo $TARGETOS\r\n`, `FROM ${SDK}\r\nARG TARGETOS\r\nRUN echo $TARGETOS\r\n`);
  });

  test('fine: declared before the use, FROM lines, ENV of that name, other variables, escaped', () => {
    expectRule(RULE, `FROM --platform=$BUILDPLATFORM ${SDK}\nARG TARGETARCH\nRUN dotnet publish -a $TARGETARCH\n`);
    expectRule(RULE, `ARG TAG=10.0\nFROM --platform=$TARGETPLATFORM ${SDK}\n`);
    expectRule(RULE, `FROM ${SDK}\nARG TARGETARCH TARGETOS\nARG RID=$TARGETOS-$TARGETARCH\n`);
    expectRule(RULE, `FROM ${SDK}\nENV TARGETARCH=amd64\nRUN echo $TARGETARCH\n`);
    expectRule(RULE, `FROM ${SDK}\nRUN echo $MY_TARGETARCH \\$TARGETARCH\n`);
  });
});
