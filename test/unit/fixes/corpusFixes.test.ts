/**
 * Every fix on every diagnostic of every real Dockerfile in test/fixtures/microsoft, plus the exec-form refactor
 * on every shell-form command and fix-all: no crash, every result parses as well as before, the diagnostic
 * it fixes is gone (one fewer of its rule) and no error of a new kind appears.
 *
 * One exception, reported rather than failed: a replacement the rule itself marks as not safe may leave
 * the user a further step (a retired `microsoft/dotnet:2.0-sdk` renamed to `mcr.microsoft.com/dotnet/sdk:2.0`
 * is then an unknown tag, which the next fix addresses). Safe replacements, which fix-all applies, are held
 * to the full standard.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { FIX_ALL_KIND } from '../../../server/src/protocol';
import type { DockerfileModel } from '../../../server/src/service';
import { fixesForDiagnostic } from '../../../server/src/service/fixes/codeActions';
import { buildFor } from '../../helpers/build';
import { apply, parse, service } from './fixHarness';
import { corpusDockerfiles, corpusFolder } from '../../helpers/corpusFiles';


const parseErrors = (model: DockerfileModel): number => model.syntax.instructions.filter((i) => i.error).length;
const count = (list: readonly Diagnostic[], keep: (d: Diagnostic) => boolean): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const d of list.filter(keep)) counts.set(String(d.code), (counts.get(String(d.code)) ?? 0) + 1);
  return counts;
};

/** Applies one action and checks the result; returns a description of what went wrong, or undefined. */
function checkAction(file: string, model: DockerfileModel, before: readonly Diagnostic[], action: CodeAction, mayNeedAnotherStep: boolean): string | undefined {
  const result = apply(model, action);
  if (result === model.document.getText()) return `${file}: "${action.title}" changes nothing`;
  const fixed = parse(result);
  if (parseErrors(fixed) > parseErrors(model)) return `${file}: "${action.title}" leaves a parse error`;
  const after = service.validate(fixed);
  const errorsBefore = count(before, (d) => d.severity === DiagnosticSeverity.Error);
  for (const [code, n] of count(after, (d) => d.severity === DiagnosticSeverity.Error)) {
    if (n > (errorsBefore.get(code) ?? 0) && !mayNeedAnotherStep) return `${file}: "${action.title}" adds a ${code} error`;
  }
  for (const diagnostic of action.diagnostics ?? []) {
    const code = String(diagnostic.code);
    if ((count(after, (d) => String(d.code) === code).get(code) ?? 0) >= (count(before, (d) => String(d.code) === code).get(code) ?? 0)) {
      return `${file}: "${action.title}" does not remove its ${code}`;
    }
  }
  return undefined;
}

describe('fixes on the real Dockerfiles of the corpus', () => {
  test('every offered fix applies cleanly', (t) => {
    const files = corpusDockerfiles();
    assert.ok(files.length > 300, `only ${files.length} corpus files`);
    const problems: string[] = [];
    let applied = 0;
    let furtherSteps = 0;
    for (const full of files) {
      const file = path.relative(corpusFolder, full);
      const model = parse(readFileSync(full, 'utf8'), `file:///corpus/${file}`);
      const before = service.validate(model);
      // Each action with the diagnostic it was asked for: actions name theirs without our data (the replacements).
      const actions: { action: CodeAction; diagnostic?: Diagnostic }[] = [];
      for (const diagnostic of before) actions.push(...service.codeActions(model, diagnostic.range, { diagnostics: [diagnostic] }).map((action) => ({ action, diagnostic })));
      for (const instruction of model.syntax.instructions) {
        const at = model.rangeOf(instruction.keywordSpan);
        actions.push(...service.codeActions(model, at, { diagnostics: [], only: ['refactor.rewrite'] }).map((action) => ({ action })));
      }
      actions.push(...service.codeActions(model, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [], only: [FIX_ALL_KIND] }).map((action) => ({ action })));
      for (const { action, diagnostic } of actions) {
        applied++;
        const unsafeReplacement = diagnostic !== undefined && fixesForDiagnostic(buildFor(model), diagnostic).some((fix) => fix.title === action.title && fix.edits.length === 1 && !fix.safe);
        const problem = checkAction(file, model, before, action, unsafeReplacement);
        if (problem) problems.push(problem);
        else if (unsafeReplacement && checkAction(file, model, before, action, false)) furtherSteps++;
      }
    }
    assert.deepEqual(problems, []);
    t.diagnostic(`${applied} fixes applied; ${furtherSteps} unsafe replacements leave an error for a further fix`);
    assert.ok(applied > 100, `only ${applied} fixes were offered on the corpus`);
  });
});
