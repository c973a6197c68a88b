/**
 * The starter Dockerfiles (snippets/dockerfile.json, handed in by the host), offered by the server (not contributed
 * to VS Code directly) so they appear only where a new instruction starts, never inside a tag, and reach every LSP
 * editor.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import type { DockerfileModel } from '../document/model';
import type { SnippetDefinition, Snippets } from '../context';

/**
 * Expands a snippet body as an editor does when the user accepts every default: `${1:default}` → default
 * (nested placeholders too), `${1|a,b|}` → a, `$1` / `${1}` / `$0` → nothing, `\$` → `$`.
 */
export function expandSnippet(body: string): string {
  // A stand-in for `\$` that no snippet contains, so the placeholder passes cannot touch escaped dollars.
  const ESCAPED_DOLLAR = '\u{E000}';
  let text = body.replace(/\\\$/g, ESCAPED_DOLLAR).replace(/\\}/g, '}').replace(/\\\\/g, '\\');
  // Innermost placeholders first, until none is left.
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text
      .replace(/\$\{\d+:([^${}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
      .replace(/\$\{\d+\}/g, '')
      .replace(/\$\d+/g, '');
  }
  return text.split(ESCAPED_DOLLAR).join('$');
}

/** Snippets fit where a line holds only the start of a word, outside any instruction's continuation or heredoc. */
export function snippetCompletions(model: DockerfileModel, offset: number, snippetSupport: boolean, snippets: Snippets): CompletionItem[] {
  const definitions: ReadonlyArray<readonly [string, SnippetDefinition]> = Object.entries(snippets);
  if (definitions.length === 0) return [];
  const text = model.syntax.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const typed = text.slice(lineStart, offset);
  const match = /^(\s*)([A-Za-z-]*)$/.exec(typed);
  if (!match) return [];
  const word = match[2]!.toLowerCase();
  // Only while the word can still become a snippet's prefix: `FROM|` wants the instruction, not a starter file.
  if (word && !definitions.some(([, snippet]) => snippet.prefix.toLowerCase().startsWith(word))) return [];
  const inside = model.instructionAt(offset);
  if (inside && inside.fullSpan.start < lineStart) return [];
  const start = model.document.positionAt(lineStart + match[1]!.length);
  const end = model.document.positionAt(offset);
  return definitions.map(([name, snippet]) => ({
    label: snippet.prefix,
    kind: CompletionItemKind.Snippet,
    detail: name,
    documentation: { kind: MarkupKind.Markdown, value: `${snippet.description}\n\n\`\`\`dockerfile\n${expandSnippet(snippet.body.join('\n'))}\n\`\`\`` },
    sortText: `~${snippet.prefix}`,
    filterText: snippet.prefix,
    insertTextFormat: snippetSupport ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: { start, end }, newText: snippetSupport ? snippet.body.join('\n') : expandSnippet(snippet.body.join('\n')) },
  }));
}
