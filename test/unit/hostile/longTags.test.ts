/**
 * Issue 19 #5: `FROM mcr.microsoft.com/dotnet/aspnet:` and 100,000 `-` took 11.8 s to validate and its message
 * was 5.3 MB. A tag is at most 128 characters (the OCI limit): a longer one is unknown at once, says so, and
 * is quoted shortened; the nearest-tag search never prices it; messages grow with the input at most.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_TAG_LENGTH, nearestTags } from '../../../server/src/service/catalog/nearestTags';
import { realCatalog, testService, TODAY } from '../../helpers/service';

const service = testService();

function check(tag: string): { ms: number; messages: string[]; hover: string } {
  const text = `FROM mcr.microsoft.com/dotnet/aspnet:${tag}\n`;
  const started = performance.now();
  const model = service.parse(TextDocument.create('file:///long/Dockerfile', 'dockerfile', 1, text));
  const diagnostics = service.validate(model, { settings: { rules: {} }, project: undefined });
  const hover = JSON.stringify(service.hover(model, { line: 0, character: 40 }, { project: undefined }) ?? '');
  return { ms: performance.now() - started, messages: diagnostics.map((d) => String(d.message)), hover };
}

describe('over-long tags', () => {
  for (const [name, tag] of [
    ['100,000 `-`', '-'.repeat(100_000)],
    ['100,000 letters', 'a'.repeat(100_000)],
    ['50,000 `a-`', 'a-'.repeat(50_000)],
    ['10.0 and 100,000 `-`', `10.0${'-'.repeat(100_000)}`],
  ] as const) {
    test(`${name}: judged at once, with a short message that says why`, () => {
      const { ms, messages, hover } = check(tag);
      assert.ok(ms < 1500, `${ms.toFixed(0)} ms`);
      assert.equal(messages.length, 1);
      assert.match(messages[0]!, /a tag has at most 128 characters, and this one has [\d,]+/);
      assert.ok(messages[0]!.length < 400, `a message of ${messages[0]!.length} characters`);
      assert.ok(hover.length < 4 * tag.length, `a hover of ${hover.length} characters for a tag of ${tag.length}`);
    });
  }

  test('nearestTags: nothing is near a tag longer than a tag can be; the search is fast either way', () => {
    const started = performance.now();
    assert.deepEqual(nearestTags(realCatalog(), 'dotnet/aspnet', '-'.repeat(100_000), TODAY), []);
    assert.deepEqual(nearestTags(realCatalog(), 'dotnet/aspnet', `10.0${'-x'.repeat(60)}`, TODAY), []);
    assert.ok(performance.now() - started < 200);
    assert.ok(MAX_TAG_LENGTH === 128);
  });

  test('a tag of exactly 128 characters is still judged and searched as a tag', () => {
    const tag = `10.0-noble${'-'.repeat(MAX_TAG_LENGTH - '10.0-noble'.length)}`;
    const { ms, messages } = check(tag);
    assert.ok(ms < 1500, `${ms.toFixed(0)} ms`);
    assert.equal(messages.length, 1);
    assert.doesNotMatch(messages[0]!, /at most 128/);
    assert.ok(messages[0]!.length < 1500, `a message of ${messages[0]!.length} characters`);
  });

  test('ordinary typos still get their suggestions', () => {
    assert.deepEqual(nearestTags(realCatalog(), 'dotnet/aspnet', '10.0-nobel-chiseled', TODAY)[0], '10.0-noble-chiseled');
  });
});
