/** `npm start` opens a copy of samples/ (scripts/playground.mjs), so the editor's auto-save never changes tracked files. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const root = path.resolve(__dirname, '..', '..');
const temp = mkdtempSync(path.join(os.tmpdir(), 'ddf-playground-'));
after(() => rmSync(temp, { recursive: true, force: true }));

let defaultPlayground = '';
let preparePlayground: (options?: { fresh?: boolean; samples?: string; playground?: string }) => { folder: string; created: boolean };
before(async () => {
  ({ defaultPlayground, preparePlayground } = await import('../../scripts/playground.mjs'));
});

function tree(folder: string, base = folder): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) Object.assign(files, tree(full, base));
    else files[path.relative(base, full)] = readFileSync(full, 'utf8');
  }
  return files;
}

describe('the npm start playground', () => {
  const samples = path.join(root, 'samples');
  const playground = path.join(temp, 'playground');

  test('is a copy of samples/, in the cache by default, never samples/ itself', () => {
    const { folder, created } = preparePlayground({ playground });
    assert.equal(folder, playground);
    assert.ok(created);
    assert.deepEqual(tree(folder), tree(samples));
    assert.ok(Object.keys(tree(folder)).some((f) => /Dockerfile/.test(f)));
    assert.equal(path.relative(root, defaultPlayground), path.join('test', 'editor', '.cache', 'playground'));
    // git ignores it: nothing the editor saves there shows up as a change
    const saved = path.join(path.relative(root, defaultPlayground), 'Dockerfile');
    assert.equal(execFileSync('git', ['check-ignore', saved], { cwd: root, encoding: 'utf8' }).trim(), saved);
  });

  test('edits stay in the copy and survive the next start; --fresh starts over', () => {
    const file = Object.keys(tree(playground)).find((f) => /Dockerfile/.test(f))!;
    const original = readFileSync(path.join(samples, file), 'utf8');
    writeFileSync(path.join(playground, file), 'FROM scratch\n');
    assert.equal(readFileSync(path.join(samples, file), 'utf8'), original, 'samples/ is untouched');
    assert.equal(preparePlayground({ playground }).created, false);
    assert.equal(readFileSync(path.join(playground, file), 'utf8'), 'FROM scratch\n');
    assert.ok(preparePlayground({ playground, fresh: true }).created);
    assert.equal(readFileSync(path.join(playground, file), 'utf8'), original);
  });
});
