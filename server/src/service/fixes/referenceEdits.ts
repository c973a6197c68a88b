/**
 * Turns "replace this part of the resolved image reference with that" into an edit of the document, even
 * when the part came from a global ARG default (`ARG TAG=8.0` … `FROM …:$TAG`): the edit then changes the
 * ARG's default, so the Dockerfile keeps its shape. When the changed text straddles a variable and literal
 * text, or comes from a variable without a plain default, no edit is offered (a wrong edit is worse).
 */
import type { DockerfileModel } from '../document/model';
import type { Instruction } from '../syntax/model';
import { splitQuotedWords } from '../syntax/keyValue';
import { substituteVariables, type ImageReference } from '../images/imageReference';
import type { Fix } from './editKit';
import { memoSlot } from '../document/modelMemo';

export interface EditOptions {
  readonly title: string;
  readonly preferred?: boolean;
  readonly safe?: boolean;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function commonSuffix(a: string, b: string, limit: number): number {
  let i = 0;
  while (i < a.length - limit && i < b.length - limit && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return i;
}

/** Where the default value of the last global `ARG name=value` starts in the document, if written plainly. */
function globalArgValueStart(model: DockerfileModel, name: string, expected: string): number | undefined {
  let declaration: Instruction | undefined;
  for (const arg of model.stages.globalArgs) if (arg.name === name) declaration = arg.instruction;
  if (!declaration) return undefined;
  let found: number | undefined;
  for (const word of splitQuotedWords(declaration.args, model.syntax.escape)) {
    if (!word.text.startsWith(`${name}=`)) continue;
    const raw = word.text.slice(name.length + 1);
    let start = word.start + name.length + 1;
    let value = raw;
    if (raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0]) {
      value = raw.slice(1, -1);
      start += 1;
    }
    found = value === expected ? declaration.argsMap.toDocument(start) : undefined;
  }
  return found;
}

type Piece = ReturnType<typeof substituteVariables>['pieces'][number];

/** References' pieces, kept on the model: several rules and suggestions edit the same reference of one parse. */
const PIECES = memoSlot<Map<ImageReference, readonly Piece[]>>('reference pieces');

function piecesOf(model: DockerfileModel, reference: ImageReference): readonly Piece[] {
  const known = model.memo.get(PIECES, () => new Map());
  let pieces = known.get(reference);
  if (!pieces) {
    pieces = substituteVariables(reference.raw, reference.rawSpan.start, model.stages.globalArg).pieces;
    known.set(reference, pieces);
  }
  return pieces;
}

/** Does the piece hold part of resolved `[from, to)` (for an empty range: touch `from`)? */
function touches(piece: Piece, from: number, to: number): boolean {
  return from === to ? piece.resolvedStart <= from && from <= piece.resolvedEnd : piece.resolvedStart < to && from < piece.resolvedEnd;
}

/** Index of the first piece touching resolved `[from, to)`, or -1; the ones touching it follow it. */
function firstTouching(pieces: readonly Piece[], from: number, to: number): number {
  for (let i = 0; i < pieces.length; i++) if (touches(pieces[i]!, from, to)) return i;
  return -1;
}

/** The document span of resolved `[from, to)` when it is all literal text, contiguous in the document. */
function literalSpan(pieces: readonly Piece[], from: number, to: number): { start: number; end: number } | undefined {
  const first = firstTouching(pieces, from, to);
  let last = first;
  let substituted = first >= 0 && pieces[first]!.substituted;
  let contiguous = true;
  while (first >= 0 && last + 1 < pieces.length && touches(pieces[last + 1]!, from, to)) {
    last++;
    if (pieces[last]!.substituted) substituted = true;
    if (pieces[last]!.docStart !== pieces[last - 1]!.docEnd) contiguous = false;
  }
  if (first < 0 || substituted) {
    if (from !== to || first < 0) return undefined;
    // An insertion point at the edge of a variable may still lie in the literal next to it.
    let literal: Piece | undefined;
    for (let i = first; i <= last && !literal; i++) if (!pieces[i]!.substituted) literal = pieces[i];
    if (!literal) return undefined;
    const at = literal.docStart + (from - literal.resolvedStart);
    return { start: at, end: at };
  }
  if (!contiguous) return undefined;
  const start = pieces[first]!.docStart + (from - pieces[first]!.resolvedStart);
  return { start, end: from === to ? start : pieces[last]!.docStart + (to - pieces[last]!.resolvedStart) };
}

function replacement(start: number, end: number, newText: string, options: EditOptions): Fix {
  return { title: options.title, edits: [{ start, end, newText }], preferred: options.preferred === true, safe: options.safe === true };
}

/**
 * The fix that makes the resolved reference text `[start, end)` read `newText` by one edit of the document;
 * undefined when that cannot be done, or when the document already reads so.
 */
export function editReference(
  model: DockerfileModel,
  reference: ImageReference,
  start: number,
  end: number,
  newText: string,
  options: EditOptions,
): Fix | undefined {
  const pieces = piecesOf(model, reference);
  if (reference.text.slice(start, end) === newText) return undefined;

  // Written out in the FROM line: replace the whole part, which reads best in the editor.
  const whole = literalSpan(pieces, start, end);
  if (whole) return replacement(whole.start, whole.end, newText, options);

  // Otherwise change only what differs, and only if that lies in one place.
  const old = reference.text.slice(start, end);
  const prefix = commonPrefix(old, newText);
  const suffix = commonSuffix(old, newText, prefix);
  const from = start + prefix;
  const to = end - suffix;
  const insert = newText.slice(prefix, newText.length - suffix);
  const narrow = literalSpan(pieces, from, to);
  if (narrow) return replacement(narrow.start, narrow.end, insert, options);
  const first = firstTouching(pieces, from, to);
  if (first < 0 || (first + 1 < pieces.length && touches(pieces[first + 1]!, from, to))) return undefined;
  const piece = pieces[first]!;
  const variable = reference.variables.find((v) => v.span.start === piece.docStart && v.span.end === piece.docEnd);
  const written = model.syntax.text.slice(piece.docStart, piece.docEnd);
  // Only `$NAME` / `${NAME}`: with an operator the value may come from the FROM line itself.
  if (!variable?.value || !PLAIN_VARIABLE.test(written)) return undefined;
  const valueStart = globalArgValueStart(model, variable.name, variable.value);
  if (valueStart === undefined) return undefined;
  return replacement(valueStart + (from - piece.resolvedStart), valueStart + (to - piece.resolvedStart), insert, options);
}

const PLAIN_VARIABLE = /^\$(?:\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$/;
