// What a new version of a document can take over from the parse of the previous version: every instruction
// (and the comments and directives around it) that lies wholly before the first changed character, as the very
// same objects; and, once reading past the edit arrives at a line where an instruction of the previous version
// started in the unchanged end of the text, that instruction and all after it, moved by the edit's change in
// length (shiftedInstruction.ts). Between the two, the text is read again.
import type { Comment, Directive, DockerfileSyntax, Instruction } from './model';
import { commonPrefixLength, commonSuffixLength } from './textDiff';

/** The unchanged end of the text, and what the previous version read there. */
export interface Suffix {
  /** Offsets of the new text from here on are the previous text's, moved by `by`. */
  readonly from: number;
  /** New length minus old length. */
  readonly by: number;
  /** The previous version's instructions that start on a line inside the unchanged end, in order. */
  readonly instructions: readonly Instruction[];
  /** The previous version's line starts (to find where those instructions' lines start). */
  readonly lineStarts: readonly number[];
  /** The previous version's comments (those on or after the line where reading stops are taken over). */
  readonly comments: readonly Comment[];
}

/** Where reading resumes, with what is kept from the previous version. */
export interface Resume {
  readonly directives: Directive[];
  readonly escape: '\\' | '`';
  /** The instructions kept, in order (a new array, for the reader to add to); reading resumes on the line after the last one. */
  readonly instructions: Instruction[];
  /** The comments before that line (a new array too). */
  readonly comments: Comment[];
  readonly nextLine: number;
  /** What can be taken over after the edit (undefined when nothing can). */
  readonly suffix: Suffix | undefined;
}

/**
 * A syntax that kept instructions of an earlier version still holds that version's text (instructions
 * read their words from it, and their strings are slices of it). Counting how many versions in a row
 * reused something, and reading everything again after so many, bounds how many old texts stay alive: about
 * 4 M characters of them (64 versions of a 1,000-line file, 12 of a 10,000-line one), never fewer than 8
 * versions. Each full reading is a keystroke that waits for the whole file to be read again.
 */
const REUSE_BUDGET = 4_000_000;
const MIN_REUSE_CHAIN = 8;
const MAX_REUSE_CHAIN = 64;

/** How many versions in a row may reuse an earlier one's instructions, for a text of this length. */
export function maxReuseChain(textLength: number): number {
  return Math.min(MAX_REUSE_CHAIN, Math.max(MIN_REUSE_CHAIN, Math.floor(REUSE_BUDGET / Math.max(1, textLength))));
}
// eslint-disable-next-line no-restricted-syntax -- the values are numbers: an entry keeps nothing of its parse alive
const reuseChains = new WeakMap<DockerfileSyntax, number>();

/** How many parses in a row, up to this one, kept instructions of an earlier version (0 for a full parse). */
export function reuseChainOf(syntax: DockerfileSyntax): number {
  return reuseChains.get(syntax) ?? 0;
}

export function recordReuseChain(syntax: DockerfileSyntax, chain: number): void {
  if (chain > 0) reuseChains.set(syntax, chain);
}

/** What `text` can keep of `previous`, or undefined when nothing (then it is read from the start). */
export function resumeAfter(previous: DockerfileSyntax, text: string): Resume | undefined {
  if (reuseChainOf(previous) >= maxReuseChain(text.length)) return undefined;
  const before = previous.instructions;
  const changedAt = commonPrefixLength(previous.text, text);
  const { lineStarts } = previous;
  // An instruction is kept when the line after it starts before the change (so its lines and the newline that
  // ends them are unchanged) and another instruction follows it (so it did not end at the end of the file,
  // where added text could continue it or close its heredoc).
  let kept = 0;
  while (kept + 1 < before.length) {
    const nextLineStart = lineStarts[before[kept]!.endLine + 1];
    if (nextLineStart === undefined || nextLineStart > changedAt) break;
    kept++;
  }
  if (kept === 0) return undefined;
  const nextLine = before[kept - 1]!.endLine + 1;
  let comments = 0;
  while (comments < previous.comments.length && previous.comments[comments]!.line < nextLine) comments++;
  return {
    directives: previous.directives.slice(),
    escape: previous.escape,
    instructions: before.slice(0, kept),
    comments: previous.comments.slice(0, comments),
    nextLine,
    suffix: suffixAfter(previous, text, changedAt, kept),
  };
}

/** The instructions after index `kept` that start on a line inside the unchanged end of the text. */
function suffixAfter(previous: DockerfileSyntax, text: string, changedAt: number, kept: number): Suffix | undefined {
  const old = previous.text;
  // The unchanged end never reaches into the unchanged start: `aXa` → `aXXa` changed at 2, and only `a` is left.
  const same = commonSuffixLength(old, text, Math.min(old.length, text.length) - changedAt);
  const oldFrom = old.length - same;
  const { instructions, lineStarts } = previous;
  let first = kept;
  while (first < instructions.length && lineStarts[instructions[first]!.startLine]! < oldFrom) first++;
  if (first === instructions.length) return undefined;
  return { from: text.length - same, by: text.length - old.length, instructions: instructions.slice(first), lineStarts, comments: previous.comments };
}
