/**
 * Image references as Docker reads them: `[registry/]repository[:tag][@digest]`, each part with its
 * document span. Variables (`$NAME`, `${NAME}`, `${NAME:-default}`) are resolved from the ARG defaults
 * in scope, and every character of the resolved text remembers where it came from, so a diagnostic on
 * a tag segment lands on the right characters even when the tag was built from an ARG.
 */
import type { Span } from '../syntax/model';
import { expandReference, type VariableLookup } from '../shell/expansion';

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
  /** True when every variable had a value (and the expansion stayed within its length limit). */
  readonly resolved: boolean;
  /** The expansion was longer than the limit (shell/expansion.ts): the text is cut, the reference unresolved. */
  readonly overLimit: boolean;
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

/** Where one stretch of the resolved text came from, in document offsets. */
interface Piece {
  readonly resolvedStart: number;
  readonly resolvedEnd: number;
  readonly docStart: number;
  readonly docEnd: number;
  /** True when the stretch is a variable's value (no character-level correspondence). */
  readonly substituted: boolean;
}

export type { VariableLookup } from '../shell/expansion';

/**
 * Substitutes variables in `raw` (which starts at document offset `docStart`), BuildKit style, through the one
 * expander (shell/expansion.ts): `${X:-d}` gives d when X is empty or unset, `${X-d}` when unset, `${X:+a}` a
 * when X is set and non-empty. The result is bounded; past the limit `overLimit` is set and the text is cut.
 */
export function substituteVariables(
  raw: string,
  docStart: number,
  lookup: VariableLookup,
): { text: string; pieces: Piece[]; variables: VariableUse[]; resolved: boolean; overLimit: boolean } {
  const expanded = expandReference(raw, lookup);
  const pieces = expanded.pieces.map((piece) => ({
    resolvedStart: piece.resolvedStart,
    resolvedEnd: piece.resolvedEnd,
    docStart: docStart + piece.sourceStart,
    docEnd: docStart + piece.sourceEnd,
    substituted: piece.substituted,
  }));
  const variables = expanded.variables.map((use) => ({ name: use.name, span: { start: docStart + use.start, end: docStart + use.end }, value: use.value }));
  return { text: expanded.text, pieces, variables, resolved: expanded.resolved, overLimit: expanded.overLimit };
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
const COLON = 0x3a;
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
  const { text, pieces, variables, resolved, overLimit } = substituteVariables(raw, docStart, lookup);
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
    overLimit,
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
