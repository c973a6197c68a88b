/**
 * One parse of one document version, shared by every feature: the BuildKit-conformant syntax and the
 * stage graph. The server caches it per (uri, version); nothing on the typing path parses again.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { parseDockerfile } from '../syntax/parser';
import { DocumentSnapshot } from '../syntax/documentSnapshot';
import type { DockerfileSyntax, Instruction, Span } from '../syntax/model';
import { buildStageModel, type StageModel } from './stages';
import { ModelMemo } from './modelMemo';

export interface DockerfileModel {
  readonly document: TextDocument;
  readonly syntax: DockerfileSyntax;
  readonly stages: StageModel;
  /** The instruction whose full span (heredoc bodies included) contains the offset, by binary search. */
  instructionAt(offset: number): Instruction | undefined;
  rangeOf(span: Span): Range;
  offsetAt(position: Position): number;
  /** What features work out once per parse (see modelMemo.ts for why not a WeakMap). */
  readonly memo: ModelMemo;
}

/**
 * Parse one version of a document. Pass the model of the previous version of the same document as
 * `previous` to take over its instructions before the first changed character, and those after the edit
 * (moved), instead of reading them again (the result equals a parse from scratch; see syntax/incremental.ts).
 */
export function buildModel(source: TextDocument, previous?: DockerfileModel): DockerfileModel {
  // A snapshot: editors' document objects are updated in place, and a model must keep describing its own version.
  const text = source.getText();
  const syntax = parseDockerfile(text, previous?.syntax);
  // Answers as TextDocument.create would, with the parser's line starts as its line table (no second pass over
  // the text). `syntax.text` is the very string `syntax.lineStarts` was computed from.
  const document: TextDocument = new DocumentSnapshot(source.uri, source.languageId, source.version, syntax.text, syntax.lineStarts);
  const stages = buildStageModel(syntax, previous?.stages);
  const instructions = syntax.instructions;
  return {
    document,
    syntax,
    stages,
    // What the previous version carries forward (content-keyed: modelMemo.ts); nothing else of it is kept.
    memo: new ModelMemo(previous?.memo.toCarry()),
    instructionAt(offset: number): Instruction | undefined {
      let lo = 0;
      let hi = instructions.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const candidate = instructions[mid]!;
        if (offset < candidate.fullSpan.start) hi = mid - 1;
        else if (offset > candidate.fullSpan.end) lo = mid + 1;
        else return candidate;
      }
      return undefined;
    },
    rangeOf(span: Span): Range {
      return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
    },
    offsetAt(position: Position): number {
      return document.offsetAt(position);
    },
  };
}
