// Test helpers for the syntax parser: BuildKit's `Node.Dump()` rebuilt from our model, Go's
// strconv.Quote, the conformance corpus location, and `|` cursor markers.
import { parseKeyValues, splitQuotedWords } from '../../../server/src/service/syntax/keyValue';
import type { Instruction } from '../../../server/src/service/syntax/model';
import { buildkitParserFolder } from '../../helpers/fixtureFolders';

/** The BuildKit parser conformance data (test/fixtures/buildkit-parser). */
export const CORPUS_DIR = buildkitParserFolder;

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's strconv.Quote: `\a \b \f \n \r \t \v`, `\xNN` below 0x80, `\uNNNN`/`\UNNNNNNNN` above, printable kept raw. */
export function goQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (code >= 0xd800 && code <= 0xdfff) out += '\ufffd'; // Go never holds a lone surrogate
    else if (PRINTABLE.test(ch)) out += ch;
    else if (code === 0x07) out += '\\a';
    else if (code === 0x08) out += '\\b';
    else if (code === 0x0c) out += '\\f';
    else if (code === 0x0a) out += '\\n';
    else if (code === 0x0d) out += '\\r';
    else if (code === 0x09) out += '\\t';
    else if (code === 0x0b) out += '\\v';
    else if (code < 0x80) out += '\\x' + code.toString(16).padStart(2, '0');
    else if (code < 0x10000) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += '\\U' + code.toString(16).padStart(8, '0');
  }
  return out + '"';
}

const SHELL_TEXT = new Set(['CMD', 'ENTRYPOINT', 'RUN', 'SHELL', 'MAINTAINER', 'USER', 'WORKDIR', 'STOPSIGNAL']);
const WORD_LISTS = new Set(['ADD', 'COPY', 'VOLUME', 'FROM', 'EXPOSE']);

/** The Go values BuildKit stores after the keyword and flags, rebuilt from the model. */
function argumentValues(instruction: Instruction, escape: string): string[] | undefined {
  const { name, args } = instruction;
  const command = (): string[] => (instruction.form === 'exec' ? [...(instruction.execArgs ?? [])] : args === '' ? [] : [args]);
  if (name === 'HEALTHCHECK') {
    return instruction.subcommand === undefined ? [] : [instruction.subcommand.text, ...command()];
  }
  if (instruction.form === 'exec') return command();
  if (SHELL_TEXT.has(name)) return command();
  if (WORD_LISTS.has(name)) return instruction.words.map((w) => w.text);
  if (name === 'ARG') return splitQuotedWords(args, escape).map((w) => w.text);
  if (name === 'ENV' || name === 'LABEL') {
    const parsed = parseKeyValues(args, escape, name);
    const separator = parsed.style === 'legacy' ? '' : '=';
    return parsed.pairs.flatMap((p) => [p.key, p.value, separator]);
  }
  if (name === 'ONBUILD') return undefined;
  return ['']; // unknown keywords: BuildKit throws the arguments away
}

/** `Node.Dump()` of one instruction, without the outer parentheses. */
export function dump(instruction: Instruction, escape: string): string {
  const parts = [instruction.keyword.toLowerCase()];
  if (instruction.flags.length > 0) {
    const flags = instruction.flags.map((f) => goQuote(f.value === undefined ? `--${f.name}` : `--${f.name}=${f.value}`));
    parts.push(`[${flags.join(' ')}]`);
  }
  if (instruction.name === 'ONBUILD') {
    if (instruction.onbuild) parts.push(`(${dump(instruction.onbuild, escape)})`);
  } else {
    for (const value of argumentValues(instruction, escape) ?? []) parts.push(goQuote(value));
  }
  return parts.join(' ').trim(); // Go's Dump() ends with strings.TrimSpace
}

export interface Marked {
  readonly text: string;
  /** Offsets of the `|` markers in the text with the markers removed. */
  readonly marks: number[];
}

/** Remove every `|` from `source` and return where each one stood. */
export function markers(source: string): Marked {
  const marks: number[] = [];
  let text = '';
  for (const ch of source) {
    if (ch === '|') marks.push(text.length);
    else text += ch;
  }
  return { text, marks };
}
