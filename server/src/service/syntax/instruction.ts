// One instruction read from its joined text: keyword, flags, arguments and form, as BuildKit's
// newNodeFromLine and its per-keyword line parsers read them.
import * as chars from './chars';
import { FlagReader, NO_FLAGS } from './flags';
import { NON_STRING_ARRAY_ERROR, parseJsonArray } from './json';
import { keyValuesError } from './keyValue';
import { SAME_OFFSETS, type OffsetTranslator } from './lines';
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

/**
 * Everything about an instruction that its joined text decides (lines and heredocs come later).
 * Filled in place by {@link readInstruction} and copied into the instruction right away, so one per
 * ONBUILD depth serves every instruction of every parse.
 */
export interface InstructionCore {
  line: JoinedLine;
  keyword: string;
  name: string;
  /** Where the keyword starts in `line.text`. */
  keywordFrom: number;
  flags: readonly Flag[];
  /** The arguments (after HEALTHCHECK's type word) as `line.text[argsFrom, argsTo)`. */
  argsFrom: number;
  argsTo: number;
  form: InstructionForm;
  execArgs: readonly string[] | undefined;
  subcommand: Word | undefined;
  inner: InstructionCore | undefined;
  error: string | undefined;
  /** BuildKit's canContainHeredoc: RUN/COPY/ADD (or ONBUILD wrapping one) not in JSON form. */
  heredocCapable: boolean;
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

interface KnownKeyword {
  readonly lower: string;
  readonly name: string;
  readonly kind: ArgumentKind;
}

/** Known keywords by their lower-case spelling. */
const KNOWN_KEYWORDS: ReadonlyMap<string, KnownKeyword> = new Map(
  [...ARGUMENT_KINDS].map(([lower, kind]) => [lower, { lower, name: lower.toUpperCase(), kind }] as const),
);

/** The same keywords by length, to recognise one in the text without slicing it out first. */
const KEYWORDS_BY_LENGTH: ReadonlyArray<readonly KnownKeyword[] | undefined> = (() => {
  const byLength: KnownKeyword[][] = [];
  for (const known of KNOWN_KEYWORDS.values()) (byLength[known.lower.length] ??= []).push(known);
  return byLength;
})();

/** The known keyword spelled `text[start, end)` in any ASCII case, if any. */
function matchKeyword(text: string, start: number, end: number): KnownKeyword | undefined {
  const candidates = KEYWORDS_BY_LENGTH[end - start];
  if (candidates === undefined) return undefined;
  for (const known of candidates) {
    const lower = known.lower;
    let i = 0;
    for (; i < lower.length; i++) {
      const code = text.charCodeAt(start + i);
      const expected = lower.charCodeAt(i);
      if (code !== expected && code + 0x20 !== expected) break; // keywords are all letters: +0x20 is upper case
    }
    if (i === lower.length) return known;
  }
  return undefined;
}

const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);

/** `ONBUILD ONBUILD ...` nests without limit in BuildKit; we stop here so the JS stack never overflows. */
const MAX_ONBUILD_DEPTH = 16;

const flagReader = new FlagReader();
const EMPTY_LINE: JoinedLine = Object.freeze({ text: '', map: SAME_OFFSETS, escape: '\\' });
const cores: InstructionCore[] = [];

function coreAt(depth: number): InstructionCore {
  return (cores[depth] ??= {
    line: EMPTY_LINE,
    keyword: '',
    name: '',
    keywordFrom: 0,
    flags: NO_FLAGS,
    argsFrom: 0,
    argsTo: 0,
    form: 'na',
    execArgs: undefined,
    subcommand: undefined,
    inner: undefined,
    error: undefined,
    heredocCapable: false,
  });
}

/** Let go of the last instruction read, so that the reusable state holds no document once a parse is over. */
export function releaseReadState(): void {
  for (const core of cores) {
    core.line = EMPTY_LINE;
    core.flags = NO_FLAGS;
    core.execArgs = undefined;
    core.subcommand = undefined;
    core.inner = undefined;
  }
}

/**
 * Read the instruction in `line.text[from, to)`. The result is reused by the next call at the same depth:
 * read what you need from it before reading another instruction.
 */
export function readInstruction(line: JoinedLine, from: number, to: number, depth = 0): InstructionCore {
  const { text, map } = line;
  let start = from;
  while (start < to && isGoSpace(text.charCodeAt(start))) start++;
  let end = to;
  while (end > start && isGoSpace(text.charCodeAt(end - 1))) end--;
  let keywordEnd = start;
  while (keywordEnd < end && !isSeparator(text.charCodeAt(keywordEnd))) keywordEnd++;

  // Keywords are nearly always written in upper case: a known keyword written that way (or in lower case)
  // is handed out as our own string rather than sliced from the text again on every keystroke.
  let known = matchKeyword(text, start, keywordEnd);
  let keyword: string;
  if (known !== undefined && text.startsWith(known.name, start)) keyword = known.name;
  else if (known !== undefined && text.startsWith(known.lower, start)) keyword = known.lower;
  else {
    keyword = text.slice(start, keywordEnd);
    // Outside ASCII, lower-casing can still reach a keyword (the Kelvin sign becomes `k`), as in Go's ToLower.
    known ??= KNOWN_KEYWORDS.get(keyword.toLowerCase());
  }

  let restStart = end;
  let flags = NO_FLAGS;
  if (keywordEnd < end) {
    let afterKeyword = keywordEnd;
    while (afterKeyword < end && isSeparator(text.charCodeAt(afterKeyword))) afterKeyword++;
    flags = flagReader.read(text, afterKeyword, end, line.escape.charCodeAt(0), map);
    restStart = flagReader.restStart;
  }
  let argsFrom = restStart;
  while (argsFrom < end && isGoSpace(text.charCodeAt(argsFrom))) argsFrom++;
  const argsTo = end;

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
      error = keyValuesError(text, argsFrom, argsTo, line.escape, name);
      break;
    default:
      break;
  }

  const heredocCapable =
    kind === 'onbuild'
      ? inner !== undefined && HEREDOC_INSTRUCTIONS.has(inner.name) && inner.form !== 'exec'
      : HEREDOC_INSTRUCTIONS.has(name) && form !== 'exec';

  const core = coreAt(depth);
  core.line = line;
  core.keyword = keyword;
  core.name = name;
  core.keywordFrom = start;
  core.flags = flags;
  core.argsFrom = commandFrom;
  core.argsTo = argsTo;
  core.form = form;
  core.execArgs = execArgs;
  core.subcommand = subcommand;
  core.inner = inner;
  core.error = error;
  core.heredocCapable = heredocCapable;
  return core;
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

