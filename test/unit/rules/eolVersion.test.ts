import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFix, expectRule } from './ruleTest';

const RULE = 'eol-version';
const DOTNET = 'mcr.microsoft.com/dotnet';

describe(RULE, () => {
  test('8.0 and 9.0 are past end of life since 2026-11-10: the message names the date and the newest LTS', () => {
    const found = expectRule(RULE, `FROM ${DOTNET}/sdk:|8.0 AS build\nFROM ${DOTNET}/aspnet:|9.0-alpine\n`);
    assert.deepEqual(found.map((d) => d.text), ['8.0', '9.0']);
    assert.ok(found.every((d) => d.severity === 2));
    assert.match(found[0]!.message, /2026-11-10/);
    assert.match(found[0]!.message, /\.NET 10\.0.*LTS/);
  });

  test('the date is injected: the day before end of life nothing is reported', () => {
    expectRule(RULE, `FROM ${DOTNET}/aspnet:8.0\n`, { today: '2026-11-09' });
  });

  test('every version from 1.0 to 7.0, fixed tags included', () => {
    expectRule(RULE, `FROM ${DOTNET}/aspnet:|6.0\nFROM ${DOTNET}/runtime:|7.0.20-bookworm-slim\nFROM ${DOTNET}/aspnet:|3.1\n`);
  });

  test('supported versions, previews and appliances (their own versions) are not reported', () => {
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nFROM ${DOTNET}/sdk:11.0-preview\nFROM ${DOTNET}/monitor:8\nFROM ${DOTNET}/aspnet:latest\n`);
  });

  test('retired repository names are left to retired-repository', () => {
    expectRule(RULE, `FROM microsoft/dotnet:2.1-sdk\nFROM ${DOTNET}/core/sdk:3.1\n`);
  });

  test('the fix keeps the shape on the newest LTS', () => {
    expectFix(RULE, `FROM ${DOTNET}/aspnet:8.0-noble-chiseled-extra\n`, `FROM ${DOTNET}/aspnet:10.0-noble-chiseled-extra\n`);
    expectFix(RULE, `FROM ${DOTNET}/aspnet:8.0-jammy-chiseled\n`, `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\n`);
    expectFix(RULE, `FROM ${DOTNET}/runtime:8.0-alpine\n`, `FROM ${DOTNET}/runtime:10.0-alpine\n`);
  });

  test('Debian is gone in 10.0: the fix moves to the default OS', () => {
    expectFix(RULE, `FROM ${DOTNET}/aspnet:8.0-bookworm-slim\n`, `FROM ${DOTNET}/aspnet:10.0\n`);
  });

  test('a digest pins the old image: the fix replaces it with the new tag', () => {
    expectFix(RULE, `FROM ${DOTNET}/aspnet:9.0@sha256:${'a'.repeat(64)}\n`, `FROM ${DOTNET}/aspnet:10.0\n`);
  });

  test('a version from an ARG: the finding is on the variable, the fix edits the ARG', () => {
    const [found] = expectRule(RULE, `ARG V=8.0\nFROM ${DOTNET}/aspnet:|\${V}-noble-chiseled\n`);
    assert.equal(found!.text, '${V}');
    expectFix(RULE, `ARG V=8.0\nFROM ${DOTNET}/aspnet:\${V}-noble-chiseled\n`, `ARG V=10.0\nFROM ${DOTNET}/aspnet:\${V}-noble-chiseled\n`);
  });
});
