// Physical lines and the joined ("logical") instruction text BuildKit builds from them.
import type { Span } from './model';

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;

/** The document split into lines the way BuildKit's scanner splits it: on `\n` only. */
export interface LineTable {
  /** Offset at which each line starts (one more entry after a final `\n`, as editors count lines). */
  readonly starts: number[];
  /** How many lines BuildKit reads: a final `\n` does not open another line. */
  readonly count: number;
  /** Offset just past each line's content, trailing `\r`/`\n` excluded (Go's `TrimRight(line, "\r\n")`). */
  readonly contentEnds: number[];
}

export function buildLineTable(text: string): LineTable {
  const starts = [0];
  const contentEnds: number[] = [];
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    let contentEnd = end;
    while (contentEnd > start) {
      const code = text.charCodeAt(contentEnd - 1);
      if (code !== CR && code !== LF) break;
      contentEnd--;
    }
    contentEnds.push(contentEnd);
    if (newline < 0) break;
    start = newline + 1;
    starts.push(start);
  }
  const count = text.length === 0 ? 0 : text.charCodeAt(text.length - 1) === LF ? starts.length - 1 : starts.length;
  return { starts, count, contentEnds };
}

/** Zero-based line of a document offset, by binary search over line starts. */
export function lineOfOffset(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * If `text[start, end)` ends with a line-continuation escape, return the escape's offset (the text
 * before it is kept); otherwise -1. Mirrors BuildKit's `([^E])E[ \t]*$|^E[ \t]*$`: the escape is the last
 * non-blank character and is not itself preceded by the escape, unless it stands alone.
 */
export function continuationCut(text: string, start: number, end: number, escapeCode: number): number {
  let last = end;
  while (last > start) {
    const code = text.charCodeAt(last - 1);
    if (code !== SPACE && code !== TAB) break;
    last--;
  }
  if (last === start) return -1;
  const escapeAt = last - 1;
  if (text.charCodeAt(escapeAt) !== escapeCode) return -1;
  if (escapeAt === start) return escapeAt;
  return text.charCodeAt(escapeAt - 1) === escapeCode ? -1 : escapeAt;
}

/** Maps offsets in an instruction's joined text back to document offsets. */
export interface OffsetTranslator {
  /** Document offset of the joined character at `index` (`0 <= index < length`). */
  charAt(index: number): number;
  /** Document offset just after the joined character before `index`: where an insertion at `index` would go. */
  after(index: number): number;
  /** Document span of the joined range `[from, to)`; an empty range sits before the character at `from`. */
  span(from: number, to: number): Span;
}

/**
 * The translator for an instruction on a single line: its joined text is the document itself, read
 * between two offsets, so nothing is copied and offsets are already document offsets.
 */
export const SAME_OFFSETS: OffsetTranslator = Object.freeze({
  charAt: (index: number): number => index,
  after: (index: number): number => index,
  span: (from: number, to: number): Span => ({ start: from, end: Math.max(from, to) }),
});

/**
 * The translator for an instruction joined from several lines: the joined text is a concatenation of
 * document slices (one per contributing line), so the map is piecewise linear.
 */
export class SegmentMap implements OffsetTranslator {
  private readonly joinedStarts: number[] = [];
  private readonly documentStarts: number[] = [];
  private readonly parts: string[] = [];
  private length = 0;

  /** @param anchor where an empty joined text sits in the document. */
  constructor(private readonly anchor: number) {}

  append(text: string, start: number, end: number): void {
    if (end <= start) return; // empty pieces would give two document offsets for one joined offset
    this.joinedStarts.push(this.length);
    this.documentStarts.push(start);
    this.parts.push(text.slice(start, end));
    this.length += end - start;
  }

  joined(): string {
    return this.parts.join('');
  }

  charAt(index: number): number {
    const starts = this.joinedStarts;
    if (starts.length === 0) return this.anchor;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return this.documentStarts[lo]! + (index - starts[lo]!);
  }

  after(index: number): number {
    return index <= 0 ? this.charAt(0) : this.charAt(index - 1) + 1;
  }

  span(from: number, to: number): Span {
    if (to > from) return { start: this.charAt(from), end: this.charAt(to - 1) + 1 };
    const at = from < this.length ? this.charAt(from) : this.after(from);
    return { start: at, end: at };
  }
}
