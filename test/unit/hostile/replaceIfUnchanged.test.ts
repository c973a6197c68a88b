/**
 * Issue 19 #6: `lint --fix` overwrote an edit made while it ran. The write-back (host/io/replaceIfUnchanged.ts)
 * compares the file with what was read right before the atomic rename: content, size, modification time and
 * inode. These cases change the file between the read and the write, which a whole CLI run cannot time.
 */
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readBoundedFile } from '../../../server/src/host/io/boundedRead';
import { replaceIfUnchanged, type ReadSnapshot } from '../../../server/src/host/io/replaceIfUnchanged';
import { removeTrees, writeTree } from '../../helpers/tempTree';

afterEach(removeTrees);

function snapshot(file: string): ReadSnapshot {
  const read = readBoundedFile(file);
  assert.ok(read.ok);
  return read;
}

describe('replaceIfUnchanged', () => {
  test('an unchanged file is replaced', () => {
    const root = writeTree('ddf-replace-', { Dockerfile: 'old\n' });
    const file = path.join(root, 'Dockerfile');
    assert.deepEqual(replaceIfUnchanged(file, snapshot(file), Buffer.from('new\n'), root), { written: true });
    assert.equal(readFileSync(file, 'utf8'), 'new\n');
  });

  test('an edit of the same size with the old modification time put back is still seen (the bytes differ)', () => {
    const root = writeTree('ddf-replace-', { Dockerfile: 'old\n' });
    const file = path.join(root, 'Dockerfile');
    const read = snapshot(file);
    writeFileSync(file, 'OLD\n');
    utimesSync(file, read.stats.atime, read.stats.mtime);
    const outcome = replaceIfUnchanged(file, read, Buffer.from('new\n'), root);
    assert.deepEqual(outcome, { written: false, reason: 'it changed while lint ran; run lint --fix again' });
    assert.equal(readFileSync(file, 'utf8'), 'OLD\n');
  });

  test('an edit that changes the size or the modification time is seen', () => {
    const root = writeTree('ddf-replace-', { Dockerfile: 'old\n' });
    const file = path.join(root, 'Dockerfile');
    const read = snapshot(file);
    writeFileSync(file, 'old\nmore\n');
    assert.equal(replaceIfUnchanged(file, read, Buffer.from('new\n'), root).written, false);
    const again = snapshot(file);
    const later = new Date(statSync(file).mtimeMs + 5000);
    utimesSync(file, later, later);
    assert.equal(replaceIfUnchanged(file, again, Buffer.from('new\n'), root).written, false);
    assert.equal(readFileSync(file, 'utf8'), 'old\nmore\n');
  });

  test('a file replaced by another one (a new inode, as editors save) is seen', () => {
    const root = writeTree('ddf-replace-', { Dockerfile: 'old\n', 'other': 'old\n' });
    const file = path.join(root, 'Dockerfile');
    const read = snapshot(file);
    writeFileSync(path.join(root, 'next'), 'old\n');
    utimesSync(path.join(root, 'next'), read.stats.atime, read.stats.mtime);
    renameSync(path.join(root, 'next'), file);
    assert.equal(replaceIfUnchanged(file, read, Buffer.from('new\n'), root).written, false);
  });
});