/** What few instructions have: kept out of line so that the many without it carry one empty slot, not five. */
interface RareParts {
  readonly execArgs: readonly string[] | undefined;
  readonly subcommand: Word | undefined;
  readonly heredocs: readonly Heredoc[];
  readonly onbuild: Instruction | undefined;
  readonly error: string | undefined;
}

const NO_HEREDOCS: readonly Heredoc[] = Object.freeze([]);

/**
 * An `Instruction` as compact as the parser can make it, since one is built for every instruction on every
 * keystroke: `keywordSpan`, `words`, `argsSpan` and `argsMap` are computed on first use (most features never
 * look at most instructions' keyword span or words), and the rarely set fields share one optional object.
 */
export class ParsedInstruction implements Instruction {
  readonly keyword: string;
  readonly name: string;
  readonly span: Span;
  readonly fullSpan: Span;
  readonly startLine: number;
  readonly endLine: number;
  readonly flags: readonly Flag[];
  readonly args: string;
  readonly form: InstructionForm;
  private readonly rare: RareParts | undefined;
  private readonly line: JoinedLine;
  /** Where the keyword starts in `line.text` (it ends `keyword.length` later). */
  private readonly keywordFrom: number;
  private readonly argsFrom: number;
  private readonly argsTo: number;
  private cachedKeywordSpan: Span | undefined;
  private cachedWords: readonly Word[] | undefined;
  private cachedArgsSpan: Span | undefined;
  private cachedArgsMap: OffsetMap | undefined;

  /** `span` to `heredocs` are where the line reader placed the instruction among the document's lines. */
  constructor(
    core: InstructionCore,
    span: Span,
    fullSpan: Span,
    startLine: number,
    endLine: number,
    heredocs: readonly Heredoc[],
    onbuild: Instruction | undefined,
    error: string | undefined,
  ) {
    this.keyword = core.keyword;
    this.name = core.name;
    this.span = span;
    this.fullSpan = fullSpan;
    this.startLine = startLine;
    this.endLine = endLine;
    this.flags = core.flags;
    this.args = core.line.text.slice(core.argsFrom, core.argsTo);
    this.form = core.form;
    const { execArgs, subcommand } = core;
    this.rare =
      execArgs === undefined && subcommand === undefined && heredocs.length === 0 && onbuild === undefined && error === undefined
        ? undefined
        : { execArgs, subcommand, heredocs, onbuild, error };
    this.line = core.line;
    this.keywordFrom = core.keywordFrom;
    this.argsFrom = core.argsFrom;
    this.argsTo = core.argsTo;
  }

  get execArgs(): readonly string[] | undefined {
    return this.rare?.execArgs;
  }

  get subcommand(): Word | undefined {
    return this.rare?.subcommand;
  }

  get heredocs(): readonly Heredoc[] {
    return this.rare === undefined ? NO_HEREDOCS : this.rare.heredocs;
  }

  get onbuild(): Instruction | undefined {
    return this.rare?.onbuild;
  }

  get error(): string | undefined {
    return this.rare?.error;
  }

  get keywordSpan(): Span {
    this.cachedKeywordSpan ??= this.line.map.span(this.keywordFrom, this.keywordFrom + this.keyword.length);
    return this.cachedKeywordSpan;
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

  /** Plain data (getters included, in the order of `Instruction`), for logging and snapshots. */
  toJSON(): Omit<Instruction, 'argsMap'> {
    return instructionData(this);
  }
}

/** An instruction as plain data (getters included, in the order of `Instruction`; its offset map left out). */
export function instructionData(instruction: Instruction): Omit<Instruction, 'argsMap'> {
  return {
    keyword: instruction.keyword,
    name: instruction.name,
    keywordSpan: instruction.keywordSpan,
    span: instruction.span,
    fullSpan: instruction.fullSpan,
    startLine: instruction.startLine,
    endLine: instruction.endLine,
    flags: instruction.flags,
    args: instruction.args,
    form: instruction.form,
    execArgs: instruction.execArgs,
    subcommand: instruction.subcommand,
    heredocs: instruction.heredocs,
    onbuild: instruction.onbuild,
    error: instruction.error,
    words: instruction.words,
    argsSpan: instruction.argsSpan,
  };
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
