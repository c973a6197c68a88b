// The Dockerfile reader: physical lines -> directives, comments and joined instructions, exactly as
// BuildKit's parser.Parse walks them (see model.ts). It never throws: what BuildKit would reject is
// recorded as an `error` on the instruction or directive, and reading goes on.
import * as chars from './chars';
import { matchDirective } from './directives';
import { heredocsFromLine } from './heredoc';
import { recordReuseChain, resumeAfter, reuseChainOf, type Resume, type Suffix } from './incremental';
import { shiftComment, ShiftedInstruction } from './shiftedInstruction';
import * as instruction from './instruction';
import type { InstructionCore, JoinedLine } from './instruction';
import * as lineTools from './lines';
import type { LineTable } from './lines';
import type { Comment, Directive, DockerfileSyntax, Heredoc, Instruction, Span } from './model';

// Bound once: under CommonJS (tsx) every access to an imported binding is a getter call, and these run
// once per line or per instruction.
const { isGoSpace } = chars;
const { ParsedInstruction, readInstruction, releaseReadState } = instruction;
const { buildLineTable, continuationCut, lineOfOffset, SAME_OFFSETS, SegmentBuilder } = lineTools;
const TAB = 0x09;
const HASH = 0x23;
const BACKSLASH = 0x5c;
const BACKTICK = 0x60;
const BOM = 0xfeff;

/**
 * Parse a Dockerfile the way BuildKit's parser does. Linear in the size of the text; never throws.
 *
 * With `previous`, the parse of an earlier version of the same document, the instructions that lie wholly
 * before the first changed character are taken over as they are (the very same objects), those in the unchanged
 * end of the text as views moved by the edit (once reading gets back to a line where one started), and only the
 * rest is read; the result is equal to a parse of `text` alone.
 */
export function parseDockerfile(text: string, previous?: DockerfileSyntax): DockerfileSyntax {
  const source = typeof text === 'string' ? text : String(text);
  const resume = previous === undefined ? undefined : resumeAfter(previous, source);
  const syntax = new Reader(source, resume).read();
  releaseReadState();
  if (resume !== undefined && previous !== undefined) recordReuseChain(syntax, reuseChainOf(previous) + 1);
  return syntax;
}

class Reader {
  private readonly lines: LineTable;
  private escapeCode = BACKSLASH;
  private directivesDone = false;
  private readonly seenDirectives = new Set<string>();
  private readonly directives: Directive[];
  private readonly comments: Comment[];
  private readonly instructions: Instruction[];
  private readonly segments = new SegmentBuilder();
  private sameOffsetsLine: JoinedLine | undefined;
  /** The first `<<` in the document at or after the last offset asked about (the document's length when none). */
  private nextMarker = -1;
  /** Next physical line to read. */
  private next = 0;
  /** What the previous version read in the unchanged end of the text, and the next of its instructions to look for. */
  private readonly suffix: Suffix | undefined;
  private suffixNext = 0;

  constructor(
    private readonly text: string,
    resume: Resume | undefined,
  ) {
    this.lines = buildLineTable(text);
    if (resume === undefined) {
      this.directives = [];
      this.comments = [];
      this.instructions = [];
    } else {
      this.directives = resume.directives;
      this.comments = resume.comments;
      this.instructions = resume.instructions;
      this.escapeCode = resume.escape.charCodeAt(0);
      this.directivesDone = true; // an instruction was read, so the directives are over
      this.next = resume.nextLine;
      this.suffix = resume.suffix;
    }
  }

  read(): DockerfileSyntax {
    const { text, lines } = this;
    while (this.next < lines.count) {
      if (this.suffix !== undefined && this.takeOverSuffix(this.suffix)) break;
      const lineIndex = this.next++;
      const lineStart = lineIndex === 0 && text.charCodeAt(0) === BOM ? 1 : lines.starts[lineIndex]!;
      const contentEnd = lines.contentEnd(lineIndex);
      let first = lineStart;
      while (first < contentEnd && isGoSpace(text.charCodeAt(first))) first++;

      if (!this.directivesDone && this.readDirective(first, contentEnd)) continue;
      this.directivesDone = true;
      if (first === contentEnd) continue;
      if (text.charCodeAt(first) === HASH) {
        this.addComment(first, contentEnd, lineIndex);
        continue;
      }
      this.readInstructionAt(lineIndex, first, contentEnd);
    }
    return {
      text,
      escape: this.escape(),
      directives: this.directives,
      instructions: this.instructions,
      comments: this.comments,
      lineStarts: lines.starts,
    };
  }

