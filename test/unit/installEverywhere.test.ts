/**
 * `npm install` must work on every platform a contributor or a user has (the README's quick start), not only on the
 * Linux x64 machines CI runs on. npm refuses to install anything (EBADPLATFORM) when a package the install needs is
 * limited by `os` or `cpu` to other platforms, unless the package is optional; so every such package in the lock file
 * must be optional. The one the bench needs (tally, Linux x64 only) is an optional dependency of a private workspace
 * (test/bench/peers), never a dependency of the published package.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

interface Manifest {
  readonly name?: string;
  readonly private?: boolean;
  readonly workspaces?: readonly string[];
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
}

interface LockEntry {
  readonly os?: readonly string[];
  readonly cpu?: readonly string[];
  readonly optional?: boolean;
  readonly devOptional?: boolean;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(root, file), 'utf8')) as T;
}

const manifest = readJson<Manifest>('package.json');
const lock = readJson<{ readonly packages: Readonly<Record<string, LockEntry>> }>('package-lock.json');

test('every package of the lock file that only some platforms can install is optional', () => {
  const limited = Object.entries(lock.packages).filter(([, entry]) => entry.os !== undefined || entry.cpu !== undefined);
  assert.ok(limited.some(([name]) => name === 'node_modules/@wharflab/tally-linux-x64'), 'the lock file holds tally (the bench races it)');
  const required = limited.filter(([, entry]) => entry.optional !== true && entry.devOptional !== true).map(([name, entry]) => `${name} (os ${entry.os?.join(',') ?? 'all'}, cpu ${entry.cpu?.join(',') ?? 'all'})`);
  assert.deepEqual(required, [], 'npm install fails with EBADPLATFORM on every other platform');
});

test('tally is pinned in the private bench workspace, not a dependency of the published package', () => {
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies'] as const) {
    assert.equal(manifest[field]?.['@wharflab/tally-linux-x64'], undefined, `package.json ${field} must not name tally`);
  }
  assert.deepEqual(manifest.workspaces, ['test/bench/peers']);
  const peers = readJson<Manifest>('test/bench/peers/package.json');
  assert.equal(peers.private, true, 'the workspace is never published');
  assert.match(peers.optionalDependencies?.['@wharflab/tally-linux-x64'] ?? '', /^\d+\.\d+\.\d+$/, 'an exact version: the bench compares runs of one tally');
});
