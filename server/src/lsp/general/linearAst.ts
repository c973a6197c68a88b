/**
 * Three methods of dockerfile-ast's `Dockerfile` (the parser under dockerfile-language-service), made
 * sublinear for the general-features worker (issue 19). Each scanned every stage or every instruction per
 * call, and they are called per comment and per variable, so a 300 KB Dockerfile of ordinary stages spent a
 * second in them and a 1 MB one several:
 *
 * - `organizeComments` (at the end of every parse): per comment, every stage's range → a binary search;
 * - `getContainingImage(position)`: every stage's range → a binary search over ranges computed once;
 * - `resolveVariable(name, line)`: every FROM per call, and a new template of the initial ARGs per call →
 *   a binary search over FROM lines, and the template built once.
 *
 * The index is built on first use after the parse, from ranges that no longer change. Where the library's
 * ranges are not in order (never seen, but not promised) the original method runs. Only the worker loads
 * this (generalWorker.ts); test/unit/hostile/semanticTokens.test.ts checks the tokens are unchanged.
 * The replaced methods' behaviour is dockerfile-ast's (MIT License, Copyright (c) Remy Suen).
 */
import type { Position, Range } from 'vscode-languageserver-types';

interface AstRange {
  getRange(): Range;
}
interface Template extends AstRange {
  getComments(): AstRange[];
  getInstructions(): AstRange[];
  getARGs(): AstRange[];
  addComment(comment: AstRange): void;
  addInstruction(instruction: AstRange): void;
  resolveVariable(variable: string, line: number): string | null | undefined;
}
interface Dockerfile extends Template {
  readonly initialInstructions: Template;
  readonly buildStages: Template[];
  readonly document: { getText(): string; positionAt(offset: number): Position };
  getFROMs(): AstRange[];
  getContainingImage(position: Position): Template | null;
  organizeComments(): void;
}

/** dockerfile-ast's Util.isInsideRange: both ends included. */
function isInsideRange(position: Position, range: Range): boolean {
  if (range.start.line === range.end.line) {
    return range.start.line === position.line && range.start.character <= position.character && position.character <= range.end.character;
  }
  if (range.start.line === position.line) return range.start.character <= position.character;
  if (range.end.line === position.line) return position.character <= range.end.character;
  return range.start.line < position.line && position.line < range.end.line;
}

const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character < b.character);
const notAfter = (a: Position, b: Position): boolean => !before(b, a);

/** Ranges in document order that do not overlap: a binary search finds the only one that can hold a position. */
function inOrder(ranges: readonly Range[]): boolean {
  return ranges.every((range, i) => notAfter(range.start, range.end) && (i === 0 || before(ranges[i - 1]!.end, range.start)));
}

/** The index of the last range starting at or before `position`, or -1. */
function lastStartingAtOrBefore(ranges: readonly Range[], position: Position): number {
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (notAfter(ranges[middle]!.start, position)) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

interface Index {
  readonly stageRanges: readonly Range[] | undefined;
  readonly fromLines: ReadonlyArray<readonly [number, number]> | undefined;
  initialArgs: Template | undefined;
}

const INDEX = Symbol('dotnet-dockerfile linear index');

type Indexed = Dockerfile & { [INDEX]?: Index };

function indexOf(dockerfile: Indexed): Index {
  let index = dockerfile[INDEX];
  if (!index) {
    const stageRanges = dockerfile.buildStages.map((stage) => stage.getRange());
    const fromRanges = dockerfile.getFROMs().map((from) => from.getRange());
    const fromLines = fromRanges.map((range) => [range.start.line, range.end.line] as const);
    const linesInOrder = fromLines.every(([start, end], i) => start <= end && (i === 0 || fromLines[i - 1]![1] < start));
    index = { stageRanges: inOrder(stageRanges) ? stageRanges : undefined, fromLines: linesInOrder ? fromLines : undefined, initialArgs: undefined };
    dockerfile[INDEX] = index;
  }
  return index;
}

/**
 * Replaces the three methods on the prototype of the parser's Dockerfile. `parse` is dockerfile-ast's
 * `DockerfileParser.parse`; the prototypes are found through what it returns. Returns what puts the
 * library's own methods back (for tests that compare the two).
 */
export function patchDockerfileAst(parse: (content: string) => unknown): () => void {
  const prototype = Object.getPrototypeOf(parse('FROM x\n')) as Indexed;
  const TemplateClass = (Object.getPrototypeOf(prototype) as { constructor: new () => Template }).constructor;
  const original = { organizeComments: prototype.organizeComments, getContainingImage: prototype.getContainingImage, resolveVariable: prototype.resolveVariable };
  if (typeof original.organizeComments !== 'function' || typeof original.getContainingImage !== 'function' || typeof original.resolveVariable !== 'function') {
    throw new Error('dockerfile-ast changed its Dockerfile class; update server/src/lsp/general/linearAst.ts');
  }

  prototype.organizeComments = function (this: Indexed): void {
    const stages = this.buildStages.map((stage) => stage.getRange());
    if (!inOrder(stages)) return original.organizeComments.call(this);
    const initialRange = this.initialInstructions.getRange();
    for (const comment of this.getComments()) {
      const range = comment.getRange();
      if (isInsideRange(range.end, initialRange)) {
        this.initialInstructions.addComment(comment);
        continue;
      }
      const at = lastStartingAtOrBefore(stages, range.start);
      if (at >= 0 && isInsideRange(range.start, stages[at]!)) this.buildStages[at]!.addComment(comment);
    }
  };

  prototype.getContainingImage = function (this: Indexed, position: Position): Template | null {
    const { stageRanges } = indexOf(this);
    if (!stageRanges) return original.getContainingImage.call(this, position);
    const documentRange = { start: { line: 0, character: 0 }, end: this.document.positionAt(this.document.getText().length) };
    if (!isInsideRange(position, documentRange)) return null;
    const initial = this.initialInstructions;
    if ((initial.getComments().length > 0 || initial.getInstructions().length > 0) && isInsideRange(position, initial.getRange())) return initial;
    const at = lastStartingAtOrBefore(stageRanges, position);
    return at >= 0 && isInsideRange(position, stageRanges[at]!) ? this.buildStages[at]! : this;
  };

  prototype.resolveVariable = function (this: Indexed, variable: string, line: number): string | null | undefined {
    const index = indexOf(this);
    if (!index.fromLines) return original.resolveVariable.call(this, variable, line);
    const initialArgs = (): Template => {
      if (!index.initialArgs) {
        index.initialArgs = new TemplateClass();
        for (const instruction of this.initialInstructions.getARGs()) index.initialArgs.addInstruction(instruction);
      }
      return index.initialArgs;
    };
    // On a FROM line: against the ARGs before the first FROM.
    const lines = index.fromLines;
    let low = 0;
    let high = lines.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (lines[middle]![0] <= line) low = middle + 1;
      else high = middle;
    }
    if (low > 0 && line <= lines[low - 1]![1]) return initialArgs().resolveVariable(variable, line);
    const image = this.getContainingImage({ line, character: 0 });
    if (image === null) return undefined;
    const resolved = image.resolveVariable(variable, line);
    return resolved === null ? initialArgs().resolveVariable(variable, line) : resolved;
  };

  return () => Object.assign(prototype, original);
}
