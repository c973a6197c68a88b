/**
 * Image references as Docker reads them: `[registry/]repository[:tag][@digest]`, each part with its
 * document span. Variables (`$NAME`, `${NAME}`, `${NAME:-default}`) are resolved from the ARG defaults
 * in scope, and every character of the resolved text remembers where it came from, so a diagnostic on
 * a tag segment lands on the right characters even when the tag was built from an ARG.
 */
import type { Span } from '../syntax/model';

export interface ReferencePart {
  /** The resolved text of the part. */
  readonly text: string;
  /** Offsets of the part within the resolved reference text. */
  readonly start: number;
  readonly end: number;
  /** Where the part stands in the document. */
  readonly span: Span;
}

export interface VariableUse {
  readonly name: string;
  /** The `$NAME` / `${NAME...}` text in the document. */
  readonly span: Span;
  /** The value it resolved to, or undefined when no default is known. */
  readonly value: string | undefined;
}

export interface ImageReference {
  /** The reference as written in the document. */
  readonly raw: string;
  readonly rawSpan: Span;
  /** The reference with every known variable substituted. */
  readonly text: string;
  /** True when every variable had a value. */
  readonly resolved: boolean;
  readonly variables: readonly VariableUse[];
  /** `mcr.microsoft.com`; undefined for Docker Hub names like `microsoft/dotnet`. */
  readonly registry: ReferencePart | undefined;
  /** The path after the registry: `dotnet/aspnet`. */
  readonly repository: ReferencePart;
  readonly tag: ReferencePart | undefined;
  readonly digest: ReferencePart | undefined;
  /** Maps a range of the resolved text to the document (a variable maps to its whole `${...}`). */
  toDocument(start: number, end: number): Span;
}

/** Where one stretch of the resolved text came from. */
interface Piece {
  readonly resolvedStart: number;
  readonly resolvedEnd: number;
  readonly docStart: number;
  readonly docEnd: number;
  /** True when the stretch is a variable's value (no character-level correspondence). */
  readonly substituted: boolean;
}

export type VariableLookup = (name: string) => string | undefined;

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COLON = 0x3a;
const MINUS = 0x2d;
const PLUS = 0x2b;
const BACKSLASH = 0x5c;

function isNameStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 0x30 && code <= 0x39);
}

/**
 * One variable use found by {@link nextVariable}: `raw[start, end)` is the whole `$NAME` / `${NAME...}`, the
 * name is `raw[nameStart, nameEnd)`, and for `${NAME<operator><operand>}` the operand is `raw[operandStart, end - 1)`.
 */
interface VariableMatch {
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  /** `:-`, `-`, `:+`, `+`, or undefined for none. */
  operator: string | undefined;
  operandStart: number;
}

/**
 * The next match at or after `from` of what used to be the regular expression
 * `\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))`, scanned by index so that
 * resolving a reference allocates no match objects. Fills `match` and returns true, or returns false.
 */
