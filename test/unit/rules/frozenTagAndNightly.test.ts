import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFix, expectRule } from './ruleTest';

const DOTNET = 'mcr.microsoft.com/dotnet';

describe('frozen-tag', () => {
  test('a floating tag no longer in the manifests: information on the tag, with the date', () => {
    const [found] = expectRule('frozen-tag', `FROM ${DOTNET}/aspnet:|10.0-alpine-composite\n`);
    assert.equal(found!.severity, 3);
    assert.match(found!.message, /2026-03-10/);
    assert.equal(found!.replacements[0]?.newText, '10.0-alpine3.24-composite');
  });

  test('end-of-life versions are left to eol-version; current tags are fine', () => {
    expectRule('frozen-tag', `FROM ${DOTNET}/aspnet:6.0-focal\nFROM ${DOTNET}/aspnet:10.0-alpine3.24-composite\n`);
  });

  test('the fix moves to a current tag', () => {
    expectFix('frozen-tag', `FROM ${DOTNET}/aspnet:10.0-alpine-composite\n`, `FROM ${DOTNET}/aspnet:10.0-alpine3.24-composite\n`);
  });
});

describe('nightly-image', () => {
  test('a final stage on a nightly image: information on the name, with the released name as fix', () => {
    const [found] = expectRule('nightly-image', `FROM ${DOTNET}/sdk:10.0 AS build\nFROM |${DOTNET}/nightly/aspnet:10.0-noble-chiseled\n`);
    assert.equal(found!.severity, 3);
    expectFix(
      'nightly-image',
      `FROM ${DOTNET}/sdk:10.0 AS build\nFROM ${DOTNET}/nightly/aspnet:10.0-noble-chiseled\n`,
      `FROM ${DOTNET}/sdk:10.0 AS build\nFROM ${DOTNET}/aspnet:10.0-noble-chiseled\n`,
    );
  });

  test('nightly in a build stage is fine', () => {
    expectRule('nightly-image', `FROM ${DOTNET}/nightly/sdk:11.0-preview AS build\nFROM ${DOTNET}/aspnet:10.0\n`);
  });
});
