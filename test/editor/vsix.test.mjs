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
  const { vsix, stable, bytes, entries, vsceOutput } = packageVsix({ quiet: true });
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

  test('vsce packages it without a single warning', () => {
    assert.doesNotMatch(vsceOutput, /WARN/, vsceOutput);
    assert.match(vsceOutput, /DONE.*Packaged/);
  });

  test('is ready for the Marketplace: license, changelog, icon, repository, categories', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddf-vsix-'));
    try {
      extractZip(vsix, dir);
      const license = fs.readFileSync(path.join(dir, 'extension', 'LICENSE.txt'), 'utf8');
      assert.equal(pkg.license, 'MIT');
      assert.match(license, /^MIT License\n\nCopyright \(c\) \d{4} /);
      assert.ok(license.includes('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND'));
      assert.match(fs.readFileSync(path.join(dir, 'extension', 'changelog.md'), 'utf8'), new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\]`, 'm'));
      const icon = fs.readFileSync(path.join(dir, 'extension', pkg.icon));
      assert.deepEqual([...icon.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'the icon is a PNG');
      assert.ok(icon.readUInt32BE(16) >= 128 && icon.readUInt32BE(20) >= 128, 'at least 128×128, as the Marketplace wants');
      const manifest = fs.readFileSync(path.join(dir, 'extension.vsixmanifest'), 'utf8');
      assert.match(manifest, /<Property Id="Microsoft\.VisualStudio\.Services\.Links\.Source" Value="https:\/\/github\.com\/dotnet-dockerfile\/dotnet-dockerfile\.git"/);
      assert.match(manifest, /<Categories>Programming Languages,Linters,Snippets<\/Categories>/);
      assert.match(manifest, /<License>extension\/LICENSE\.txt<\/License>/);
      assert.match(manifest, /<Icon>extension\/images\/icon\.png<\/Icon>/);
      assert.match(manifest, /Microsoft\.VisualStudio\.Services\.Content\.Changelog/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the icon is what scripts/make-icon.mjs draws', async () => {
    const { iconPng } = await import('../../scripts/make-icon.mjs');
    assert.ok(iconPng().equals(fs.readFileSync(path.join(root, 'images', 'icon.png'))), 'run `node scripts/make-icon.mjs` and commit images/icon.png');
  });

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
      for (const file of ['dist/client.js', 'dist/server.js', 'dist/server-main.js', 'dist/general-worker.js', 'dist/dotnet-images.catalog']) {
        assert.ok(fs.readFileSync(path.join(dir, 'extension', file)).equals(fs.readFileSync(path.join(root, file))), `${file} differs`);
      }
      // the same manifest, without npm's `files` (vsce takes .vscodeignore as the VSIX's list instead) and without
      // the repository's workspaces (test/bench/peers: the bench's peers, nothing of the extension's)
      const { files, workspaces, ...shipped } = pkg;
      assert.ok(Array.isArray(files));
      assert.ok(Array.isArray(workspaces));
      assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, 'extension', 'package.json'), 'utf8')), shipped);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
