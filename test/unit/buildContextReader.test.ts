/**
 * The host reads the build context's `.dockerignore` files as hostile input: regular files only, a size cap,
 * never a folder above the workspace root, a bounded number of folders.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MAX_DOCKERIGNORE_BYTES, MAX_LEVELS, readBuildContext } from '../../server/src/host/buildContext';
import { removeTrees, writeTree } from '../helpers/tempTree';

after(removeTrees);

const uri = (folder: string): string => pathToFileURL(folder).href.replace(/\/$/, '');

describe('reading the build context', () => {
  test("the Dockerfile's folder first, then each parent up to the workspace root, and <Dockerfile>.dockerignore", () => {
    const root = writeTree('ddf-context-', {
      '.dockerignore': '**/bin\n**/obj\n',
      'src/Api/Dockerfile': 'FROM scratch\n',
      'src/Api/Dockerfile.dockerignore': 'bin/\n',
    });
    const facts = readBuildContext(path.join(root, 'src/Api/Dockerfile'), root);
    assert.deepEqual(facts.folders, [
      { uri: uri(path.join(root, 'src/Api')), dockerignore: undefined, subfolders: [] },
      { uri: uri(path.join(root, 'src')), dockerignore: undefined, subfolders: ['Api'] },
      { uri: uri(root), dockerignore: '**/bin\n**/obj\n', subfolders: ['src'] },
    ]);
    assert.equal(facts.dockerfileIgnore, 'bin/\n');
  });

  test('never above the workspace root; without one, only the Dockerfile folder', () => {
    const outer = writeTree('ddf-context-outer-', { '.dockerignore': 'secret\n', 'ws/app/Dockerfile': 'FROM scratch\n' });
    const inRoot = readBuildContext(path.join(outer, 'ws/app/Dockerfile'), path.join(outer, 'ws'));
    assert.deepEqual(inRoot.folders.map((f) => f.uri), [uri(path.join(outer, 'ws/app')), uri(path.join(outer, 'ws'))]);
    assert.deepEqual(readBuildContext(path.join(outer, 'ws/app/Dockerfile'), undefined).folders.map((f) => f.uri), [uri(path.join(outer, 'ws/app'))]);
    // A root the Dockerfile is not in is ignored the same way.
    assert.equal(readBuildContext(path.join(outer, 'ws/app/Dockerfile'), path.join(outer, 'elsewhere')).folders.length, 1);
  });

  test('regular files only, and not over the size cap', () => {
    const root = writeTree('ddf-context-hostile-', { 'target.txt': 'bin/\n', 'a/Dockerfile': 'FROM scratch\n', 'b/Dockerfile': 'FROM scratch\n', 'c/Dockerfile': 'FROM scratch\n' });
    symlinkSync(path.join(root, 'target.txt'), path.join(root, 'a/.dockerignore'));
    mkdirSync(path.join(root, 'b/.dockerignore'));
    writeFileSync(path.join(root, 'c/.dockerignore'), 'x'.repeat(MAX_DOCKERIGNORE_BYTES + 1));
    for (const folder of ['a', 'b', 'c']) {
      assert.equal(readBuildContext(path.join(root, folder, 'Dockerfile'), root).folders[0]!.dockerignore, undefined, folder);
    }
    writeFileSync(path.join(root, 'c/.dockerignore'), 'x'.repeat(MAX_DOCKERIGNORE_BYTES));
    assert.equal(readBuildContext(path.join(root, 'c/Dockerfile'), root).folders[0]!.dockerignore?.length, MAX_DOCKERIGNORE_BYTES);
  });

  test('a bounded number of folders however deep the Dockerfile is', () => {
    const deep = Array.from({ length: MAX_LEVELS + 5 }, (_, i) => `d${i}`).join('/');
    const root = writeTree('ddf-context-deep-', { [`${deep}/Dockerfile`]: 'FROM scratch\n' });
    assert.equal(readBuildContext(path.join(root, deep, 'Dockerfile'), root).folders.length, MAX_LEVELS);
  });
});
