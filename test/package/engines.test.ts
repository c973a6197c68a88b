/**
 * `npm install` prints no engine warning on any Node the project says it supports: every package in the lock file
 * accepts the lowest Node version package.json's `engines.node` allows (npm's EBADENGINE is exactly this check,
 * against the running Node). .ci/run also greps `npm ci`'s output for EBADENGINE.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
};

describe('engines', () => {
  test('every installed package accepts the lowest Node that package.json allows', () => {
    const lowest = semver.minVersion(pkg.engines.node);
    assert.ok(lowest, pkg.engines.node);
    assert.equal(lowest.major, 20, 'Node 20 is what the README and the machines here run');
    const refusing = Object.entries(lock.packages)
      .filter(([name, entry]) => name !== '' && !entry.optional && entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
      .filter(([, entry]) => !semver.satisfies(lowest, (entry.engines as { node: string }).node, { includePrerelease: true }))
      .map(([name, entry]) => `${name.replace(/^node_modules\//, '')} wants node ${(entry.engines as { node: string }).node}`);
    assert.deepEqual(refusing, [], `these would print EBADENGINE on Node ${lowest.version}; pin versions that support it`);
  });

  test('the running Node is one package.json allows', () => {
    assert.ok(semver.satisfies(process.version, pkg.engines.node), `${process.version} vs ${pkg.engines.node}`);
  });
});
