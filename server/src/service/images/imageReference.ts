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

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

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
  let text = '';
  let resolved = true;
  let last = 0;
  const pushLiteral = (from: number, to: number): void => {
    if (to <= from) return;
    pieces.push({ resolvedStart: text.length, resolvedEnd: text.length + to - from, docStart: docStart + from, docEnd: docStart + to, substituted: false });
    text += raw.slice(from, to);
  };
  for (const match of raw.matchAll(VARIABLE)) {
    const at = match.index ?? 0;
    // An escaped dollar (`\$`) is literal.
    if (at > 0 && raw[at - 1] === '\\') continue;
    pushLiteral(last, at);
    const name = match[1] ?? match[4] ?? '';
    const operator = match[2];
    const operand = match[3] ?? '';
    const known = lookup(name);
    let value: string | undefined;
    if (operator === ':-') value = known ? known : operand;
    else if (operator === '-') value = known ?? operand;
    else if (operator === ':+') value = known ? operand : '';
    else if (operator === '+') value = known !== undefined ? operand : '';
    else value = known;
    const span = { start: docStart + at, end: docStart + at + match[0].length };
    variables.push({ name, span, value });
    if (value === undefined) {
      resolved = false;
      value = match[0];
    }
    pieces.push({ resolvedStart: text.length, resolvedEnd: text.length + value.length, docStart: span.start, docEnd: span.end, substituted: true });
    text += value;
    last = at + match[0].length;
  }
  pushLiteral(last, raw.length);
  return { text, pieces, variables, resolved };
}

function mapper(pieces: readonly Piece[], docStart: number, docEnd: number): (start: number, end: number) => Span {
  const locate = (offset: number, isEnd: boolean): number => {
    for (const piece of pieces) {
      const inside = isEnd ? offset > piece.resolvedStart && offset <= piece.resolvedEnd : offset >= piece.resolvedStart && offset < piece.resolvedEnd;
      if (!inside) continue;
      if (piece.substituted) return isEnd ? piece.docEnd : piece.docStart;
      return piece.docStart + (offset - piece.resolvedStart);
    }
    return isEnd ? docEnd : offset === 0 ? docStart : docEnd;
  };
  return (start, end) => {
    const s = locate(start, false);
    const e = end > start ? locate(end, true) : s;
    return { start: s, end: Math.max(s, e) };
  };
}

/** True when the first path component names a registry rather than a Docker Hub namespace. */
function isRegistryComponent(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost';
}

/**
 * Parses an image reference written at document offset `docStart`.
 * Never throws; an empty or odd reference still gives a repository part (possibly empty).
 */
export function parseImageReference(raw: string, docStart: number, lookup: VariableLookup = () => undefined): ImageReference {
  const { text, pieces, variables, resolved } = substituteVariables(raw, docStart, lookup);
  const toDocument = mapper(pieces, docStart, docStart + raw.length);
  const part = (start: number, end: number): ReferencePart => ({ text: text.slice(start, end), start, end, span: toDocument(start, end) });

  const at = text.indexOf('@');
  const nameAndTag = at >= 0 ? text.slice(0, at) : text;
  const digest = at >= 0 ? part(at + 1, text.length) : undefined;
  const lastSlash = nameAndTag.lastIndexOf('/');
  const colon = nameAndTag.indexOf(':', lastSlash + 1);
  const nameEnd = colon >= 0 ? colon : nameAndTag.length;
  const tag = colon >= 0 ? part(colon + 1, nameAndTag.length) : undefined;
  const firstSlash = nameAndTag.indexOf('/');
  const hasRegistry = firstSlash > 0 && firstSlash < nameEnd && isRegistryComponent(nameAndTag.slice(0, firstSlash));
  const registry = hasRegistry ? part(0, firstSlash) : undefined;
  const repository = part(hasRegistry ? firstSlash + 1 : 0, nameEnd);
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
