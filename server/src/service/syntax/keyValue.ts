// ARG, ENV and LABEL arguments: BuildKit's quote-aware word split (quotes and escapes stay in the words)
// and its `key value` / `key=value ...` reading. Offsets are into the instruction's `args`; map them to
// the document with `Instruction.argsMap`.
import * as chars from './chars';

// Bound once: under CommonJS (tsx) every access to an imported binding is a getter call.
const { isGoSpace, isSeparator } = chars;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;

export interface ArgWord {
  /** The word as BuildKit keeps it: quotes and escape characters included. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const IN_SPACES = 0;
const IN_WORD = 1;
const IN_QUOTE = 2;

/** Split `args` into words on unquoted blanks (BuildKit's parseWords). `escape` is the file's escape character. */
export function splitQuotedWords(args: string, escape: string): ArgWord[] {
  const escapeCode = escape.charCodeAt(0);
  const words: ArgWord[] = [];
  let phase = IN_SPACES;
  let start = 0;
  let quote = 0;
  let blankOk = false;
  const length = args.length;
  for (let pos = 0; pos < length; pos++) {
    const code = args.charCodeAt(pos);
    if (phase === IN_SPACES) {
      if (isGoSpace(code)) continue;
      phase = IN_WORD;
      start = pos;
      blankOk = false;
    }
    if (phase === IN_WORD) {
      if (isGoSpace(code)) {
        pushWord(words, args, start, pos, blankOk);
        phase = IN_SPACES;
        continue;
      }
      if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) {
        quote = code;
        blankOk = true;
        phase = IN_QUOTE;
        continue;
      }
      if (code === escapeCode) {
        if (pos + 1 === length) {
          pushWord(words, args, start, pos, blankOk); // a trailing escape is dropped from the word
          return words;
        }
        pos++; // the escaped character stays with its escape
      }
      continue;
    }
    // IN_QUOTE
    if (code === quote) {
      phase = IN_WORD;
      continue;
    }
    if (code === escapeCode && quote !== SINGLE_QUOTE) {
      if (pos + 1 === length) {
        pushWord(words, args, start, pos, blankOk);
        return words;
      }
      pos++;
    }
  }
  if (phase !== IN_SPACES) pushWord(words, args, start, length, blankOk);
  return words;
}

/** BuildKit keeps a word if it has characters or had quotes (`""`). */
function pushWord(words: ArgWord[], args: string, start: number, end: number, blankOk: boolean): void {
  if (blankOk || end > start) words.push({ text: args.slice(start, end), start, end });
}

export interface KeyValue {
  readonly key: string;
  readonly value: string;
  readonly keyStart: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

export interface KeyValueParse {
  /** `legacy`: `ENV key the rest`; `equals`: `ENV a=1 b=2`; `empty`: no arguments. */
  readonly style: 'legacy' | 'equals' | 'empty';
  readonly pairs: readonly KeyValue[];
  /** BuildKit's parse error, if any (the pairs read before it are kept). */
  readonly error: string | undefined;
}

/** Read ENV/LABEL arguments as BuildKit's parseNameVal does. `keyword` goes into the error text. */
export function parseKeyValues(args: string, escape: string, keyword: string): KeyValueParse {
  const words = splitQuotedWords(args, escape);
  if (words.length === 0) return { style: 'empty', pairs: [], error: undefined };
  if (!words[0]!.text.includes('=')) {
    let keyEnd = 0;
    while (keyEnd < args.length && !isSeparator(args.charCodeAt(keyEnd))) keyEnd++;
    let valueStart = keyEnd;
    while (valueStart < args.length && isSeparator(args.charCodeAt(valueStart))) valueStart++;
    if (keyEnd === args.length) {
      return { style: 'legacy', pairs: [], error: `${keyword} must have two arguments` };
    }
    const pair = { key: args.slice(0, keyEnd), value: args.slice(valueStart), keyStart: 0, valueStart, valueEnd: args.length };
    return { style: 'legacy', pairs: [pair], error: undefined };
  }
  const pairs: KeyValue[] = [];
  for (const word of words) {
    const equals = word.text.indexOf('=');
    if (equals < 0) {
      const error = `Syntax error - can't find = in ${JSON.stringify(word.text)}. Must be of the form: name=value`;
      return { style: 'equals', pairs, error };
    }
    pairs.push({
      key: word.text.slice(0, equals),
      value: word.text.slice(equals + 1),
      keyStart: word.start,
      valueStart: word.start + equals + 1,
      valueEnd: word.end,
    });
  }
  return { style: 'equals', pairs, error: undefined };
}
