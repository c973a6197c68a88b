/**
 * Variable expansion in Dockerfile words, as BuildKit's shell lexer does it for FROM, ARG, ENV, WORKDIR, USER
 * and `--from`: `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`. Written
 * once here; image references, ARG defaults, the stage environment and the script reader all expand through it.
 *
 * Every expansion is bounded: a value may refer to earlier values (`ARG B=${A}${A}`), so a short file can ask
 * for an exponentially long text. Past {@link MAX_EXPANDED_LENGTH} characters the result is marked
 * `overLimit` and its text cut, and callers treat the value as unknown and say so.
 */

/** The longest expanded word we build (BuildKit refuses image names over 255 characters; values are rarely long). */
export const MAX_EXPANDED_LENGTH = 16_384;

/** What a variable stands for: a value, or undefined when the Dockerfile alone cannot tell (or it is unset). */
export type VariableLookup = (name: string) => string | undefined;

/** One `$NAME` / `${NAME...}` found by {@link nextVariable} in `raw[start, end)`. */
export interface VariableMatch {
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  /** `:-`, `-`, `:+`, `+`, or undefined for a plain use. */
  operator: string | undefined;
  /** For `${NAME<operator><operand>}`: where the operand starts (it ends at `end - 1`). */
  operandStart: number;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COLON = 0x3a;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOLLAR = 0x24;

function isNameStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 0x30 && code <= 0x39);
}

export function newVariableMatch(): VariableMatch {
  return { start: 0, end: 0, nameStart: 0, nameEnd: 0, operator: undefined, operandStart: 0 };
}

/**
 * The next variable use at or after `from` in `raw`, scanned by index (no match objects: this runs on every
 * FROM of every keystroke). Fills `match` and returns true, or returns false. Quotes are not looked at: the
 * caller decides what is quoted.
 */
export function nextVariable(raw: string, from: number, match: VariableMatch): boolean {
  for (let at = raw.indexOf('$', from); at >= 0; at = raw.indexOf('$', at + 1)) {
    if (variableAt(raw, at, match)) return true;
  }
  return false;
}

/** Whether a variable use starts at `raw[at]` (a `$`); fills `match` when it does. */
export function variableAt(raw: string, at: number, match: VariableMatch): boolean {
  const length = raw.length;
  if (raw.charCodeAt(at) !== DOLLAR) return false;
  let pos = at + 1;
  if (pos >= length) return false;
  let code = raw.charCodeAt(pos);
  if (isNameStart(code)) {
    pos++;
    while (pos < length && isNameChar(raw.charCodeAt(pos))) pos++;
    setMatch(match, at, pos, at + 1, pos, undefined, pos);
    return true;
  }
  if (code !== OPEN_BRACE) return false;
  pos++;
  if (pos >= length || !isNameStart(raw.charCodeAt(pos))) return false;
  const nameStart = pos;
  pos++;
  while (pos < length && isNameChar(raw.charCodeAt(pos))) pos++;
  const nameEnd = pos;
  if (pos >= length) return false;
  code = raw.charCodeAt(pos);
  if (code === CLOSE_BRACE) {
    setMatch(match, at, pos + 1, nameStart, nameEnd, undefined, pos);
    return true;
  }
  let operator: string | undefined;
  if (code === MINUS) operator = '-';
  else if (code === PLUS) operator = '+';
  else if (code === COLON && pos + 1 < length) {
    const next = raw.charCodeAt(pos + 1);
    if (next === MINUS) operator = ':-';
    else if (next === PLUS) operator = ':+';
  }
  if (operator === undefined) return false;
  const operandStart = pos + operator.length;
  const close = raw.indexOf('}', operandStart);
  if (close < 0) return false;
  setMatch(match, at, close + 1, nameStart, nameEnd, operator, operandStart);
  return true;
}

function setMatch(match: VariableMatch, start: number, end: number, nameStart: number, nameEnd: number, operator: string | undefined, operandStart: number): void {
  match.start = start;
  match.end = end;
  match.nameStart = nameStart;
  match.nameEnd = nameEnd;
  match.operator = operator;
  match.operandStart = operandStart;
}

/**
 * What `${NAME<operator>operand}` gives, as BuildKit defines the operators. `known` is the variable's value
 * (undefined: unknown). `unknownIsUnset` answers as if an unknown variable were unset (image references are
 * resolved with the defaults a FROM would use); otherwise an answer that depends on it is undefined.
 */