function nextVariable(raw: string, from: number, match: VariableMatch): boolean {
  const length = raw.length;
  for (let at = raw.indexOf('$', from); at >= 0; at = raw.indexOf('$', at + 1)) {
    let pos = at + 1;
    if (pos >= length) return false;
    let code = raw.charCodeAt(pos);
    if (isNameStart(code)) {
      pos++;
      while (pos < length && isNameChar(raw.charCodeAt(pos))) pos++;
      setMatch(match, at, pos, at + 1, pos, undefined, pos);
      return true;
    }
    if (code !== OPEN_BRACE) continue;
    pos++;
    if (pos >= length || !isNameStart(raw.charCodeAt(pos))) continue;
    const nameStart = pos;
    pos++;
    while (pos < length && isNameChar(raw.charCodeAt(pos))) pos++;
    const nameEnd = pos;
    if (pos >= length) continue;
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
    if (operator === undefined) continue;
    const operandStart = pos + operator.length;
    const close = raw.indexOf('}', operandStart);
    if (close < 0) continue;
    setMatch(match, at, close + 1, nameStart, nameEnd, operator, operandStart);
    return true;
  }
  return false;
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
 * Substitutes variables in `raw` (which starts at document offset `docStart`), BuildKit style:
 * `${X:-d}` gives d when X is empty or unset, `${X-d}` when unset, `${X:+a}` a when X is set and non-empty.
 */
export function substituteVariables(
  raw: string,
  docStart: number,
  lookup: VariableLookup,
): { text: string; pieces: Piece[]; variables: VariableUse[]; resolved: boolean } {
  const pieces: Piece[] = [];
  const variables: VariableUse[] = [];
  const match: VariableMatch = { start: 0, end: 0, nameStart: 0, nameEnd: 0, operator: undefined, operandStart: 0 };
  if (!nextVariable(raw, 0, match)) {
    // Nearly every reference is plain text: one literal piece, and the text is the raw reference itself.
    if (raw.length > 0) pieces.push({ resolvedStart: 0, resolvedEnd: raw.length, docStart, docEnd: docStart + raw.length, substituted: false });
    return { text: raw, pieces, variables, resolved: true };
  }
  let text = '';
  let resolved = true;
  let last = 0;
  const pushLiteral = (from: number, to: number): void => {
    if (to <= from) return;
    pieces.push({ resolvedStart: text.length, resolvedEnd: text.length + to - from, docStart: docStart + from, docEnd: docStart + to, substituted: false });
    text += raw.slice(from, to);
  };
  do {
    const at = match.start;
    const matchEnd = match.end;
    // An escaped dollar (`\$`) is literal.
    if (at > 0 && raw.charCodeAt(at - 1) === BACKSLASH) continue;
    pushLiteral(last, at);
    const name = raw.slice(match.nameStart, match.nameEnd);
    const operator = match.operator;
    const operand = operator === undefined ? '' : raw.slice(match.operandStart, matchEnd - 1);
    const known = lookup(name);
    let value: string | undefined;
    if (operator === ':-') value = known ? known : operand;
    else if (operator === '-') value = known ?? operand;
    else if (operator === ':+') value = known ? operand : '';
    else if (operator === '+') value = known !== undefined ? operand : '';
    else value = known;
    const span = { start: docStart + at, end: docStart + matchEnd };
    variables.push({ name, span, value });
    if (value === undefined) {
      resolved = false;
      value = raw.slice(at, matchEnd);
    }
    pieces.push({ resolvedStart: text.length, resolvedEnd: text.length + value.length, docStart: span.start, docEnd: span.end, substituted: true });
    text += value;
    last = matchEnd;
  } while (nextVariable(raw, match.end, match));
  pushLiteral(last, raw.length);
  return { text, pieces, variables, resolved };
}

function mapper(pieces: readonly Piece[], docStart: number, docEnd: number): (start: number, end: number) => Span {
  return (start, end) => {
    const s = locate(pieces, docStart, docEnd, start, false);
    const e = end > start ? locate(pieces, docStart, docEnd, end, true) : s;
    return { start: s, end: Math.max(s, e) };
  };
}

/** The document offset of a resolved-text offset (an end offset when `isEnd`); a variable maps to its whole use. */
function locate(pieces: readonly Piece[], docStart: number, docEnd: number, offset: number, isEnd: boolean): number {
  for (const piece of pieces) {
    const inside = isEnd ? offset > piece.resolvedStart && offset <= piece.resolvedEnd : offset >= piece.resolvedStart && offset < piece.resolvedEnd;
    if (!inside) continue;
    if (piece.substituted) return isEnd ? piece.docEnd : piece.docStart;
    return piece.docStart + (offset - piece.resolvedStart);
  }
  return isEnd ? docEnd : offset === 0 ? docStart : docEnd;
}

/** True when `text[0, end)`, the first path component, names a registry rather than a Docker Hub namespace. */
function isRegistryComponent(text: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === DOT || code === COLON) return true;
  }
  return end === LOCALHOST.length && text.startsWith(LOCALHOST);
}

const DOT = 0x2e;
const SLASH = 0x2f;
const LOCALHOST = 'localhost';
const NO_VARIABLES: VariableLookup = () => undefined;

function part(text: string, toDocument: (start: number, end: number) => Span, start: number, end: number): ReferencePart {
  return { text: text.slice(start, end), start, end, span: toDocument(start, end) };
}

/** First index of `code` in `text[from, to)`, or -1. */
function indexIn(text: string, code: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
}

/**
 * Parses an image reference written at document offset `docStart`.
 * Never throws; an empty or odd reference still gives a repository part (possibly empty).
 */
export function parseImageReference(raw: string, docStart: number, lookup: VariableLookup = NO_VARIABLES): ImageReference {
  const { text, pieces, variables, resolved } = substituteVariables(raw, docStart, lookup);
  const toDocument = mapper(pieces, docStart, docStart + raw.length);

  const at = text.indexOf('@');
  const nameAndTagEnd = at >= 0 ? at : text.length;
  const digest = at >= 0 ? part(text, toDocument, at + 1, text.length) : undefined;
  let lastSlash = nameAndTagEnd - 1;
  while (lastSlash >= 0 && text.charCodeAt(lastSlash) !== SLASH) lastSlash--;
  const colon = indexIn(text, COLON, lastSlash + 1, nameAndTagEnd);
  const nameEnd = colon >= 0 ? colon : nameAndTagEnd;
  const tag = colon >= 0 ? part(text, toDocument, colon + 1, nameAndTagEnd) : undefined;
  const firstSlash = indexIn(text, SLASH, 0, nameAndTagEnd);
  const hasRegistry = firstSlash > 0 && firstSlash < nameEnd && isRegistryComponent(text, firstSlash);
  const registry = hasRegistry ? part(text, toDocument, 0, firstSlash) : undefined;
  const repository = part(text, toDocument, hasRegistry ? firstSlash + 1 : 0, nameEnd);
  return {
    raw,
    rawSpan: { start: docStart, end: docStart + raw.length },
    text,
    resolved,
    variables,
    registry,
    repository,
    tag,
    digest,
    toDocument,
  };
}

/** `registry/repository` in lower case, as used to look images up (`mcr.microsoft.com/dotnet/sdk`, `microsoft/dotnet`). */
export function imageName(ref: ImageReference): string {
  const repo = ref.repository.text.toLowerCase();
  return ref.registry ? `${ref.registry.text.toLowerCase()}/${repo}` : repo;
}
