// BuildKit's TestParseIncludesLineNumbers on testfile-line: the line ranges of each instruction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseDockerfile } from '../../../server/src/service/syntax/parser';
import { CORPUS_DIR } from './helpers';

test('testfile-line: instruction line ranges match BuildKit', () => {
  const dir = path.join(CORPUS_DIR, 'testfile-line');
  const syntax = parseDockerfile(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'));
  const expected = fs
    .readFileSync(path.join(dir, 'expected-lines.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const [, start, end, keyword] = line.split('\t');
      return { keyword, start: Number(start), end: Number(end) };
    });
  assert.equal(expected.length, 3);
  const actual = syntax.instructions.map((i) => ({ keyword: i.keyword, start: i.startLine + 1, end: i.endLine + 1 }));
  assert.deepEqual(actual, expected);
  assert.equal(syntax.escape, '\\');
  assert.deepEqual(
    syntax.directives.map((d) => [d.name, d.value]),
    [['escape', '\\']],
  );
});
