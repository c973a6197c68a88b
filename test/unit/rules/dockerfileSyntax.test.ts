/**
 * dockerfile-syntax reports what BuildKit refuses before it builds. BuildKit's own negative parser cases
 * (test/fixtures/buildkit-parser/testfiles-negative, copied verbatim from moby/buildkit) must each get an error, with
 * BuildKit's message; every other case here is one of BuildKit's refusals, written from its parser and instruction
 * code (frontend/dockerfile/parser, frontend/dockerfile/instructions).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expectFix, expectRule, lint } from './ruleTest';

const RULE = 'dockerfile-syntax';
const NEGATIVE = path.resolve(__dirname, '../../fixtures/buildkit-parser/testfiles-negative');
const IMAGE = 'mcr.microsoft.com/dotnet/aspnet:10.0';

function syntaxErrors(text: string, options: Parameters<typeof lint>[1] = {}) {
  return lint(text, options).filter((d) => d.code === RULE);
}

describe(RULE, () => {
  test("every one of BuildKit's negative parser cases gets an error, with BuildKit's words", () => {
    const expected = new Map(
      readFileSync(path.join(NEGATIVE, 'expected-errors.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((line) => line.split('\t') as [string, string]),
    );
    const cases = readdirSync(NEGATIVE).filter((entry) => statSync(path.join(NEGATIVE, entry)).isDirectory()).sort();
    assert.deepEqual(cases, [...expected.keys()].sort(), 'expected-errors.tsv lists every case');
    assert.ok(cases.length >= 4);
    for (const name of cases) {
      const errors = syntaxErrors(readFileSync(path.join(NEGATIVE, name, 'Dockerfile'), 'utf8'));
      assert.ok(errors.length > 0, `${name}: no dockerfile-syntax error`);
      assert.ok(errors.every((e) => e.severity === 1), `${name}: reported as an error`);
      assert.ok(errors.some((e) => e.message.includes(expected.get(name)!)), `${name}: ${JSON.stringify(errors.map((e) => e.message))} does not say "${expected.get(name)}"`);
    }
  });

  test('an unknown instruction, with the fix for a typo', () => {
    const [found] = expectRule(RULE, `|FORM ${IMAGE}\n`);
    assert.match(found!.message, /unknown instruction: FORM\. Did you mean FROM\?/);
    expectFix(RULE, `FROM ${IMAGE}\nCOPPY . /app\n`, `FROM ${IMAGE}\nCOPY . /app\n`);
    expectRule(RULE, `FROM ${IMAGE}\n|//#if (Something)\nRUN echo\n`);
  });

  test('missing arguments', () => {
    expectRule(RULE, `FROM ${IMAGE}\n|COPY app.dll\n|ADD ["a"]\n`);
    expectRule(RULE, `|FROM ${IMAGE} build\n`);
    expectRule(RULE, `FROM ${IMAGE}\n|ENV\n|LABEL\n|EXPOSE\n|VOLUME\n|USER\n|WORKDIR\n|STOPSIGNAL\n|ONBUILD\n`);
    expectRule(RULE, `FROM ${IMAGE}\n|ENV PATH\n`);
    expectRule(RULE, `FROM ${IMAGE}\n|ENV A=1 B\n`);
    // The community corpus (ArchiSteamFarm): an unquoted list after '=' is several words, and BuildKit refuses it.
    const [list] = expectRule(RULE, `FROM ${IMAGE}\n|ENV PLUGINS_BUNDLED=Plugin.One Plugin.Two\n`);
    assert.match(list!.message, /can't find = in "Plugin\.Two"/);
    expectRule(RULE, `FROM ${IMAGE}\nENV PLUGINS_BUNDLED="Plugin.One Plugin.Two"\n`);
    expectRule(RULE, `FROM ${IMAGE}\n|LABEL maintainer\n`);
    expectRule(RULE, `FROM ${IMAGE}\nARG |=value\n`);
    expectRule(RULE, `FROM ${IMAGE}\n|VOLUME [""]\n`);
  });

  test('HEALTHCHECK: its type, its command, its durations and retries', () => {
    expectRule(RULE, `FROM ${IMAGE}\n|HEALTHCHECK\n`);
    expectRule(RULE, `FROM ${IMAGE}\n|HEALTHCHECK CMD\n`);
    expectRule(RULE, `FROM ${IMAGE}\n|HEALTHCHECK NONE now\n`);
    expectRule(RULE, `FROM ${IMAGE}\nHEALTHCHECK |RUN curl localhost\n`);
    const [duration] = expectRule(RULE, `FROM ${IMAGE}\nHEALTHCHECK |--interval=30 CMD curl -f http://localhost:8080/\n`);
    assert.match(duration!.message, /invalid duration "30" for --interval/);
    expectRule(RULE, `FROM ${IMAGE}\nHEALTHCHECK |--timeout=0.5ms CMD curl -f http://localhost:8080/\n`);
    expectRule(RULE, `FROM ${IMAGE}\nHEALTHCHECK |--retries=-1 CMD curl -f http://localhost:8080/\n`);
    expectRule(RULE, `FROM ${IMAGE}\nHEALTHCHECK |--retries=three CMD curl -f http://localhost:8080/\n`);
    expectRule(RULE, `FROM ${IMAGE}\nHEALTHCHECK --interval=1m30s --timeout=3s --start-period=0 --start-interval=500ms --retries=3 CMD curl -f http://localhost:8080/\n`);
    expectRule(RULE, `FROM ${IMAGE}\nHEALTHCHECK --interval=5s NONE\n`);
  });

  test('only ARG before the first FROM', () => {
    const [found] = expectRule(RULE, `ARG TAG=10.0\n|RUN echo hi\nFROM ${IMAGE}\n`);
    assert.match(found!.message, /no build stage in current context/);
  });

  test('flags: unknown, twice, without a value, not a boolean, bad values', () => {
    const [unknown] = expectRule(RULE, `FROM ${IMAGE}\nCOPY |--chwon=app . /app\n`);
    assert.match(unknown!.message, /unknown flag: --chwon\. COPY takes --chown, --from, --chmod, --link, --exclude, --parents\./);
    expectRule(RULE, `FROM ${IMAGE}\nENV |--x=1 A=1\n`);
    expectRule(RULE, `FROM ${IMAGE} AS a\nFROM ${IMAGE}\nCOPY --from=a |--from=a /x /y\n`);
    expectRule(RULE, `FROM ${IMAGE} AS a\nFROM ${IMAGE}\nCOPY |--from a /x /y\n`);
    expectRule(RULE, `FROM ${IMAGE}\nCOPY |--link=yes . /app\n`);
    expectRule(RULE, `FROM ${IMAGE}\nRUN |--network=bridge apt-get update\n`);
    expectRule(RULE, `FROM ${IMAGE}\nRUN |--security=privileged id\n`);
    expectRule(RULE, `FROM ${IMAGE}\nRUN |--mount=type=volume,target=/x id\n`);
    expectRule(RULE, `FROM ${IMAGE}\nRUN |--mount=type=cache,target /x id\n`);
    // Several --mount flags, booleans without a value, known values: fine.
    expectRule(RULE, `FROM ${IMAGE} AS a\nFROM ${IMAGE}\nCOPY --link --from=a --chmod=755 /x /y\nRUN --mount=type=cache,target=/root/.nuget --mount=type=secret,id=token,env=TOKEN,required --network=none id\n`);
  });

  test('the labs channel may add flags; another frontend has its own grammar', () => {
    expectRule(RULE, `# syntax=docker/dockerfile:1-labs\nFROM ${IMAGE}\nCOPY --newflag . /app\n`);
    expectRule(RULE, `# syntax=docker/dockerfile:1\nFROM ${IMAGE}\nCOPY |--newflag . /app\n`);
    expectRule(RULE, `# syntax=example.com/my/frontend:1\nFORM ${IMAGE}\n`);
  });

  test('COPY --from: no variables, a stage defined before, an index in range', () => {
    expectRule(RULE, `ARG BASE=build\nFROM ${IMAGE}\nCOPY |--from=$BASE /x /y\n`);
    expectRule(RULE, `FROM ${IMAGE} AS first\nCOPY |--from=later /x /y\nFROM ${IMAGE} AS later\n`);
    expectRule(RULE, `FROM ${IMAGE}\nCOPY |--from=0 /x /y\n`);
    expectRule(RULE, `FROM ${IMAGE}\nFROM ${IMAGE}\nCOPY |--from=5 /x /y\n`);
    expectRule(RULE, `FROM ${IMAGE}\nRUN |--mount=type=bind,from=$STAGE,target=/x id\n`);
    expectRule(RULE, `FROM ${IMAGE} AS first\nFROM ${IMAGE}\nCOPY --from=first /x /y\nCOPY --from=0 /x /y\nCOPY --from=nginx:alpine /etc/nginx /etc/nginx\n`);
  });

  test('stage names: valid, and not used twice (without case)', () => {
    expectRule(RULE, `FROM ${IMAGE} AS |1build\n`);
    expectRule(RULE, `FROM ${IMAGE} AS |my/stage\n`);
    const [duplicate] = expectRule(RULE, `FROM ${IMAGE} AS build\nFROM ${IMAGE} AS |Build\n`);
    assert.match(duplicate!.message, /already used on line 1/);
    expectRule(RULE, `FROM ${IMAGE} AS Build-1\nFROM build-1 AS final\n`);
  });

  test('SHELL in JSON form only; ONBUILD triggers', () => {
    expectRule(RULE, `FROM ${IMAGE}\n|SHELL /bin/bash -c\n`);
    expectRule(RULE, `FROM ${IMAGE}\n|ONBUILD ONBUILD RUN x\n|ONBUILD FROM alpine\n`);
    expectRule(RULE, `FROM ${IMAGE}\nSHELL ["/bin/bash", "-c"]\nONBUILD RUN dotnet restore\n`);
  });

  test('an image name that ARG expansion makes longer than the limit', () => {
    const grow = ['ARG A0=' + 'x'.repeat(64)];
    for (let i = 1; i < 9; i++) grow.push(`ARG A${i}=\${A${i - 1}}\${A${i - 1}}`);
    const [found] = expectRule(RULE, `${grow.join('\n')}\nFROM |\${A8}\${A8}\n`);
    assert.match(found!.message, /longer than/);
  });

  test('hostile input: a 200,000-digit duration and a 100,000-character RUN are answered at once', () => {
    const started = performance.now();
    expectRule(RULE, `FROM ${IMAGE}\nHEALTHCHECK |--interval=${'1'.repeat(200_000)}x CMD true\n`);
    const run = `RUN ${'apk apk add '.repeat(8_000)} && adduser ${'-u '.repeat(10_000)}app\nUSER app\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false\n`;
    lint(`FROM ${IMAGE}-alpine\n${run}ENTRYPOINT ["dotnet", "App.dll"]\n`);
    assert.ok(performance.now() - started < 3000, `took ${Math.round(performance.now() - started)} ms`);
  });

  test('off when another extension reports syntax errors (never twice); the parser errors are the same otherwise', () => {
    assert.equal(syntaxErrors(`FORM ${IMAGE}\n`, { syntaxCheckedElsewhere: true }).length, 0);
    assert.equal(syntaxErrors(`FORM ${IMAGE}\n`).length, 1);
  });

  test('a valid multi-stage Dockerfile gets nothing', () => {
    expectRule(
      RULE,
      `# syntax=docker/dockerfile:1\n# escape=\\\nARG SDK=mcr.microsoft.com/dotnet/sdk:10.0\nFROM --platform=$BUILDPLATFORM \${SDK} AS build\nARG TARGETARCH\nWORKDIR /src\nCOPY --link *.csproj ./\nRUN --mount=type=cache,target=/root/.nuget/packages dotnet restore -a $TARGETARCH\nCOPY . .\nRUN dotnet publish -a $TARGETARCH -o /app\n\nFROM ${IMAGE}-noble-chiseled\nLABEL org.opencontainers.image.source=https://example.com\nENV ASPNETCORE_HTTP_PORTS=8080 A="b c"\nEXPOSE 8080/tcp\nWORKDIR /app\nCOPY --from=build --chown=$APP_UID:$APP_UID /app .\nUSER $APP_UID\nHEALTHCHECK --interval=30s CMD ["/app/App", "--health"]\nSTOPSIGNAL SIGTERM\nVOLUME ["/data"]\nENTRYPOINT ["/app/App"]\n`,
    );
  });
});
