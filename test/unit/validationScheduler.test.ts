// When the server validates: debounced while typing, at once on open, and never ahead of requests already read.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { ValidationScheduler } from '../../server/src/lsp/validationScheduler';

function recorder(delayMs: number): { scheduler: ValidationScheduler; runs: string[] } {
  const runs: string[] = [];
  return { scheduler: new ValidationScheduler(delayMs, (uri) => runs.push(uri)), runs };
}

describe('the validation scheduler', () => {
  test('a burst of changes is validated once, after the delay', async () => {
    const { scheduler, runs } = recorder(30);
    for (let i = 0; i < 5; i++) scheduler.schedule('a');
    await sleep(10);
    assert.deepEqual(runs, []);
    await sleep(60);
    assert.deepEqual(runs, ['a']);
  });

  test('an opened document is validated at once, and a change right after does not push that back', async () => {
    const { scheduler, runs } = recorder(10_000);
    scheduler.schedule('a', true);
    scheduler.schedule('a');
    await sleep(20);
    assert.deepEqual(runs, ['a']);
    scheduler.cancel('a');
  });

  test('documents are scheduled independently; cancel stops a run in either phase', async () => {
    const { scheduler, runs } = recorder(0);
    scheduler.schedule('a');
    scheduler.schedule('b');
    scheduler.cancel('a');
    await sleep(20);
    assert.deepEqual(runs, ['b']);

    // Cancelled after the (0 ms) delay, while waiting for its turn: immediates run in the order they were queued.
    scheduler.schedule('c');
    setImmediate(() => scheduler.cancel('c'));
    await sleep(20);
    assert.deepEqual(runs, ['b']);

    // The same with a real delay: cancelled as soon as the delay is over and the run waits for its turn. (A
    // second 5 ms timer would not do: the two may start a millisecond apart on a busy machine and fire in turn.)
    const delayed = recorder(5);
    const queueTurn = globalThis.setImmediate;
    let cancelled = false;
    globalThis.setImmediate = ((callback: (...args: unknown[]) => void, ...args: unknown[]) => {
      const handle = queueTurn(callback, ...args);
      // Only the scheduler's own turn (other code in this process queues immediates too).
      if (new Error().stack?.includes('takeTurn')) queueMicrotask(() => void ((cancelled = true), delayed.scheduler.cancel('d')));
      return handle;
    }) as typeof setImmediate;
    try {
      delayed.scheduler.schedule('d');
      await sleep(30);
    } finally {
      globalThis.setImmediate = queueTurn;
    }
    assert.ok(cancelled, 'the delay ended and the run was queued');
    assert.deepEqual(delayed.runs, []);
  });

  test('a 0 ms delay waits no timer: the run comes within a few turns of the loop', async () => {
    const { scheduler, runs } = recorder(0);
    scheduler.schedule('a');
    await new Promise<void>((resolve) => setImmediate(() => setImmediate(() => setImmediate(resolve))));
    assert.deepEqual(runs, ['a']);
  });

  test('the run waits for work queued before it (a request read with the change is answered first)', async () => {
    const order: string[] = [];
    const scheduler = new ValidationScheduler(0, () => order.push('validate'));
    // As the JSON-RPC layer does: the change is handled in a setImmediate, which queues the next message (the
    // completion) in another; by the next turn of the loop the delay is over.
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        scheduler.schedule('a');
        setImmediate(() => order.push('completion'));
        setTimeout(resolve, 10);
      }),
    );
    assert.deepEqual(order, ['completion', 'validate']);
  });
});
