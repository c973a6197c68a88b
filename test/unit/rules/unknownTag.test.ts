import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFix, expectRule, lint } from './ruleTest';

const RULE = 'unknown-tag';
const DOTNET = 'mcr.microsoft.com/dotnet';

describe(RULE, () => {
  test('the SDK has no chiseled images: points at `chiseled`, says why, suggests the nearest real tag', () => {
    const [found] = expectRule(RULE, `FROM ${DOTNET}/sdk:10.0-noble-|chiseled AS build\n`);
    assert.equal(found!.text, 'chiseled');
    assert.equal(found!.severity, 1);
    assert.match(found!.message, /SDK has no chiseled images/);
    assert.match(found!.message, /Did you mean '10\.0-noble'/);
    assert.equal(found!.replacements[0]?.newText, '10.0-noble');
    assert.equal(found!.replacements[0]?.preferred, true);
  });

  test('the quick fix data rewrites the tag, and the result validates clean', () => {
    expectFix(RULE, `FROM ${DOTNET}/sdk:10.0-noble-chiseled AS build\n`, `FROM ${DOTNET}/sdk:10.0-noble AS build\n`);
    expectFix(RULE, `FROM ${DOTNET}/aspnet:10.0-nobel-chiseled\n`, `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\n`);
  });

  test('combinations that cannot exist, each blamed on its part', () => {
    const cases: Array<[string, string, RegExp]> = [
      [`runtime:10.0-noble-chiseled-|composite`, 'composite', /only for aspnet/],
      [`aspnet:10.0-noble-|composite`, 'composite', /only on chiseled, Azure Linux distroless and Alpine/],
      [`aspnet:10.0-noble-|extra`, 'extra', /already include ICU/],
      [`aspnet:10.0-azurelinux3.0-|extra`, 'extra', /-distroless-extra/],
      [`sdk:10.0-alpine-|extra`, 'extra', /SDK has no '-extra'/],
      [`sdk:10.0-azurelinux3.0-|distroless`, 'distroless', /SDK has no distroless images/],
      [`runtime-deps:10.0-|nanoserver-ltsc2022`, 'nanoserver-ltsc2022', /runtime-deps has no Windows/],
      [`aspnet:10.0-nanoserver-ltsc2022-|amd64`, 'amd64', /Windows tags have no architecture/],
      [`sdk:8.0-alpine-|aot`, 'aot', /start with \.NET 10/],
      [`aspnet:10.0-alpine-|aot`, 'aot', /SDK images/],
      [`aspnet:|10.1`, '10.1', /no 10\.1 images/],
      [`aspnet:10.0-|bookworm-slim`, 'bookworm-slim', /never been published on 'bookworm-slim'/],
      [`aspnet:10.0-|chiseled`, 'chiseled', /Ubuntu release/],
      [`aspnet:10.0-azurelinux3.0-distroless-|arm32v7`, 'arm32v7', /amd64.*arm64v8/],
      [`sdk:|10.0.11`, '10.0.11', /SDK version/],
      [`aspnet:|10.0.400`, '10.0.400', /runtime version/],
      [`sdk:|10.0.500-alpine3.21`, '10.0.500', /stopped at/],
    ];
    for (const [reference, part, reason] of cases) {
      const [found] = expectRule(RULE, `FROM ${DOTNET}/${reference} AS x\n`);
      assert.equal(found!.text, part, reference);
      assert.match(found!.message, reason, reference);
    }
  });

  test('tags are case-sensitive', () => {
    const [found] = expectRule(RULE, `FROM ${DOTNET}/aspnet:|10.0-Noble\n`);
    assert.match(found!.message, /case-sensitive/);
    assert.equal(found!.replacements[0]?.newText, '10.0-noble');
  });

  test('a typo gets the nearest tags of the same version', () => {
    const [found] = expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-|alpne\n`);
    assert.match(found!.message, /Did you mean '10\.0-alpine'/);
  });

  test('published tags are known: current, past (frozen), older patches of a published shape', () => {
    expectRule(
      RULE,
      `FROM ${DOTNET}/aspnet:10.0-noble-chiseled-composite-extra
FROM ${DOTNET}/aspnet:10.0-alpine-composite
FROM ${DOTNET}/aspnet:10.0.3-noble
FROM ${DOTNET}/sdk:10.0.100-noble
FROM ${DOTNET}/runtime-deps:9.0-alpine-aot
FROM ${DOTNET}/monitor:8-ubuntu-chiseled
FROM ${DOTNET}/samples:aspnetapp-chiseled
FROM ${DOTNET}/aspnet:latest
FROM ${DOTNET}/aspnet
`,
    );
  });

  test('well-formed tags newer than the catalog are not unknown', () => {
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0.12-noble-chiseled\nFROM ${DOTNET}/aspnet:11.0-resolute-chiseled\n`);
  });

  test('through an ARG the finding lands on the variable', () => {
    const [found] = expectRule(RULE, `ARG TAG=10.0-noble-chiseled\nFROM ${DOTNET}/sdk:|\${TAG} AS build\n`);
    assert.equal(found!.text, '${TAG}');
  });

  test('through an ARG the fix edits the ARG default', () => {
    expectFix(RULE, `ARG TAG=10.0-nobel\nFROM ${DOTNET}/aspnet:$TAG\n`, `ARG TAG=10.0-noble\nFROM ${DOTNET}/aspnet:$TAG\n`);
  });

  test('COPY --from=<image> is checked too; --from=<stage> is not an image', () => {
    expectRule(RULE, `FROM ${DOTNET}/sdk:10.0 AS build\nFROM ${DOTNET}/aspnet:10.0-noble-chiseled\nCOPY --from=build /app .\nCOPY --from=${DOTNET}/aspnet:10.0-|nobel /usr/share/dotnet /dotnet\n`);
  });

  test('not judged: other images, .NET Framework images, unresolved variables, plausible nightly tags', () => {
    expectRule(
      RULE,
      `ARG V
FROM ubuntu:nonsense-tag
FROM mcr.microsoft.com/dotnet/framework/sdk:4.8.1
FROM ${DOTNET}/aspnet:$V-noble
FROM ${DOTNET}/nightly/sdk:8.0-jammy-aot
`,
    );
  });

  test('a nightly tag is still unknown when the combination can never exist', () => {
    expectRule(RULE, `FROM ${DOTNET}/nightly/sdk:10.0-noble-|chiseled\n`);
  });

  test('quiet without a catalog', () => {
    assert.deepEqual(lint(`FROM ${DOTNET}/sdk:10.0-noble-chiseled\n`, { catalog: undefined }).filter((d) => d.code === RULE), []);
  });
});