  /**
   * At the start of a line in the unchanged end of the text where an instruction of the previous version started:
   * the rest of the text is the previous version's, so is the rest of its reading. Takes its instructions and
   * comments over, moved, and ends the reading. Elsewhere (the line is edited, or the reading arrived inside an
   * instruction that now continues over it) it does nothing and the line is read.
   */
  private takeOverSuffix(suffix: Suffix): boolean {
    const lineStart = this.lines.starts[this.next]!;
    if (lineStart < suffix.from) return false;
    const { instructions, lineStarts, by } = suffix;
    while (this.suffixNext < instructions.length && lineStarts[instructions[this.suffixNext]!.startLine]! + by < lineStart) this.suffixNext++;
    const first = instructions[this.suffixNext];
    if (first === undefined || lineStarts[first.startLine]! + by !== lineStart) return false;
    const lines = this.next - first.startLine;
    for (let i = this.suffixNext; i < instructions.length; i++) this.instructions.push(ShiftedInstruction.of(instructions[i]!, by, lines));
    for (const comment of suffix.comments) {
      if (comment.line >= first.startLine) this.comments.push(shiftComment(comment, by, lines));
    }
    this.next = this.lines.count;
    return true;
  }

  /** Record a directive line if it is one; false ends the top-of-file run. */
  private readDirective(start: number, end: number): boolean {
    const match = matchDirective(this.text, start, end);
    if (match === undefined || !match.known) return false;
    const value = this.text.slice(match.valueStart, match.valueEnd);
    let error: string | undefined;
    if (this.seenDirectives.has(match.name)) {
      error = `only one ${match.name} parser directive can be used`;
    } else if (match.name === 'escape') {
      if (value === '`' || value === '\\') {
        this.escapeCode = value.charCodeAt(0);
      } else {
        error = `invalid escape token '${value}' does not match \` or \\`;
      }
    }
    this.seenDirectives.add(match.name);
    const directive: Directive = {
      name: match.name,
      value,
      span: { start, end },
      valueSpan: { start: match.valueStart, end: match.valueEnd },
      ...(error === undefined ? {} : { error }),
    };
    this.directives.push(directive);
    return true;
  }

  private addComment(start: number, end: number, line: number): void {
    let textStart = start + 1;
    while (textStart < end && isGoSpace(this.text.charCodeAt(textStart))) textStart++;
    let textEnd = end;
    while (textEnd > textStart && isGoSpace(this.text.charCodeAt(textEnd - 1))) textEnd--;
    this.comments.push({ text: this.text.slice(textStart, textEnd), span: { start, end }, line });
  }

  /** Join the instruction starting on `firstLine` (continuations, dropped comment and blank lines), then read it. */
  private readInstructionAt(firstLine: number, first: number, contentEnd: number): void {
    const { text, lines, escapeCode, segments } = this;
    let cut = continuationCut(text, first, contentEnd, escapeCode);
    const firstEnd = cut < 0 ? contentEnd : cut;
    // Most instructions are one line: they are read in place. Only continued ones are copied into a joined text.
    let continued = false;
    segments.clear();
    let lastLine = firstLine;
    while (cut >= 0 && this.next < lines.count) {
      const lineIndex = this.next++;
      lastLine = lineIndex;
      const start = lines.starts[lineIndex]!;
      const end = lines.contentEnd(lineIndex);
      let nonBlank = start;
      while (nonBlank < end && isGoSpace(text.charCodeAt(nonBlank))) nonBlank++;
      if (nonBlank === end) continue; // empty continuation line: dropped, the continuation goes on
      if (text.charCodeAt(nonBlank) === HASH) {
        this.addComment(nonBlank, end, lineIndex);
        continue;
      }
      cut = continuationCut(text, start, end, escapeCode);
      if (!continued) {
        continued = true;
        segments.append(first, firstEnd);
      }
      segments.append(start, cut < 0 ? end : cut); // the next line's indentation is kept
    }

    let line: JoinedLine;
    let from = first;
    let to = firstEnd;
    if (!continued && firstEnd > first) {
      line = this.documentLine();
    } else {
      line = segments.join(text, this.escape(), first);
      from = 0;
      to = line.text.length;
    }
    const core = readInstruction(line, from, to);
    const spanEnd = lines.contentEnd(lastLine);
    // Search for `<<` inside this instruction only: on the shared document line an unbounded indexOf scanned the
    // rest of the file for every RUN/COPY/ADD, which made parsing quadratic (16 s for a 10 MB file).
    const hasMarker = core.heredocCapable && this.containsHeredocMarker(line, from, to);
    const { heredocs, error } = hasMarker ? this.readHeredocs(line.text.slice(from, to)) : NO_HEREDOCS;
    const fullEnd = heredocs.length > 0 ? heredocs[heredocs.length - 1]!.span.end : spanEnd;
    const endLine = this.next > lastLine + 1 ? this.next - 1 : lastLine;
    const span = spanOf(first, spanEnd);
    const fullSpan = fullEnd === spanEnd ? span : spanOf(first, fullEnd);
    this.instructions.push(this.finish(core, span, fullSpan, firstLine, endLine, heredocs, error));
  }