export function applyOperator(operator: string | undefined, known: string | undefined, operand: string, unknownIsUnset: boolean): string | undefined {
  if (known === undefined && !unknownIsUnset) {
    // `${X+word}` and `${X-word}` of an unknown X could go either way.
    return undefined;
  }
  switch (operator) {
    case ':-':
      return known ? known : operand;
    case '-':
      return known ?? operand;
    case ':+':
      return known ? operand : '';
    case '+':
      return known !== undefined ? operand : '';
    default:
      return known;
  }
}

/** Where one stretch of the expanded text came from. */
export interface ExpansionPiece {
  readonly resolvedStart: number;
  readonly resolvedEnd: number;
  readonly sourceStart: number;
  readonly sourceEnd: number;
  /** True when the stretch is a variable's value (no character-level correspondence with the source). */
  readonly substituted: boolean;
}

export interface VariableUseAt {
  readonly name: string;
  /** The `$NAME` / `${NAME...}` text, as offsets into the expanded source. */
  readonly start: number;
  readonly end: number;
  /** The value it expanded to; undefined when unknown (its text is then kept as written). */
  readonly value: string | undefined;
}

export interface ReferenceExpansion {
  /** The text with every known variable substituted; unknown ones kept as written. */
  readonly text: string;
  readonly pieces: readonly ExpansionPiece[];
  readonly variables: readonly VariableUseAt[];
  /** Every variable had a value, and the result is within the length limit. */
  readonly resolved: boolean;
  /** The expansion passed {@link MAX_EXPANDED_LENGTH}: the text is cut there. */
  readonly overLimit: boolean;
}

const NO_PIECES: readonly ExpansionPiece[] = [];
const NO_USES: readonly VariableUseAt[] = [];
const BACKSLASH = 0x5c;

/**
 * Expands the variables of an image reference (or any word read without quote removal), keeping where each
 * stretch of the result came from so a diagnostic on part of it lands on the right characters. Unknown
 * variables are treated as unset inside operators and kept as written otherwise. An escaped `\$` is literal.
 */
export function expandReference(raw: string, lookup: VariableLookup, maxLength = MAX_EXPANDED_LENGTH): ReferenceExpansion {
  const match = newVariableMatch();
  if (!nextVariable(raw, 0, match)) {
    // Nearly every reference is plain text: one literal piece, and the text is the raw reference itself.
    const pieces = raw.length > 0 ? [{ resolvedStart: 0, resolvedEnd: raw.length, sourceStart: 0, sourceEnd: raw.length, substituted: false }] : NO_PIECES;
    return { text: raw, pieces, variables: NO_USES, resolved: true, overLimit: false };
  }
  const pieces: ExpansionPiece[] = [];
  const variables: VariableUseAt[] = [];
  let text = '';
  let resolved = true;
  let overLimit = false;
  let last = 0;
  const append = (piece: string, sourceStart: number, sourceEnd: number, substituted: boolean): void => {
    if (piece.length === 0 && !substituted) return;
    let added = piece;
    if (text.length + added.length > maxLength) {
      added = added.slice(0, Math.max(0, maxLength - text.length));
      overLimit = true;
    }
    pieces.push({ resolvedStart: text.length, resolvedEnd: text.length + added.length, sourceStart, sourceEnd, substituted });
    text += added;
  };
  do {
    const at = match.start;
    const end = match.end;
    if (at > 0 && raw.charCodeAt(at - 1) === BACKSLASH) continue;
    append(raw.slice(last, at), last, at, false);
    if (overLimit) break;
    const name = raw.slice(match.nameStart, match.nameEnd);
    const operand = match.operator === undefined ? '' : raw.slice(match.operandStart, end - 1);
    const value = applyOperator(match.operator, lookup(name), operand, true);
    variables.push({ name, start: at, end, value });
    if (value === undefined) resolved = false;
    append(value ?? raw.slice(at, end), at, end, true);
    last = end;
    if (overLimit) break;
  } while (nextVariable(raw, match.end, match));
  if (!overLimit) append(raw.slice(last), last, raw.length, false);
  return { text, pieces, variables, resolved: resolved && !overLimit, overLimit };
}

export interface WordExpansion {
  /** The word as BuildKit would hand it on, or undefined when it depends on something unknown. */
  readonly value: string | undefined;
  /** The expansion passed the length limit (the value is then undefined). */
  readonly overLimit: boolean;
}

