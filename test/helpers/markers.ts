/**
 * Cursor markers for tests: `|` marks positions in a Dockerfile text. Positions always come from markers,
 * never from counted columns. Use `||` for a literal `|` in the text.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';

export interface Marked {
  /** The text without markers. */
  readonly text: string;
  /** Offsets of the markers in `text`, in order. */
  readonly offsets: readonly number[];
  readonly document: TextDocument;
  /** The position of marker `i`. */
  position(i?: number): Position;
  /** The range between markers `i` and `i + 1`. */
  range(i?: number): Range;
}

export function marked(source: string, uri = 'file:///work/Dockerfile', marker = '|'): Marked {
  const offsets: number[] = [];
  let text = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === marker) {
      if (source[i + 1] === marker) {
        text += marker;
        i++;
        continue;
      }
      offsets.push(text.length);
      continue;
    }
    text += ch;
  }
  const document = TextDocument.create(uri, 'dockerfile', 1, text);
  return {
    text,
    offsets,
    document,
    position(i = 0) {
      const offset = offsets[i];
      if (offset === undefined) throw new Error(`marker ${i} is missing in the test text`);
      return document.positionAt(offset);
    },
    range(i = 0) {
      return { start: this.position(i), end: this.position(i + 1) };
    },
  };
}

/** Applies LSP text edits to a text (edits must not overlap), as an editor would. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const document = TextDocument.create('file:///apply', 'dockerfile', 1, text);
  return TextDocument.applyEdits(document, [...edits]);
}

/** The text a range covers. */
export function textOf(document: TextDocument, range: Range): string {
  return document.getText(range);
}
