/**
 * A document as the editor holds it: its text and version, and the didChange a server gets for an edit, in the
 * form that server asked for at initialize (incremental ranges, or the whole text for servers that sync in full,
 * as tally does). Keeps the bench client's copy of the text, so every server sees the same edits.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';

/** LSP's TextDocumentSyncKind: 1 = the whole text on every change, 2 = ranges. (0, none, is refused at start.) */
export type SyncKind = 1 | 2;

/** The sync kind a server announced in its initialize result (a number or `{ change }`); undefined when it syncs nothing. */
export function syncKindOf(textDocumentSync: unknown): SyncKind | undefined {
  const kind = typeof textDocumentSync === 'number' ? textDocumentSync : (textDocumentSync as { change?: unknown } | null | undefined)?.change;
  return kind === 1 || kind === 2 ? kind : undefined;
}

export interface Edit {
  readonly start: Position;
  readonly end: Position;
  readonly text: string;
}

export class EditorDocument {
  private document: TextDocument;

  constructor(
    readonly uri: string,
    text: string,
    private readonly sync: SyncKind,
    version = 1,
  ) {
    this.document = TextDocument.create(uri, 'dockerfile', version, text);
  }

  get text(): string {
    return this.document.getText();
  }

  get version(): number {
    return this.document.version;
  }

  /** Applies the edit to the editor's copy and returns the next version with its change, as the server wants it. */
  apply(edit: Edit): { version: number; changes: TextDocumentContentChangeEvent[] } {
    const version = this.document.version + 1;
    const range = { start: edit.start, end: edit.end };
    this.document = TextDocument.update(this.document, [{ range, text: edit.text }], version);
    return { version, changes: this.sync === 2 ? [{ range, text: edit.text }] : [{ text: this.document.getText() }] };
  }
}
