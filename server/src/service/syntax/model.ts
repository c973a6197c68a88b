/**
 * The syntax model of a Dockerfile, read exactly as BuildKit's parser reads it
 * (github.com/moby/buildkit/frontend/dockerfile/parser): directives, line continuations with the
 * file's escape character, comments inside continuations, flags, exec (JSON) vs shell form, heredocs.
 *
 * All positions are UTF-16 offsets into the document text (what `TextDocument.positionAt` takes),
 * `end` exclusive. The model is immutable once built and shared by every feature for one document version.
 */

/** A half-open range of document offsets. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** `# syntax=`, `# escape=`, `# check=` at the very top of the file. */
export interface Directive {
  /** Lower-cased key: `syntax`, `escape` or `check`. */
  readonly name: string;
  readonly value: string;
  readonly span: Span;
  /** Where `value` stands in the document. */
  readonly valueSpan?: Span;
  /** What BuildKit rejects about this directive (an escape other than `\` or `` ` ``, a repeated directive). */
  readonly error?: string;
}

/** A `#` comment line (not a directive). Comments inside continuations are included. */
export interface Comment {
  /** The text after `#`, trimmed. */
  readonly text: string;
  /** The whole line, from `#` to the end of the line (no newline). */
  readonly span: Span;
  /** Zero-based line number. */
  readonly line: number;
}

/**
 * - `exec`: a JSON array of strings (BuildKit's `json` attribute is set).
 * - `shell`: an instruction that may take JSON, written in plain form (what looks like JSON but is not valid is shell form).
 * - `none`: such an instruction with no arguments at all (bare `CMD`).
 * - `na`: an instruction that never takes JSON (FROM, ENV, USER, ...).
 */
export type InstructionForm = 'exec' | 'shell' | 'none' | 'na';

/** A `--name=value` (or `--name`) flag before the arguments. */
export interface Flag {
  /** Without the leading `--`. */
  readonly name: string;
  /** Value with quotes removed and escapes resolved, as BuildKit does; undefined for a bare `--flag`. */
  readonly value: string | undefined;
  /** The whole flag as written, `--` included. */
  readonly span: Span;
  /** The value as written (after `=`); undefined for a bare flag. */
  readonly valueSpan: Span | undefined;
}

/** A word of the arguments, split on whitespace (FROM, EXPOSE, COPY/ADD/VOLUME in shell form, ...). */
export interface Word {
  /** The word exactly as it stands in the joined arguments. */
  readonly text: string;
  /** Offset of the word's first character in the document. A word never spans a continuation in practice; if it does, `span` covers it. */
  readonly span: Span;
}

export interface Heredoc {
  readonly name: string;
  /** The file descriptor number written before `<<`, if any (`3<<EOF`). */
  readonly fd: number | undefined;
  /** False when the name was quoted (`<<"EOF"`): no expansion of the body. */
  readonly expand: boolean;
  /** True for `<<-` (leading tabs are ignored when matching the terminator). */
  readonly chomp: boolean;
  /** The body lines, each ending with `\n`, terminator excluded. */
  readonly content: string;
  /** The body and the terminator line. */
  readonly span: Span;
}

/** Maps offsets in an instruction's joined `args` text back to document offsets. */
export interface OffsetMap {
  /** Document offset of the character at `argsOffset` in the joined text (`argsOffset === args.length` maps to just after the last character). */
  toDocument(argsOffset: number): number;
}

export interface Instruction {
  /** The keyword as written (`run`, `Run`, `RUN`). */
  readonly keyword: string;
  /** The keyword upper-cased. */
  readonly name: string;
  readonly keywordSpan: Span;
  /** From the keyword to the end of the instruction's last line (continuations included), heredoc bodies excluded. */
  readonly span: Span;
  /** The span including heredoc bodies, when there are any (otherwise equal to `span`). */
  readonly fullSpan: Span;
  /** Zero-based first and last line of `span`. */
  readonly startLine: number;
  readonly endLine: number;
  readonly flags: readonly Flag[];
  /**
   * The arguments as BuildKit sees them: continuation lines joined (escape and trailing blanks removed,
   * the next line's indentation kept, comment and blank lines inside continuations dropped), flags
   * removed, trimmed at both ends. For shell form this is the command text verbatim.
   */
  readonly args: string;
  /** Where `args` starts and ends in the document. */
  readonly argsSpan: Span;
  readonly argsMap: OffsetMap;
  readonly form: InstructionForm;
  /** For `exec` form: the decoded JSON strings. */
  readonly execArgs: readonly string[] | undefined;
  /** `args` split on runs of whitespace, each with its document span (no quote handling, as BuildKit does for FROM). */
  readonly words: readonly Word[];
  /** For HEALTHCHECK: the first word (`CMD`, `NONE`); `args`/`form`/`execArgs` then describe what follows it. */
  readonly subcommand: Word | undefined;
  readonly heredocs: readonly Heredoc[];
  /** For ONBUILD: the wrapped instruction, parsed the same way. */
  readonly onbuild: Instruction | undefined;
  /** The parse error BuildKit would raise for this instruction (non-string JSON array, unterminated heredoc). */
  readonly error: string | undefined;
}

export interface DockerfileSyntax {
  readonly text: string;
  /** The escape character in force (`\` unless an `# escape=` directive says otherwise). */
  readonly escape: '\\' | '`';
  readonly directives: readonly Directive[];
  readonly instructions: readonly Instruction[];
  readonly comments: readonly Comment[];
  /** Offsets at which each line starts. */
  readonly lineStarts: readonly number[];
}
