// When the server validates after a change: at once when the document's last validation was cheap or the change
// follows a quiet spell, after a delay in proportion to its cost while it is typed in, at once on open, and never
// ahead of requests already read. On a clock
// the test moves (FakeTimers), except the last test, which checks the order against Node's own loop.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHEAP_VALIDATION_MS, costDelay, MAX_DELAY_MS, QUIET_MULTIPLE, ValidationScheduler, type SchedulerTimers } from '../../server/src/lsp/validationScheduler';

/** Timers on a clock only the test moves: `turn()` runs one turn of immediates, `advance(ms)` moves time. */
class FakeTimers implements SchedulerTimers {
  private time = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  private immediates: { id: number; callback: () => void }[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  setImmediate(callback: () => void): unknown {
    const id = this.nextId++;
    this.immediates.push({ id, callback });
    return id;
  }

  clearImmediate(handle: unknown): void {
    this.immediates = this.immediates.filter((i) => i.id !== handle);
    this.cleared.add(handle as number);
  }

  /** One turn of the loop: the immediates queued before it (those they queue wait for the next turn). */
  turn(): void {
    const queued = this.immediates;
    this.immediates = [];
    for (const { id, callback } of queued) {
      // An immediate cleared by one run earlier in this turn does not run (as in Node).
      if (!this.cleared.has(id)) callback();
    }
    this.cleared.clear();
  }

  private readonly cleared = new Set<number>();

  /** Turns until no immediate is left. */
  settle(): void {
    for (let i = 0; i < 100 && this.immediates.length > 0; i++) this.turn();
  }

  /** Moves the clock by `ms`, firing each timer due (in order) and, unless `settle` is false, the turns after each. */
  advance(ms: number, settle = true): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
      if (settle) this.settle();
    }
    this.time = until;
  }

  pendingTimers(): number {
    return this.timers.size;
  }
}

function setup(options: { delay?: (cost: number | undefined) => number } = {}): { scheduler: ValidationScheduler; timers: FakeTimers; runs: { uri: string; at: number }[] } {
  const timers = new FakeTimers();
  const runs: { uri: string; at: number }[] = [];
  const scheduler = new ValidationScheduler((uri) => runs.push({ uri, at: timers.now() }), { ...options, timers });
  return { scheduler, timers, runs };
}

describe('the delay after a change comes from the last validation cost', () => {
  test('none for a cheap validation or one not measured yet; the cost itself above that; capped', () => {
    assert.equal(costDelay(undefined), 0);
    assert.equal(costDelay(0.4), 0);
    assert.equal(costDelay(CHEAP_VALIDATION_MS), 0);
    assert.equal(costDelay(CHEAP_VALIDATION_MS + 4), CHEAP_VALIDATION_MS + 4);
    assert.equal(costDelay(80.4), 80);
    assert.equal(costDelay(MAX_DELAY_MS - 1), MAX_DELAY_MS - 1);
    assert.equal(costDelay(5000), MAX_DELAY_MS);
  });
});

