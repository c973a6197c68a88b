/**
 * The images the fix cases need, derived from their texts: every Microsoft .NET image they name that exists (what
 * `validate` calls an unknown tag does not, and must stay missing for its case), and for each shell-less one its
 * sibling with a shell (where the oracle observes what a shell-form command means). A new case with a new tag
 * gets its stand-in without a list to update.
 */
import { imageReferences, shellSibling } from '../../build/standins/references';
import { applyFix, diagnosticsOf } from './applyFix';
import type { FixCase } from './fixCase';
import type { StarterSnippetCase } from './starterSnippets';

/** References on the lines where `validate` reports an unknown tag: images that do not exist. */
function unknownReferences(text: string): Set<string> {
  const lines = text.split(/\r?\n/);
  const unknown = new Set<string>();
  for (const d of diagnosticsOf(text)) {
    if (d.code !== 'unknown-tag') continue;
    for (const reference of imageReferences(lines[d.range.start.line] ?? '')) unknown.add(reference);
  }
  return unknown;
}

export function imagesOfCases(cases: readonly FixCase[], snippets: readonly StarterSnippetCase[] = []): string[] {
  const needed = new Set<string>();
  const missing = new Set<string>();
  for (const snippet of snippets) for (const reference of imageReferences(snippet.text)) needed.add(reference);
  for (const fixCase of cases) {
    const { before, after } = applyFix(fixCase);
    for (const text of [before, after]) {
      const unknown = unknownReferences(text);
      for (const reference of imageReferences(text)) {
        if (unknown.has(reference)) missing.add(reference);
        else needed.add(reference);
      }
    }
  }
  for (const reference of [...needed]) {
    const sibling = shellSibling(reference);
    if (sibling) needed.add(sibling);
  }
  for (const reference of missing) if (needed.has(reference)) throw new Error(`${reference} is an unknown tag in one case and needed in another`);
  return [...needed].sort();
}
