/**
 * How fix tests run: a Dockerfile with a `|` marker where the diagnosed instruction (or the diagnostic) starts,
 * the diagnostic either from `validate` or built by hand following the contract in rules/fixData.ts, the chosen
 * action applied to the whole text, and the whole result compared. Then the result is checked the way the
 * issue asks: it parses, the fixed diagnostic is gone, no new error appeared, and the fix does not apply twice.
 */
import assert from 'node:assert/strict';
import type { CodeAction, CodeActionContext, Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DockerfileModel } from '../../../server/src/service';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../../../server/src/service/diagnostics/diagnosticData';
import { shellStatusAt } from '../../../server/src/service/document/stageFacts';
import { applyEdits, marked, type Marked } from '../../helpers/markers';
import { testService } from '../../helpers/service';

export const service = testService();
const serviceContext = { catalog: service.catalog, today: '2026-11-22', project: undefined, snippetSupport: true };

export function parse(text: string, uri = 'file:///work/Dockerfile'): DockerfileModel {
  return service.parse(TextDocument.create(uri, 'dockerfile', 1, text));
}

/** A diagnostic as the rule for `rule` publishes it, on the instruction whose keyword is at marker `i`. */
export function constructedDiagnostic(model: DockerfileModel, offset: number, rule: string, extra: Partial<DiagnosticData> = {}): Diagnostic {
  const instruction = model.instructionAt(offset);
  assert.ok(instruction, `no instruction at offset ${offset}`);
  const stage = model.stages.stageAt(instruction.span.start);
  const data: DiagnosticData = { rule, instructionStart: instruction.keywordSpan.start, stageIndex: stage?.index, ...extra };
  return { range: model.rangeOf(instruction.keywordSpan), message: `constructed ${rule}`, severity: DiagnosticSeverity.Error, source: DIAGNOSTIC_SOURCE, code: rule, data };
}

export function actions(model: DockerfileModel, diagnostics: Diagnostic[], only?: string[]): CodeAction[] {
  const context: CodeActionContext = { diagnostics, ...(only ? { only } : {}) };
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return service.codeActions(model, range, context);
}

/** The text after applying an action's edits to the whole document. */
export function apply(model: DockerfileModel, action: CodeAction): string {
  const edits = action.edit?.changes?.[model.document.uri];
  assert.ok(edits, `action "${action.title}" has no edits for ${model.document.uri}`);
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

/**
 * Shell-rule diagnostics for every instruction the rule would flag in `model` (by the same facts the rule
 * uses), plus whatever `validate` reports: what a user could click on after applying the fix.
 */
function everythingClickable(model: DockerfileModel, rule: string): Diagnostic[] {
  const list = [...service.validate(model)];
  if (rule !== 'shell-form-without-shell' && rule !== 'missing-tool') return list;
  for (const stage of model.stages.stages) {
    for (const instruction of stage.instructions) {
      const commandForm = rule === 'missing-tool' ? instruction.form === 'exec' : instruction.form === 'shell';
      if (!commandForm || !['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK'].includes(instruction.name)) continue;
      if (shellStatusAt(serviceContext, model, stage, instruction.span.start).available !== false) continue;
      list.push(constructedDiagnostic(model, instruction.keywordSpan.start, rule));
    }
  }
  return list;
}

export interface FixCase {
  /** The Dockerfile; marker 0 is where the diagnosed instruction's keyword (or the diagnostic) starts. */
  readonly before: string;
  readonly rule: string;
  /** The action's exact title. */
  readonly title: string;
  /** The whole expected text. */
  readonly after: string;
  /** Use the diagnostic `validate` reports at the marker instead of building one. */
  readonly fromValidate?: boolean;
  readonly extra?: Partial<DiagnosticData>;
  readonly preferred?: boolean;
}

/** Runs one fix end to end and returns the action, for further checks. */
export function checkFix(fixCase: FixCase): CodeAction {
  const m: Marked = marked(fixCase.before);
  const model = parse(m.text);
  const offset = m.offsets[0];
  assert.ok(offset !== undefined, 'the test text needs a | marker');
  const before = service.validate(model);
  let diagnostic: Diagnostic | undefined;
  if (fixCase.fromValidate) {
    diagnostic = before.find((d) => d.code === fixCase.rule && model.offsetAt(d.range.start) === offset);
    assert.ok(diagnostic, `validate reports no ${fixCase.rule} at the marker; it reports ${JSON.stringify(before.map((d) => [d.code, d.range.start]))}`);
  } else diagnostic = constructedDiagnostic(model, offset, fixCase.rule, fixCase.extra);

  const offered = actions(model, [diagnostic]);
  const action = offered.find((a) => a.title === fixCase.title);
  assert.ok(action, `no action "${fixCase.title}"; offered: ${JSON.stringify(titles(offered))}`);
  assert.equal(action.kind, 'quickfix');
  // The action names its diagnostic as the client shows it; our data (the replacements) stays out of the echo.
  const { data: _ours, ...shown } = diagnostic;
  assert.deepEqual(action.diagnostics, [shown]);
  if (fixCase.preferred !== undefined) assert.equal(action.isPreferred === true, fixCase.preferred, 'isPreferred');
  const result = apply(model, action);
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
  for (const again of everythingClickable(fixed, fixCase.rule)) {
    for (const repeat of actions(fixed, [again]).filter((a) => a.title === fixCase.title)) {
      assert.equal(apply(fixed, repeat), result, `"${fixCase.title}" is offered again and changes the text`);
    }
  }
  return action;
}
