import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFix, expectRule } from './ruleTest';

const RULE = 'untagged-image';
const DOTNET = 'mcr.microsoft.com/dotnet';

describe(RULE, () => {
  test('no tag: the finding covers the name; latest: the tag', () => {
    const found = expectRule(RULE, `FROM |${DOTNET}/sdk AS build\nFROM ${DOTNET}/aspnet:|latest\n`);
    assert.deepEqual(found.map((d) => d.text), [`${DOTNET}/sdk`, 'latest']);
    assert.ok(found.every((d) => d.severity === 2));
    assert.match(found[0]!.message, /pulls 'latest'/);
  });

  test('the fix pins the version latest points at', () => {
    expectFix(RULE, `FROM ${DOTNET}/aspnet\n`, `FROM ${DOTNET}/aspnet:10.0\n`);
    expectFix(RULE, `FROM ${DOTNET}/aspnet:latest\n`, `FROM ${DOTNET}/aspnet:10.0\n`);
    expectFix(RULE, `FROM ${DOTNET}/aspire-dashboard:latest\n`, `FROM ${DOTNET}/aspire-dashboard:13.5\n`);
  });

  test('pinned tags, digests, the samples repository and other images are fine', () => {
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nFROM ${DOTNET}/aspnet@sha256:${'b'.repeat(64)}\nFROM ${DOTNET}/samples:aspnetapp\nFROM ${DOTNET}/samples\nFROM ubuntu\n`);
  });
});
