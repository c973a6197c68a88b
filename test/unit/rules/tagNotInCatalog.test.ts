import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectRule } from './ruleTest';
import { realCatalog } from '../../helpers/service';

const RULE = 'tag-not-in-catalog';
const DOTNET = 'mcr.microsoft.com/dotnet';

describe(RULE, () => {
  test('a newer patch of a published shape: information on the version, with the catalog date', () => {
    const [found] = expectRule(RULE, `FROM ${DOTNET}/aspnet:|10.0.12-noble-chiseled\n`);
    assert.equal(found!.text, '10.0.12');
    assert.equal(found!.severity, 3);
    assert.ok(found!.message.includes(realCatalog().date), found!.message);
  });

  test('a floating tag of a release that was in preview in the catalog', () => {
    const [found] = expectRule(RULE, `FROM ${DOTNET}/aspnet:|11.0-resolute-chiseled\n`);
    assert.match(found!.message, /11\.0-preview-resolute-chiseled/);
  });

  test('a fixed tag of a release after the catalog, shaped like the newest version', () => {
    expectRule(RULE, `FROM ${DOTNET}/aspnet:|11.0.1-resolute-chiseled\n`);
  });

  test('an appliance version newer than the catalog', () => {
    expectRule(RULE, `FROM ${DOTNET}/aspire-dashboard:|13.6\n`);
  });

  test('tags in the catalog, and tags that cannot exist, are not reported here', () => {
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0.11-noble-chiseled\nFROM ${DOTNET}/sdk:10.0-noble-chiseled\nFROM ${DOTNET}/aspnet:10.0.500-noble\n`);
  });
});
