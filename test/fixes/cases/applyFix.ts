/**
 * Applies a case's fix the way an editor does, through the service's public API only (parse, validate,
 * codeActions): the diagnostic `validate` reports at the marker, the action with the case's title, its edits
 * applied to the whole text.
 */
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, marked } from '../../helpers/markers';
import { testService } from '../../helpers/service';
import type { FixCase } from './fixCase';

const service = testService();
const URI = 'file:///work/Dockerfile';

export interface AppliedFix {
  /** The before text without its marker. */
  readonly before: string;
  readonly diagnostic: Diagnostic;
  readonly action: CodeAction;
  readonly after: string;
  readonly diagnosticsBefore: readonly Diagnostic[];
  readonly diagnosticsAfter: readonly Diagnostic[];
}

export function diagnosticsOf(text: string): Diagnostic[] {
  return service.validate(service.parse(TextDocument.create(URI, 'dockerfile', 1, text)));
}

/** The edits of an action for the document, from `changes` or `documentChanges` (plain text edits only). */
function editsOf(action: CodeAction): TextEdit[] {
  const changes = action.edit?.changes?.[URI];
  if (changes) return changes;
  const edits: TextEdit[] = [];
  for (const change of action.edit?.documentChanges ?? []) {
    if (!('textDocument' in change) || change.textDocument.uri !== URI) throw new Error(`"${action.title}" changes something other than the document: ${JSON.stringify(change)}`);
    for (const edit of change.edits) {
      if (!('newText' in edit)) throw new Error(`"${action.title}" has a snippet edit; a case must say how its placeholders are filled: ${JSON.stringify(edit)}`);
      edits.push(edit);
    }
  }
  if (edits.length === 0) throw new Error(`"${action.title}" has no edits for ${URI}`);
  return edits;
}

export function applyFix(fixCase: FixCase): AppliedFix {
  const m = marked(fixCase.before, URI);
  const at = m.offsets[0];
  if (at === undefined || m.offsets.length !== 1) throw new Error(`case "${fixCase.name}": the before text needs exactly one | marker (|| for a literal |)`);
  const model = service.parse(m.document);
  const diagnosticsBefore = service.validate(model);
  const diagnostic = diagnosticsBefore.find((d) => d.code === fixCase.rule && m.document.offsetAt(d.range.start) === at);
  if (!diagnostic) {
    const reported = diagnosticsBefore.map((d) => `${d.code} at ${d.range.start.line + 1}:${d.range.start.character + 1}`);
    throw new Error(`case "${fixCase.name}": validate reports no ${fixCase.rule} at the marker; it reports ${JSON.stringify(reported)}`);
  }
  const offered = service.codeActions(model, diagnostic.range, { diagnostics: [diagnostic] });
  const action = offered.find((a) => a.title === fixCase.title);
  if (!action) throw new Error(`case "${fixCase.name}": no action "${fixCase.title}"; offered: ${JSON.stringify(offered.map((a) => a.title))}`);
  const after = applyEdits(m.text, editsOf(action));
  return { before: m.text, diagnostic, action, after, diagnosticsBefore, diagnosticsAfter: diagnosticsOf(after) };
}
