// `source.fixAll.dotnet-dockerfile`: every safe fix of every diagnostic in the document, in one edit.
// A fix is applied whole or not at all; a fix whose edits would touch text another fix already edits
// waits for the next run (fix-all is idempotent, so running it again picks it up).
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { FIX_ALL_KIND } from '../../protocol';
import type { DockerfileModel } from '../document/model';
import { asFixedDiagnostic, toTextEdits, type Fix, type OffsetEdit } from './editKit';

export const FIX_ALL_TITLE = 'Fix all safely fixable .NET Dockerfile problems';

/** Combines the safe fixes of the given diagnostics; undefined when there is nothing to do. */
export function fixAllAction(model: DockerfileModel, diagnostics: readonly Diagnostic[], fixesFor: (diagnostic: Diagnostic) => readonly Fix[]): CodeAction | undefined {
  const accepted: OffsetEdit[] = [];
  const fixed: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    // Never a snippet (it needs the user to fill it in), a disabled one, nor one that touches other files.
    const fix = fixesFor(diagnostic).find((candidate) => candidate.safe && !candidate.snippet && candidate.disabled === undefined && !candidate.files?.length);
    if (!fix || fix.edits.some((edit) => accepted.some((other) => touches(edit, other)))) continue;
    accepted.push(...fix.edits);
    fixed.push(asFixedDiagnostic(diagnostic));
  }
  if (accepted.length === 0) return undefined;
  accepted.sort((a, b) => a.start - b.start);
  return {
    title: FIX_ALL_TITLE,
    kind: FIX_ALL_KIND,
    diagnostics: fixed,
    edit: { changes: { [model.document.uri]: toTextEdits(model, accepted) } },
  };
}

/** Overlapping or adjacent: conservative, so the order of two edits never matters. */
function touches(a: OffsetEdit, b: OffsetEdit): boolean {
  return a.start <= b.end && b.start <= a.end;
}
