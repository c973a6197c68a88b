// When the server validates: debounced while typing, at once on open, and never ahead of requests already read.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { ValidationScheduler } from '../../server/src/validationScheduler';

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

    // Cancelled after the delay, while waiting for its turn: timers of one duration fire in order, in one phase.
    scheduler.schedule('c');
    setTimeout(() => scheduler.cancel('c'), 0);
    await sleep(20);
    assert.deepEqual(runs, ['b']);
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
        const until = performance.now() + 3;
        while (performance.now() < until); // let the 0 ms (1 ms) delay expire before the loop turns
        setTimeout(resolve, 10);
      }),
    );
    assert.deepEqual(order, ['completion', 'validate']);
  });
});
