// Slow general answers are kept per document version and question.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_ANSWERS_PER_DOCUMENT, SlowAnswers } from '../../server/src/lsp/general/slowAnswers';

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

  test('each slow question of a version keeps its own answer (folding does not push the tokens out)', () => {
    const text = 'RUN a \\\n'.repeat(1000);
    const answers = new SlowAnswers();
    const tokens = SlowAnswers.key('computeSemanticTokens', [text], text);
    const folding = SlowAnswers.key('computeFoldingRanges', [text], text);
    answers.set('file:///a', 3, tokens, { data: [1] });
    answers.set('file:///a', 3, folding, [{ startLine: 0, endLine: 999 }]);
    assert.deepEqual(answers.get('file:///a', 3, tokens), { result: { data: [1] } });
    assert.deepEqual(answers.get('file:///a', 3, folding), { result: [{ startLine: 0, endLine: 999 }] });
    answers.set('file:///a', 4, folding, []);
    assert.equal(answers.get('file:///a', 3, tokens), undefined, "a new version's answer drops the old version's");
    assert.deepEqual(answers.get('file:///a', 4, folding), { result: [] });
  });

  test('a version keeps at most MAX_ANSWERS_PER_DOCUMENT answers, the oldest going first', () => {
    const answers = new SlowAnswers();
    const keys = Array.from({ length: MAX_ANSWERS_PER_DOCUMENT + 1 }, (_, i) => `question ${i}`);
    for (const [i, key] of keys.entries()) answers.set('file:///a', 1, key, i);
    assert.equal(answers.get('file:///a', 1, keys[0]!), undefined);
    assert.deepEqual(answers.get('file:///a', 1, keys[1]!), { result: 1 });
    assert.deepEqual(answers.get('file:///a', 1, keys[MAX_ANSWERS_PER_DOCUMENT]!), { result: MAX_ANSWERS_PER_DOCUMENT });
  });
});
