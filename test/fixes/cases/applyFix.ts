/**
 * Applies a case's fix the way an editor does, through the service's public API only (parse, validate,
 * codeActions): the diagnostic `validate` reports at the marker, the action with the case's title, its edits
 * applied to the whole text.
 */
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, marked } from '../../helpers/markers';
import { testService } from '../../helpers/service';
import { fillSnippet } from '../../helpers/snippetFill';
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

/**
 * The edits of an action for the document, from `changes` or `documentChanges`; a snippet edit as the editor leaves
 * it once the user typed the case's `fill` into its tab stops.
 */
function editsOf(action: CodeAction, fill: FixCase['fill']): TextEdit[] {
  const changes = action.edit?.changes?.[URI];
  if (changes) return changes;
  const edits: TextEdit[] = [];
  for (const change of action.edit?.documentChanges ?? []) {
    if (!('textDocument' in change) || change.textDocument.uri !== URI) throw new Error(`"${action.title}" changes something other than the document: ${JSON.stringify(change)}`);
    for (const edit of change.edits) {
      if ('newText' in edit) edits.push(edit);
      else if ('snippet' in edit && fill) edits.push({ range: edit.range, newText: fillSnippet(edit.snippet.value, fill) });
      else throw new Error(`"${action.title}" has a snippet edit; a case must say how its placeholders are filled (fill): ${JSON.stringify(edit)}`);
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
  const snippet = fixCase.fill !== undefined;
  // As VS Code asks: it applies snippet edits and shows disabled actions.
  const offered = service.codeActions(model, diagnostic.range, { diagnostics: [diagnostic] }, { snippetEditSupport: true, disabledActionSupport: true });
  const action = offered.find((a) => a.title === fixCase.title && !a.disabled);
  if (!action) throw new Error(`case "${fixCase.name}": no action "${fixCase.title}"; offered: ${JSON.stringify(offered.map((a) => a.title))}`);
  const isSnippet = (action.edit?.documentChanges ?? []).some((change) => 'edits' in change && change.edits.some((edit) => 'snippet' in edit));
  if (isSnippet !== snippet) throw new Error(`case "${fixCase.name}": "${fixCase.title}" is ${isSnippet ? '' : 'not '}a snippet fix; the case ${snippet ? 'fills' : 'does not fill'} placeholders`);
  const plainClient = service.codeActions(model, diagnostic.range, { diagnostics: [diagnostic] });
  if (snippet && plainClient.some((a) => a.title === fixCase.title)) throw new Error(`case "${fixCase.name}": the snippet fix is offered to a client without snippet edits`);
  for (const title of fixCase.notOffered?.titles ?? []) {
    const wrong = offered.find((a) => a.title.startsWith(title));
    if (wrong) throw new Error(`case "${fixCase.name}": "${wrong.title}" is offered, and must not be: ${fixCase.notOffered!.reason}`);
  }
  const after = applyEdits(m.text, editsOf(action, fixCase.fill));
  return { before: m.text, diagnostic, action, after, diagnosticsBefore, diagnosticsAfter: diagnosticsOf(after) };
}
