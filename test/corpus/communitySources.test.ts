/**
 * The community corpus (test/fixtures/community) is exactly what SOURCES.tsv says it is: every stored file is
 * listed with its repository, commit, path, license, sha256 and size; every repository carries its LICENSE; every
 * license is permissive; no file comes from a Microsoft-run organization; and there is enough of it (at least 100
 * Dockerfiles from at least 50 repositories, at most 4 Dockerfiles per repository). See its README.md.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', 'fixtures', 'community');
const COLUMNS = ['file', 'repository', 'commit', 'path', 'license', 'sha256', 'bytes', 'kind', 'notes'] as const;
/** Files of the folder that describe the corpus and are not part of it. */
const OWN_FILES = new Set(['SOURCES.tsv', 'README.md', '.gitattributes']);
const KINDS = new Set(['dockerfile', 'project', 'dockerignore', 'props', 'license']);
/** SPDX ids the corpus accepts: permissive licenses that allow redistribution with the notice kept beside the files. */
const PERMISSIVE = new Set(['MIT', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC', 'Unlicense', '0BSD', 'MIT-0']);
/** GitHub organizations run by Microsoft: the corpus is about what the community writes, not Microsoft's samples. */
const EXCLUDED_OWNERS = [
  'dotnet', 'microsoft', 'azure', 'azure-samples', 'microsoftdocs', 'dotnet-architecture', 'aspnet', 'nuget', 'onedrive',
  'powershell', 'microsoftlearning', 'microsoftgraph', 'officedev', 'azuread', 'azure-app-service', 'mono', 'xamarin',
  'dotnet-foundation', 'dotnet-presentations', 'devcontainers', 'communitytoolkit', 'odata', 'windows-toolkit',
];
const MIN_DOCKERFILES = 100;
const MIN_REPOSITORIES = 50;
const MAX_DOCKERFILES_PER_REPOSITORY = 4;

type Row = Record<(typeof COLUMNS)[number], string>;

function readSources(): Row[] {
  const lines = readFileSync(path.join(ROOT, 'SOURCES.tsv'), 'utf8').split('\n');
  assert.equal(lines.at(-1), '', 'SOURCES.tsv ends with a newline');
  assert.deepEqual(lines[0]?.split('\t'), [...COLUMNS], 'SOURCES.tsv has the documented header');
  return lines.slice(1, -1).map((line, index) => {
    const cells = line.split('\t');
    assert.equal(cells.length, COLUMNS.length, `SOURCES.tsv line ${index + 2} has ${COLUMNS.length} cells`);
    return Object.fromEntries(COLUMNS.map((column, i) => [column, cells[i] ?? ''])) as Row;
  });
}

/** Every regular file under the corpus folder, relative and with forward slashes; anything else fails the test. */
function storedFiles(dir = ROOT): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    const stat = lstatSync(full);
    assert.ok(stat.isFile() || stat.isDirectory(), `${path.relative(ROOT, full)} is a regular file or a folder`);
    if (stat.isDirectory()) files.push(...storedFiles(full));
    else files.push(path.relative(ROOT, full).split(path.sep).join('/'));
  }
  return files;
}

const rows = readSources();
const dockerfiles = rows.filter((row) => row.kind === 'dockerfile');

describe('community corpus: SOURCES.tsv and the files agree', () => {
  test('every stored file is listed once, and every listed file is stored', () => {
    const listed = rows.map((row) => row.file);
    assert.equal(new Set(listed).size, listed.length, 'no file is listed twice');
    const stored = storedFiles().filter((file) => !OWN_FILES.has(file));
    assert.deepEqual([...stored].sort(), [...listed].sort());
  });

  test('every file has the size and sha256 that SOURCES.tsv records', () => {
    for (const row of rows) {
      const bytes = readFileSync(path.join(ROOT, row.file));
      assert.equal(bytes.length, Number(row.bytes), `${row.file}: size`);
      assert.equal(createHash('sha256').update(bytes).digest('hex'), row.sha256, `${row.file}: sha256`);
    }
  });

  test('every row names a repository, a 40-hex commit, a kind, and the file sits at the repository path', () => {
    for (const row of rows) {
      assert.match(row.repository, /^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/, `${row.file}: repository`);
      assert.match(row.commit, /^[0-9a-f]{40}$/, `${row.file}: commit`);
      assert.ok(KINDS.has(row.kind), `${row.file}: kind ${row.kind}`);
      const folder = row.repository.replace('/', '__');
      const expected = row.kind === 'license' ? `${folder}/LICENSE` : `${folder}/${row.path}`;
      assert.equal(row.file, expected, `${row.file}: stored under <owner>__<repo>/ at its repository path`);
      if (row.kind === 'dockerfile') assert.notEqual(row.notes, '', `${row.file}: a Dockerfile carries notes`);
    }
  });
});

describe('community corpus: licenses', () => {
  test('every repository has exactly one LICENSE row and all its rows carry that license', () => {
    const licenseOf = new Map<string, string>();
    for (const row of rows.filter((r) => r.kind === 'license')) {
      assert.ok(!licenseOf.has(row.repository), `${row.repository}: one LICENSE`);
      licenseOf.set(row.repository, row.license);
    }
    for (const row of rows) {
      assert.ok(licenseOf.has(row.repository), `${row.repository} has its LICENSE in the corpus`);
      assert.equal(row.license, licenseOf.get(row.repository), `${row.file}: license matches the repository's LICENSE row`);
    }
  });

  test('every license is on the permissive allow-list', () => {
    for (const row of rows) assert.ok(PERMISSIVE.has(row.license), `${row.file}: ${row.license} is permissive`);
  });

  test('no file comes from a Microsoft-run organization', () => {
    for (const row of rows) {
      const owner = row.repository.split('/')[0]?.toLowerCase() ?? '';
      assert.ok(!EXCLUDED_OWNERS.includes(owner), `${row.repository} is not Microsoft-run`);
    }
  });
});

describe('community corpus: size and spread', () => {
  test(`at least ${MIN_DOCKERFILES} Dockerfiles from at least ${MIN_REPOSITORIES} repositories`, () => {
    const repositories = new Set(dockerfiles.map((row) => row.repository));
    assert.ok(dockerfiles.length >= MIN_DOCKERFILES, `${dockerfiles.length} Dockerfiles`);
    assert.ok(repositories.size >= MIN_REPOSITORIES, `${repositories.size} repositories`);
  });

  test(`at most ${MAX_DOCKERFILES_PER_REPOSITORY} Dockerfiles from one repository`, () => {
    const perRepository = new Map<string, number>();
    for (const row of dockerfiles) perRepository.set(row.repository, (perRepository.get(row.repository) ?? 0) + 1);
    for (const [repository, count] of perRepository) assert.ok(count <= MAX_DOCKERFILES_PER_REPOSITORY, `${repository}: ${count}`);
  });

  test('every stored Dockerfile has a FROM instruction (it is a Dockerfile, not a stray file)', () => {
    for (const row of dockerfiles) {
      const text = readFileSync(path.join(ROOT, row.file), 'utf8');
      assert.match(text, /^\s*FROM\s/im, `${row.file} has a FROM`);
    }
  });
});
