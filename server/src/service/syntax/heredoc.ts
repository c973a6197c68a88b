// Heredoc markers (`<<EOF`, `<<-EOT`, `3<<"EOF"`, `<< b`) found the way BuildKit finds them: the joined
// line is split into shell words by a small copy of its shell lexer (raw quotes, raw escapes, unset
// variables kept), then each word is matched against `^(\d*)<<(-?)\s*([^<]*)$`.
import * as chars from './chars';

// Bound once: under CommonJS (tsx) every access to an imported binding is a getter call.
const { isGoSpace, isRegexpSpace } = chars;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const DOUBLE_QUOTE = 0x22;
const DOLLAR = 0x24;
const SINGLE_QUOTE = 0x27;
const DASH = 0x2d;
const LESS = 0x3c;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

export interface HeredocMarker {
  readonly name: string;
  readonly fd: number | undefined;
  readonly expand: boolean;
  readonly chomp: boolean;
}

export interface HeredocScan {
  readonly markers: HeredocMarker[];
  /** BuildKit's error for a marker it cannot read (e.g. `<<'EOF` with an unterminated quote in the name). */
  readonly error: string | undefined;
}

class LexError extends Error {}

/**
 * The part of BuildKit's shell lexer that decides word boundaries: unquoted blanks split words, quotes
 * and escapes keep text together, `<<` swallows the blanks after it. Every piece of a word is a slice of
 * the source, so words are built from ranges rather than character by character. Linear in the input.
 */
class WordLexer {
  private readonly words: string[] = [];
  private pieces: string[] = [];
  private runStart = -1;
  private runEnd = -1;
  private pos = 0;

  constructor(
    private readonly source: string,
    private readonly rawQuotes: boolean,
    private readonly rawEscapes: boolean,
  ) {}

  /** The words, or a LexError for an unterminated quote or `${`. */
  lex(): string[] {
    const { source } = this;
    const length = source.length;
    while (this.pos < length) {
      const at = this.pos;
      const code = source.charCodeAt(at);
      if (code === DOLLAR) {
        this.readDollar();
        // An unquoted expansion is split on blanks again (BuildKit's addString).
        for (let i = at; i < this.pos; i++) {
          if (isGoSpace(source.charCodeAt(i))) this.endWord();
          else this.add(i, i + 1);
        }
      } else if (code === LESS) {
        this.readPossibleHeredoc();
        this.add(at, this.pos);
      } else if (code === SINGLE_QUOTE) {
        this.readSingleQuoted();
      } else if (code === DOUBLE_QUOTE) {
        this.readDoubleQuoted();
      } else if (code === BACKSLASH) {
        this.pos++;
        if (this.rawEscapes) this.add(at, at + 1);
        if (this.pos >= length) break; // nothing left to escape
        this.add(this.pos, this.pos + 1);
        this.pos++;
      } else {
        if (isGoSpace(code)) this.endWord();
        else this.add(at, at + 1);
        this.pos++;
      }
    }
    this.endWord();
    return this.words;
  }

  /** Append `source[start, end)` to the current word. */
  private add(start: number, end: number): void {
    if (end <= start) return;
    if (this.runEnd === start) {
      this.runEnd = end;
      return;
    }
    this.flushRun();
    this.runStart = start;
    this.runEnd = end;
  }

  private flushRun(): void {
    if (this.runStart >= 0) this.pieces.push(this.source.slice(this.runStart, this.runEnd));
    this.runStart = -1;
    this.runEnd = -1;
  }

  /** An unquoted blank: the word so far (if any) is complete. */
  private endWord(): void {
    this.flushRun();
    if (this.pieces.length === 0) return;
    const word = this.pieces.join('');
    this.pieces = [];
    if (word.length > 0) this.words.push(word);
  }

  /** `$x` / `${...}`: no variable is defined and unset ones are kept, so only the extent matters. */
  private readDollar(): void {
    const { source } = this;
    this.pos++;
    if (this.pos < source.length && source.charCodeAt(this.pos) === OPEN_BRACE) {
      let depth = 0;
      for (; this.pos < source.length; this.pos++) {
        const code = source.charCodeAt(this.pos);
        if (code === OPEN_BRACE) depth++;
        else if (code === CLOSE_BRACE && --depth === 0) {
          this.pos++;
          return;
        }
      }
      throw new LexError("syntax error: missing '}'");
    }
    this.pos = nameEnd(source, this.pos);
  }

