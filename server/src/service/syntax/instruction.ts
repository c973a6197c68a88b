// One instruction read from its joined text: keyword, flags, arguments and form, as BuildKit's
// newNodeFromLine and its per-keyword line parsers read them.
import * as chars from './chars';
import { extractFlags } from './flags';
import { NON_STRING_ARRAY_ERROR, parseJsonArray } from './json';
import { parseKeyValues } from './keyValue';
import type { OffsetTranslator } from './lines';
import type { Flag, Heredoc, Instruction, InstructionForm, OffsetMap, Span, Word } from './model';

// Bound once: under CommonJS (tsx) every access to an imported binding is a getter call.
const { isAsciiSpace, isGoSpace, isSeparator } = chars;

/** The joined text of one instruction and how to find its characters in the document. */
export interface JoinedLine {
  /** The joined text, or the document itself when the instruction sits on one line. */
  readonly text: string;
  readonly map: OffsetTranslator;
  readonly escape: string;
}

/** Everything about an instruction that its joined text decides (lines and heredocs come later). */
export interface InstructionCore {
  readonly line: JoinedLine;
  readonly keyword: string;
  readonly name: string;
  readonly keywordSpan: Span;
  readonly flags: readonly Flag[];
  /** The arguments (after HEALTHCHECK's type word) as `line.text[argsFrom, argsTo)`. */
  readonly argsFrom: number;
  readonly argsTo: number;
  readonly form: InstructionForm;
  readonly execArgs: readonly string[] | undefined;
  readonly subcommand: Word | undefined;
  readonly inner: InstructionCore | undefined;
  readonly error: string | undefined;
  /** BuildKit's canContainHeredoc: RUN/COPY/ADD (or ONBUILD wrapping one) not in JSON form. */
  readonly heredocCapable: boolean;
}

type ArgumentKind = 'maybeJson' | 'healthcheck' | 'onbuild' | 'keyValues' | 'plain';

const ARGUMENT_KINDS: ReadonlyMap<string, ArgumentKind> = new Map<string, ArgumentKind>([
  ['cmd', 'maybeJson'],
  ['entrypoint', 'maybeJson'],
  ['run', 'maybeJson'],
  ['shell', 'maybeJson'],
  ['add', 'maybeJson'],
  ['copy', 'maybeJson'],
  ['volume', 'maybeJson'],
  ['healthcheck', 'healthcheck'],
  ['onbuild', 'onbuild'],
  ['env', 'keyValues'],
  ['label', 'keyValues'],
  ['arg', 'plain'],
  ['expose', 'plain'],
  ['from', 'plain'],
  ['maintainer', 'plain'],
  ['stopsignal', 'plain'],
  ['user', 'plain'],
  ['workdir', 'plain'],
]);

/** Known keywords by their lower-case and upper-case spelling. */
const KNOWN_KEYWORDS: ReadonlyMap<string, { readonly name: string; readonly kind: ArgumentKind }> = new Map(
  [...ARGUMENT_KINDS].flatMap(([lower, kind]) => {
    const entry = { name: lower.toUpperCase(), kind };
    return [
      [lower, entry],
      [entry.name, entry],
    ] as const;
  }),
);

const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);

/** `ONBUILD ONBUILD ...` nests without limit in BuildKit; we stop here so the JS stack never overflows. */
const MAX_ONBUILD_DEPTH = 16;

const NO_FLAGS: readonly Flag[] = Object.freeze([]);

