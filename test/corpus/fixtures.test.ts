/**
 * The repository carries everything its tests and its catalog generator read: the third-party data is here,
 * byte for byte as FILES.tsv records it, with the upstream licenses beside it, and nothing reads a folder
 * outside the checkout (the reference folder beside the checkout on the machines this was first built on).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildkitParserFolder, microsoftCorpusFolder } from '../helpers/fixtureFolders';

const root = path.resolve(__dirname, '..', '..');

/** `corpus_path → { sha256, bytes }` from a FILES.tsv. */
function filesTsv(folder: string): Map<string, { sha256: string; bytes: number }> {
  const [header = '', ...rows] = readFileSync(path.join(folder, 'FILES.tsv'), 'utf8').split('\n').filter(Boolean);
  const columns = header.split('\t');
  const at = (name: string): number => {
    const index = columns.indexOf(name);
    assert.notEqual(index, -1, `${folder}/FILES.tsv has a ${name} column`);
    return index;
  };
  const [file, sha, bytes] = [at('corpus_path'), at('sha256'), at('bytes')];
  return new Map(rows.map((row) => row.split('\t')).map((cells) => [cells[file]!, { sha256: cells[sha]!, bytes: Number(cells[bytes]) }]));
}

function walk(folder: string, base = folder): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const full = path.join(folder, entry);
    return statSync(full).isDirectory() ? walk(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

function checkListedFiles(folder: string): number {
  const listed = filesTsv(folder);
  for (const [file, expected] of listed) {
    const bytes = readFileSync(path.join(folder, file));
    assert.equal(bytes.length, expected.bytes, `${file}: size`);
    assert.equal(createHash('sha256').update(bytes).digest('hex'), expected.sha256, `${file}: sha256 (a changed line ending is a change)`);
  }
  return listed.size;
}

describe('test fixtures in the repository', () => {
  test('Microsoft Dockerfiles: every file is listed in FILES.tsv and unchanged', () => {
    assert.ok(checkListedFiles(microsoftCorpusFolder) > 380);
    const unlisted = walk(microsoftCorpusFolder).filter((f) => !filesTsv(microsoftCorpusFolder).has(f) && !/^(README\.md|FILES\.tsv|LICENSES\/.+)$/.test(f));
    assert.deepEqual(unlisted, [], 'a file without attribution');
    for (const license of ['dotnet-docker.LICENSE', 'dotnet-samples.LICENSE-CODE', 'dotnet-samples.LICENSE', 'dotnet-docs.LICENSE', 'aspire-samples.LICENSE']) {
      assert.ok(existsSync(path.join(microsoftCorpusFolder, 'LICENSES', license)), license);
    }
  });

  test('BuildKit parser cases: the upstream files are unchanged, under the Apache-2.0 license', () => {
    assert.ok(checkListedFiles(buildkitParserFolder) > 80);
    assert.match(readFileSync(path.join(buildkitParserFolder, 'LICENSE'), 'utf8'), /Apache License\s+Version 2\.0, January 2004/);
  });

  test('catalog reference data: sources and licenses are there', () => {
    const reference = path.join(root, 'catalog', 'reference');
    assert.match(readFileSync(path.join(reference, 'SOURCES.md'), 'utf8'), /dotnet\/dotnet-docker/);
    assert.match(readFileSync(path.join(reference, 'dotnet-docker', 'LICENSE'), 'utf8'), /The MIT License/);
    assert.match(readFileSync(path.join(reference, 'dotnet-core', 'LICENSE.TXT'), 'utf8'), /The MIT License/);
  });

  test('no tracked file reads data from outside the checkout (the folder beside it)', () => {
    const tracked = execFileSync('git', ['ls-files', '-z', '--', '*.ts', '*.mjs', '*.cjs', '*.js', '*.sh', '*.json', '.ci/*', 'package.json'], { cwd: root, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f && !f.startsWith('test/fixtures/') && !f.startsWith('catalog/reference/') && f !== 'test/corpus/fixtures.test.ts');
    // The folder's name is assembled, so this guard does not itself read like a file that reaches outside.
    const outside = 'sha' + 'red';
    const reach = new RegExp(`['"\`](\\.\\./)+${outside}/|/work/${outside}\\b|'\\.\\.',\\s*'${outside}'|'${outside}',\\s*'(corpus|reference)'`);
    const offenders = tracked.filter((f) => existsSync(path.join(root, f)) && reach.test(readFileSync(path.join(root, f), 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
