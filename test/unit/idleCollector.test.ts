// The server collects the young generation once it has been quiet for a while, and only when that helps.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { exposedGc, IdleCollector, lazyExposedGc, nurseryFill } from '../../server/src/lsp/idleCollector';

/** A collector on a clock the test moves: real timers fire, but only the test decides how much time has passed. */
function counting(fill = 0.5, idleMs = 15): { collector: IdleCollector; calls: string[]; clock: { now: number } } {
  const calls: string[] = [];
  const clock = { now: 0 };
  const collector = new IdleCollector({ idleMs, minFill: 0.25, fill: () => fill, gc: (options) => void calls.push(options.type), now: () => clock.now });
  return { collector, calls, clock };
}

/** Time for the collector's real timers to fire (a loaded machine delays them). */
const settle = (): Promise<void> => sleep(60);

/** Waits until `done` holds, for up to two seconds. */
async function until(done: () => boolean): Promise<void> {
  for (const end = performance.now() + 2000; !done() && performance.now() < end; ) await sleep(5);
}

describe('the idle collector', () => {
  test('collects the young generation once, after the quiet time', async () => {
    const { collector, calls, clock } = counting();
    collector.activity();
    collector.activity();
    assert.deepEqual(calls, []);
    clock.now += 20;
    await until(() => calls.length > 0);
    assert.deepEqual(calls, ['minor']);
    assert.equal(collector.collections, 1);
    await settle();
    assert.equal(collector.collections, 1, 'once per quiet spell');
  });

  test('activity keeps pushing it back: nothing runs while the server is busy', async () => {
    const { collector, calls, clock } = counting(0.5, 40);
    for (let i = 0; i < 12; i++) {
      collector.activity();
      clock.now += 10; // messages 10 ms apart, never 40 ms of quiet
      await sleep(10);
    }
    assert.deepEqual(calls, [], 'no collection between messages 10 ms apart');
    clock.now += 40;
    await until(() => calls.length > 0);
    assert.deepEqual(calls, ['minor']);
  });

  test('the quiet time counts from the end of the work, not its start', async () => {
    const { collector, calls, clock } = counting(0.5, 15);
    // A validation of a large file: 80 ms of work (far past the quiet time) before its diagnostics are out.
    await collector.around(async () => {
      clock.now += 80;
      await sleep(40); // the collector's timer comes due meanwhile
    });
    await settle();
    assert.deepEqual(calls, [], 'no collection the moment the work ends: that is when the editor sends its next requests');
    clock.now += 15;
    await until(() => calls.length > 0);
    assert.deepEqual(calls, ['minor'], 'once the server has been quiet after the work');
  });

  test('work that waits long (a request the client never answers) does not wake the server every quiet time', async () => {
    const { collector, calls, clock } = counting(0.5, 5);
    let finish: () => void = () => undefined;
    const waiting = collector.around(() => new Promise<void>((resolve) => (finish = resolve)));
    clock.now += 1000;
    await sleep(200); // 40 quiet times of 5 ms
    assert.ok(collector.checks <= 1, `the timer fired ${collector.checks} times while the work was under way`);
    assert.deepEqual(calls, [], 'and collected nothing then');
    finish();
    await waiting;
    clock.now += 5;
    await until(() => calls.length > 0);
    assert.deepEqual(calls, ['minor'], 'the quiet spell after the work still gets its collection');
  });

  test('work that fails still ends the busy spell, and its error reaches the caller', async () => {
    const { collector, calls, clock } = counting(0.5, 15);
    await assert.rejects(
      collector.around(() => {
        clock.now += 50;
        throw new Error('handler failed');
      }),
      /handler failed/,
    );
    await settle();
    assert.deepEqual(calls, []);
    clock.now += 15;
    await until(() => calls.length > 0);
    assert.deepEqual(calls, ['minor']);
  });

  test('a nursery that is nearly empty is left alone', async () => {
    const { collector, calls, clock } = counting(0.1);
    collector.activity();
    clock.now += 100;
    await settle();
    assert.deepEqual(calls, []);
  });

  test('without a gc function it does nothing, and a throwing one is survived', async () => {
    const idle = new IdleCollector({ idleMs: 5, gc: undefined, fill: () => 1 });
    idle.activity();
    await sleep(30);
    assert.equal(idle.collections, 0);
    const throwing = new IdleCollector({ idleMs: 5, fill: () => 1, gc: () => { throw new Error('no gc here'); } });
    throwing.activity();
    await sleep(30);
    assert.equal(throwing.collections, 0);
  });

  test('the lazy gc looks V8 gc() up on its first collection only, and does nothing where there is none', () => {
    const calls: string[] = [];
    const gc = lazyExposedGc(() => {
      calls.push('look up');
      return () => calls.push('collect');
    });
    assert.deepEqual(calls, [], 'nothing looked up before the first collection');
    gc({ type: 'minor' });
    gc({ type: 'minor' });
    assert.deepEqual(calls, ['look up', 'collect', 'collect']);
    let lookUps = 0;
    const none = lazyExposedGc(() => void lookUps++);
    none({ type: 'minor' });
    none({ type: 'minor' });
    assert.equal(lookUps, 1, 'a runtime without gc() is asked once');
  });

  test("this runtime's gc and nursery statistics are there, and a minor collection empties the nursery", () => {
    const gc = exposedGc();
    assert.ok(gc, 'V8 gc() could be exposed');
    const garbage: object[] = [];
    for (let i = 0; i < 20_000; i++) garbage.push({ i });
    garbage.length = 0;
    const before = nurseryFill();
    gc({ type: 'minor' });
    const after = nurseryFill();
    assert.ok(before >= 0 && before <= 1 && after >= 0 && after <= 1);
    assert.ok(after < before, `fill ${before.toFixed(3)} → ${after.toFixed(3)}`);
  });
});
