// A frozen version of a document that answers position questions like `TextDocument.create` would, but takes
// its line table from the parser instead of computing it again. The parser already splits the text on `\n`
// (BuildKit's rule); the editor's table splits on `\r\n`, `\r` and `\n`. The two are the same array whenever
// every `\r` is followed by `\n`, which is nearly always, so the parser's table is used then and the editor's
// is computed only for texts with a lone `\r`.
//
// Every method mirrors FullTextDocument of vscode-languageserver-textdocument 1.0.x statement by statement,
// out-of-range, negative and non-integer arguments included: features must not see a different answer
// depending on which of the two classes built the model.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';

const LF = 0x0a;
const CR = 0x0d;

/** A snapshot of one document version, equivalent to `TextDocument.create(uri, languageId, version, text)`. */
export class DocumentSnapshot implements TextDocument {
  /** The editor's line table (offset of each line start), worked out on first use. */
  private lineOffsets: readonly number[] | undefined;

  /**
   * @param uri the document's URI.
   * @param languageId the document's language.
   * @param version the version this snapshot describes.
   * @param text the document's text.
   * @param newlineStarts where each line of `text` starts when it is split on `\n` only: 0, then one past
   *   every `\n` (`DockerfileSyntax.lineStarts`). Read, never changed: the array is shared with the syntax.
   */
  constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    private readonly text: string,
    private readonly newlineStarts: readonly number[],
  ) {}

  /** The number of lines, counting one after a final line break (as editors count them). */
  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  /** The whole text, or the text between the range's offsets (`offsetAt` of each end). */
  getText(range?: Range): string {
    if (range) {
      const start = this.offsetAt(range.start);
      const end = this.offsetAt(range.end);
      return this.text.substring(start, end);
    }
    return this.text;
  }

  /** The position of an offset: clamped to the text, and moved back before a line break it falls inside. */
  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.text.length), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0;
    let high = lineOffsets.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lineOffsets[mid]! > offset) high = mid;
      else low = mid + 1;
    }
    // `low` is the first line starting after the offset (or the line count): the offset is on the line before.
    const line = low - 1;
    offset = this.ensureBeforeEOL(offset, lineOffsets[line]!);
    return { line, character: offset - lineOffsets[line]! };
  }

  /** The offset of a position: lines outside the text go to its ends, characters past a line's end to before its break. */
  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.text.length;
    if (position.line < 0) return 0;
    // As in the library, a non-integer line indexes no entry; the `undefined` that gives flows on unchanged.
    const lineOffset = lineOffsets[position.line]!;
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1]! : this.text.length;
    const offset = Math.min(lineOffset + position.character, nextLineOffset);
    return this.ensureBeforeEOL(offset, lineOffset);
  }

  /** The range of a line's content, its line break excluded. */
  getLineRange(line: number): Range {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length) {
      const lastLine = lineOffsets.length - 1;
      return {
        start: { line: lastLine, character: 0 },
        end: { line: lastLine, character: this.text.length - lineOffsets[lastLine]! },
      };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const startOffset = lineOffsets[line]!;
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1]! : this.text.length;
    const endOffset = this.ensureBeforeEOL(nextLineOffset, startOffset);
    return { start: { line, character: 0 }, end: { line, character: endOffset - startOffset } };
  }

  /** The line break that ends a line (`''` for the last line and for lines outside the text). */
  getEOLCharacters(line: number): string {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length) return '';
    if (line < 0) return '';
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1]! : this.text.length;
    const eolOffset = this.ensureBeforeEOL(nextLineOffset, lineOffsets[line]!);
    return this.text.substring(eolOffset, nextLineOffset);
  }

  private getLineOffsets(): readonly number[] {
    if (this.lineOffsets === undefined) {
      // Decided on first use rather than in the constructor: a model that is never asked for a position costs nothing.
      this.lineOffsets = hasLoneCarriageReturn(this.text) ? editorLineOffsets(this.text) : this.newlineStarts;
    }
    return this.lineOffsets;
  }

  private ensureBeforeEOL(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEOL(this.text.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

/** Whether some `\r` is not followed by `\n`: the only case where the editor's lines differ from `\n`-split lines. */
export function hasLoneCarriageReturn(text: string): boolean {
  // indexOf skips the text between carriage returns natively; files without any `\r` take one call.
  for (let at = text.indexOf('\r'); at >= 0; at = text.indexOf('\r', at + 1)) {
    if (text.charCodeAt(at + 1) !== LF) return true;
  }
  return false;
}

/** Line starts split on `\r\n`, `\r` and `\n`, as the library's `computeLineOffsets` finds them. */
function editorLineOffsets(text: string): number[] {
  const result = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (isEOL(ch)) {
      if (ch === CR && i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
      result.push(i + 1);
    }
  }
  return result;
}

function isEOL(code: number): boolean {
  return code === CR || code === LF;
}
