// Physical lines and the joined ("logical") instruction text BuildKit builds from them.
import type { Span } from './model';

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;

/** The document split into lines the way BuildKit's scanner splits it: on `\n` only. */
export class LineTable {
  /** How many lines BuildKit reads: a final `\n` does not open another line. */
  readonly count: number;

  /**
   * @param text the document.
   * @param starts offset at which each line starts (one more entry after a final `\n`, as editors count lines).
   */
  constructor(
    private readonly text: string,
    readonly starts: number[],
  ) {
    this.count = text.length === 0 ? 0 : text.charCodeAt(text.length - 1) === LF ? starts.length - 1 : starts.length;
  }

  /** Offset just past the line's content, trailing `\r`/`\n` excluded (Go's `TrimRight(line, "\r\n")`). */
  contentEnd(line: number): number {
    const start = this.starts[line]!;
    let end = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    // Worked out when asked rather than stored: the table lives for one parse, and each line is asked about once or twice.
    while (end > start) {
      const code = this.text.charCodeAt(end - 1);
      if (code !== CR && code !== LF) break;
      end--;
    }
    return end;
  }
}

export function buildLineTable(text: string): LineTable {
  // Counted first so the table is allocated once at its final size: growing it a push at a time left a
  // trail of discarded backing stores on every keystroke.
  let newlines = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) newlines++;
  const starts = new Array<number>(newlines + 1);
  starts[0] = 0;
  let line = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts[++line] = at + 1;
  return new LineTable(text, starts);
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
 * An instruction joined from several lines: the joined text, which is a concatenation of document slices
 * (one per contributing line), and the piecewise linear map from its offsets back to the document.
 * It is its own `map`, so a continued instruction costs one object besides its text and bounds.
 */
export class JoinedSegments implements OffsetTranslator {
  /**
   * @param text the joined text.
   * @param escape the file's escape character.
   * @param anchor where an empty joined text sits in the document.
   * @param bounds for each slice, its joined offset and its document offset, interleaved.
   */
  constructor(
    readonly text: string,
    readonly escape: string,
    private readonly anchor: number,
    private readonly bounds: readonly number[],
  ) {}

  get map(): OffsetTranslator {
    return this;
  }

  charAt(index: number): number {
    const bounds = this.bounds;
    if (bounds.length === 0) return this.anchor;
    let lo = 0;
    let hi = (bounds.length >> 1) - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bounds[mid * 2]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return bounds[lo * 2 + 1]! + (index - bounds[lo * 2]!);
  }

  after(index: number): number {
    return index <= 0 ? this.charAt(0) : this.charAt(index - 1) + 1;
  }

  span(from: number, to: number): Span {
    if (to > from) return { start: this.charAt(from), end: this.charAt(to - 1) + 1 };
    const at = from < this.text.length ? this.charAt(from) : this.after(from);
    return { start: at, end: at };
  }
}

/**
 * Collects the document slices of one continued instruction, then joins them. One builder serves a whole
 * parse: its scratch space is reused, and each instruction gets arrays of exactly its size.
 */
export class SegmentBuilder {
  /** Document start and end of each slice, interleaved. */
  private readonly scratch: number[] = [];
  private count = 0;

  /** Start a new instruction. */
  clear(): void {
    this.count = 0;
  }

  append(start: number, end: number): void {
    if (end <= start) return; // empty pieces would give two document offsets for one joined offset
    this.scratch[this.count * 2] = start;
    this.scratch[this.count * 2 + 1] = end;
    this.count++;
  }

  /** The joined text of the slices of `text` appended since `clear`. */
  join(text: string, escape: string, anchor: number): JoinedSegments {
    const { scratch, count } = this;
    const parts = new Array<string>(count);
    const bounds = new Array<number>(count * 2);
    let length = 0;
    for (let i = 0; i < count; i++) {
      const start = scratch[i * 2]!;
      const end = scratch[i * 2 + 1]!;
      parts[i] = text.slice(start, end);
      bounds[i * 2] = length;
      bounds[i * 2 + 1] = start;
      length += end - start;
    }
    return new JoinedSegments(count === 1 ? parts[0]! : parts.join(''), escape, anchor, bounds);
  }
}
