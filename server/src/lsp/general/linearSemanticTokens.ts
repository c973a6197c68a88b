/**
 * dockerfile-language-service's semantic tokens, made linear (issue 19 #4). Its `DockerSemanticTokens` is
 * quadratic three ways, each fixed here on the instance, without copying its token logic:
 *
 * 1. every token is appended with `this.tokens = this.tokens.concat([...])`, a copy of all tokens so far:
 *    the array is given a `concat` that appends in place (1 MB of ordinary Dockerfile: 456 s → under a second);
 * 2. every token calls `instruction.getVariables()`, which re-reads the whole instruction (`RUN a \` and
 *    10,000 continuation lines: 54 s): the variables are read once per instruction, and each call returns only
 *    those that overlap the token being made (the others never match in its loop), as fresh copies, since
 *    the loop writes into the ranges it is given;
 * 3. comments inside a multi-line instruction are removed with a scan of every comment per instruction and
 *    `splice`: the same removal in one sorted pass (computeSemanticTokens below, adapted from the library's,
 *    MIT, Copyright (c) Remy Suen).
 *
 * The tokens are the library's, unchanged: test/unit/hostile/semanticTokens.test.ts compares them on
 * generated Dockerfiles.
 */
import type { Range, SemanticTokens } from 'vscode-languageserver-types';

/** The parts of dockerfile-ast's objects this file touches. */
interface AstRange {
  getRange(): Range;
}
interface AstVariable extends AstRange {
  getModifierRange(): Range | null;
}
interface AstInstruction extends AstRange {
  getVariables(): AstVariable[];
}
interface AstDockerfile {
  getComments(): AstRange[];
  getInstructions(): AstInstruction[];
  getDirectives(): Array<AstRange & { getNameRange(): Range; getValueRange(): Range }>;
}

/** The private members of the library's `DockerSemanticTokens` this wrapper relies on (checked at run time). */
interface TokenComputer {
  tokens: number[];
  quote: string | null;
  escapedQuote: string | null;
  readonly document: { offsetAt(position: { line: number; character: number }): number };
  readonly dockerfile: AstDockerfile;
  createToken(instruction: AstInstruction | null, range: Range, tokenType: string, tokenModifiers?: string[], checkVariables?: boolean, checkStrings?: boolean, checkNewline?: boolean): void;
  createTokensForInstruction(instruction: AstInstruction): void;
  computeSemanticTokens(): SemanticTokens;
}

export type DockerSemanticTokensClass = new (content: string) => unknown;

const copyRange = (range: Range): Range => ({ start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } });

/** A token array whose `concat` appends in place and returns itself (the library assigns the result back). */
function appendingTokens(): number[] {
  const tokens: number[] = [];
  Object.defineProperty(tokens, 'concat', {
    value: (...items: Array<number | number[]>) => {
      for (const item of items) {
        if (Array.isArray(item)) for (const value of item) tokens.push(value);
        else tokens.push(item);
      }
      return tokens;
    },
  });
  return tokens;
}

/** The variables of one instruction, read once, answered per token range. */
class VariableIndex {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Largest end among variables 0..i: the backward walk stops when nothing before can reach the range. */
  private readonly reach: number[] = [];

  constructor(
    private readonly variables: readonly AstVariable[],
    offsetAt: (position: Range['start']) => number,
  ) {
    let reach = -1;
    for (const variable of variables) {
      const range = variable.getRange();
      const start = offsetAt(range.start);
      const end = offsetAt(range.end);
      this.starts.push(start);
      this.ends.push(end);
      reach = Math.max(reach, end);
      this.reach.push(reach);
    }
  }

  /** Fresh copies of the variables overlapping [from, to] (ends included, as the library's range tests are), in order. */
  overlapping(from: number, to: number): AstVariable[] {
    const sortedByStart = this.isSortedByStart();
    const found: number[] = [];
    if (sortedByStart) {
      let low = 0;
      let high = this.starts.length; // first index with start > to
      while (low < high) {
        const middle = (low + high) >> 1;
        if (this.starts[middle]! <= to) low = middle + 1;
        else high = middle;
      }
      for (let i = low - 1; i >= 0 && this.reach[i]! >= from; i--) if (this.ends[i]! >= from) found.push(i);
      found.reverse();
    } else {
      for (let i = 0; i < this.starts.length; i++) if (this.starts[i]! <= to && this.ends[i]! >= from) found.push(i);
    }
    return found.map((i) => {
      const variable = this.variables[i]!;
      // The library writes into the range it gets (`variableProcessingRange.end = ...`): a copy per call, as the
      // fresh objects of its own getVariables() were.
      return Object.create(variable, { getRange: { value: () => copyRange(variable.getRange()) } }) as AstVariable;
    });
  }

  private sorted: boolean | undefined;
  private isSortedByStart(): boolean {
    this.sorted ??= this.starts.every((start, i) => i === 0 || this.starts[i - 1]! <= start);
    return this.sorted;
  }
}

