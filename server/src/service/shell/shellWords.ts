/**
 * POSIX word splitting for the "rewrite shell form as exec form" quick fix.
 *
 * `CMD dotnet app.dll --urls "http://+:8080"` runs `/bin/sh -c 'dotnet app.dll --urls "http://+:8080"'`.
 * The rewrite to `CMD ["dotnet", "app.dll", "--urls", "http://+:8080"]` is only offered when the JSON
 * array is exactly the argv that sh would hand the program. So this module answers one of two things:
 * "these are the words", or "keeping the meaning needs a shell, because of <feature> at <offset>".
 * When in doubt it refuses: a missing quick fix costs little, a fix that changes behaviour costs a lot.
 *
 * Input is the shell-form text exactly as BuildKit passes it to sh. BuildKit has already removed its own
 * line continuations, but every other backslash reaches sh verbatim and is a shell escape. That holds
 * under `# escape=\`` too: the escape directive only changes how BuildKit joins Dockerfile lines, never
 * what sh does with the text, so there is nothing to special-case here.
 *
 * Several shells play /bin/sh in .NET images (dash on Debian/Ubuntu, BusyBox ash on Alpine, bash on
 * Azure Linux), so constructs that only bash treats specially (`{a,b}`, `$'..'`, `$[..]`, `a=~`) are
 * refused as well. Offsets are UTF-16 indexes into the given text.
 *
 * Only meaningful where shell form means `/bin/sh -c`: the caller must not offer the rewrite on Windows
 * images (`cmd /S /C`) or after a `SHELL` instruction.
 */

/** Why a command cannot be rewritten without a shell. */
export type ShellFeature =
  | 'and-list'
  | 'or-list'
  | 'sequence'
  | 'newline'
  | 'pipe'
  | 'background'
  | 'redirection'
  | 'heredoc'
  | 'subshell'
  | 'braces'
  | 'glob'
  | 'command-substitution'
  | 'arithmetic'
  | 'parameter-expansion'
  | 'ansi-c-quote'
  | 'tilde'
  | 'assignment'
  | 'reserved-word'
  | 'builtin'
  | 'unterminated-quote'
  | 'trailing-backslash'
  | 'empty-command';

/** The words sh would pass to the program (the program name first). */
export interface ShellSplitSuccess {
  readonly ok: true;
  readonly words: string[];
  /** Names from `options.variables` whose values were inlined, in order of first use, each once. */
  readonly inlinedVariables: string[];
}

/** The command needs a shell to keep its meaning. */
export interface ShellSplitFailure {
  readonly ok: false;
  readonly reason: ShellFeature;
  /** UTF-16 offset in the command of the first character of the offending construct. */
  readonly at: number;
  /** The offending source text, e.g. `&&`, `2>&1`, `$HOME`, `cd`. */
  readonly text: string;
  /** A sentence for people: what the construct does and why exec form cannot do it. */
  readonly detail: string;
}

/** The answer of {@link splitShellWords}. */
export type ShellSplitResult = ShellSplitSuccess | ShellSplitFailure;

/** Options for {@link splitShellWords}. */
export interface ShellSplitOptions {
  /**
   * Variables whose values are known (for example from `ENV`), so `$NAME`/`${NAME}` may be inlined where
   * the expansion can neither split into several words nor glob. The caller decides whether inlining is
   * acceptable (a runtime `docker run -e` override would no longer apply); the names used are reported.
   */
  readonly variables?: VariableValues;
}

/** Where known variable values come from: a `Map` will do; only `get` is asked, and only for names the command uses. */
export interface VariableValues {
  get(name: string): string | undefined;
}

/**
 * Splits shell-form command text into the argv `/bin/sh -c '<command>'` would run, or explains which
 * shell feature prevents that. A leading `exec` (without options) is dropped: under exec form the
 * program already replaces PID 1, which is all `exec` was for.
 */
export function splitShellWords(command: string, options: ShellSplitOptions = {}): ShellSplitResult {
  return new ShellWordScanner(command, options.variables ?? NO_VARIABLES).scan();
}

const NO_VARIABLES: VariableValues = new Map<string, string>();

/** Renders words as an exec-form JSON array: `["dotnet", "app.dll"]`, non-ASCII kept as is. */
export function toExecFormJson(words: readonly string[]): string {
  return `[${words.map((word) => JSON.stringify(word)).join(', ')}]`;
}

/**
 * A short phrase for a quick-fix title or a diagnostic, in plain text, e.g. "uses '&&'" or "expands '$HOME'".
 * Pass the failure's `text` to name the construct; without it the phrase is generic.
 */
