/**
 * The shell rules decide exec vs shell form exactly as BuildKit does. The truth is
 * test/fixtures/buildkit-parser: `forms.tsv` (what BuildKit's parser says about every instruction of its
 * test files and of extra probes) and BuildKit's own lint tests for shell-form CMD/ENTRYPOINT.
 *
 * For every case, each base image is replaced by `scratch` (no shell), and shell-form-without-shell must fire
 * on exactly the shell-form RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD lines that no SHELL (in the stage before
 * them, or in a stage they are built from) covers, as computed from forms.tsv alone.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint } from './ruleTest';
import { buildkitParserFolder } from '../../helpers/fixtureFolders';
import { buildModel } from '../../../server/src/service/document/model';

const RULE = 'shell-form-without-shell';
const BUILDKIT = buildkitParserFolder;

interface FormRow {
  readonly caseName: string;
  readonly startLine: number;
  readonly instruction: string;
  readonly form: string;
  readonly dump: string;
}

function readForms(file: string): FormRow[] {
  const [, ...rows] = readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
  return rows.map((row) => {
    const cells = row.split('\t');
    return { caseName: cells[0]!, startLine: Number(cells[2]), instruction: cells[4]!.toUpperCase(), form: cells[6]!, dump: cells[8] ?? '' };
  });
}

/** The Go-quoted strings of a dump after its flags: `healthcheck ["--interval=5s"] "CMD" "x"` → [CMD, x]. */
function dumpArgs(dump: string): string[] {
  const withoutFlags = dump.replace(/^\S+\s+(\[[^\]]*\]\s*)?/, '');
  return [...withoutFlags.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
}

/** The lines (1-based) BuildKit's forms say must be reported when every base image is `scratch`. */
function expectedLines(rows: readonly FormRow[]): number[] {
  interface StageState {
    shell: boolean;
    readonly parent: StageState | undefined;
  }
  const hasShell = (stage: StageState | undefined): boolean => !!stage && (stage.shell || hasShell(stage.parent));
  const named = new Map<string, StageState>();
  let current: StageState | undefined;
  const lines: number[] = [];
  for (const row of rows) {
    if (row.instruction === 'FROM') {
      // `from "base" "AS" "name"`: stage names compare lower-cased, as BuildKit does.
      const [base = '', as, name] = dumpArgs(row.dump);
      current = { shell: false, parent: named.get(base.toLowerCase()) };
      if (as?.toLowerCase() === 'as' && name) named.set(name.toLowerCase(), current);
      continue;
    }
    if (!current) continue;
    if (row.instruction === 'SHELL') {
      current.shell = true;
      continue;
    }
    if (row.form !== 'shell') continue;
    const command = ['RUN', 'CMD', 'ENTRYPOINT'].includes(row.instruction) || (row.instruction === 'HEALTHCHECK' && dumpArgs(row.dump)[0]?.toUpperCase() === 'CMD');
    if (command && !hasShell(current)) lines.push(row.startLine);
  }
  return lines;
}

/** The Dockerfile with every FROM that names an image (not an earlier stage) rebased on `scratch`. */
function onScratch(text: string): string {
  const model = buildModel(TextDocument.create('file:///case/Dockerfile', 'dockerfile', 1, text));
  let result = text;
  for (const stage of [...model.stages.stages].reverse()) {
    if (stage.parent || !stage.baseWord) continue;
    result = result.slice(0, stage.baseWord.span.start) + 'scratch' + result.slice(stage.baseWord.span.end);
  }
  return result;
}

function reportedLines(text: string): number[] {
  return lint(text)
    .filter((d) => d.code === RULE)
    .map((d) => d.range.start.line + 1);
}

describe('shell-form-without-shell agrees with BuildKit on exec vs shell form', () => {
  for (const [folder, table] of [
    ['testfiles', 'testfiles/forms.tsv'],
    ['probes', 'probes/forms.tsv'],
  ] as const) {
    const rows = readForms(path.join(BUILDKIT, table));
    const cases = [...new Set(rows.map((r) => r.caseName))];
    test(`${folder}: ${cases.length} cases`, () => {
      assert.ok(cases.length > 20);
      let checked = 0;
      let shellForm = 0;
      for (const name of cases) {
        const file = path.join(BUILDKIT, folder, name, 'Dockerfile');
        if (!existsSync(file)) continue;
        const expected = expectedLines(rows.filter((r) => r.caseName === name));
        assert.deepEqual(reportedLines(onScratch(readFileSync(file, 'utf8'))), expected, `${folder}/${name}`);
        checked++;
        shellForm += expected.length;
      }
      assert.equal(checked, cases.length);
      // The cases really exercise the rule (both folders hold dozens of shell-form commands).
      assert.ok(shellForm >= 20, `only ${shellForm} shell-form commands`);
    });
  }

  test("BuildKit's JSONArgsRecommended cases: shell-form CMD/ENTRYPOINT on scratch, SHELL inherited through stages", () => {
    const expectedTsv = readFileSync(path.join(BUILDKIT, 'lint-json-args/expected.tsv'), 'utf8').split('\n').slice(1).filter(Boolean);
    // Where we differ from BuildKit's lint, on purpose:
    //  - 07/08 silence BuildKit's rule with its own `# check=skip=` comment; ours has its own suppression comment.
    //  - 12 is shell form on alpine: BuildKit warns about signal handling, but there is a shell, so nothing fails.
    const ours: Record<string, number[]> = { '07.Dockerfile': [4], '08.Dockerfile': [4], '12.Dockerfile': [] };
    for (const row of expectedTsv) {
      const [file = '', fires, lines] = row.split('\t');
      const buildkit = fires === 'yes' ? (lines ?? '').split(',').map(Number) : [];
      const expected = ours[file] ?? buildkit;
      assert.deepEqual(reportedLines(readFileSync(path.join(BUILDKIT, 'lint-json-args', file), 'utf8')), expected, file);
    }
  });
});
