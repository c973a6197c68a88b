import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFix, expectRule } from './ruleTest';
import { projectFacts } from '../../helpers/project';

const RULE = 'aot-without-toolchain';
const DOTNET = 'mcr.microsoft.com/dotnet';
const aot = { project: projectFacts({ projectFile: 'Api.csproj', publishAot: true, selfContained: true }) };

const text = (sdk: string, run = 'RUN dotnet publish -o /app'): string =>
  `FROM ${DOTNET}/sdk:${sdk} AS build\nWORKDIR /src\nCOPY . .\n${run}\n\nFROM ${DOTNET}/runtime-deps:10.0-noble-chiseled\nCOPY --from=build /app /app\nENTRYPOINT ["/app/Api"]\n`;

describe(RULE, () => {
  test('PublishAot in the project, a plain SDK: on `publish`, fixed to the -aot SDK', () => {
    const [found] = expectRule(RULE, text('10.0', 'RUN dotnet |publish -o /app'), aot);
    assert.equal(found!.text, 'publish');
    assert.match(found!.message, /Native AOT \(Api\.csproj sets PublishAot\) needs clang and the platform linker, which 'sdk:10\.0' does not have/);
    assert.match(found!.message, /use 'sdk:10\.0-aot'/);
    expectFix(RULE, text('10.0'), text('10.0-aot'), aot);
    expectFix(RULE, text('10.0-noble'), text('10.0-noble-aot'), aot);
    expectFix(RULE, text('10.0-alpine'), text('10.0-alpine-aot'), aot);
  });

  test('-p:PublishAot=true in the command is enough, with or without a project', () => {
    const run = 'RUN dotnet |publish -c Release -p:PublishAot=true -o /app';
    const [found] = expectRule(RULE, text('10.0-noble', run));
    assert.match(found!.message, /\(-p:PublishAot=true\)/);
  });

  test('the SDK tag from a global ARG: the fix changes its default', () => {
    const source = `ARG SDK=10.0-noble\nFROM ${DOTNET}/sdk:$SDK AS build\nRUN dotnet publish -o /app\nFROM ${DOTNET}/runtime-deps:10.0-noble-chiseled\nCOPY --from=build /app /app\n`;
    expectFix(RULE, source, source.replace('ARG SDK=10.0-noble', 'ARG SDK=10.0-noble-aot'), aot);
  });

  test('before .NET 10 there is no -aot SDK: the fix installs clang and zlib before the publish', () => {
    const before = text('9.0-noble', '# Native AOT\nRUN dotnet publish -o /app');
    const [found] = expectRule(RULE, text('9.0-noble', '# Native AOT\nRUN dotnet |publish -o /app'), aot);
    assert.match(found!.message, /the -aot SDK images start with \.NET 10/);
    expectFix(
      RULE,
      before,
      text('9.0-noble', 'RUN apt-get update \\\n    && apt-get install -y --no-install-recommends clang zlib1g-dev \\\n    && rm -rf /var/lib/apt/lists/*\n# Native AOT\nRUN dotnet publish -o /app'),
      aot,
    );
    expectFix(RULE, text('9.0-alpine'), text('9.0-alpine', 'RUN apk add --no-cache clang build-base zlib-dev\nRUN dotnet publish -o /app'), aot);
  });

  test('quiet: the -aot SDK, clang installed in the stage or the one it is built FROM, PublishAot=false, no AOT', () => {
    expectRule(RULE, text('10.0-noble-aot'), aot);
    expectRule(RULE, text('9.0-noble', 'RUN apt-get update && apt-get install -y clang zlib1g-dev\nRUN dotnet publish -o /app'), aot);
    const chained = `FROM ${DOTNET}/sdk:9.0-alpine AS tools\nRUN apk add --no-cache clang build-base zlib-dev\nFROM tools AS build\nRUN dotnet publish -o /app\nFROM ${DOTNET}/runtime-deps:9.0-alpine\nCOPY --from=build /app /app\n`;
    expectRule(RULE, chained, aot);
    expectRule(RULE, text('10.0', 'RUN dotnet publish -p:PublishAot=false -o /app'), aot);
    expectRule(RULE, text('10.0'), { project: projectFacts({ projectFile: 'Api.csproj' }) });
    // `dotnet build` does not compile native code; an image that is not the .NET SDK is not ours to judge.
    expectRule(RULE, text('10.0', 'RUN dotnet build -o /app'), aot);
    expectRule(RULE, `FROM ubuntu:24.04\nRUN dotnet publish -p:PublishAot=true -o /app\n`);
  });

  test('clang installed after the publish is too late', () => {
    expectRule(RULE, text('9.0-noble', 'RUN dotnet |publish -o /app\nRUN apt-get install -y clang'), aot);
  });
});
