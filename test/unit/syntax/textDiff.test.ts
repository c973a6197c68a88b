// The common start and end of two texts, found by bisecting on native slice equality, equal a comparison
// code unit by code unit.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { commonPrefixLength, commonSuffixLength } from '../../../server/src/service/syntax/textDiff';

function prefixByHand(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function suffixByHand(a: string, b: string, most: number): number {
  let i = 0;
  while (i < most && i < a.length && i < b.length && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** Two texts that share a long start and end around an edit: what an editor sends, version after version. */
const edited = fc
  .tuple(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), fc.string({ unit: 'binary', maxLength: 400 }))
  .map(([start, removed, inserted, end]) => [start + removed + end, start + inserted + end] as const);

describe('common start and end of two texts', () => {
  test('equal a comparison by hand, for edited texts and unrelated ones', () => {
    fc.assert(
      fc.property(fc.oneof(edited, fc.tuple(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }))), fc.nat({ max: 1000 }), ([a, b], most) => {
        assert.equal(commonPrefixLength(a, b), prefixByHand(a, b));
        assert.equal(commonSuffixLength(a, b, most), suffixByHand(a, b, most));
      }),
      { numRuns: 2000 },
    );
  });

  test('large texts, as cons strings like an edit makes them, and the bounds', () => {
    const text = 'RUN dotnet publish src/Api/Api.csproj -c Release\n'.repeat(5000);
    const middle = text.length >> 1;
    const edited = text.slice(0, middle) + 'x' + text.slice(middle);
    assert.equal(commonPrefixLength(text, edited), prefixByHand(text, edited));
    assert.equal(commonSuffixLength(text, edited, text.length), suffixByHand(text, edited, text.length));
    assert.equal(commonSuffixLength(text, edited, 10), 10, 'never more than asked');
    assert.equal(commonSuffixLength(text, edited, -3), 0);
    assert.equal(commonPrefixLength('', edited), 0);
    assert.equal(commonPrefixLength(text, text), text.length);
  });
});
