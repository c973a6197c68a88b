/**
 * unknown-tag judges tags under retired names against what those repositories really published (the catalog keeps
 * their history): `mcr.microsoft.com/dotnet/core/sdk:8.0-jammy` never existed, `core/*` stopped at 5.0, so the
 * pull fails; retired-repository still reports the name (its fix makes the tag real).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectRule, lint } from './ruleTest';

const RULE = 'unknown-tag';

describe(`${RULE} under retired names`, () => {
  test('a version core/* never had: on the version, saying where the images are', () => {
    const [found] = expectRule(RULE, 'FROM mcr.microsoft.com/dotnet/core/sdk:|8.0-jammy\n');
    assert.equal(found!.severity, 1);
    assert.equal(found!.text, '8.0');
    assert.match(found!.message, /core\/sdk stopped at \.NET 5\.0 \(retired 2023-01-10\)/);
    assert.match(found!.message, /'mcr\.microsoft\.com\/dotnet\/sdk:8\.0-jammy' exists/);
    assert.deepEqual(found!.replacements, []);
    expectRule(RULE, 'FROM mcr.microsoft.com/dotnet/core/aspnet:|6.0 AS base\nFROM mcr.microsoft.com/dotnet/core/runtime:|10.0-noble-chiseled\n');
    // retired-repository still reports the name, once, with the fix that makes the tag real.
    const all = lint('FROM mcr.microsoft.com/dotnet/core/sdk:8.0-jammy\n').map((d) => d.code);
    assert.deepEqual(all.filter((code) => code === 'retired-repository' || code === RULE).sort(), ['retired-repository', RULE]);
  });

  test('a tag of a version core/* had, but never published under that name', () => {
    const [found] = expectRule(RULE, 'FROM mcr.microsoft.com/dotnet/core/sdk:|3.1-bullseye\n');
    assert.match(found!.message, /never published '3\.1-bullseye'/);
    expectRule(RULE, 'FROM mcr.microsoft.com/dotnet/core/sdk:|3.1.999-buster\n');
  });

  test('microsoft/dotnet: versions after the last it carried (its history before 2017-05 is not complete)', () => {
    expectRule(RULE, 'FROM microsoft/dotnet:|5.0-sdk\n');
    expectRule(RULE, 'FROM microsoft/dotnet:1.0.0-preview2-sdk\n');
  });

  test('tags the retired repositories published are fine', () => {
    expectRule(
      RULE,
      'FROM mcr.microsoft.com/dotnet/core/sdk:3.1-buster AS a\nFROM mcr.microsoft.com/dotnet/core/aspnet:3.1.32-focal AS b\nFROM mcr.microsoft.com/dotnet/core/aspnet:5.0\nFROM mcr.microsoft.com/dotnet/core/runtime-deps:2.1-alpine\nFROM microsoft/dotnet:2.1-aspnetcore-runtime\nFROM microsoft/dotnet:2.2-sdk\nFROM mcr.microsoft.com/dotnet/core/sdk\n',
    );
  });

  test('quiet for retired names without history and unresolved tags', () => {
    expectRule(RULE, 'FROM microsoft/aspnetcore-build:9.0\nFROM mcr.microsoft.com/dotnet/core-nightly/sdk:8.0\nARG V\nFROM mcr.microsoft.com/dotnet/core/sdk:$V\n');
  });
});
