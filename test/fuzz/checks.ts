/**
 * The invariants every answer of the service must keep, whatever the text: nothing throws, every range lies
 * inside the document, every completion edit applies (single line, around the cursor, no overlaps), every
 * code action's edit applies to this document only and the result parses and validates again.
 * Each check throws an AssertionError that names the feature and shows the offending value.
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionItem, Diagnostic, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { DotnetDockerfileService, DockerfileModel, RequestOptions } from '../../server/src/service';

export const URI = 'file:///fuzz/Dockerfile';

/** How much real work a run did, so a property can prove it did not pass vacuously. */
export interface Coverage {
  documents: number;
  diagnostics: number;
  completionItems: number;
  hovers: number;
  codeActions: number;
  editsApplied: number;
}

export function emptyCoverage(): Coverage {
  return { documents: 0, diagnostics: 0, completionItems: 0, hovers: 0, codeActions: 0, editsApplied: 0 };
}

export interface Probe {
  readonly positions: readonly Position[];
  readonly ranges: readonly Range[];
  /** `CodeActionContext.only` per range (undefined: everything). */
  readonly only: readonly (string[] | undefined)[];
  readonly options: RequestOptions;
}

const show = (value: unknown): string => JSON.stringify(value)?.slice(0, 300) ?? String(value);

/** A position is inside the document when it survives a round trip through offsets unchanged. */
export function assertPositionInside(document: TextDocument, position: Position, what: string): void {
  assert.ok(Number.isInteger(position.line) && Number.isInteger(position.character) && position.line >= 0 && position.character >= 0, `${what}: malformed position ${show(position)}`);
  assert.deepEqual(document.positionAt(document.offsetAt(position)), position, `${what}: ${show(position)} lies outside the document`);
}

export function assertRangeInside(document: TextDocument, range: Range, what: string): void {
  assert.ok(range && typeof range === 'object', `${what}: no range`);
  assertPositionInside(document, range.start, `${what} (start)`);
  assertPositionInside(document, range.end, `${what} (end)`);
  assert.ok(document.offsetAt(range.start) <= document.offsetAt(range.end), `${what}: range ends before it starts ${show(range)}`);
}

function checkDiagnostics(document: TextDocument, diagnostics: readonly Diagnostic[], what: string): void {
  assert.ok(Array.isArray(diagnostics), `${what}: not an array`);
  for (const d of diagnostics) {
    assertRangeInside(document, d.range, `${what} ${String(d.code)}`);
    assert.ok(typeof d.message === 'string' && d.message.length > 0, `${what} ${String(d.code)}: empty message`);
    for (const related of d.relatedInformation ?? []) {
      if (related.location.uri === document.uri) assertRangeInside(document, related.location.range, `${what} ${String(d.code)} related information`);
    }
  }
}

function checkCompletionItem(service: DotnetDockerfileService, document: TextDocument, position: Position, item: CompletionItem, reparse: boolean): void {
  const what = `completion item ${show(item.label)} at ${show(position)}`;
  assert.ok(typeof item.label === 'string' && item.label.length > 0, `${what}: empty label`);
  const edits: TextEdit[] = [];
  const edit = item.textEdit;
  if (edit) {
    const ranges = 'range' in edit ? [edit.range] : [edit.insert, edit.replace];
    for (const range of ranges) {
      assertRangeInside(document, range, what);
      assert.ok(range.start.line === position.line && range.end.line === position.line, `${what}: the edit ${show(range)} must be on the cursor line`);
      assert.ok(range.start.character <= position.character && position.character <= range.end.character, `${what}: the edit ${show(range)} must contain the cursor`);
    }
    edits.push({ range: 'range' in edit ? edit.range : edit.replace, newText: edit.newText });
  }
  for (const extra of item.additionalTextEdits ?? []) {
    assertRangeInside(document, extra.range, `${what} additional edit`);
    edits.push(extra);
  }
  if (edits.length === 0) return;
  let result: string;
  try {
    result = TextDocument.applyEdits(document, edits);
  } catch (error) {
    assert.fail(`${what}: its edits do not apply (${error instanceof Error ? error.message : String(error)}): ${show(edits)}`);
  }
  if (reparse) service.parse(TextDocument.create(document.uri, 'dockerfile', document.version + 1, result));
}