const SPECIAL_IN_WORD = /['"$]/;
const QUOTE_SPECIAL = /['"$]/;

/**
 * Reads one ENV/ARG/WORKDIR/USER word as BuildKit's shell lexer does: quotes removed, the escape character
 * honoured, variables expanded. The value is undefined when it uses a variable whose value the Dockerfile does
 * not give (it may come from the base image or the command line), a form we do not read, or when it would be
 * longer than {@link MAX_EXPANDED_LENGTH}.
 */
export function expandWord(raw: string, escape: string, lookup: VariableLookup, maxLength = MAX_EXPANDED_LENGTH): WordExpansion {
  // Most values are plain words, or one quoted run: nothing to unescape or expand.
  if (raw.length > maxLength) return { value: undefined, overLimit: true };
  if (!SPECIAL_IN_WORD.test(raw) && !raw.includes(escape)) return { value: raw, overLimit: false };
  const quote = raw[0];
  if ((quote === '"' || quote === "'") && raw.length >= 2 && raw[raw.length - 1] === quote) {
    const inner = raw.slice(1, -1);
    if (!QUOTE_SPECIAL.test(inner) && !inner.includes(escape)) return { value: inner, overLimit: false };
  }
  const reader = new WordReader(raw, escape, lookup, maxLength);
  const value = reader.read();
  return { value: reader.overLimit ? undefined : value, overLimit: reader.overLimit };
}

/** `expandWord(...).value`: the common question. */
export function evaluateWord(raw: string, escape: string, lookup: VariableLookup): string | undefined {
  return expandWord(raw, escape, lookup).value;
}

class WordReader {
  overLimit = false;
  private i = 0;
  private readonly match = newVariableMatch();

  constructor(
    private readonly raw: string,
    private readonly escape: string,
    private readonly lookup: VariableLookup,
    private readonly maxLength: number,
  ) {}

  read(): string | undefined {
    const raw = this.raw;
    let result = '';
    while (this.i < raw.length) {
      if (result.length > this.maxLength) {
        this.overLimit = true;
        return undefined;
      }
      const c = raw[this.i]!;
      if (c === "'") {
        const close = raw.indexOf("'", this.i + 1);
        if (close < 0) return undefined;
        result += raw.slice(this.i + 1, close);
        this.i = close + 1;
      } else if (c === '"') {
        const quoted = this.doubleQuoted();
        if (quoted === undefined) return undefined;
        result += quoted;
      } else if (c === this.escape) {
        if (this.i + 1 < raw.length) result += raw[this.i + 1];
        this.i += 2;
      } else if (c === '$') {
        const value = this.dollar();
        if (value === undefined) return undefined;
        result += value;
      } else {
        result += c;
        this.i++;
      }
    }
    if (result.length > this.maxLength) {
      this.overLimit = true;
      return undefined;
    }
    return result;
  }

  private doubleQuoted(): string | undefined {
    const raw = this.raw;
    let result = '';
    this.i++;
    for (;;) {
      if (this.i >= raw.length) return undefined;
      if (result.length > this.maxLength) {
        this.overLimit = true;
        return undefined;
      }
      const d = raw[this.i]!;
      if (d === '"') break;
      const escaped = raw[this.i + 1];
      if (d === this.escape && escaped !== undefined && (escaped === '"' || escaped === '$' || escaped === this.escape)) {
        result += escaped;
        this.i += 2;
      } else if (d === '$') {
        const value = this.dollar();
        if (value === undefined) return undefined;
        result += value;
      } else {
        result += d;
        this.i++;
      }
    }
    this.i++;
    return result;
  }

  /** raw[i] is `$`: the expansion, or undefined when unknown or a form we do not read. */
  private dollar(): string | undefined {
    const raw = this.raw;
    const match = this.match;
    if (!variableAt(raw, this.i, match)) {
      // `${...}` that is not one of the forms above (`${X#pat}`, `${X/a/b}`): we do not guess.
      if (raw[this.i + 1] === '{') return undefined;
      this.i++;
      return '$';
    }
    const name = raw.slice(match.nameStart, match.nameEnd);
    const end = match.end;
    const operator = match.operator;
    const operandRaw = operator === undefined ? '' : raw.slice(match.operandStart, end - 1);
    this.i = end;
    if (operator === undefined) return this.lookup(name);
    const operand = new WordReader(operandRaw, this.escape, this.lookup, this.maxLength);
    const word = operand.read();
    if (operand.overLimit) this.overLimit = true;
    if (word === undefined) return undefined;
    return applyOperator(operator, this.lookup(name), word, false);
  }
}

const REFERENCE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;

/** Names of the variables `$NAME` / `${NAME...}` in a text, each once, in order of first use. */
export function referencedVariables(text: string): string[] {
  if (!text.includes('$')) return [];
  const names: string[] = [];
  for (const match of text.matchAll(REFERENCE)) if (!names.includes(match[1]!)) names.push(match[1]!);
  return names;
}
