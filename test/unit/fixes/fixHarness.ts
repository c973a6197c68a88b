/**
 * How fix tests run: a Dockerfile with a `|` marker in the diagnosed instruction (or where the diagnostic starts),
 * the diagnostic `validate` reports there, the chosen action applied to the whole text, and the whole result
 * compared. Then the result is checked the way the issue asks: it parses, the fixed diagnostic is gone, no new
 * error appeared, and the fix does not apply twice.
 */
import assert from 'node:assert/strict';
import type { CodeAction, CodeActionContext, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DockerfileModel } from '../../../server/src/service';
import { DIAGNOSTIC_SOURCE } from '../../../server/src/service/diagnostics/diagnosticData';
import { applyEdits, marked, type Marked } from '../../helpers/markers';
import { testService } from '../../helpers/service';
import { fillSnippet } from '../../helpers/snippetFill';

export const service = testService();

export function parse(text: string, uri = 'file:///work/Dockerfile'): DockerfileModel {
  return service.parse(TextDocument.create(uri, 'dockerfile', 1, text));
}

/**
 * The diagnostic of `rule` that `validate` reports in the instruction at `offset` (or starting at `offset`).
 * Fixes are only ever offered for real findings, found again by rule and range.
 */
export function diagnosticAt(model: DockerfileModel, offset: number, rule: string): Diagnostic {
  const all = service.validate(model);
  const instruction = model.instructionAt(offset);
  const found =
    all.find((d) => d.code === rule && model.offsetAt(d.range.start) === offset) ??
    all.find((d) => d.code === rule && instruction !== undefined && model.instructionAt(model.offsetAt(d.range.start)) === instruction);
  assert.ok(found, `validate reports no ${rule} at the marker; it reports ${JSON.stringify(all.map((d) => [d.code, d.range.start]))}`);
  return found;
}

/** A diagnostic as a client could send it for an instruction, whether or not the rule reports it there (stale, made up). */
export function clientDiagnostic(model: DockerfileModel, offset: number, rule: string): Diagnostic {
  const instruction = model.instructionAt(offset);
  assert.ok(instruction, `no instruction at offset ${offset}`);
  return { range: model.rangeOf(instruction.keywordSpan), message: `sent by a client for ${rule}`, severity: DiagnosticSeverity.Error, source: DIAGNOSTIC_SOURCE, code: rule, data: { rule } };
}

/** The diagnostic of `rule` in the instruction at `offset` if the rule reports one there, else what a client could send. */
export function diagnosticFor(model: DockerfileModel, offset: number, rule: string): Diagnostic {
  const all = service.validate(model);
  const instruction = model.instructionAt(offset);
  return all.find((d) => d.code === rule && instruction !== undefined && model.instructionAt(model.offsetAt(d.range.start)) === instruction) ?? clientDiagnostic(model, offset, rule);
}

export function actions(model: DockerfileModel, diagnostics: Diagnostic[], only?: string[], snippetEditSupport = false): CodeAction[] {
  const context: CodeActionContext = { diagnostics, ...(only ? { only } : {}) };
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return service.codeActions(model, range, context, { disabledActionSupport: true, snippetEditSupport });
}

/**
 * The text after applying an action's edits to the whole document. A snippet edit (LSP 3.18, in `documentChanges`)
 * is applied as an editor does once the user typed `fill[n]` into tab stop n.
 */
export function apply(model: DockerfileModel, action: CodeAction, fill?: Readonly<Record<number, string>>): string {
  const plain = action.edit?.changes?.[model.document.uri];
  if (plain) return applyEdits(model.document.getText(), plain);
  const edits: TextEdit[] = [];
  for (const change of action.edit?.documentChanges ?? []) {
    assert.ok('textDocument' in change && change.textDocument.uri === model.document.uri, `"${action.title}" changes something other than the document`);
    for (const edit of change.edits) {
      if ('newText' in edit) edits.push(edit);
      else if ('snippet' in edit) {
        assert.ok(fill, `"${action.title}" is a snippet edit: the test must say what the user fills in`);
        edits.push({ range: edit.range, newText: fillSnippet(edit.snippet.value, fill) });
      }
    }
  }
  assert.ok(edits.length, `action "${action.title}" has no edits for ${model.document.uri}`);
  return applyEdits(model.document.getText(), edits);
}

