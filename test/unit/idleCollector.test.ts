// The server collects the young generation once it has been quiet for a while, and only when that helps.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { exposedGc, IdleCollector, nurseryFill } from '../../server/src/idleCollector';

function counting(fill = 0.5, idleMs = 15): { collector: IdleCollector; calls: string[] } {
  const calls: string[] = [];
  const collector = new IdleCollector({ idleMs, minFill: 0.25, fill: () => fill, gc: (options) => void calls.push(options.type) });
  return { collector, calls };
}

describe('the idle collector', () => {
  test('collects the young generation once, after the quiet time', async () => {
    const { collector, calls } = counting();
    collector.activity();
    collector.activity();
    assert.deepEqual(calls, []);
    await sleep(60);
    assert.deepEqual(calls, ['minor']);
    assert.equal(collector.collections, 1);
  });

  test('activity keeps pushing it back: nothing runs while the server is busy', async () => {
    const { collector, calls } = counting(0.5, 40);
    const busyUntil = performance.now() + 120;
    while (performance.now() < busyUntil) {
      collector.activity();
      await sleep(10);
    }
    assert.deepEqual(calls, [], 'no collection between messages 10 ms apart');
    await sleep(100);
    assert.deepEqual(calls, ['minor']);
  });

  test('a nursery that is nearly empty is left alone', async () => {
    const { collector, calls } = counting(0.1);
    collector.activity();
    await sleep(60);
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
