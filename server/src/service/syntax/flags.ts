// Builder flags (`--from=build`, `--mount=...`) taken off the front of an instruction's arguments, as
// BuildKit's extractBuilderFlags does: quotes removed, escapes resolved, `--` ends the flags.
import * as chars from './chars';
import type { OffsetTranslator } from './lines';
import type { Flag } from './model';

// Bound once: under CommonJS (tsx) every access to an imported binding is a getter call.
const { isAsciiSpace } = chars;
const DASH = 0x2d;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const EQUALS = 0x3d;

const IN_SPACES = 0;
const IN_WORD = 1;
const IN_QUOTE = 2;

/** Shared by every instruction without flags (nearly all of them): the model never changes it. */
export const NO_FLAGS: readonly Flag[] = Object.freeze([]);

/**
 * Names BuildKit's instructions take, handed out as these very strings: a flag name read from the text
 * is then not a new string per flag per keystroke.
 */
const KNOWN_FLAG_NAMES = [
  'from', 'link', 'chown', 'chmod', 'mount', 'network', 'security', 'platform', 'parents', 'exclude', 'checksum',
  'keep-git-dir', 'unpack', 'interval', 'timeout', 'start-period', 'start-interval', 'retries',
];

function flagName(line: string, start: number, end: number): string {
  const length = end - start;
  for (const name of KNOWN_FLAG_NAMES) if (name.length === length && line.startsWith(name, start)) return name;
  return line.slice(start, end);
}

/**
 * Reads the flags at the front of an instruction's joined text. One reader serves every instruction of
 * every parse (parsing is synchronous and the reader holds nothing between calls), so reading a flag
 * allocates only the flag itself.
 *
 * BuildKit unquotes a flag word character by character; we keep the characters as runs of the line. A word
 * without quotes or escapes is one run, read straight off the line; only other words are pieced together.
 */
export class FlagReader {
  /** After {@link read}: where the rest of the line (not yet trimmed) starts. */
  restStart = 0;
  private readonly found: Flag[] = [];
  private foundCount = 0;
  // The flag word being read.
  private wordStart = 0;
  private blankOk = false;
  /** Earlier runs of a word with more than one; undefined while the word is a single run. */
  private pieces: string[] | undefined;
  private runStart = -1;
  private runEnd = -1;
  private length = 0;
  private equalsRaw = -1;

  /** Scan `line[from, to)` for leading flags; `map` places them in the document. */
  read(line: string, from: number, to: number, escapeCode: number, map: OffsetTranslator): readonly Flag[] {
    // Nearly every instruction has no flag: answer before touching any word state.
    let first = from;
    while (first < to && isAsciiSpace(line.charCodeAt(first))) first++;
    this.restStart = first;
    if (first === to || line.charCodeAt(first) !== DASH || first + 1 === to || line.charCodeAt(first + 1) !== DASH) {
      return NO_FLAGS;
    }
    this.restStart = this.scan(line, first, to, escapeCode, map);
    return this.takeFound();
  }

  private scan(line: string, first: number, to: number, escapeCode: number, map: OffsetTranslator): number {
    let phase = IN_SPACES;
    let quote = 0;
    for (let pos = first; pos <= to; pos++) {
      const atEnd = pos === to;
      const code = atEnd ? -1 : line.charCodeAt(pos);
      if (phase === IN_SPACES) {
        if (atEnd) break;
        if (isAsciiSpace(code)) continue;
        if (code !== DASH || pos + 1 === to || line.charCodeAt(pos + 1) !== DASH) return pos;
        phase = IN_WORD;
        this.wordStart = pos;
      }
      if (atEnd) {
        if (!this.isDoubleDash(line)) this.finishWord(line, to, map);
        this.resetWord();
        break;
      }
      if (phase === IN_WORD) {
        if (isAsciiSpace(code)) {
          phase = IN_SPACES;
          if (this.isDoubleDash(line)) {
            this.resetWord();
            return pos;
          }
          this.finishWord(line, pos, map);
          this.resetWord();
          continue;
        }
        if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) {
          quote = code;
          this.blankOk = true;
          phase = IN_QUOTE;
          continue;
        }
        if (code === escapeCode) {
          if (pos + 1 === to) continue; // a lone escape at the end is dropped
          pos++;
        }
        this.add(line, pos);
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
      this.add(line, pos);
    }
    return to;
  }

  /** Add the (already unescaped) character at `line[pos]` to the word. */
  private add(line: string, pos: number): void {
    if (this.equalsRaw < 0 && line.charCodeAt(pos) === EQUALS) this.equalsRaw = pos;
    if (this.runEnd !== pos) {
      if (this.runStart >= 0) (this.pieces ??= []).push(line.slice(this.runStart, this.runEnd));
      this.runStart = pos;
    }
    this.runEnd = pos + 1;
    this.length++;
  }

  private isDoubleDash(line: string): boolean {
    if (this.length !== 2) return false;
    if (this.pieces === undefined) return line.charCodeAt(this.runStart) === DASH && line.charCodeAt(this.runStart + 1) === DASH;
    return this.pieceTogether(line) === '--';
  }

  /** The word as one string, for a word of several runs. */
  private pieceTogether(line: string): string {
    const pieces = this.pieces ?? [];
    if (this.runStart >= 0) {
      pieces.push(line.slice(this.runStart, this.runEnd));
      this.runStart = -1;
      this.runEnd = -1;
    }
    this.pieces = pieces;
    return pieces.join('');
  }

  /** Record the word as a flag (BuildKit keeps a word only if it has characters or had quotes). */
  private finishWord(line: string, end: number, map: OffsetTranslator): void {
    if (!this.blankOk && this.length === 0) return;
    let name: string;
    let value: string | undefined;
    if (this.pieces === undefined) {
      // One run (or none, for a word of nothing but quotes): name and value are slices of the line itself.
      const runStart = this.runStart < 0 ? 0 : this.runStart;
      const runEnd = this.runStart < 0 ? 0 : this.runEnd;
      const nameStart = Math.min(runStart + 2, runEnd);
      if (this.equalsRaw < 0) {
        name = flagName(line, nameStart, runEnd);
      } else {
        name = flagName(line, nameStart, Math.max(nameStart, this.equalsRaw));
        value = line.slice(this.equalsRaw + 1, runEnd);
      }
    } else {
      const word = this.pieceTogether(line);
      const equals = this.equalsRaw < 0 ? -1 : word.indexOf('=');
      name = equals < 0 ? word.slice(2) : word.slice(2, equals);
      value = equals < 0 ? undefined : word.slice(equals + 1);
    }
    const flag: Flag = {
      name,
      value,
      span: map.span(this.wordStart, end),
      valueSpan: this.equalsRaw < 0 ? undefined : map.span(this.equalsRaw + 1, end),
    };
    this.found[this.foundCount++] = flag;
  }

  private resetWord(): void {
    this.pieces = undefined;
    this.runStart = -1;
    this.runEnd = -1;
    this.length = 0;
    this.equalsRaw = -1;
    this.blankOk = false;
  }

  /** The flags found, in an array of their exact size; the reader lets go of them. */
  private takeFound(): readonly Flag[] {
    const count = this.foundCount;
    if (count === 0) return NO_FLAGS;
    const flags = this.found.slice(0, count);
    for (let i = 0; i < count; i++) this.found[i] = NO_FLAG;
    this.foundCount = 0;
    return flags;
  }
}

const NO_FLAG: Flag = Object.freeze({ name: '', value: undefined, span: { start: 0, end: 0 }, valueSpan: undefined });
