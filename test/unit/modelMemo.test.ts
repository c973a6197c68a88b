import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildModel } from '../../server/src/service/document/model';
import { carriedSlot, memoSlot, ModelMemo } from '../../server/src/service/document/modelMemo';

describe('ModelMemo', () => {
  test('computes a slot once, keeps slots apart, and remembers undefined too', () => {
    const memo = new ModelMemo();
    const count = memoSlot<number>('count');
    const nothing = memoSlot<string | undefined>('nothing');
    let calls = 0;
    assert.equal(memo.get(count, () => ++calls), 1);
    assert.equal(memo.get(count, () => ++calls), 1);
    assert.equal(memo.get(nothing, () => (calls++, undefined)), undefined);
    assert.equal(memo.get(nothing, () => (calls++, 'late')), undefined);
    assert.equal(calls, 2);
  });

  test('each parse has its own memo: a new version computes again', () => {
    const slot = memoSlot<number>('instruction count');
    const first = buildModel(TextDocument.create('file:///memo/Dockerfile', 'dockerfile', 1, 'FROM scratch\n'));
    const second = buildModel(TextDocument.create('file:///memo/Dockerfile', 'dockerfile', 2, 'FROM scratch\nCOPY a b\n'), first);
    assert.equal(first.memo.get(slot, () => first.syntax.instructions.length), 1);
    assert.equal(second.memo.get(slot, () => second.syntax.instructions.length), 2);
    assert.equal(first.memo.get(slot, () => -1), 1);
  });

  test('a carried slot passes to the next version, through versions that left nothing there, and nothing else does', () => {
    const carried = carriedSlot<string>('table');
    const plain = memoSlot<string>('plain');
    const document = (version: number, text: string): TextDocument => TextDocument.create('file:///memo/Dockerfile', 'dockerfile', version, text);
    const first = buildModel(document(1, 'FROM scratch\n'));
    first.memo.carry(carried, 'from version 1');
    first.memo.get(plain, () => 'version 1 only');
    const second = buildModel(document(2, 'FROM scratch\nCOPY a b\n'), first);
    const third = buildModel(document(3, 'FROM scratch\nCOPY a c\n'), second);
    assert.equal(second.memo.inheritedValue(carried), 'from version 1');
    assert.equal(third.memo.inheritedValue(carried), 'from version 1', 'version 2 left nothing: version 1 is handed on');
    assert.equal(third.memo.get(plain, () => 'computed again'), 'computed again');
    third.memo.carry(carried, 'from version 3');
    assert.equal(buildModel(document(4, 'FROM scratch\n'), third).memo.inheritedValue(carried), 'from version 3');
    assert.equal(buildModel(document(4, 'FROM scratch\n')).memo.inheritedValue(carried), undefined, 'a parse from scratch inherits nothing');
  });
});
