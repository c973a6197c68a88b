// Builder flags (`--from=build`, `--mount=...`) taken off the front of an instruction's arguments, as
// BuildKit's extractBuilderFlags does: quotes removed, escapes resolved, `--` ends the flags.
import * as chars from './chars';

// Bound once: under CommonJS (tsx) every access to an imported binding is a getter call.
const { isAsciiSpace } = chars;
const DASH = 0x2d;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const EQUALS = 0x3d;

/** One flag in joined-text coordinates. */
export interface RawFlag {
  readonly name: string;
  readonly value: string | undefined;
  readonly start: number;
  readonly end: number;
  /** Joined offset just after the `=` that separates the value, when there is one. */
  readonly valueStart: number | undefined;
}

export interface FlagScan {
  readonly flags: RawFlag[];
  /** Where the rest of the line (not yet trimmed) starts. */
  readonly restStart: number;
}

const IN_SPACES = 0;
const IN_WORD = 1;
const IN_QUOTE = 2;

/**
 * The flag word being read. BuildKit unquotes it character by character; we keep runs of characters as
 * slices of the line and remember where the first `=` came from, which is all the flag needs.
 */
class FlagWord {
  start = 0;
  blankOk = false;
  private pieces: string[] = [];
  private runStart = -1;
  private runEnd = -1;
  private length = 0;
  private equalsRaw = -1;

  /** Add the (already unescaped) character at `line[pos]`. */
  add(line: string, pos: number): void {
    if (this.equalsRaw < 0 && line.charCodeAt(pos) === EQUALS) this.equalsRaw = pos;
    if (this.runEnd !== pos) {
      this.flushRun(line);
      this.runStart = pos;
    }
    this.runEnd = pos + 1;
    this.length++;
  }

  isDoubleDash(line: string): boolean {
    if (this.length !== 2) return false;
    this.flushRun(line);
    return this.pieces.join('') === '--';
  }

  /** Push the word as a flag (BuildKit keeps a word only if it has characters or had quotes). */
  finish(line: string, flags: RawFlag[], end: number): void {
    this.flushRun(line);
    if (this.blankOk || this.length > 0) {
      const word = this.pieces.length === 1 ? this.pieces[0]! : this.pieces.join('');
      const equals = this.equalsRaw < 0 ? -1 : word.indexOf('=');
      flags.push({
        name: equals < 0 ? word.slice(2) : word.slice(2, equals),
        value: equals < 0 ? undefined : word.slice(equals + 1),
        start: this.start,
        end,
        valueStart: equals < 0 ? undefined : this.equalsRaw + 1,
      });
    }
    this.pieces = [];
    this.runStart = -1;
    this.runEnd = -1;
    this.length = 0;
    this.equalsRaw = -1;
    this.blankOk = false;
  }

  private flushRun(line: string): void {
    if (this.runStart >= 0) this.pieces.push(line.slice(this.runStart, this.runEnd));
    this.runStart = -1;
    this.runEnd = -1;
  }
}

/** Scan `line[from, to)` for leading flags. */
export function extractFlags(line: string, from: number, to: number, escapeCode: number): FlagScan {
  const flags: RawFlag[] = [];
  // Nearly every instruction has no flag: answer without allocating the word state.
  let first = from;
  while (first < to && isAsciiSpace(line.charCodeAt(first))) first++;
  if (first === to || line.charCodeAt(first) !== DASH || first + 1 === to || line.charCodeAt(first + 1) !== DASH) {
    return { flags, restStart: first };
  }
  const word = new FlagWord();
  let phase = IN_SPACES;
  let quote = 0;
  for (let pos = first; pos <= to; pos++) {
    const atEnd = pos === to;
    const code = atEnd ? -1 : line.charCodeAt(pos);
    if (phase === IN_SPACES) {
      if (atEnd) break;
      if (isAsciiSpace(code)) continue;
      if (code !== DASH || pos + 1 === to || line.charCodeAt(pos + 1) !== DASH) return { flags, restStart: pos };
      phase = IN_WORD;
      word.start = pos;
    }
    if (atEnd) {
      if (!word.isDoubleDash(line)) word.finish(line, flags, to);
      break;
    }
    if (phase === IN_WORD) {
      if (isAsciiSpace(code)) {
        phase = IN_SPACES;
        if (word.isDoubleDash(line)) return { flags, restStart: pos };
        word.finish(line, flags, pos);
        continue;
      }
      if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) {
        quote = code;
        word.blankOk = true;
        phase = IN_QUOTE;
        continue;
      }
      if (code === escapeCode) {
        if (pos + 1 === to) continue; // a lone escape at the end is dropped
        pos++;
      }
      word.add(line, pos);
      continue;
    }
    // IN_QUOTE
    if (code === quote) {
      phase = IN_WORD;
      continue;
    }
    if (code === escapeCode) {
      if (pos + 1 === to) {
        phase = IN_WORD;
        continue;
      }
      pos++;
    }
    word.add(line, pos);
  }
  return { flags, restStart: to };
}
