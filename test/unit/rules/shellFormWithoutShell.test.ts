import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectRule, lint } from './ruleTest';

const RULE = 'shell-form-without-shell';
const CHISELED = 'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled';

describe(RULE, () => {
  test('shell-form CMD, ENTRYPOINT, RUN and HEALTHCHECK CMD on a chiseled image', () => {
    const found = expectRule(
      RULE,
      `FROM ${CHISELED}
|RUN mkdir /data
|HEALTHCHECK --interval=5s CMD curl -f http://localhost:8080/healthz
|ENTRYPOINT dotnet app.dll
|CMD dotnet app.dll
`,
    );
    assert.deepEqual(found.map((d) => d.text), ['RUN', 'HEALTHCHECK', 'ENTRYPOINT', 'CMD']);
    assert.ok(found.every((d) => d.severity === 1));
    assert.match(found[3]!.message, /no shell/);
    assert.match(found[3]!.message, /CMD \["dotnet", "app.dll"\]/);
  });

  test('the data carries only the rule id: fixes are found again from the current version', () => {
    const [found] = expectRule(RULE, `FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nFROM ${CHISELED}\n|cmd ["dotnet",'app.dll']\n`);
    assert.deepEqual(found!.data, { rule: RULE });
    assert.equal(found!.text, 'cmd');
  });

  test("what looks like JSON but is not (single quotes) is shell form, as BuildKit decides", () => {
    expectRule(RULE, `FROM ${CHISELED}\n|CMD ['dotnet', 'app.dll']\n|ENTRYPOINT ["dotnet", "app.dll",]\n`);
  });

  test('a heredoc RUN is shell form', () => {
    expectRule(RULE, `FROM ${CHISELED}\n|RUN <<EOF\necho hi\nEOF\n`);
  });

  test('exec form, HEALTHCHECK NONE and bare CMD are fine', () => {
    expectRule(RULE, `FROM ${CHISELED}\nRUN ["/app/setup"]\nHEALTHCHECK NONE\nENTRYPOINT ["dotnet", "app.dll"]\nCMD ["--urls", "http://+:8080"]\n`);
  });

  test('distroless, scratch and the well-known shell-less bases have no shell', () => {
    expectRule(RULE, `FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-azurelinux3.0-distroless\n|CMD ./app\n`);
    expectRule(RULE, `FROM scratch\nCOPY app /app\n|ENTRYPOINT /app\n`);
    expectRule(RULE, `FROM gcr.io/distroless/base-debian12\n|CMD ./app\n`);
    expectRule(RULE, `FROM mcr.microsoft.com/azurelinux/distroless/base:3.0\n|CMD ./app\n`);
    expectRule(RULE, `FROM cgr.dev/chainguard/static:latest\n|CMD ./app\n`);
    expectRule(RULE, `FROM mcr.microsoft.com/dotnet/monitor:10\n|CMD ./app\n`);
  });

  test('debug and -dev variants of shell-less bases have a shell', () => {
    expectRule(RULE, `FROM gcr.io/distroless/base-debian12:debug\nCMD ./app\n`);
    expectRule(RULE, `FROM cgr.dev/chainguard/wolfi-base:latest-dev\nCMD ./app\n`);
  });

  test('images with a shell: Debian, Ubuntu, Alpine, Azure Linux, and Windows (cmd.exe)', () => {
    expectRule(
      RULE,
      `FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\nCMD dotnet app.dll\nFROM mcr.microsoft.com/dotnet/aspnet:10.0-alpine\nCMD dotnet app.dll\nFROM mcr.microsoft.com/dotnet/aspnet:10.0-azurelinux3.0\nCMD dotnet app.dll\nFROM mcr.microsoft.com/dotnet/aspnet:10.0-nanoserver-ltsc2022\nCMD dotnet app.dll\nFROM mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim\nCMD dotnet app.dll\n`,
    );
  });

  test('an image we know nothing about is left alone', () => {
    expectRule(RULE, `FROM example.com/private/base:1\nCMD ./app\nFROM ubuntu:24.04\nCMD ./app\n`);
  });

  test('followed through FROM <stage> chains, stage names matched without case', () => {
    expectRule(RULE, `FROM ${CHISELED} AS Base\nFROM base AS middle\nFROM MIDDLE\n|CMD dotnet app.dll\n`);
  });

  test('ARG defaults before FROM resolve the base image', () => {
    expectRule(RULE, `ARG RUNTIME=mcr.microsoft.com/dotnet/aspnet\nARG FLAVOUR=noble-chiseled\nFROM \${RUNTIME}:10.0-$FLAVOUR\n|CMD dotnet app.dll\n`);
  });

  test('an unresolved ARG leaves the base unknown: no finding', () => {
    expectRule(RULE, `ARG FLAVOUR\nFROM mcr.microsoft.com/dotnet/aspnet:10.0-$FLAVOUR\nCMD dotnet app.dll\n`);
  });

  test('a SHELL earlier in the stage or in a parent stage disables the rule; one after it does not', () => {
    expectRule(RULE, `FROM ${CHISELED}\nSHELL ["/busybox/sh", "-c"]\nCMD dotnet app.dll\n`);
    expectRule(RULE, `FROM ${CHISELED} AS base\nSHELL ["/busybox/sh", "-c"]\nFROM base\nCMD dotnet app.dll\n`);
    expectRule(RULE, `FROM ${CHISELED}\n|CMD dotnet app.dll\nSHELL ["/busybox/sh", "-c"]\n`);
  });

  test('a shell copied in first (busybox, a whole root file system) makes shell form work', () => {
    expectRule(RULE, `FROM ${CHISELED}\nCOPY --from=busybox:uclibc /bin/sh /bin/sh\nRUN echo hi\n`);
    expectRule(RULE, `FROM scratch\nCOPY --from=build /rootfs /\nCMD ./app\n`);
    expectRule(RULE, `FROM ${CHISELED}\nCOPY app.dll /app/\n|CMD dotnet /app/app.dll\n`);
  });

  test('ONBUILD triggers run in a later build, not in this stage', () => {
    expectRule(RULE, `FROM ${CHISELED}\nONBUILD RUN echo hi\n`);
  });

  test('stays correct without a catalog (judged by the tag)', () => {
    const found = lint(`FROM ${CHISELED}\nCMD dotnet app.dll\n`, { catalog: undefined }).filter((d) => d.code === RULE);
    assert.equal(found.length, 1);
  });
});
