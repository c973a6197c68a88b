// Caches kept across versions are keyed by the document's text; both their bounds live in TextKeyedCache.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_CACHED_KEY_CHARS, TextKeyedCache } from '../../server/src/service/texts/cacheBounds';

describe('a cache keyed by document text', () => {
  test('keeps what it is given, and hands the value back from set', () => {
    const cache = new TextKeyedCache<number>(4);
    assert.equal(cache.set('RUN dotnet publish', 1), 1);
    assert.equal(cache.get('RUN dotnet publish'), 1);
    assert.equal(cache.get('RUN dotnet build'), undefined);
  });

  test('does not keep a key longer than MAX_CACHED_KEY_CHARS, yet hands its value back', () => {
    const cache = new TextKeyedCache<string>(4);
    const longest = 'x'.repeat(MAX_CACHED_KEY_CHARS);
    const tooLong = `${longest}x`;
    assert.equal(cache.set(tooLong, 'worked out'), 'worked out');
    assert.equal(cache.get(tooLong), undefined);
    assert.equal(cache.size, 0);
    cache.set(longest, 'kept');
    assert.equal(cache.get(longest), 'kept');
  });

  test('starts over past its limit, keeping the entry that came in', () => {
    const cache = new TextKeyedCache<number>(3);
    for (const [i, key] of ['a', 'b', 'c'].entries()) cache.set(key, i);
    assert.equal(cache.size, 3);
    cache.set('d', 3);
    assert.equal(cache.size, 1);
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.get('d'), 3);
  });
});
