/**
 * Every position, range and formatting option in a request is bounded before any feature sees it (issue 19
 * #2). A client, broken or hostile, can send `end.line: 2147483648` (dockerfile-language-service's range
 * formatting then built an array that size and V8 died with "invalid size"), `1e8` (13 s, 2.4 GB), or
 * `tabSize: 1e8` (25 s, 3.5 GB). So:
 *
 * - numbers become unsigned integers (`1.5` → 1, `-3` → 0, NaN → 0), as LSP defines positions;
 * - with the document at hand, positions are clamped into it: a line past the end is the end, a character
 *   past a line's end is that line's end (TextDocument's own offset rules);
 * - a range's start is never after its end;
 * - `tabSize` is a whole number from 1 to MAX_TAB_SIZE, and the other formatting options booleans.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** Wider than any editor's tab (VS Code offers 1–8; some users pick 16). */
export const MAX_TAB_SIZE = 32;

interface Position {
  line: number;
  character: number;
}

const unsigned = (value: unknown): number => Math.max(0, Math.floor(typeof value === 'number' && Number.isFinite(value) ? value : 0));

function position(p: unknown): Position {
  const q = (p ?? {}) as { line?: unknown; character?: unknown };
  return { line: unsigned(q.line), character: unsigned(q.character) };
}

function clamp(p: Position, document: TextDocument | undefined): Position {
  return document ? document.positionAt(document.offsetAt(p)) : p;
}

function range(r: unknown, document: TextDocument | undefined): { start: Position; end: Position } {
  const q = (r ?? {}) as { start?: unknown; end?: unknown };
  const start = clamp(position(q.start), document);
  const end = clamp(position(q.end), document);
  const ordered = start.line < end.line || (start.line === end.line && start.character <= end.character);
  return ordered ? { start, end } : { start: end, end: start };
}

function formattingOptions(options: unknown): unknown {
  if (!options || typeof options !== 'object') return { tabSize: 4, insertSpaces: true };
  const o = options as Record<string, unknown>;
  const bounded: Record<string, unknown> = { ...o, tabSize: Math.min(MAX_TAB_SIZE, Math.max(1, unsigned(o.tabSize) || 4)), insertSpaces: o.insertSpaces !== false };
  for (const key of ['trimTrailingWhitespace', 'insertFinalNewline', 'trimFinalNewlines', 'ignoreMultilineInstructions']) {
    if (key in o) bounded[key] = o[key] === true;
  }
  return bounded;
}

/**
 * The request's parameters with `position`, `range`, the ranges of `context.diagnostics` and formatting
 * `options` bounded; clamped into `document` when it is given. Anything else is passed as it came.
 */
export function boundRequest<T>(params: T, document?: TextDocument): T {
  if (!params || typeof params !== 'object' || Array.isArray(params)) return params;
  const record = params as Record<string, unknown>;
  let result: Record<string, unknown> = record;
  const set = (key: string, value: unknown): void => {
    if (result === record) result = { ...record };
    result[key] = value;
  };
  if ('position' in record) set('position', clamp(position(record.position), document));
  if (record.range && typeof record.range === 'object') set('range', range(record.range, document));
  if ('options' in record && 'textDocument' in record) set('options', formattingOptions(record.options));
  const context = record.context as { diagnostics?: unknown } | undefined;
  if (context && typeof context === 'object' && Array.isArray(context.diagnostics)) {
    const diagnostics = context.diagnostics.filter((d): d is Record<string, unknown> => !!d && typeof d === 'object').map((d) => ({ ...d, range: range(d.range, document) }));
    set('context', { ...context, diagnostics });
  }
  return result as T;
}