function assertShape(computer: TokenComputer): void {
  const ok =
    Array.isArray(computer.tokens) &&
    typeof computer.createToken === 'function' &&
    typeof computer.createTokensForInstruction === 'function' &&
    typeof computer.document?.offsetAt === 'function' &&
    typeof computer.dockerfile?.getComments === 'function';
  if (!ok) throw new Error('dockerfile-language-service changed the internals of DockerSemanticTokens; update server/src/lsp/general/linearSemanticTokens.ts');
}

/** The library's semantic tokens of `content`, computed in linear time (see the header). */
export function linearSemanticTokens(DockerSemanticTokens: DockerSemanticTokensClass, content: string): SemanticTokens {
  const computer = new DockerSemanticTokens(content) as TokenComputer;
  assertShape(computer);
  computer.tokens = appendingTokens();
  const offsetAt = (position: Range['start']): number => computer.document.offsetAt(position);

  /** The range of the token being made: getVariables answers for it. */
  let focus: Range | undefined;
  const createToken = computer.createToken;
  computer.createToken = function (this: TokenComputer, instruction, range, ...rest) {
    const outer = focus;
    focus = range;
    try {
      createToken.call(this, instruction, range, ...rest);
    } finally {
      focus = outer;
    }
  };
  const createTokensForInstruction = computer.createTokensForInstruction;
  computer.createTokensForInstruction = function (this: TokenComputer, instruction) {
    if (!Object.prototype.hasOwnProperty.call(instruction, 'getVariables')) {
      const index = new VariableIndex(instruction.getVariables(), offsetAt);
      const all = instruction.getVariables.bind(instruction);
      instruction.getVariables = () => (focus ? index.overlapping(offsetAt(focus.start), offsetAt(focus.end)) : all());
    }
    createTokensForInstruction.call(this, instruction);
  };
  computer.computeSemanticTokens = function (this: TokenComputer) {
    return computeSemanticTokens(this);
  };
  const result = computer.computeSemanticTokens();
  return { data: result.data.slice() };
}

/**
 * The library's `computeSemanticTokens`, with its removal of comments inside multi-line instructions done in
 * one sorted pass instead of a scan and `splice` per instruction. Adapted from dockerfile-language-service
 * (MIT License, Copyright (c) Remy Suen).
 */
function computeSemanticTokens(computer: TokenComputer): SemanticTokens {
  const dockerfile = computer.dockerfile;
  const instructions = dockerfile.getInstructions();
  // A comment strictly between the first and last line of a multi-line instruction is embedded in it.
  const spans = instructions
    .map((instruction) => instruction.getRange())
    .filter((range) => range.start.line !== range.end.line)
    .map((range) => [range.start.line, range.end.line] as const)
    .sort((a, b) => a[0] - b[0]);
  const reach: number[] = [];
  for (const [, end] of spans) reach.push(Math.max(reach[reach.length - 1] ?? -Infinity, end));
  const embedded = (line: number): boolean => {
    // Among spans starting before `line`, does any end after it?
    let low = 0;
    let high = spans.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (spans[middle]![0] < line) low = middle + 1;
      else high = middle;
    }
    return low > 0 && reach[low - 1]! > line;
  };
  const comments = dockerfile.getComments().filter((comment) => !embedded(comment.getRange().start.line));
  const lines: AstRange[] = [...comments, ...instructions];
  const startLine = new Map<AstRange, number>(lines.map((line) => [line, line.getRange().start.line]));
  // Stable, as Array.prototype.sort is: comments before instructions on the same line, as the library had them.
  lines.sort((a, b) => startLine.get(a)! - startLine.get(b)!);
  for (const directive of dockerfile.getDirectives()) {
    const range = directive.getRange();
    const nameRange = directive.getNameRange();
    computer.createToken(null, { start: range.start, end: nameRange.start }, 'comment', [], false);
    computer.createToken(null, nameRange, 'property', [], false);
    const valueRange = directive.getValueRange();
    const operatorRange = {
      start: { character: valueRange.start.character - 1, line: valueRange.start.line },
      end: { character: valueRange.start.character, line: valueRange.start.line },
    };
    computer.createToken(null, operatorRange, 'operator', [], false);
    if (valueRange.start.character !== valueRange.end.character) computer.createToken(null, valueRange, 'parameter', [], false);
  }
  const commentSet = new Set(comments);
  for (const line of lines) {
    if (commentSet.has(line)) {
      computer.createToken(null, line.getRange(), 'comment', [], false);
    } else {
      // trailing open quotes should not cause subsequent argument parameters to be flagged as strings
      computer.quote = null;
      computer.escapedQuote = null;
      computer.createTokensForInstruction(line as AstInstruction);
    }
  }
  return { data: computer.tokens };
}
