/** The small glob matcher the CLI uses for path arguments and config `ignore` lists. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGlob, globBase, isGlob } from '../../server/src/cli/glob';

function matches(glob: string, paths: readonly string[]): string[] {
  const pattern = compileGlob(glob);
  return paths.filter((p) => pattern.test(p));
}

const PATHS = ['Dockerfile', 'a/Dockerfile', 'a/b/Dockerfile', 'a/b/c.dockerfile', 'a.dockerfile', 'Dockerfile.1', 'Dockerfile.10', 'x[1]/Dockerfile'];

describe('compileGlob', () => {
  test('** matches any number of folders, including none', () => {
    assert.deepEqual(matches('**/Dockerfile', PATHS), ['Dockerfile', 'a/Dockerfile', 'a/b/Dockerfile', 'x[1]/Dockerfile']);
    assert.deepEqual(matches('a/**', PATHS), ['a/Dockerfile', 'a/b/Dockerfile', 'a/b/c.dockerfile']);
    assert.deepEqual(matches('a/**/*.dockerfile', PATHS), ['a/b/c.dockerfile']);
  });

  test('* and ? stay within one path segment', () => {
    assert.deepEqual(matches('*.dockerfile', PATHS), ['a.dockerfile']);
    assert.deepEqual(matches('a/*', PATHS), ['a/Dockerfile']);
    assert.deepEqual(matches('Dockerfile.?', PATHS), ['Dockerfile.1']);
  });

  test('character classes and alternatives', () => {
    assert.deepEqual(matches('Dockerfile.[0-9]', PATHS), ['Dockerfile.1']);
    assert.deepEqual(matches('Dockerfile.[!0]', PATHS), ['Dockerfile.1']);
    assert.deepEqual(matches('{a,zz}/Dockerfile', PATHS), ['a/Dockerfile']);
    assert.deepEqual(matches('a/{Dockerfile,b/c.dockerfile}', PATHS), ['a/Dockerfile', 'a/b/c.dockerfile']);
  });

  test('regular expression characters in names are literal', () => {
    assert.deepEqual(matches('a.dockerfile', ['a.dockerfile', 'aXdockerfile']), ['a.dockerfile']);
    assert.deepEqual(matches('(x)+.dockerfile', ['(x)+.dockerfile', 'xx.dockerfile']), ['(x)+.dockerfile']);
  });

  test('where a walk for a glob starts', () => {
    assert.equal(globBase('src/**/Dockerfile'), 'src');
    assert.equal(globBase('**/*.dockerfile'), '.');
    assert.equal(globBase('/abs/*/Dockerfile'), '/abs');
    assert.equal(isGlob('src/Dockerfile'), false);
    assert.equal(isGlob('src/Dockerfile.*'), true);
  });
});
