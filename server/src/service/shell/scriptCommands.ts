// A skim of shell text for the "move build steps" fix: simple commands with their words (quotes and
// escapes removed, known variables substituted) and their output redirections. Not an interpreter: it
// only needs to be right about what a reader of the script would call its files, and to say "opaque"
// for any word whose value only the shell knows.

import { applyOperator, newVariableMatch, variableAt } from './expansion';

/** A redirection operator, read where it stands (sticky: no copy of the rest of the script per operator). */
const REDIRECTION = /<<<|<<-?|>>|>\||>&|<&|<>|>|</y;

/** Characters with no meaning to the reader above (anything but quotes, escapes, expansions, blanks, operators). */
const PLAIN_RUN = /[^\\'"$`#\s;&|<>]*/y;

/** Values of variables the script may use: only `get` is asked. */
export interface KnownValues {
  get(name: string): string | undefined;
}

/** One simple command: its words (quotes removed) and its output redirections. */
export interface SimpleCommand {
  readonly words: string[];
  readonly redirectTargets: string[];
  /** A word used something we cannot read statically: `$(...)`, backquotes, unknown `$VAR`, globs. */
  readonly opaque: Set<number>;
}

/**
 * Splits a script into simple commands at `&&`, `||`, `;`, `|`, `&` and newlines, removing quotes and
 * escapes from words and collecting `>`/`>>` targets. Expansions are resolved from `variables` when known;
 * anything else that only the shell could evaluate marks its word opaque.
 */
export function parseCommands(script: string, variables: KnownValues): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: string[] = [];
  let redirectTargets: string[] = [];
  let opaque = new Set<number>();
  let word = '';
  let inWord = false;
  let wordOpaque = false;
  let redirectNext = false;
  let skipNext = false;

  const endWord = (): void => {
    if (!inWord) return;
    if (skipNext) skipNext = false;
    else if (redirectNext) {
      if (!wordOpaque) redirectTargets.push(word);
      redirectNext = false;
    } else {
      if (wordOpaque) opaque.add(words.length);
      words.push(word);
    }
    word = '';
    inWord = false;
    wordOpaque = false;
  };
  const endCommand = (): void => {
    endWord();
    if (words.length || redirectTargets.length) commands.push({ words, redirectTargets, opaque });
    words = [];
    redirectTargets = [];
    opaque = new Set();
  };
  const match = newVariableMatch();
  const expand = (at: number): number => {
    // script[at] is `$`; returns the index after the expansion.
    inWord = true;
    if (variableAt(script, at, match)) {
      const name = script.slice(match.nameStart, match.nameEnd);
      const operand = match.operator === undefined ? '' : script.slice(match.operandStart, match.end - 1);
      // An operand with its own expansions or quotes is beyond a skim.
      const value = /[$`"'\\]/.test(operand) ? undefined : applyOperator(match.operator, variables.get(name), operand, false);
      if (value === undefined) wordOpaque = true;
      else word += value;
      return match.end;
    }
    if (script[at + 1] === '(' || script[at + 1] === '{') {
      wordOpaque = true;
      const close = script.indexOf(script[at + 1] === '(' ? ')' : '}', at);
      return close < 0 ? script.length : close + 1;
    }
    word += '$';
    return at + 1;
  };

  let i = 0;
  while (i < script.length) {
    const c = script[i]!;
    if (c === '\\' && script[i + 1] === '\n') {
      i += 2;
    } else if (c === '\\') {
      word += script[i + 1] ?? '';
      inWord = true;
      i += 2;
    } else if (c === "'") {
      const close = script.indexOf("'", i + 1);
      const end = close < 0 ? script.length : close;
      word += script.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      inWord = true;
      i++;
      while (i < script.length && script[i] !== '"') {
        if (script[i] === '\\' && i + 1 < script.length) {
          word += script[i + 1];
          i += 2;
        } else if (script[i] === '$') i = expand(i);
        else if (script[i] === '`') {
          wordOpaque = true;
          i++;
        } else word += script[i++];
      }
      i++;
    } else if (c === '$') {
      i = expand(i);
    } else if (c === '`') {
      const close = script.indexOf('`', i + 1);
      inWord = true;
      wordOpaque = true;
      i = close < 0 ? script.length : close + 1;
    } else if (c === '#' && !inWord) {
      while (i < script.length && script[i] !== '\n') i++;
    } else if (c === ' ' || c === '\t') {
      endWord();
      i++;
    } else if (c === '\n' || c === ';' || c === '&' || c === '|') {
      if (c === '&' && script[i + 1] === '>') {
        endWord();
        redirectNext = true;
        i += script[i + 2] === '>' ? 3 : 2;
        continue;
      }
      endCommand();
      i += (c === '&' || c === '|') && script[i + 1] === c ? 2 : 1;
    } else if (c === '>' || c === '<') {
      // A file-descriptor number right before the operator belongs to it (`2>`); `>&2` and `<` read or duplicate.
      if (inWord && /^[0-9]+$/.test(word) && !wordOpaque) {
        word = '';
        inWord = false;
      } else endWord();
      REDIRECTION.lastIndex = i;
      const operator = REDIRECTION.exec(script)![0];
      i += operator.length;
      if (operator.startsWith('>') && !operator.endsWith('&')) redirectNext = true;
      else if (operator === '>&' || operator === '<&' || operator.startsWith('<')) skipNext = true;
    } else {
      // A run of ordinary characters joins the word in one slice, not a character at a time.
      PLAIN_RUN.lastIndex = i;
      const run = PLAIN_RUN.exec(script);
      const end = run && run[0].length > 0 ? i + run[0].length : i + 1;
      const piece = script.slice(i, end);
      word += piece;
      inWord = true;
      if (/[*?[]/.test(piece)) wordOpaque = true;
      i = end;
    }
  }
  endCommand();
  return commands;
}