  private escape(): '\\' | '`' {
    return this.escapeCode === BACKTICK ? '`' : '\\';
  }

  /** The document as the joined line of every one-line instruction (directives are over by then). */
  private documentLine(): JoinedLine {
    if (this.sameOffsetsLine === undefined || this.sameOffsetsLine.escape !== this.escape()) {
      this.sameOffsetsLine = { text: this.text, map: SAME_OFFSETS, escape: this.escape() };
    }
    return this.sameOffsetsLine;
  }

  /** Read the heredoc bodies that follow the instruction's last line, raw. */
  private readHeredocs(joined: string): { heredocs: readonly Heredoc[]; error: string | undefined } {
    const { text, lines } = this;
    const scan = heredocsFromLine(joined);
    const heredocs: Heredoc[] = [];
    for (const marker of scan.markers) {
      const bodyStart = this.next < lines.count ? lines.starts[this.next]! : text.length;
      let terminated = false;
      let bodyEnd = bodyStart;
      let spanEnd = text.length;
      while (this.next < lines.count) {
        const lineIndex = this.next++;
        const start = lines.starts[lineIndex]!;
        const end = lines.contentEnd(lineIndex);
        let candidate = start;
        if (marker.chomp) while (candidate < end && text.charCodeAt(candidate) === TAB) candidate++;
        if (end - candidate === marker.name.length && text.startsWith(marker.name, candidate)) {
          terminated = true;
          bodyEnd = start;
          spanEnd = end;
          break;
        }
        bodyEnd = lineIndex + 1 < lines.starts.length ? lines.starts[lineIndex + 1]! : text.length;
      }
      if (!terminated) bodyEnd = text.length;
      heredocs.push({
        name: marker.name,
        fd: marker.fd,
        expand: marker.expand,
        chomp: marker.chomp,
        content: text.slice(bodyStart, bodyEnd),
        span: { start: bodyStart, end: terminated ? spanEnd : text.length },
      });
      if (!terminated) return { heredocs, error: 'unterminated heredoc' };
    }
    return { heredocs, error: scan.error };
  }

  /** Whether `line.text[from, to)` contains `<<`. */
  private containsHeredocMarker(line: JoinedLine, from: number, to: number): boolean {
    if (line !== this.sameOffsetsLine) {
      const at = line.text.indexOf('<<', from);
      return at >= 0 && at + 2 <= to;
    }
    // On the document itself, instructions come in order: the next `<<` found stays good until the reading
    // passes it, so the document is searched once in all rather than to its end for every RUN/COPY/ADD.
    if (this.nextMarker < from) {
      const at = this.text.indexOf('<<', from);
      this.nextMarker = at < 0 ? this.text.length : at;
    }
    return this.nextMarker + 2 <= to;
  }

  /** The Instruction for `core` (and its ONBUILD trigger, which shares the line's placement). */
  private finish(
    core: InstructionCore,
    span: Span,
    fullSpan: Span,
    startLine: number,
    endLine: number,
    heredocs: readonly Heredoc[],
    heredocError: string | undefined,
  ): Instruction {
    let onbuild: Instruction | undefined;
    if (core.inner !== undefined) {
      const inner = core.inner;
      const start = inner.line.map.span(inner.keywordFrom, inner.keywordFrom + inner.keyword.length).start;
      const innerLine = lineOfOffset(this.lines.starts, start);
      onbuild = this.finish(inner, spanOf(start, span.end), spanOf(start, fullSpan.end), innerLine, endLine, heredocs, heredocError);
    }
    return new ParsedInstruction(core, span, fullSpan, startLine, endLine, heredocs, onbuild, core.error ?? heredocError);
  }
}

const NO_HEREDOCS: { heredocs: readonly Heredoc[]; error: undefined } = Object.freeze({ heredocs: Object.freeze([]), error: undefined });

function spanOf(start: number, end: number): Span {
  return { start, end: Math.max(start, end) };
}
