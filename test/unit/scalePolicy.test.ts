// The nursery grows and TurboFan compiles only while large work is open; V8 really reads both flags at run time.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { COSTLY_VALIDATION_MS, GROWING_NURSERY_CHARS, ScalePolicy, startFlagNames, TURBOFAN_CHARS } from '../../server/src/lsp/scalePolicy';

const NURSERY_SMALL = '--semi-space-growth-factor=1';
const NURSERY_DEFAULT = '--semi-space-growth-factor=2';
const SMALL = [NURSERY_SMALL, '--no-turbofan'];
const DEFAULTS = [NURSERY_DEFAULT, '--turbofan'];

function recording(startFlags: ReadonlySet<string> = new Set()): { policy: ScalePolicy; flags: string[]; starts: string[] } {
  const flags: string[] = [];
  const starts: string[] = [];
  const policy = new ScalePolicy((flag, byDefault) => {
    flags.push(flag);
    starts.push(byDefault);
  }, startFlags);
  return { policy, flags, starts };
}

describe('the scale policy', () => {
  test('keeps the nursery small and TurboFan off from the start, while no document is open, naming V8 defaults as the start values', () => {
    const { policy, flags, starts } = recording();
    policy.start();
    assert.deepEqual(flags, SMALL);
    assert.deepEqual(starts, DEFAULTS);
    assert.deepEqual(policy.inForce(), SMALL);
  });

  test('turns TurboFan on from a 4 KB document and the growing nursery from 16 KB, each off again when the last such document is closed or shrinks', () => {
    const { policy, flags } = recording();
    policy.start();
    policy.sized('file:///small/Dockerfile', TURBOFAN_CHARS - 1);
    assert.deepEqual(flags, SMALL, 'a small file changes nothing');
    policy.sized('file:///a/Dockerfile', TURBOFAN_CHARS);
    assert.deepEqual(policy.inForce(), [NURSERY_SMALL, '--turbofan']);
    policy.sized('file:///b/Dockerfile', GROWING_NURSERY_CHARS * 20);
    policy.sized('file:///b/Dockerfile', GROWING_NURSERY_CHARS * 20 + 1); // a keystroke: nothing to change
    assert.deepEqual(flags, [...SMALL, '--turbofan', NURSERY_DEFAULT]);
    policy.sized('file:///b/Dockerfile', GROWING_NURSERY_CHARS - 1); // most of it deleted
    assert.deepEqual(policy.inForce(), [NURSERY_SMALL, '--turbofan'], 'a and b still need TurboFan');
    policy.sized('file:///a/Dockerfile', undefined);
    policy.sized('file:///b/Dockerfile', undefined);
    assert.deepEqual(flags, [...SMALL, '--turbofan', NURSERY_DEFAULT, NURSERY_SMALL, '--no-turbofan']);
    assert.deepEqual(policy.inForce(), SMALL);
  });

  test('a small document whose validation is costly gives V8 its defaults until it is closed, cheaper validations since or not', () => {
    const { policy, flags } = recording();
    policy.start();
    const uri = 'file:///dense/Dockerfile';
    policy.sized(uri, 3000);
    policy.validated(uri, COSTLY_VALIDATION_MS - 1);
    assert.deepEqual(flags, SMALL, 'cheap: nothing changes');
    policy.validated(uri, COSTLY_VALIDATION_MS);
    assert.deepEqual(policy.inForce(), DEFAULTS);
    policy.validated(uri, 2); // optimized code made it cheap: it stays
    policy.sized(uri, 3001); // a keystroke
    assert.deepEqual(policy.inForce(), DEFAULTS);
    policy.sized(uri, undefined);
    assert.deepEqual(policy.inForce(), SMALL);
    policy.sized(uri, 3000); // opened again: cheap until a validation says otherwise
    assert.deepEqual(policy.inForce(), SMALL);
    assert.equal(flags.length, 6, `each change set once: ${flags.join(' ')}`);
  });

  test('leaves a flag alone when the process was started with a choice of its own for it (--jitless, --max-opt, the growth factor)', () => {
    assert.deepEqual([...startFlagNames(['--jitless', '--max_opt=1', '--expose-gc', 'server.js'], '--no-opt  --semi-space-growth-factor=4')].sort(), ['expose-gc', 'jitless', 'max-opt', 'opt', 'semi-space-growth-factor']);
    for (const chosen of ['jitless', 'max-opt', 'opt', 'turbofan']) {
      const { policy, flags } = recording(new Set([chosen]));
      policy.start();
      policy.sized('file:///big/Dockerfile', GROWING_NURSERY_CHARS);
      assert.deepEqual(flags, [NURSERY_SMALL, NURSERY_DEFAULT], `started with --${chosen}: TurboFan is the user's`);
    }
    const { policy, flags } = recording(new Set(['semi-space-growth-factor']));
    policy.start();
    assert.deepEqual(flags, ['--no-turbofan']);
    assert.deepEqual(policy.inForce(), ['--no-turbofan']);
  });

  test('V8 honours the nursery flag set at run time: the new space stays small under the same allocation', () => {
    // A child process per setting: allocate 60 MB in batches that survive a few scavenges, report the new space.
    const script = `
      const v8 = require('node:v8');
      if (process.argv[1]) v8.setFlagsFromString(process.argv[1]);
      const keep = [];
      let most = 0;
      for (let i = 0; i < 1500; i++) {
        const batch = [];
        for (let j = 0; j < 2000; j++) batch.push({ a: j, b: [j] });
        keep.push(batch);
        if (keep.length > 20) keep.shift();
        const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
        most = Math.max(most, space.space_size);
      }
      console.log(most);`;
    const newSpace = (flag: string): number => Number(spawnSync(process.execPath, ['-e', script, '--', flag], { encoding: 'utf8' }).stdout.trim());
    const byDefault = newSpace('');
    const held = newSpace('--semi-space-growth-factor=1');
    assert.ok(byDefault >= 8 * 1024 * 1024, `V8 grew the new space to ${byDefault} bytes`);
    assert.ok(held <= byDefault / 4, `held at ${held} bytes (default ${byDefault})`);
  });

  test('V8 honours --turbofan set at run time: a hot function is optimized only while it is on, and the flags hash comes back', () => {
    // %GetOptimizationStatus's bit 6 (value 64) says the function runs TurboFan code; --allow-natives-syntax is a
    // command-line flag of the child only. The flag is set after start, as the server sets it.
    const script = `
      const v8 = require('node:v8');
      const tag = v8.cachedDataVersionTag();
      if (process.argv[1]) v8.setFlagsFromString(process.argv[1]);
      function hot(n) { let s = 0; for (let i = 0; i < n; i++) s = (s + i * 7) % 1000003; return s; }
      let sink = 0;
      for (let i = 0; i < 20000; i++) sink += hot(200);
      const optimized = (%GetOptimizationStatus(hot) & 64) !== 0;
      v8.setFlagsFromString('--turbofan');
      console.log(JSON.stringify({ optimized, sameTag: v8.cachedDataVersionTag() === tag, sink: sink > 0 }));`;
    const run = (flag: string): { optimized: boolean; sameTag: boolean } => {
      const child = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', script, '--', flag], { encoding: 'utf8' });
      assert.equal(child.status, 0, child.stderr);
      return JSON.parse(child.stdout.trim()) as { optimized: boolean; sameTag: boolean };
    };
    assert.deepEqual(run(''), { optimized: true, sameTag: true, sink: true });
    assert.deepEqual(run('--no-turbofan'), { optimized: false, sameTag: true, sink: true }, 'off: not optimized; put back: the code cache tag of the start again');
  });
});