export function describeShellFeature(reason: ShellFeature, text?: string): string {
  const code = (fallback: string): string => `'${text ?? fallback}'`;
  switch (reason) {
    case 'and-list': return "uses '&&'";
    case 'or-list': return "uses '||'";
    case 'sequence': return "uses ';'";
    case 'newline': return 'runs several lines';
    case 'pipe': return "uses a pipe '|'";
    case 'background': return "runs in the background with '&'";
    case 'redirection': return text ? `redirects with ${code('>')}` : 'uses a redirection';
    case 'heredoc': return 'uses a here-document';
    case 'subshell': return 'uses parentheses';
    case 'braces': return 'uses braces';
    case 'glob': return text ? `uses the wildcard ${code('*')}` : 'uses a wildcard';
    case 'command-substitution': return 'uses command substitution';
    case 'arithmetic': return 'uses arithmetic expansion';
    case 'parameter-expansion': return text ? `expands ${code('$VAR')}` : 'expands a variable';
    case 'ansi-c-quote': return text ? `uses ${code("$'...'")} quoting` : 'uses bash-only quoting';
    case 'tilde': return "expands '~'";
    case 'assignment': return text ? `sets ${code('NAME=value')} for the command` : 'sets a variable for the command';
    case 'reserved-word': return text ? `starts with the shell keyword ${code('if')}` : 'starts with a shell keyword';
    case 'builtin': return text ? `runs the shell builtin ${code('cd')}` : 'runs a shell builtin';
    case 'unterminated-quote': return 'has an unterminated quote';
    case 'trailing-backslash': return 'ends with a lone backslash';
    case 'empty-command': return 'has no command';
  }
}


// Keywords of dash plus bash's extras; only meaningful as the command word.
const RESERVED_WORDS = new Set([
  '!', '{', '}', 'case', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'for', 'if', 'in', 'then', 'until', 'while',
  '[[', ']]', 'function', 'select', 'time', 'coproc',
]);

