// keyValuesError (what the parser asks of every ENV and LABEL) reports exactly the error parseKeyValues
// (what the rules read) finds, on any text range and with either escape character.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { keyValuesError, parseKeyValues } from '../../../server/src/service/syntax/keyValue';

const PIECES = ['a', 'b=1', '=', ' ', '  ', '\t', '\u00a0', '\u0085', '"', "'", '\\', '`', 'x y', '"q r"', "'s t'", 'k="v w"', '\\ ', '`"'];

test('keyValuesError agrees with parseKeyValues on any range', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...PIECES), { maxLength: 10 }).map((parts) => parts.join('')),
      fc.string({ maxLength: 3 }),
      fc.string({ maxLength: 3 }),
      fc.constantFrom('\\', '`'),
      fc.constantFrom('ENV', 'LABEL'),
      (args, before, after, escape, keyword) => {
        const text = before + args + after;
        const expected = parseKeyValues(args, escape, keyword).error;
        assert.equal(keyValuesError(text, before.length, before.length + args.length, escape, keyword), expected);
      },
    ),
    { numRuns: 2000 },
  );
});

test('the errors BuildKit gives for ENV and LABEL', () => {
  assert.equal(keyValuesError('ENV A', 4, 5, '\\', 'ENV'), 'ENV must have two arguments');
  assert.equal(keyValuesError('LABEL a=1 b', 6, 11, '\\', 'LABEL'), 'Syntax error - can\'t find = in "b". Must be of the form: name=value');
  assert.equal(keyValuesError('ENV A b c', 4, 9, '\\', 'ENV'), undefined);
  assert.equal(keyValuesError('ENV A="x y"', 4, 11, '\\', 'ENV'), undefined);
});