describe('the validation scheduler', () => {
  test('a cheap document is validated at once after a change: no timer, two turns of the loop', () => {
    const { scheduler, timers, runs } = setup();
    scheduler.recordCost('a', 0.6);
    scheduler.schedule('a');
    assert.equal(timers.pendingTimers(), 0);
    timers.turn();
    assert.deepEqual(runs, [], 'the first turn lets the messages already read go first');
    timers.turn();
    assert.deepEqual(runs, [{ uri: 'a', at: 0 }]);
  });

  test('a document not validated yet is validated at once', () => {
    const { scheduler, timers, runs } = setup();
    scheduler.schedule('new');
    timers.settle();
    assert.deepEqual(runs, [{ uri: 'new', at: 0 }]);
  });

  test('a change after a quiet spell is validated at once, whatever the cost', () => {
    const { scheduler, timers, runs } = setup();
    scheduler.recordCost('big', 80);
    scheduler.schedule('big'); // the first change: nothing before it
    timers.settle();
    timers.advance(QUIET_MULTIPLE * 80); // no change for two delays: the next one starts no burst
    scheduler.schedule('big');
    timers.settle();
    assert.deepEqual(runs, [{ uri: 'big', at: 0 }, { uri: 'big', at: QUIET_MULTIPLE * 80 }]);
    assert.equal(timers.pendingTimers(), 0);
  });

  test('an expensive document being typed in waits its last validation time, then its turn', () => {
    const { scheduler, timers, runs } = setup();
    scheduler.recordCost('big', 80);
    scheduler.schedule('big');
    timers.settle();
    assert.equal(scheduler.delayFor('big'), 80);
    timers.advance(10);
    scheduler.schedule('big'); // 10 ms after the last change: typing
    timers.settle();
    timers.advance(79);
    assert.deepEqual(runs, [{ uri: 'big', at: 0 }]);
    timers.advance(1);
    assert.deepEqual(runs, [{ uri: 'big', at: 0 }, { uri: 'big', at: 90 }]);
  });

  test('a burst of keystrokes on an expensive document: the first at once, the rest once, its delay after the last', () => {
    const { scheduler, timers, runs } = setup();
    scheduler.recordCost('big', 120);
    for (let k = 0; k < 20; k++) {
      scheduler.schedule('big');
      timers.settle(); // the loop turns between keystrokes
      timers.advance(50);
    }
    assert.deepEqual(runs, [{ uri: 'big', at: 0 }]);
    timers.advance(70);
    assert.deepEqual(runs, [{ uri: 'big', at: 0 }, { uri: 'big', at: 19 * 50 + 120 }]);
  });

  test('the delay follows the cost as it changes, and never exceeds the cap', () => {
    const { scheduler, timers, runs } = setup();
    scheduler.recordCost('a', 40);
    scheduler.schedule('a'); // quiet: at once
    timers.settle();
    scheduler.schedule('a'); // typing: waits the cost
    timers.advance(40);
    assert.deepEqual(runs.map((r) => r.at), [0, 40]);
    scheduler.recordCost('a', 3); // the document got smaller: at once again
    scheduler.schedule('a');
    timers.settle();
    assert.deepEqual(runs.map((r) => r.at), [0, 40, 40]);
    scheduler.recordCost('a', 60_000);
    scheduler.schedule('a');
    timers.advance(MAX_DELAY_MS);
    assert.deepEqual(runs.map((r) => r.at), [0, 40, 40, 40 + MAX_DELAY_MS]);
  });

  test('documents are timed independently; a closed document forgets its cost', () => {
    const { scheduler, timers, runs } = setup();
    scheduler.recordCost('big', 100);
    scheduler.recordCost('small', 1);
    scheduler.schedule('big');
    scheduler.schedule('small');
    timers.settle();
    assert.deepEqual(runs.map((r) => r.uri), ['big', 'small'], 'both quiet: both at once');
    scheduler.schedule('big');
    scheduler.schedule('small');
    timers.settle();
    assert.deepEqual(runs.map((r) => r.uri), ['big', 'small', 'small']);
    timers.advance(100);
    assert.deepEqual(runs.map((r) => r.uri), ['big', 'small', 'small', 'big']);
    scheduler.forget('big');
    assert.equal(scheduler.delayFor('big'), 0);
  });

  test('an opened document is validated at once, and a change right after does not push that back', () => {
    const { scheduler, timers, runs } = setup();
    scheduler.recordCost('a', 200);
    scheduler.schedule('a', true);
    scheduler.schedule('a');
    timers.turn();
    assert.deepEqual(runs, [{ uri: 'a', at: 0 }]);
    assert.equal(timers.pendingTimers(), 0);
  });

  test('cancel stops a run in its delay, in its first turn and in its last', () => {
    const { scheduler, timers, runs } = setup();
    scheduler.recordCost('delayed', 50);
    scheduler.schedule('delayed');
    scheduler.cancel('delayed');
    timers.advance(100);
    assert.equal(timers.pendingTimers(), 0);

    scheduler.schedule('first-turn');
    scheduler.cancel('first-turn');
    timers.settle();

    scheduler.schedule('last-turn');
    timers.turn(); // no delay to wait: the run now waits for its turn
    scheduler.cancel('last-turn');
    timers.settle();

    scheduler.recordCost('after-delay', 30);
    scheduler.schedule('after-delay');
    timers.advance(30, false); // the delay is over: the run waits for its turn
    scheduler.cancel('after-delay');
    timers.settle();
    assert.deepEqual(runs, []);
  });

  test('a fixed delay (DOTNET_DOCKERFILE_DEBOUNCE_MS) replaces the cost-based one, quiet spell or not', () => {
    const { scheduler, timers, runs } = setup({ delay: () => 200 });
    scheduler.recordCost('a', 0.5);
    scheduler.schedule('a');
    timers.advance(199);
    assert.deepEqual(runs, []);
    timers.advance(1);
    assert.deepEqual(runs, [{ uri: 'a', at: 200 }]);
  });
});

describe('on Node’s own loop', () => {
  test('the run waits for work queued before it (a request read with the change is answered first)', async () => {
    const order: string[] = [];
    const scheduler = new ValidationScheduler(() => order.push('validate'));
    // As the JSON-RPC layer does: the change is handled in a setImmediate, which queues the next message (the
    // completion) in another; the validation (cheap: no delay) comes after it.
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