export function titles(list: readonly CodeAction[]): string[] {
  return list.map((a) => a.title);
}

function countBy(diagnostics: readonly Diagnostic[], filter: (d: Diagnostic) => boolean): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnostics.filter(filter)) counts.set(String(d.code), (counts.get(String(d.code)) ?? 0) + 1);
  return counts;
}

export interface FixCase {
  /** The Dockerfile; marker 0 is where the diagnosed instruction's keyword (or the diagnostic) starts. */
  readonly before: string;
  readonly rule: string;
  /** The action's exact title. */
  readonly title: string;
  /** The whole expected text. */
  readonly after: string;
  readonly preferred?: boolean;
  /** For a snippet fix: what the user types into each tab stop. Such a fix must not reach clients without snippet edits. */
  readonly fill?: Readonly<Record<number, string>>;
}

/** Runs one fix end to end and returns the action, for further checks. */
export function checkFix(fixCase: FixCase): CodeAction {
  const m: Marked = marked(fixCase.before);
  const model = parse(m.text);
  const offset = m.offsets[0];
  assert.ok(offset !== undefined, 'the test text needs a | marker');
  const before = service.validate(model);
  const diagnostic = diagnosticAt(model, offset, fixCase.rule);

  const snippet = fixCase.fill !== undefined;
  const offered = actions(model, [diagnostic], undefined, snippet);
  const action = offered.find((a) => a.title === fixCase.title);
  assert.ok(action, `no action "${fixCase.title}"; offered: ${JSON.stringify(titles(offered))}`);
  if (snippet) {
    assert.ok(action.edit?.documentChanges && !action.edit.changes, 'a snippet fix travels as snippet edits');
    assert.ok(!titles(actions(model, [diagnostic])).includes(fixCase.title), 'a snippet fix is never offered to a client without snippet edits');
  }
  assert.equal(action.kind, 'quickfix');
  // The action names its diagnostic as the client shows it; our data (the replacements) stays out of the echo.
  const { data: _ours, ...shown } = diagnostic;
  assert.deepEqual(action.diagnostics, [shown]);
  if (fixCase.preferred !== undefined) assert.equal(action.isPreferred === true, fixCase.preferred, 'isPreferred');
  const result = apply(model, action, fixCase.fill);
  assert.equal(result, fixCase.after);

  // The result parses, the fixed diagnostic is gone and no new error appeared.
  const fixed = parse(result);
  for (const instruction of fixed.syntax.instructions) assert.equal(instruction.error, undefined, `parse error after the fix: ${instruction.error}`);
  const after = service.validate(fixed);
  const rulesBefore = countBy(before, (d) => d.code === fixCase.rule);
  const rulesAfter = countBy(after, (d) => d.code === fixCase.rule);
  assert.ok((rulesAfter.get(fixCase.rule) ?? 0) < Math.max(1, rulesBefore.get(fixCase.rule) ?? 0), `${fixCase.rule} is still reported after the fix`);
  const errorsBefore = countBy(before, (d) => d.severity === DiagnosticSeverity.Error);
  for (const [code, count] of countBy(after, (d) => d.severity === DiagnosticSeverity.Error)) {
    assert.ok(count <= (errorsBefore.get(code) ?? 0), `the fix introduced a new ${code} error: ${JSON.stringify(after.filter((d) => d.code === code).map((d) => d.message))}`);
  }

  // Twice changes nothing: wherever the user could click now, the same fix is gone or changes nothing.
  for (const again of [...after, ...fixed.syntax.instructions.map((i) => clientDiagnostic(fixed, i.keywordSpan.start, fixCase.rule))]) {
    for (const repeat of actions(fixed, [again], undefined, snippet).filter((a) => a.title === fixCase.title)) {
      assert.equal(apply(fixed, repeat, fixCase.fill), result, `"${fixCase.title}" is offered again and changes the text`);
    }
  }
  return action;
}
