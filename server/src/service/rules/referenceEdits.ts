/**
 * Turns "replace this part of the resolved image reference with that" into an edit of the document, even
 * when the part came from a global ARG default (`ARG TAG=8.0` … `FROM …:$TAG`): the edit then changes the
 * ARG's default, so the Dockerfile keeps its shape. When the changed text straddles a variable and literal
 * text, or comes from a variable without a plain default, no edit is offered (a wrong edit is worse).
 */
import type { DockerfileModel } from '../model';
import type { Instruction } from '../syntax/model';
import { splitQuotedWords } from '../syntax/keyValue';
import { substituteVariables, type ImageReference } from '../images/imageReference';
import type { TextReplacement } from './fixData';

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

/**
 * An edit that makes the resolved reference text `[start, end)` read `newText`; undefined when that
 * cannot be done by editing one place of the document.
 */
export function editReference(
  model: DockerfileModel,
  reference: ImageReference,
  start: number,
  end: number,
  newText: string,
  options: EditOptions,
): TextReplacement | undefined {
  const { pieces } = substituteVariables(reference.raw, reference.rawSpan.start, model.stages.globalArg);
  const result = (documentStart: number, documentEnd: number, text: string): TextReplacement => ({
    start: documentStart,
    end: documentEnd,
    newText: text,
    title: options.title,
    ...(options.preferred ? { preferred: true } : {}),
    ...(options.safe ? { safe: true } : {}),
  });
  const touching = (from: number, to: number): typeof pieces =>
    pieces.filter((p) => (from === to ? p.resolvedStart <= from && from <= p.resolvedEnd : p.resolvedStart < to && from < p.resolvedEnd));
  /** The document span of resolved `[from, to)` when it is all literal text, contiguous in the document. */
  const literalSpan = (from: number, to: number): { start: number; end: number } | undefined => {
    const touched = touching(from, to);
    if (touched.length === 0 || touched.some((p) => p.substituted)) {
      const literal = from === to ? touched.find((p) => !p.substituted) : undefined;
      if (!literal) return undefined;
      const at = literal.docStart + (from - literal.resolvedStart);
      return { start: at, end: at };
    }
    if (touched.some((p, i) => i > 0 && p.docStart !== touched[i - 1]!.docEnd)) return undefined;
    const first = touched[0]!;
    const last = touched[touched.length - 1]!;
    return { start: first.docStart + (from - first.resolvedStart), end: from === to ? first.docStart + (from - first.resolvedStart) : last.docStart + (to - last.resolvedStart) };
  };

  // Written out in the FROM line: replace the whole part, which reads best in the editor.
  const whole = literalSpan(start, end);
  if (whole) return result(whole.start, whole.end, newText);

  // Otherwise change only what differs, and only if that lies in one place.
  const old = reference.text.slice(start, end);
  const prefix = commonPrefix(old, newText);
  const suffix = commonSuffix(old, newText, prefix);
  const from = start + prefix;
  const to = end - suffix;
  const insert = newText.slice(prefix, newText.length - suffix);
  const narrow = literalSpan(from, to);
  if (narrow) return result(narrow.start, narrow.end, insert);
  const touched = touching(from, to);
  if (touched.length !== 1) return undefined;
  const piece = touched[0]!;
  const variable = reference.variables.find((v) => v.span.start === piece.docStart && v.span.end === piece.docEnd);
  const written = model.syntax.text.slice(piece.docStart, piece.docEnd);
  // Only `$NAME` / `${NAME}`: with an operator the value may come from the FROM line itself.
  if (!variable?.value || !/^\$(?:\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$/.test(written)) return undefined;
  const valueStart = globalArgValueStart(model, variable.name, variable.value);
  if (valueStart === undefined) return undefined;
  return result(valueStart + (from - piece.resolvedStart), valueStart + (to - piece.resolvedStart), insert);
}
