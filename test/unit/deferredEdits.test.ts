// codeAction/resolve: the list goes out without edits; resolving gives the edit back while the document is unchanged.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver/node';
import { DeferredEdits } from '../../server/src/lsp/deferredEdits';

const URI = 'file:///deferred/Dockerfile';
const edit = (newText: string) => ({ changes: { [URI]: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, newText }] } });
const actions: CodeAction[] = [
  { title: 'Use 10.0', kind: 'quickfix', edit: edit('10.0'), isPreferred: true },
  { title: 'Run a command', kind: 'quickfix', command: { title: 'x', command: 'x' } },
  { title: 'Use 9.0', kind: 'quickfix', edit: edit('9.0') },
];

describe('deferred code action edits', () => {
  test('the list keeps everything but the edits, and resolving gives each its own edit back', () => {
    const deferred = new DeferredEdits();
    const list = deferred.defer(URI, 3, actions);
    assert.equal(list.length, 3);
    assert.ok(list.every((action) => action.edit === undefined));
    assert.deepEqual(list[1], actions[1], 'an action without an edit goes out as it is');
    const { data: _reference, ...listed } = list[0]!;
    const { edit: _edit, ...original } = actions[0]!;
    assert.deepEqual(listed, original, 'title, kind and preference as they were');
    const resolved = list.map((action) => deferred.resolve(action, () => 3));
    assert.deepEqual(resolved, actions);
  });

  test('after the document changed, or for a list no longer held, the action comes back without an edit', () => {
    const deferred = new DeferredEdits(2);
    const first = deferred.defer(URI, 1, actions);
    assert.equal(deferred.resolve(first[0]!, () => 2).edit, undefined, 'version 2 is not the text the edit was made for');
    deferred.defer(URI, 1, actions);
    deferred.defer(URI, 1, actions);
    assert.equal(deferred.resolve(first[0]!, () => 1).edit, undefined, 'two newer lists pushed the first one out');
    assert.equal(deferred.resolve(first[0]!, () => undefined).edit, undefined, 'a closed document');
  });

  test('foreign or malformed data is left alone', () => {
    const deferred = new DeferredEdits();
    for (const data of [undefined, null, 7, 'x', { dotnetDockerfileEdit: { response: 'a', index: 0 } }, { other: true }]) {
      const action: CodeAction = { title: 't', data };
      assert.deepEqual(deferred.resolve(action, () => 1), action);
    }
  });
});
