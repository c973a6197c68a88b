// V8 flags changed at run time are put back to their start values while the code cache is written.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { changedFlags, setRuntimeFlag, withStartFlags } from '../../server/src/launch/runtimeFlags';

describe('flags changed at run time', () => {
  test('are recorded until set back to their start value, and the write runs with the start values', () => {
    setRuntimeFlag('--semi-space-growth-factor=1', '--semi-space-growth-factor=2');
    setRuntimeFlag('--always-sparkplug', '--no-always-sparkplug');
    assert.deepEqual(changedFlags(), ['--semi-space-growth-factor=1', '--always-sparkplug']);
    const set: string[] = [];
    const answer = withStartFlags(() => {
      set.push('write');
      return 42;
    }, (flag) => void set.push(flag));
    assert.equal(answer, 42);
    assert.deepEqual(set, ['--semi-space-growth-factor=2', '--no-always-sparkplug', 'write', '--semi-space-growth-factor=1', '--always-sparkplug']);
    setRuntimeFlag('--no-always-sparkplug', '--no-always-sparkplug');
    setRuntimeFlag('--semi-space-growth-factor=2', '--semi-space-growth-factor=2');
    assert.deepEqual(changedFlags(), []);
  });

  test('puts the current values back when the write fails', () => {
    setRuntimeFlag('--semi-space-growth-factor=1', '--semi-space-growth-factor=2');
    const set: string[] = [];
    assert.throws(() => withStartFlags(() => { throw new Error('disk full'); }, (flag) => void set.push(flag)), /disk full/);
    assert.deepEqual(set, ['--semi-space-growth-factor=2', '--semi-space-growth-factor=1']);
    setRuntimeFlag('--semi-space-growth-factor=2', '--semi-space-growth-factor=2');
  });

  test('refuses a start value of another flag', () => {
    assert.throws(() => setRuntimeFlag('--always-sparkplug', '--lazy-feedback-allocation'), /not the start value/);
  });
});
