import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectRule } from './ruleTest';

const RULE = 'eol-soon';

describe(RULE, () => {
  test('within 90 days of end of life: information with the date and the days left', () => {
    const [found] = expectRule(RULE, `FROM mcr.microsoft.com/dotnet/aspnet:|8.0-noble\n`, { today: '2026-09-01' });
    assert.equal(found!.severity, 3);
    assert.match(found!.message, /2026-11-10, in 70 days/);
    assert.match(found!.message, /10\.0/);
  });

  test('not yet, and not once it is past (eol-version then)', () => {
    expectRule(RULE, `FROM mcr.microsoft.com/dotnet/aspnet:8.0\n`, { today: '2026-08-01' });
    expectRule(RULE, `FROM mcr.microsoft.com/dotnet/aspnet:8.0\n`);
    expectRule(RULE, `FROM mcr.microsoft.com/dotnet/aspnet:10.0\n`);
  });
});
