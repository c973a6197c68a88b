// Start-up work the first document does not wait for runs once: after the first diagnostics, or when no document comes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { StartWork } from '../../server/src/lsp/startWork';

describe('start-up work held for the first diagnostics', () => {
  test('runs when the first diagnostics are sent, once, and not again when its fallback time comes', async () => {
    const start = new StartWork();
    const ran: string[] = [];
    start.defer(() => ran.push('watchers and refresh settings'), 30);
    assert.deepEqual(ran, [], 'held at first');
    assert.equal(start.pending, true);
    start.run();
    start.run();
    assert.deepEqual(ran, ['watchers and refresh settings']);
    await sleep(60);
    assert.deepEqual(ran, ['watchers and refresh settings'], 'the fallback timer was cleared');
    assert.equal(start.pending, false);
  });

  test('runs after its fallback time when no document comes', async () => {
    const start = new StartWork();
    const ran: number[] = [];
    start.defer(() => ran.push(1), 10);
    await sleep(60);
    assert.deepEqual(ran, [1]);
    start.run();
    assert.deepEqual(ran, [1], 'a later first diagnostics does not run it again');
  });

  test('a run before anything was held does nothing', () => {
    const start = new StartWork();
    start.run();
    assert.equal(start.pending, false);
  });
});
