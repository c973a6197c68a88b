// BuildKit conformance: every upstream parser case and every probe of test/fixtures/buildkit-parser,
// checked instruction by instruction against forms.tsv (made by running BuildKit's own parser) and
// byte for byte against each case's `result` (BuildKit's Dump()).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseDockerfile } from '../../../server/src/service/syntax/parser';
import type { DockerfileSyntax, Instruction } from '../../../server/src/service/syntax/model';
import { CORPUS_DIR, dump } from './helpers';

interface FormRow {
  readonly caseName: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly keyword: string;
  readonly onbuildInner: string;
  readonly form: string;
  readonly heredocs: Array<{ name: string; fd: number; expand: boolean; chomp: boolean; content: string }>;
  readonly dump: string;
}

function readForms(folder: string): Map<string, FormRow[]> {
  const rows = new Map<string, FormRow[]>();
  const lines = fs.readFileSync(path.join(CORPUS_DIR, folder, 'forms.tsv'), 'utf8').split('\n').slice(1);
  for (const line of lines) {
    if (line === '') continue;
    const cells = line.split('\t');
    const row: FormRow = {
      caseName: cells[0]!,
      startLine: Number(cells[2]),
      endLine: Number(cells[3]),
      keyword: cells[4]!,
      onbuildInner: cells[5]!,
      form: cells[6]!,
      heredocs: JSON.parse(cells[7]!) as FormRow['heredocs'],
      dump: cells.slice(8).join('\t'),
    };
    rows.set(row.caseName, [...(rows.get(row.caseName) ?? []), row]);
  }
  return rows;
}

function parseCase(folder: string, caseName: string): DockerfileSyntax {
  return parseDockerfile(fs.readFileSync(path.join(CORPUS_DIR, folder, caseName, 'Dockerfile'), 'utf8'));
}

/** forms.tsv's form, in our model's words (`-` is `na`). */
function expectedForm(row: FormRow, instruction: Instruction): string {
  if (row.form === '-') return 'na';
  // Deliberate model choice: `HEALTHCHECK NONE` takes no command, so it is `na`; BuildKit just sets no json attribute.
  if (row.form === 'none' && instruction.name === 'HEALTHCHECK' && instruction.subcommand?.text.toUpperCase() === 'NONE') {
    return 'na';
  }
  return row.form;
}

function checkRow(row: FormRow, instruction: Instruction, escape: string): void {
  const where = `${row.caseName} line ${row.startLine} (${row.keyword})`;
  assert.equal(instruction.startLine + 1, row.startLine, `${where}: start line`);
  assert.equal(instruction.endLine + 1, row.endLine, `${where}: end line`);
  assert.equal(instruction.keyword, row.keyword, `${where}: keyword`);
  assert.equal(dump(instruction, escape), row.dump, `${where}: dump`);
  if (row.onbuildInner !== '') {
    assert.equal(instruction.form, 'na', `${where}: ONBUILD itself never takes JSON`);
    assert.equal(instruction.onbuild?.keyword, row.onbuildInner, `${where}: ONBUILD trigger`);
    assert.equal(instruction.onbuild.form, expectedForm(row, instruction.onbuild), `${where}: trigger form`);
  } else {
    assert.equal(instruction.form, expectedForm(row, instruction), `${where}: form`);
  }
  const heredocs = instruction.heredocs.map((h) => ({ name: h.name, fd: h.fd ?? 0, expand: h.expand, chomp: h.chomp, content: h.content }));
  assert.deepEqual(heredocs, row.heredocs, `${where}: heredocs`);
}

for (const folder of ['testfiles', 'probes']) {
  const forms = readForms(folder);
  describe(`BuildKit ${folder}`, () => {
    const cases = fs.readdirSync(path.join(CORPUS_DIR, folder)).filter((c) => fs.statSync(path.join(CORPUS_DIR, folder, c)).isDirectory());
    test('the corpus is there', () => assert.ok(cases.length >= (folder === 'testfiles' ? 33 : 28), `cases under ${CORPUS_DIR}`));
    for (const caseName of cases) {
      const caseDir = path.join(CORPUS_DIR, folder, caseName);
      if (fs.existsSync(path.join(caseDir, 'result'))) {
        test(caseName, () => {
          const syntax = parseCase(folder, caseName);
          const rows = forms.get(caseName) ?? [];
          assert.equal(syntax.instructions.length, rows.length, 'instruction count');
          rows.forEach((row, i) => checkRow(row, syntax.instructions[i]!, syntax.escape));
          assert.deepEqual(syntax.instructions.map((i) => i.error).filter(Boolean), [], 'no instruction errors');
          assert.deepEqual(syntax.directives.map((d) => d.error).filter(Boolean), [], 'no directive errors');
          const result = syntax.instructions.map((i) => `(${dump(i, syntax.escape)})\n`).join('');
          assert.equal(result, fs.readFileSync(path.join(caseDir, 'result'), 'utf8'), 'Dump() + "\\n", byte for byte');
        });
      } else {
        test(`${caseName} (error)`, () => {
          const syntax = parseCase(folder, caseName);
          const expected = fs.readFileSync(path.join(caseDir, 'error'), 'utf8').trim();
          const errors = [...syntax.directives.map((d) => d.error), ...syntax.instructions.map((i) => i.error)].filter(Boolean);
          assert.deepEqual(errors, [expected]);
        });
      }
    }
  });
}

describe('BuildKit testfiles-negative', () => {
  const expected = new Map(
    fs
      .readFileSync(path.join(CORPUS_DIR, 'testfiles-negative', 'expected-errors.tsv'), 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split('\t') as [string, string]),
  );
  test('the corpus is there', () => assert.equal(expected.size, 4));
  for (const [caseName, message] of expected) {
    test(caseName, () => {
      const syntax = parseCase('testfiles-negative', caseName);
      if (message === 'file with no instructions') {
        // Not an instruction error: the caller sees an empty instruction list.
        assert.equal(syntax.instructions.length, 0);
      } else {
        assert.deepEqual(syntax.instructions.map((i) => i.error).filter(Boolean), [message]);
      }
    });
  }
});