/** The edits of a workspace edit for our document; edits for any other document are a bug. */
function editsOf(edit: WorkspaceEdit, uri: string, what: string): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const [target, changes] of Object.entries(edit.changes ?? {})) {
    assert.equal(target, uri, `${what}: edits another document`);
    edits.push(...changes);
  }
  for (const change of edit.documentChanges ?? []) {
    assert.ok('textDocument' in change, `${what}: creates, renames or deletes files`);
    assert.equal(change.textDocument.uri, uri, `${what}: edits another document`);
    for (const e of change.edits) {
      // A snippet edit (LSP 3.18) is only valid where the client said it supports snippets in workspace edits.
      assert.ok('newText' in e, `${what}: a snippet edit in a workspace edit`);
      edits.push(e);
    }
  }
  return edits;
}

function checkCodeAction(service: DotnetDockerfileService, document: TextDocument, action: CodeAction, options: RequestOptions, coverage: Coverage): void {
  const what = `code action ${show(action.title)}`;
  assert.ok(typeof action.title === 'string' && action.title.length > 0, `${what}: empty title`);
  for (const d of action.diagnostics ?? []) assertRangeInside(document, d.range, `${what} diagnostic`);
  if (!action.edit) {
    assert.ok(action.command || action.disabled, `${what}: neither an edit nor a command`);
    return;
  }
  const edits = editsOf(action.edit, document.uri, what);
  for (const e of edits) assertRangeInside(document, e.range, `${what} edit`);
  let result: string;
  try {
    result = TextDocument.applyEdits(document, edits);
  } catch (error) {
    assert.fail(`${what}: its edits do not apply (${error instanceof Error ? error.message : String(error)}): ${show(edits)}`);
  }
  coverage.editsApplied++;
  const fixed = TextDocument.create(document.uri, 'dockerfile', document.version + 1, result);
  const model = service.parse(fixed);
  checkDiagnostics(fixed, service.validate(model, options), `${what}, then validate`);
}

/** Diagnostics an editor would send with a code action request for `range`: those that touch it. */
function touching(document: TextDocument, diagnostics: readonly Diagnostic[], range: Range): Diagnostic[] {
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  return diagnostics.filter((d) => document.offsetAt(d.range.start) <= end && document.offsetAt(d.range.end) >= start);
}

/** Runs every feature of the service on `text` and checks every invariant. Throws on the first violation. */
export function checkDocument(service: DotnetDockerfileService, text: string, probe: Probe, coverage: Coverage = emptyCoverage()): Coverage {
  const document = TextDocument.create(URI, 'dockerfile', 1, text);
  const model: DockerfileModel = service.parse(document);
  coverage.documents++;
  const diagnostics = service.validate(model, probe.options);
  checkDiagnostics(document, diagnostics, 'diagnostic');
  coverage.diagnostics += diagnostics.length;

  for (const position of probe.positions) {
    const list = service.complete(model, position, probe.options);
    assert.ok(list && Array.isArray(list.items), `completion at ${show(position)}: no list`);
    coverage.completionItems += list.items.length;
    // Applying every item's edit is cheap; parsing every result is not: parse the first and the last.
    list.items.forEach((item, i) => checkCompletionItem(service, document, position, item, i === 0 || i === list.items.length - 1));
    const hover = service.hover(model, position, probe.options);
    if (hover) {
      coverage.hovers++;
      if (hover.range) assertRangeInside(document, hover.range, `hover at ${show(position)}`);
      assert.ok(hover.contents, `hover at ${show(position)}: no contents`);
    }
  }

  const whole: Range = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
  const requests = [{ range: whole, only: undefined as string[] | undefined }, ...probe.ranges.map((range, i) => ({ range, only: probe.only[i] }))];
  for (const { range, only } of requests) {
    const context = { diagnostics: range === whole ? diagnostics : touching(document, diagnostics, range), ...(only ? { only } : {}) };
    const actions = service.codeActions(model, range, context, probe.options);
    assert.ok(Array.isArray(actions), 'code actions: not an array');
    coverage.codeActions += actions.length;
    for (const action of actions) checkCodeAction(service, document, action, probe.options, coverage);
  }
  return coverage;
}
