// The two whitespace classes, checked over every UTF-16 code unit against their definitions.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isGoSpace, isJsWhitespace } from '../../../server/src/service/syntax/chars';

/** Go's unicode.IsSpace, as its documentation lists it: '\t', '\n', '\v', '\f', '\r', ' ', U+0085, U+00A0, and category Z. */
const GO_SPACES = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]);
for (let code = 0x2000; code <= 0x200a; code++) GO_SPACES.add(code);

describe('whitespace classes', () => {
  test('isJsWhitespace is exactly what /\\s/ matches', () => {
    const differ: string[] = [];
    for (let code = 0; code < 0x10000; code++) if (isJsWhitespace(code) !== /\s/.test(String.fromCharCode(code))) differ.push(code.toString(16));
    assert.deepEqual(differ, []);
  });

  test("isGoSpace is exactly Go's unicode.IsSpace (U+0085 yes, U+FEFF no)", () => {
    const differ: string[] = [];
    for (let code = 0; code < 0x10000; code++) if (isGoSpace(code) !== GO_SPACES.has(code)) differ.push(code.toString(16));
    assert.deepEqual(differ, []);
    assert.equal(isGoSpace(0x85), true);
    assert.equal(isGoSpace(0xfeff), false);
  });
});