  private readSingleQuoted(): void {
    const start = this.pos;
    const close = this.source.indexOf("'", start + 1);
    if (close < 0) throw new LexError('unexpected end of statement while looking for matching single-quote');
    this.pos = close + 1;
    if (this.rawQuotes) this.add(start, this.pos);
    else this.add(start + 1, close);
  }

  private readDoubleQuoted(): void {
    const { source } = this;
    if (this.rawQuotes) this.add(this.pos, this.pos + 1);
    this.pos++;
    for (;;) {
      if (this.pos >= source.length) {
        throw new LexError('unexpected end of statement while looking for matching double-quote');
      }
      const at = this.pos;
      const code = source.charCodeAt(at);
      if (code === DOUBLE_QUOTE) {
        this.pos++;
        if (this.rawQuotes) this.add(at, at + 1);
        return;
      }
      if (code === DOLLAR) {
        this.readDollar();
        this.add(at, this.pos);
        continue;
      }
      this.pos++;
      if (code === BACKSLASH && this.pos < source.length) {
        const next = source.charCodeAt(this.pos);
        if (next === DOUBLE_QUOTE || next === DOLLAR || next === BACKSLASH) {
          if (this.rawEscapes) this.add(at, at + 1);
          this.add(this.pos, this.pos + 1);
          this.pos++;
          continue;
        }
      }
      this.add(at, at + 1);
    }
  }

  /** `<` alone, or `<<` with the blanks after it (BuildKit keeps them so `<< EOF` is one word). */
  private readPossibleHeredoc(): void {
    const { source } = this;
    this.pos++;
    if (this.pos >= source.length || source.charCodeAt(this.pos) !== LESS) return;
    this.pos++;
    while (this.pos < source.length) {
      const code = source.charCodeAt(this.pos);
      if (code !== SPACE && code !== TAB && code !== CR && code !== LF) break;
      this.pos++;
    }
  }
}

/** Go's processName: a run of digits, one special parameter, or letters/digits/underscores. */
function nameEnd(source: string, pos: number): number {
  if (pos >= source.length) return pos;
  const first = source[pos]!;
  if (first >= '0' && first <= '9') {
    while (pos < source.length && source[pos]! >= '0' && source[pos]! <= '9') pos++;
    return pos;
  }
  if ('@*#?-$!'.includes(first)) return pos + 1;
  while (pos < source.length && /[\p{L}\p{Nd}_]/u.test(source[pos]!)) pos++;
  return pos;
}

function lexWords(source: string, rawQuotes: boolean, rawEscapes: boolean): string[] {
  return new WordLexer(source, rawQuotes, rawEscapes).lex();
}

function isAsciiDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Match one word against `^(\d*)<<(-?)\s*([^<]*)$` and read its name. */
function markerFromWord(word: string): HeredocMarker | undefined {
  let pos = 0;
  while (pos < word.length && isAsciiDigit(word.charCodeAt(pos))) pos++;
  const digits = word.slice(0, pos);
  if (word.charCodeAt(pos) !== LESS || word.charCodeAt(pos + 1) !== LESS) return undefined;
  pos += 2;
  const chomp = word.charCodeAt(pos) === DASH;
  if (chomp) pos++;
  while (pos < word.length && isRegexpSpace(word.charCodeAt(pos))) pos++;
  const rest = word.slice(pos);
  if (rest.length === 0 || rest.includes('<')) return undefined;

  const plain = lexWords(rest, false, false);
  if (plain.length !== 1) return undefined;
  const raw = lexWords(rest, true, false);
  if (raw.length !== plain.length) {
    throw new LexError(`internal lexing of heredoc produced inconsistent results: ${rest}`);
  }
  // A quote that plain lexing removed means part of the name was quoted: the body is not expanded.
  const expand = countQuotes(plain[0]!) === countQuotes(raw[0]!);
  return { name: plain[0]!, fd: digits.length > 0 ? Number(digits) : undefined, expand, chomp };
}

function countQuotes(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) count++;
  }
  return count;
}

/** The heredoc markers of a joined instruction line (RUN/COPY/ADD in shell form), in order. */
export function heredocsFromLine(line: string): HeredocScan {
  let words: string[];
  try {
    words = lexWords(line, true, true);
  } catch {
    return { markers: [], error: undefined }; // BuildKit ignores a lexing error of the whole line: no heredocs
  }
  const markers: HeredocMarker[] = [];
  for (const word of words) {
    try {
      const marker = markerFromWord(word);
      if (marker) markers.push(marker);
    } catch (error) {
      return { markers, error: error instanceof Error ? error.message : String(error) };
    }
  }
  return { markers, error: undefined };
}
