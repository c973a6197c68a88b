// ARG, ENV and LABEL arguments: BuildKit's quote-aware word split (quotes and escapes stay in the words)
// and its `key value` / `key=value ...` reading. Offsets are into the instruction's `args`; map them to
// the document with `Instruction.argsMap`.
import * as chars from './chars';

// Bound once: under CommonJS (tsx) every access to an imported binding is a getter call.
const { isGoSpace, isSeparator } = chars;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const EQUALS = 0x3d;

export interface ArgWord {
  /** The word as BuildKit keeps it: quotes and escape characters included. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const IN_SPACES = 0;
const IN_WORD = 1;
const IN_QUOTE = 2;

/**
 * BuildKit's parseWords over `text[from, to)`, one word at a time: `next()` finds the next word and leaves it
 * in `start`/`end`. Reading by range lets a caller that only checks the words (the parse of ENV and LABEL
 * on every keystroke) do so without building them.
 */
class QuotedWordScanner {
  start = 0;
  end = 0;
  private text = '';
  private pos = 0;
  private to = 0;
  private escapeCode = 0;
  private done = true;

  reset(text: string, from: number, to: number, escapeCode: number): this {
    this.text = text;
    this.pos = from;
    this.to = to;
    this.escapeCode = escapeCode;
    this.done = false;
    return this;
  }

  next(): boolean {
    const { text, to, escapeCode } = this;
    let phase = IN_SPACES;
    let start = 0;
    let quote = 0;
    let blankOk = false;
    let pos = this.pos;
    for (; !this.done && pos < to; pos++) {
      const code = text.charCodeAt(pos);
      if (phase === IN_SPACES) {
        if (isGoSpace(code)) continue;
        phase = IN_WORD;
        start = pos;
        blankOk = false;
      }
      if (phase === IN_WORD) {
        if (isGoSpace(code)) {
          if (this.found(start, pos, blankOk, pos + 1)) return true;
          phase = IN_SPACES;
          continue;
        }
        if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) {
          quote = code;
          blankOk = true;
          phase = IN_QUOTE;
          continue;
        }
        if (code === escapeCode) {
          if (pos + 1 === to) {
            this.done = true; // a trailing escape is dropped from the word, and ends the words
            return this.found(start, pos, blankOk, to);
          }
          pos++; // the escaped character stays with its escape
        }
        continue;
      }
      // IN_QUOTE
      if (code === quote) {
        phase = IN_WORD;
        continue;
      }
      if (code === escapeCode && quote !== SINGLE_QUOTE) {
        if (pos + 1 === to) {
          this.done = true;
          return this.found(start, pos, blankOk, to);
        }
        pos++;
      }
    }
    this.done = true;
    return phase !== IN_SPACES && this.found(start, to, blankOk, to);
  }

  /** Let go of the text, so a scanner at rest holds no document. */
  release(): void {
    this.text = '';
    this.done = true;
  }

  /** BuildKit keeps a word if it has characters or had quotes (`""`). */
  private found(start: number, end: number, blankOk: boolean, resumeAt: number): boolean {
    this.pos = resumeAt;
    if (!blankOk && end <= start) return false;
    this.start = start;
    this.end = end;
    return true;
  }
}

/** Parsing is synchronous and nothing holds a scanner across calls, so one serves every caller. */
const scanner = new QuotedWordScanner();

/** Split `args` into words on unquoted blanks (BuildKit's parseWords). `escape` is the file's escape character. */
export function splitQuotedWords(args: string, escape: string): ArgWord[] {
  const words: ArgWord[] = [];
  const scan = scanner.reset(args, 0, args.length, escape.charCodeAt(0));
  while (scan.next()) words.push({ text: args.slice(scan.start, scan.end), start: scan.start, end: scan.end });
  scan.release();
  return words;
}

export interface KeyValue {
  readonly key: string;
  readonly value: string;
  readonly keyStart: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

export interface KeyValueParse {
  /** `legacy`: `ENV key the rest`; `equals`: `ENV a=1 b=2`; `empty`: no arguments. */
  readonly style: 'legacy' | 'equals' | 'empty';
  readonly pairs: readonly KeyValue[];
  /** BuildKit's parse error, if any (the pairs read before it are kept). */
  readonly error: string | undefined;
}

/** Read ENV/LABEL arguments as BuildKit's parseNameVal does. `keyword` goes into the error text. */
export function parseKeyValues(args: string, escape: string, keyword: string): KeyValueParse {
  const words = splitQuotedWords(args, escape);
  if (words.length === 0) return { style: 'empty', pairs: [], error: undefined };
  if (!words[0]!.text.includes('=')) {
    let keyEnd = 0;
    while (keyEnd < args.length && !isSeparator(args.charCodeAt(keyEnd))) keyEnd++;
    let valueStart = keyEnd;
    while (valueStart < args.length && isSeparator(args.charCodeAt(valueStart))) valueStart++;
    if (keyEnd === args.length) {
      return { style: 'legacy', pairs: [], error: `${keyword} must have two arguments` };
    }
    const pair = { key: args.slice(0, keyEnd), value: args.slice(valueStart), keyStart: 0, valueStart, valueEnd: args.length };
    return { style: 'legacy', pairs: [pair], error: undefined };
  }
  const pairs: KeyValue[] = [];
  for (const word of words) {
    const equals = word.text.indexOf('=');
    if (equals < 0) {
      const error = `Syntax error - can't find = in ${JSON.stringify(word.text)}. Must be of the form: name=value`;
      return { style: 'equals', pairs, error };
    }
    pairs.push({
      key: word.text.slice(0, equals),
      value: word.text.slice(equals + 1),
      keyStart: word.start,
      valueStart: word.start + equals + 1,
      valueEnd: word.end,
    });
  }
  return { style: 'equals', pairs, error: undefined };
}

/**
 * The error `parseKeyValues(text.slice(from, to), escape, keyword)` would report, found without building
 * the words or pairs (the parser only needs the error).
 */
export function keyValuesError(text: string, from: number, to: number, escape: string, keyword: string): string | undefined {
  const scan = scanner.reset(text, from, to, escape.charCodeAt(0));
  const error = firstKeyValueError(scan, text, from, to, keyword);
  scan.release();
  return error;
}

function firstKeyValueError(scan: QuotedWordScanner, text: string, from: number, to: number, keyword: string): string | undefined {
  if (!scan.next()) return undefined;
  if (indexOfEquals(text, scan.start, scan.end) < 0) {
    for (let i = from; i < to; i++) if (isSeparator(text.charCodeAt(i))) return undefined;
    return `${keyword} must have two arguments`;
  }
  do {
    if (indexOfEquals(text, scan.start, scan.end) < 0) {
      const word = text.slice(scan.start, scan.end);
      return `Syntax error - can't find = in ${JSON.stringify(word)}. Must be of the form: name=value`;
    }
  } while (scan.next());
  return undefined;
}

function indexOfEquals(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === EQUALS) return i;
  return -1;
}