/** Read the instruction in `line.text[from, to)`. */
export function readInstruction(line: JoinedLine, from: number, to: number, depth = 0): InstructionCore {
  const { text, map } = line;
  let start = from;
  while (start < to && isGoSpace(text.charCodeAt(start))) start++;
  let end = to;
  while (end > start && isGoSpace(text.charCodeAt(end - 1))) end--;
  let keywordEnd = start;
  while (keywordEnd < end && !isSeparator(text.charCodeAt(keywordEnd))) keywordEnd++;
  const keyword = text.slice(start, keywordEnd);

  let restStart = end;
  let flags = NO_FLAGS;
  if (keywordEnd < end) {
    let afterKeyword = keywordEnd;
    while (afterKeyword < end && isSeparator(text.charCodeAt(afterKeyword))) afterKeyword++;
    const scan = extractFlags(text, afterKeyword, end, line.escape.charCodeAt(0));
    restStart = scan.restStart;
    if (scan.flags.length > 0) {
      flags = scan.flags.map((flag) => ({
        name: flag.name,
        value: flag.value,
        span: map.span(flag.start, flag.end),
        valueSpan: flag.valueStart === undefined ? undefined : map.span(flag.valueStart, flag.end),
      }));
    }
  }
  let argsFrom = restStart;
  while (argsFrom < end && isGoSpace(text.charCodeAt(argsFrom))) argsFrom++;
  const argsTo = end;

  // Keywords are nearly always written in upper case: look that up before building a lower-cased copy.
  const known = KNOWN_KEYWORDS.get(keyword) ?? KNOWN_KEYWORDS.get(keyword.toLowerCase());
  const kind = known?.kind;
  const name = known === undefined ? keyword.toUpperCase() : known.name;

  let form: InstructionForm = 'na';
  let execArgs: string[] | undefined;
  let subcommand: Word | undefined;
  let inner: InstructionCore | undefined;
  let error: string | undefined;
  let commandFrom = argsFrom;

  switch (kind) {
    case 'maybeJson':
      ({ form, execArgs, error } = readMaybeJson(text, commandFrom, argsTo));
      break;
    case 'healthcheck': {
      if (argsFrom === argsTo) {
        form = 'none';
        break;
      }
      let typeEnd = argsFrom;
      while (typeEnd < argsTo && !isAsciiSpace(text.charCodeAt(typeEnd))) typeEnd++;
      subcommand = { text: text.slice(argsFrom, typeEnd), span: map.span(argsFrom, typeEnd) };
      commandFrom = typeEnd;
      while (commandFrom < argsTo && isAsciiSpace(text.charCodeAt(commandFrom))) commandFrom++;
      ({ form, execArgs, error } = readMaybeJson(text, commandFrom, argsTo));
      // `HEALTHCHECK NONE` takes no command at all, so JSON is not applicable to it.
      if (form === 'none' && subcommand.text.toUpperCase() === 'NONE') form = 'na';
      break;
    }
    case 'onbuild':
      if (argsFrom < argsTo) {
        if (depth >= MAX_ONBUILD_DEPTH) {
          error = `ONBUILD nested more than ${MAX_ONBUILD_DEPTH} levels deep`;
        } else {
          inner = readInstruction(line, argsFrom, argsTo, depth + 1);
          error = inner.error;
        }
      }
      break;
    case 'keyValues':
      error = parseKeyValues(text.slice(argsFrom, argsTo), line.escape, name).error;
      break;
    default:
      break;
  }

  const heredocCapable =
    kind === 'onbuild'
      ? inner !== undefined && HEREDOC_INSTRUCTIONS.has(inner.name) && inner.form !== 'exec'
      : HEREDOC_INSTRUCTIONS.has(name) && form !== 'exec';

  return {
    line,
    keyword,
    name,
    keywordSpan: map.span(start, keywordEnd),
    flags,
    argsFrom: commandFrom,
    argsTo,
    form,
    execArgs,
    subcommand,
    inner,
    error,
    heredocCapable,
  };
}

interface CommandForm {
  readonly form: InstructionForm;
  readonly execArgs: string[] | undefined;
  readonly error: string | undefined;
}

const NO_COMMAND: CommandForm = Object.freeze({ form: 'none', execArgs: undefined, error: undefined });
const SHELL_FORM: CommandForm = Object.freeze({ form: 'shell', execArgs: undefined, error: undefined });
const NON_STRING_JSON: CommandForm = Object.freeze({ form: 'exec', execArgs: undefined, error: NON_STRING_ARRAY_ERROR });

/** BuildKit's parseMaybeJSON(ToList): no arguments, a JSON array of strings, an error, or shell form. */
function readMaybeJson(text: string, from: number, to: number): CommandForm {
  if (from === to) return NO_COMMAND;
  if (text.charCodeAt(from) !== 0x5b) return SHELL_FORM; // not `[`: not even worth asking JSON.parse
  const result = parseJsonArray(text.slice(from, to));
  if (result.kind === 'strings') return { form: 'exec', execArgs: result.values, error: undefined };
  return result.kind === 'nonString' ? NON_STRING_JSON : SHELL_FORM;
}

/** Where an instruction sits among the document's lines, decided by the line reader. */
export interface Placement {
  readonly span: Span;
  readonly fullSpan: Span;
  readonly startLine: number;
  readonly endLine: number;
  readonly heredocs: readonly Heredoc[];
}

