// The young generation grows only while a large document is open; V8 really reads the flag at run time.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { GROWTH_DOCUMENT_CHARS, NurseryPolicy } from '../../server/src/lsp/nurseryPolicy';

function recording(): { policy: NurseryPolicy; flags: string[] } {
  const flags: string[] = [];
  return { policy: new NurseryPolicy((f) => void flags.push(f)), flags };
}

describe('the nursery policy', () => {
  test('keeps the nursery from growing from the start, while no document is open', () => {
    const { policy, flags } = recording();
    policy.start();
    assert.deepEqual(flags, ['--semi-space-growth-factor=1']);
    assert.equal(policy.mayGrow, false);
  });

  test('lets V8 grow it while a large document is open, and stops again when the last one is closed or shrinks', () => {
    const { policy, flags } = recording();
    policy.start();
    policy.sized('file:///small/Dockerfile', 1200);
    policy.sized('file:///a/Dockerfile', GROWTH_DOCUMENT_CHARS);
    policy.sized('file:///b/Dockerfile', GROWTH_DOCUMENT_CHARS * 20);
    policy.sized('file:///a/Dockerfile', GROWTH_DOCUMENT_CHARS + 1); // a keystroke: nothing to change
    assert.deepEqual(flags, ['--semi-space-growth-factor=1', '--semi-space-growth-factor=2']);
    policy.sized('file:///a/Dockerfile', undefined);
    assert.equal(policy.mayGrow, true, 'b is still open');
    policy.sized('file:///b/Dockerfile', GROWTH_DOCUMENT_CHARS - 1); // most of it deleted
    assert.deepEqual(flags, ['--semi-space-growth-factor=1', '--semi-space-growth-factor=2', '--semi-space-growth-factor=1']);
    assert.equal(policy.mayGrow, false);
  });

  test('V8 honours the flag set at run time: the new space stays small under the same allocation', () => {
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
});
