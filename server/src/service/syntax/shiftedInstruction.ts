// An instruction of the previous version that lies wholly after an edit: the same text, moved by the edit's
// change in length and lines. Reading it again would give exactly this (the text from its line to the end of
// the document is unchanged), so incremental parsing (incremental.ts) hands out a view that adds the shift to
// every position instead. Words, flags and the other spans inside it are shifted when first asked for, as
// ParsedInstruction computes them. Comments after the edit are moved with it (shiftComment).
import { instructionData } from './instruction';
import type { Comment, Flag, Heredoc, Instruction, InstructionForm, OffsetMap, Span, Word } from './model';

function shiftSpan(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

function shiftWord(word: Word, by: number): Word {
  return { text: word.text, span: shiftSpan(word.span, by) };
}

function shiftFlag(flag: Flag, by: number): Flag {
  return { ...flag, span: shiftSpan(flag.span, by), valueSpan: flag.valueSpan === undefined ? undefined : shiftSpan(flag.valueSpan, by) };
}

/** A comment of the previous version moved by `by` offsets and `lines` lines. */
export function shiftComment(comment: Comment, by: number, lines: number): Comment {
  return { text: comment.text, span: shiftSpan(comment.span, by), line: comment.line + lines };
}

function shiftHeredoc(heredoc: Heredoc, by: number): Heredoc {
  return { ...heredoc, span: shiftSpan(heredoc.span, by) };
}

class ShiftedOffsetMap implements OffsetMap {
  constructor(
    private readonly base: OffsetMap,
    private readonly by: number,
  ) {}

  toDocument(argsOffset: number): number {
    return this.base.toDocument(argsOffset) + this.by;
  }
}

export class ShiftedInstruction implements Instruction {
  readonly span: Span;
  readonly fullSpan: Span;
  readonly startLine: number;
  readonly endLine: number;
  private cachedFlags: readonly Flag[] | undefined;
  private cachedKeywordSpan: Span | undefined;
  private cachedWords: readonly Word[] | undefined;
  private cachedArgsSpan: Span | undefined;
  private cachedArgsMap: OffsetMap | undefined;
  private cachedSubcommand: Word | undefined;
  private cachedHeredocs: readonly Heredoc[] | undefined;
  private cachedOnbuild: Instruction | undefined;

  private constructor(
    /** The instruction as read in an earlier version (never itself a shifted one: shifts add up instead). */
    private readonly base: Instruction,
    /** How far its offsets moved, and its lines. */
    private readonly by: number,
    private readonly lines: number,
  ) {
    this.span = shiftSpan(base.span, by);
    this.fullSpan = base.fullSpan === base.span ? this.span : shiftSpan(base.fullSpan, by);
    this.startLine = base.startLine + lines;
    this.endLine = base.endLine + lines;
  }

  /**
   * `instruction` moved by `by` offsets and `lines` lines: always a new object, even when the shifts add up to
   * nothing. The same object means "taken over from before the edit" to the stage model (stages.ts), which then
   * keeps the FROM's resolved image; after the edit the ARGs it resolves with may have changed.
   */
  static of(instruction: Instruction, by: number, lines: number): Instruction {
    if (instruction instanceof ShiftedInstruction) return new ShiftedInstruction(instruction.base, instruction.by + by, instruction.lines + lines);
    return new ShiftedInstruction(instruction, by, lines);
  }

  get keyword(): string {
    return this.base.keyword;
  }

  get name(): string {
    return this.base.name;
  }

  get args(): string {
    return this.base.args;
  }

  get form(): InstructionForm {
    return this.base.form;
  }

  get execArgs(): readonly string[] | undefined {
    return this.base.execArgs;
  }

  get error(): string | undefined {
    return this.base.error;
  }

  get flags(): readonly Flag[] {
    const flags = this.base.flags;
    this.cachedFlags ??= flags.length === 0 ? flags : flags.map((flag) => shiftFlag(flag, this.by));
    return this.cachedFlags;
  }

  get keywordSpan(): Span {
    this.cachedKeywordSpan ??= shiftSpan(this.base.keywordSpan, this.by);
    return this.cachedKeywordSpan;
  }

  get words(): readonly Word[] {
    this.cachedWords ??= this.base.words.map((word) => shiftWord(word, this.by));
    return this.cachedWords;
  }

  get argsSpan(): Span {
    this.cachedArgsSpan ??= shiftSpan(this.base.argsSpan, this.by);
    return this.cachedArgsSpan;
  }

  get argsMap(): OffsetMap {
    this.cachedArgsMap ??= new ShiftedOffsetMap(this.base.argsMap, this.by);
    return this.cachedArgsMap;
  }

  get subcommand(): Word | undefined {
    const subcommand = this.base.subcommand;
    if (subcommand === undefined) return undefined;
    this.cachedSubcommand ??= shiftWord(subcommand, this.by);
    return this.cachedSubcommand;
  }

  get heredocs(): readonly Heredoc[] {
    const heredocs = this.base.heredocs;
    this.cachedHeredocs ??= heredocs.length === 0 ? heredocs : heredocs.map((heredoc) => shiftHeredoc(heredoc, this.by));
    return this.cachedHeredocs;
  }

  get onbuild(): Instruction | undefined {
    const onbuild = this.base.onbuild;
    if (onbuild === undefined) return undefined;
    this.cachedOnbuild ??= ShiftedInstruction.of(onbuild, this.by, this.lines);
    return this.cachedOnbuild;
  }

  /** Plain data, as ParsedInstruction gives it. */
  toJSON(): Omit<Instruction, 'argsMap'> {
    return instructionData(this);
  }
}
