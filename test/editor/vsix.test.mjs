// The VSIX checks of scripts/package.mjs, and the package itself: only what runs, under 2 MB, unpackable.
// Needs a build (dist/): node scripts/build.mjs && node --test test/editor/vsix.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { extractZip, listZipEntries, maxVsixBytes, packageVsix, requiredEntries, vsixProblems } from '../../scripts/package.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('vsixProblems', () => {
  test('accepts the required files plus snippets, docs and readme', () => {
    assert.deepEqual(vsixProblems([...requiredEntries, 'extension/snippets/dockerfile.json', 'extension/readme.md', 'extension/client/images/hover.png']), []);
  });

  test('names each missing required file', () => {
    const problems = vsixProblems(requiredEntries.filter((e) => !e.includes('/dist/server')));
    assert.deepEqual(problems, ['missing extension/dist/server.js', 'missing extension/dist/server-main.js']);
  });

  test('rejects node_modules, sources, tests and source maps', () => {
    const shipped = ['extension/node_modules/zod/index.js', 'extension/server/src/server.ts', 'extension/test/editor/run.mjs', 'extension/dist/server.js.map'];
    const problems = vsixProblems([...requiredEntries, ...shipped]);
    for (const entry of shipped) assert.ok(problems.some((p) => p.endsWith(entry)), `${entry} not reported in ${problems.join('; ')}`);
  });
});

describe('the packaged VSIX', () => {
  const { vsix, stable, bytes, entries } = packageVsix({ quiet: true });

  test('is under the size budget and copied to a version-less name', () => {
    assert.ok(bytes < maxVsixBytes, `${bytes} bytes`);
    assert.deepEqual(fs.readFileSync(stable), fs.readFileSync(vsix));
  });

  test('holds only what runs', () => {
    assert.deepEqual(vsixProblems(entries), []);
    assert.deepEqual(listZipEntries(stable), entries);
  });

  test('unpacks to the very files that were built', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddf-vsix-'));
    try {
      extractZip(vsix, dir);
      for (const file of ['dist/client.js', 'dist/server.js', 'dist/server-main.js', 'dist/general-worker.js', 'catalog/dotnet-images.json', 'package.json']) {
        assert.ok(fs.readFileSync(path.join(dir, 'extension', file)).equals(fs.readFileSync(path.join(root, file))), `${file} differs`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
