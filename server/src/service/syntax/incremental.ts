// What a new version of a document can take over from the parse of the previous version: every instruction
// (and the comments and directives around it) that lies wholly before the first changed character. Spans
// are absolute offsets, so nothing after an edit that changes the length can be kept unchanged; that part
// is read again.
import type { Comment, Directive, DockerfileSyntax, Instruction } from './model';

/** Where reading resumes, with what is kept from the previous version. */
export interface Resume {
  readonly directives: Directive[];
  readonly escape: '\\' | '`';
  /** The instructions kept, in order (a new array, for the reader to add to); reading resumes on the line after the last one. */
  readonly instructions: Instruction[];
  /** The comments before that line (a new array too). */
  readonly comments: Comment[];
  readonly nextLine: number;
}

/**
 * A syntax that kept instructions of an earlier version still holds that version's text (instructions
 * read their words from it, and their strings are slices of it). Counting how many versions in a row
 * reused something, and reading everything again after this many, bounds how many old texts stay alive.
 */
const MAX_REUSE_CHAIN = 8;
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
  if (reuseChainOf(previous) >= MAX_REUSE_CHAIN) return undefined;
  const before = previous.instructions;
  const changedAt = firstDifference(previous.text, text);
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
  };
}

/** The offset of the first character where the texts differ (the shorter length when one starts the other). */
function firstDifference(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  let at = 0;
  while (at < length && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  return at;
}
