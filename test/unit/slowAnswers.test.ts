// A slow general answer is kept for its document version and question only.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SlowAnswers } from '../../server/src/lsp/general/slowAnswers';

describe('slow general answers', () => {
  test('the same question on the same version is answered from memory; another version or question is not', () => {
    const text = 'FROM x\n'.repeat(1000);
    const answers = new SlowAnswers();
    const key = SlowAnswers.key('computeSemanticTokens', [text], text);
    assert.equal(key, 'computeSemanticTokens\n["<the document>"]', 'the text is known by the version, not copied into the key');
    answers.set('file:///a', 3, key, { data: [1, 2, 3] });
    assert.deepEqual(answers.get('file:///a', 3, key), { result: { data: [1, 2, 3] } });
    assert.equal(answers.get('file:///a', 4, key), undefined);
    assert.equal(answers.get('file:///a', 3, SlowAnswers.key('computeFoldingRanges', [text], text)), undefined);
    assert.equal(answers.get('file:///b', 3, key), undefined);
    answers.forget('file:///a');
    assert.equal(answers.get('file:///a', 3, key), undefined);
  });
});