// Builtins: exec form would run a same-named program (often absent, or differing, like dash's `echo`
// which interprets `\n`) or fail outright. `exec` is handled separately.
const BUILTINS = new Set([
  ':', '.', 'break', 'continue', 'eval', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'times', 'trap', 'unset',
  'alias', 'bg', 'cd', 'command', 'echo', 'false', 'fc', 'fg', 'getopts', 'hash', 'jobs', 'kill', 'newgrp', 'printf',
  'pwd', 'read', 'test', '[', 'true', 'type', 'ulimit', 'umask', 'unalias', 'wait',
  'source', 'local', 'declare', 'typeset', 'let', 'shopt', 'builtin', 'enable', 'logout', 'mapfile', 'readarray',
  'disown', 'suspend', 'pushd', 'popd', 'dirs',
]);

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL_PARAMETER = /[0-9@*#?$!-]/;
// An unquoted expansion whose value contains these could split into several fields or glob (the
// backslash because some bash versions treat it as a pattern character in unquoted expansions).
const UNSAFE_UNQUOTED_VALUE = /[ \t\n*?[\]\\]/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const REDIRECTION = /^(<<-?|<<<|<>|<&|>&|>>|>\||<|>)([0-9]+|-)?/;
/** Inside double quotes only these (and the end of the text) interrupt a run of ordinary characters. */
const QUOTED_SPECIAL = new Set(['"', '\\', '$', '`']);

/**
 * Characters `step` gives no meaning of their own (the `default` branch): runs of them are copied into the
 * word in one piece. `=` and `:` are excluded because a `~` after them is special.
 */
function isPlain(code: number): boolean {
  // Letters, digits and the punctuation below are plain; everything outside ASCII is too.
  if (code >= 0x61 && code <= 0x7a) return true; // a-z
  if (code >= 0x41 && code <= 0x5a) return true; // A-Z
  if (code >= 0x30 && code <= 0x39) return true; // 0-9
  switch (code) {
    case 0x2d: // -
    case 0x2e: // .
    case 0x2f: // /
    case 0x5f: // _
    case 0x2c: // ,
    case 0x2b: // +
    case 0x40: // @
    case 0x25: // %
    case 0x5e: // ^
    case 0x21: // !
      return true;
    default:
      return code > 0x7f;
  }
}

interface WordInProgress {
  value: string;
  start: number;
  /** Some source character belongs to this word (so a `#` or `~` here is not at the word start). */
  started: boolean;
  /** The word yields a field even if its value is empty: it has a literal or quoted part. */
  hasContent: boolean;
  /** The previous character was an unquoted literal `=` or `:` (where bash expands a following `~`). */
  afterAssignmentSeparator: boolean;
}

/**
 * Reads the command left to right and stops at the first shell feature. A refusal is recorded in `failed`
 * (the first one wins) and every method returns as soon as it is set: unwinding by exception cost more than
 * the whole scan, and most commands in a real Dockerfile are refused.
 */
class ShellWordScanner {
  private pos = 0;
  private readonly words: string[] = [];
  private readonly wordStarts: number[] = [];
  /** Names inlined so far, each once, in order of first use (a short list: no Set needed). */
  private readonly inlined: string[] = [];
  private readonly word: WordInProgress = { value: '', start: 0, started: false, hasContent: false, afterAssignmentSeparator: false };
  private failed: ShellSplitFailure | undefined;

  constructor(
    private readonly src: string,
    private readonly variables: VariableValues,
  ) {}

  scan(): ShellSplitResult {
    for (;;) {
      this.pos = this.skipContinuations(this.pos);
      if (this.pos >= this.src.length) break;
      this.step(this.src.charCodeAt(this.pos));
      if (this.failed) return this.failed;
    }
    this.endWord();
    if (this.failed) return this.failed;
    return this.finish();
  }

  /** One character (with what follows it when that belongs to the same construct). Switches on the code: a string switch compares case by case. */
  private step(code: number): void {
    const at = this.pos;
    switch (code) {
      case 0x20: // space
      case 0x09: // tab
        this.endWord();
        this.pos++;
        return;
      case 0x0a: // newline
        // A newline separates commands; only trailing blank lines are harmless.
        if (/^[ \t\n]*$/.test(this.src.slice(at))) {
          this.pos = this.src.length;
          return;
        }
        return this.refuse('newline', at, 1, 'A newline starts another command; exec form runs exactly one program.');
      case 0x23: // #
        if (this.word.started) return this.literal('#');
        // A comment runs to the end of the line; a backslash inside it is not an escape.
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
        return;
      case 0x27: // '
        return this.singleQuoted();
      case 0x22: // "
        return this.doubleQuoted();
      case 0x5c: // backslash
        return this.escaped();
      case 0x24: // $
        return this.dollar(false);
      case 0x60: // backquote
        return this.refuse('command-substitution', at, 1, 'Backquotes run a command and insert its output; only a shell does that.');
      case 0x26: // &
      case 0x7c: // |
      case 0x3b: // ;
        return this.controlOperator(this.src[at]!);
      case 0x3c: // <
      case 0x3e: // >
        return this.redirection();
      case 0x28: // (
      case 0x29: // )
        return this.refuse('subshell', at, 1, 'Parentheses group commands in a subshell (or are a syntax error); exec form has no shell.');
      case 0x7b: // {
      case 0x7d: // }
        return this.refuse('braces', at, 1, 'Braces group commands, and bash expands `{a,b}` into several words; quote them to pass them literally.');
      case 0x2a: // *
      case 0x3f: // ?
      case 0x5b: // [
      case 0x5d: // ]
        return this.refuse('glob', at, 1, `Unquoted \`${this.src[at]!}\` is a wildcard the shell matches against file names; quote it to pass it literally.`);
      case 0x7e: // ~
        if (!this.word.started || this.word.afterAssignmentSeparator) {
          return this.refuse('tilde', at, 1, 'The shell replaces `~` with the home directory; exec form passes it literally.');
        }
        return this.literal('~');
      default:
        return this.plainRun();
    }
  }

  private literal(c: string): void {
    this.append(c, c === '=' || c === ':');
    this.pos++;
  }

  /** A character of the `default` branch at `pos`, with the plain characters right after it, as one piece. */
  private plainRun(): void {
    const src = this.src;
    const start = this.pos;
    let end = start + 1;
    while (end < src.length && isPlain(src.charCodeAt(end))) end++;
    const last = src[end - 1];
    this.append(end === start + 1 ? src[start]! : src.slice(start, end), last === '=' || last === ':');
    this.pos = end;
  }

  private singleQuoted(): void {
    const open = this.pos;
    const close = this.src.indexOf("'", open + 1);
    if (close < 0) return this.refuse('unterminated-quote', open, 1, 'This single quote is never closed.');
    this.append(this.src.slice(open + 1, close), false);
    this.pos = close + 1;
  }

  private doubleQuoted(): void {
    const open = this.pos;
    this.append('', false);
    let i = open + 1;
    for (;;) {
      i = this.skipContinuations(i);
      const c = this.src[i];
      if (c === undefined) return this.refuse('unterminated-quote', open, 1, 'This double quote is never closed.');
      if (c === '"') break;
      if (c === '\\') {
        const next = this.src[i + 1];
        if (next === undefined) return this.refuse('unterminated-quote', open, 1, 'This double quote is never closed.');
        // Inside double quotes a backslash only escapes $ ` " \ (newline was handled above).
        if ('$`"\\'.includes(next)) {
          this.word.value += next;
          i += 2;
        } else {
          this.word.value += '\\';
          i += 1;
        }
      } else if (c === '$') {
        this.pos = i;
        this.dollar(true);
        if (this.failed) return;
        i = this.pos;
      } else if (c === '`') {
        return this.refuse('command-substitution', i, 1, 'Backquotes run a command and insert its output; only a shell does that.');
      } else {
        // Up to the next character with a meaning inside double quotes, in one piece.
        let end = i + 1;
        while (end < this.src.length && !QUOTED_SPECIAL.has(this.src[end]!)) end++;
        this.word.value += end === i + 1 ? c : this.src.slice(i, end);
        i = end;
      }
    }
    this.pos = i + 1;
  }

  private escaped(): void {
    // Backslash-newline never gets here: skipContinuations removed it, as sh does.
    const next = this.src[this.pos + 1];
    if (next === undefined) return this.refuse('trailing-backslash', this.pos, 1, 'A backslash at the very end escapes nothing; sh keeps it, other shells do not.');
    this.append(next, false);
    this.pos += 2;
  }

  /** `$` at `this.pos`: an expansion (refused unless a known variable can be inlined) or a literal `$`. */
  private dollar(quoted: boolean): void {
    const at = this.pos;
    const n = this.skipContinuations(at + 1);
    const c = this.src[n] ?? '';
    if (c === '(') {
      if (this.src[this.skipContinuations(n + 1)] === '(') {
        return this.refuse('arithmetic', at, n + 2 - at, '`$((...))` computes a number at run time; only a shell does that.');
      }
      return this.refuse('command-substitution', at, n + 1 - at, '`$(...)` runs a command and inserts its output; only a shell does that.');
    }
    if (c === '[') return this.refuse('arithmetic', at, n + 1 - at, "bash computes `$[...]` as a number; exec form passes it literally.");
    if (c === '{') return this.bracedParameter(at, n, quoted);
    if (NAME_START.test(c)) {
      let end = n;
      let name = '';
      while (end < this.src.length && NAME_CHAR.test(this.src[end]!)) {
        name += this.src[end];
        end = this.skipContinuations(end + 1);
      }
      return this.parameter(name, at, end, quoted);
    }
    if (SPECIAL_PARAMETER.test(c)) {
      return this.refuse('parameter-expansion', at, n + 1 - at, `\`$${c}\` is a shell parameter known only at run time.`);
    }
    if (!quoted && (c === "'" || c === '"')) {
      return this.refuse('ansi-c-quote', at, 2, `bash reads \`$${c}...${c}\` as special quoting; other shells do not.`);
    }
    // Nothing expandable follows: sh keeps the `$` as is.
    this.append('$', false);
    this.pos = at + 1;
  }

  private bracedParameter(at: number, open: number, quoted: boolean): void {
    const close = this.src.indexOf('}', open + 1);
    const end = close < 0 ? this.src.length : close + 1;
    const name = close < 0 ? '' : this.src.slice(open + 1, close);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      return this.refuse('parameter-expansion', at, end - at, `\`${this.src.slice(at, end)}\` is a parameter expansion only a shell can do.`);
    }
    this.parameter(name, at, end, quoted);
  }

  private parameter(name: string, at: number, end: number, quoted: boolean): void {
    const value = this.variables.get(name);
    if (value === undefined) {
      return this.refuse('parameter-expansion', at, end - at, `\`${this.src.slice(at, end)}\` is expanded by the shell at run time; exec form passes it literally.`);
    }
    if (!quoted && UNSAFE_UNQUOTED_VALUE.test(value)) {
      return this.refuse('parameter-expansion', at, end - at, `The value of ${name} contains blanks, wildcards or backslashes, so the unquoted \`${this.src.slice(at, end)}\` could become several words.`);
    }
    if (!this.inlined.includes(name)) this.inlined.push(name);
    if (!this.word.started) this.word.start = at;
    this.word.started = true;
    this.word.afterAssignmentSeparator = false;
    // An unquoted expansion to nothing adds no field by itself; a quoted one is an (empty) argument.
    if (quoted || value !== '') this.word.hasContent = true;
    this.word.value += value;
    this.pos = end;
  }

  private controlOperator(c: string): void {
    const at = this.pos;
    const next = this.src[this.skipContinuations(at + 1)];
    if (c === '&' && next === '&') return this.refuse('and-list', at, 2, '`&&` runs a second command if the first succeeds; exec form runs exactly one program.');
    if (c === '&' && next === '>') return this.refuse('redirection', at, 2, 'bash redirects output with `&>`; exec form has no shell to do that.');
    if (c === '&') return this.refuse('background', at, 1, '`&` runs the command in the background; exec form runs it in the foreground.');
    if (c === '|' && next === '|') return this.refuse('or-list', at, 2, '`||` runs a second command if the first fails; exec form runs exactly one program.');
    if (c === '|') return this.refuse('pipe', at, 1, 'A pipe connects two programs; exec form runs exactly one.');
    return this.refuse('sequence', at, 1, '`;` runs several commands; exec form runs exactly one program.');
  }

  private redirection(): void {
    const operator = REDIRECTION.exec(this.src.slice(this.pos));
    const length = operator?.[0].length ?? 1;
    // `2>&1`: digits immediately before the operator are part of it (the file descriptor).
    const wordSource = this.src.slice(this.word.start, this.pos);
    const at = this.word.started && /^[0-9]+$/.test(wordSource) ? this.word.start : this.pos;
    if (operator?.[1] === '<<' || operator?.[1] === '<<-') {
      return this.refuse('heredoc', at, this.pos + length - at, 'A here-document feeds text to the command; exec form has no shell to do that.');
    }
    return this.refuse('redirection', at, this.pos + length - at, 'Redirections are done by the shell; exec form would pass them as arguments.');
  }

  private append(text: string, isAssignmentSeparator: boolean): void {
    if (!this.word.started) this.word.start = this.pos;
    this.word.value += text;
    this.word.started = true;
    this.word.hasContent = true;
    this.word.afterAssignmentSeparator = isAssignmentSeparator;
  }

  private endWord(): void {
    const word = this.word;
    if (word.hasContent) {
      this.words.push(word.value);
      this.wordStarts.push(word.start);
      this.checkCommandWord();
    }
    word.value = '';
    word.start = this.pos;
    word.started = false;
    word.hasContent = false;
    word.afterAssignmentSeparator = false;
  }

  /** Checks the command word as soon as it is complete, so refusals come in text order. */
  private checkCommandWord(): void {
    const index = this.words.length - 1;
    const word = this.words[index]!;
    const at = this.wordStarts[index]!;
    if (index === 1 && this.words[0] === 'exec' && word.startsWith('-')) {
      return this.refuseAt('builtin', this.wordStarts[0]!, 'exec', '`exec` with options changes how the program starts; exec form cannot express that.');
    }
    if (index !== 0) return;
    if (ASSIGNMENT.test(word)) {
      return this.refuseAt('assignment', at, word, `\`${word}\` sets a variable for the command; use ENV, or keep the shell form.`);
    }
    if (RESERVED_WORDS.has(word)) {
      return this.refuseAt('reserved-word', at, word, `\`${word}\` is shell syntax, not a program.`);
    }
    if (BUILTINS.has(word)) {
      return this.refuseAt('builtin', at, word, `\`${word}\` is a shell builtin; exec form would run a program of that name instead, if there is one.`);
    }
  }

  private finish(): ShellSplitResult {
    if (this.words.length === 0) {
      return this.failure('empty-command', 0, '', 'There is no command to run.');
    }
    if (this.words[0] !== 'exec') return { ok: true, words: this.words, inlinedVariables: this.inlined };
    if (this.words.length === 1) {
      return this.failure('builtin', this.wordStarts[0]!, 'exec', '`exec` without a program only changes the shell itself.');
    }
    return { ok: true, words: this.words.slice(1), inlinedVariables: this.inlined };
  }

  /** sh removes backslash-newline everywhere except inside single quotes and comments. */
  private skipContinuations(i: number): number {
    while (this.src[i] === '\\' && this.src[i + 1] === '\n') i += 2;
    return i;
  }

  private refuse(reason: ShellFeature, at: number, length: number, detail: string): void {
    this.refuseAt(reason, at, this.src.slice(at, at + length), detail);
  }

  /** Records the refusal; the first one stands, as the scan stops there. */
  private refuseAt(reason: ShellFeature, at: number, text: string, detail: string): void {
    this.failed ??= this.failure(reason, at, text, detail);
  }

  private failure(reason: ShellFeature, at: number, text: string, detail: string): ShellSplitFailure {
    return { ok: false, reason, at, text, detail };
  }
}
