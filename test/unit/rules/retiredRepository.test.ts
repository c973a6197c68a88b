import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFix, expectRule } from './ruleTest';

const RULE = 'retired-repository';

describe(RULE, () => {
  test('Docker Hub names and mcr.microsoft.com/dotnet/core/*: the finding covers the name', () => {
    const found = expectRule(
      RULE,
      `FROM |microsoft/dotnet:2.1-sdk AS build
FROM |microsoft/aspnetcore-build:2.0 AS build2
FROM |microsoft/aspnetcore:2.0
FROM |mcr.microsoft.com/dotnet/core/sdk:3.1 AS build3
FROM |mcr.microsoft.com/dotnet/core-nightly/aspnet:5.0
`,
    );
    assert.deepEqual(found.map((d) => d.text), [
      'microsoft/dotnet',
      'microsoft/aspnetcore-build',
      'microsoft/aspnetcore',
      'mcr.microsoft.com/dotnet/core/sdk',
      'mcr.microsoft.com/dotnet/core-nightly/aspnet',
    ]);
    assert.ok(found.every((d) => d.severity === 2 && d.tags?.includes(2)));
    assert.match(found[3]!.message, /use 'mcr\.microsoft\.com\/dotnet\/sdk'/);
    assert.match(found[3]!.message, /3\.1 itself reached end of life on 2022-12-13/);
  });

  test('the fix writes the current name; for microsoft/dotnet the image kind moves from the tag to the name', () => {
    // Under the current name the version's end of life is reported by eol-version (the retired message said it already).
    const revealed = ['eol-version'];
    const runtime = 'FROM mcr.microsoft.com/dotnet/aspnet:3.1\n';
    expectFix(RULE, `FROM mcr.microsoft.com/dotnet/core/sdk:3.1 AS build\n${runtime}`, `FROM mcr.microsoft.com/dotnet/sdk:3.1 AS build\n${runtime}`, { revealed });
    expectFix(RULE, `FROM microsoft/dotnet:2.1-aspnetcore-runtime\n`, `FROM mcr.microsoft.com/dotnet/aspnet:2.1\n`, { revealed });
  });

  test('microsoft/aspnetcore carried versions the new name never had: the fix renames, unknown-tag then tells', () => {
    const [found] = expectRule(RULE, `FROM |microsoft/aspnetcore:2.0\n`);
    assert.equal(found!.replacements[0]?.newText, 'mcr.microsoft.com/dotnet/aspnet');
    assert.equal(found!.replacements[0]?.safe, undefined);
  });

  test('current names are fine', () => {
    expectRule(RULE, `FROM mcr.microsoft.com/dotnet/sdk:10.0\nFROM mcr.microsoft.com/dotnet/nightly/aspnet:11.0-preview\nFROM mcr.microsoft.com/dotnet/framework/runtime:4.8.1\n`);
  });
});