/**
 * An `Instruction` whose `words`, `argsSpan` and `argsMap` are computed on first use: most features
 * never look at most instructions' words, and not allocating them keeps a 10,000-line parse fast.
 */
export class ParsedInstruction implements Instruction {
  readonly keyword: string;
  readonly name: string;
  readonly keywordSpan: Span;
  readonly span: Span;
  readonly fullSpan: Span;
  readonly startLine: number;
  readonly endLine: number;
  readonly flags: readonly Flag[];
  readonly args: string;
  readonly form: InstructionForm;
  readonly execArgs: readonly string[] | undefined;
  readonly subcommand: Word | undefined;
  readonly heredocs: readonly Heredoc[];
  readonly onbuild: Instruction | undefined;
  readonly error: string | undefined;
  private readonly line: JoinedLine;
  private readonly argsFrom: number;
  private readonly argsTo: number;
  private cachedWords: readonly Word[] | undefined;
  private cachedArgsSpan: Span | undefined;
  private cachedArgsMap: OffsetMap | undefined;

  constructor(core: InstructionCore, placement: Placement, onbuild: Instruction | undefined, error: string | undefined) {
    this.keyword = core.keyword;
    this.name = core.name;
    this.keywordSpan = core.keywordSpan;
    this.span = placement.span;
    this.fullSpan = placement.fullSpan;
    this.startLine = placement.startLine;
    this.endLine = placement.endLine;
    this.flags = core.flags;
    this.args = core.line.text.slice(core.argsFrom, core.argsTo);
    this.form = core.form;
    this.execArgs = core.execArgs;
    this.subcommand = core.subcommand;
    this.heredocs = placement.heredocs;
    this.onbuild = onbuild;
    this.error = error;
    this.line = core.line;
    this.argsFrom = core.argsFrom;
    this.argsTo = core.argsTo;
  }

  get words(): readonly Word[] {
    this.cachedWords ??= splitWords(this.line, this.argsFrom, this.argsTo);
    return this.cachedWords;
  }

  get argsSpan(): Span {
    const { map } = this.line;
    this.cachedArgsSpan ??=
      this.argsTo > this.argsFrom ? map.span(this.argsFrom, this.argsTo) : emptySpan(map.after(this.argsFrom));
    return this.cachedArgsSpan;
  }

  get argsMap(): OffsetMap {
    this.cachedArgsMap ??= new ArgsOffsetMap(this.line.map, this.argsFrom, this.argsTo);
    return this.cachedArgsMap;
  }

  /** Plain data (getters included), for logging and snapshots. */
  toJSON(): Omit<Instruction, 'argsMap'> {
    const { line: _line, argsFrom: _from, argsTo: _to, cachedWords: _w, cachedArgsSpan: _s, cachedArgsMap: _m, ...rest } = this;
    return { ...rest, words: this.words, argsSpan: this.argsSpan };
  }
}

function emptySpan(at: number): Span {
  return { start: at, end: at };
}

/** `text[from, to)` split on runs of `[\t\v\f\r ]`, each word with its document span. */
function splitWords(line: JoinedLine, from: number, to: number): Word[] {
  const { text, map } = line;
  const words: Word[] = [];
  let pos = from;
  while (pos < to) {
    while (pos < to && isSeparator(text.charCodeAt(pos))) pos++;
    if (pos >= to) break;
    const start = pos;
    while (pos < to && !isSeparator(text.charCodeAt(pos))) pos++;
    words.push({ text: text.slice(start, pos), span: map.span(start, pos) });
  }
  return words;
}

/** `OffsetMap` over the joined range `[from, to)`: each argument character is a document character. */
class ArgsOffsetMap implements OffsetMap {
  private readonly emptyAt: number;

  constructor(
    private readonly map: OffsetTranslator,
    private readonly from: number,
    private readonly to: number,
  ) {
    this.emptyAt = map.after(from);
  }

  toDocument(argsOffset: number): number {
    const length = this.to - this.from;
    if (length === 0) return this.emptyAt;
    let index = Math.trunc(argsOffset);
    if (!(index > 0)) index = 0; // also catches NaN
    if (index >= length) return this.map.charAt(this.to - 1) + 1;
    return this.map.charAt(this.from + index);
  }
}
