/**
 * The parts of an instruction that several facts are read from, found in one place: a flag by name, the
 * fields of `RUN --mount=...` (its `from=` names a stage or an image), the sources and destination of COPY/ADD,
 * what kind of command an instruction is (shell form, exec form), and the program an exec form runs.
 */
import type { Flag, Instruction, Span } from '../syntax/model';
import { splitQuotedWords } from '../syntax/keyValue';

/** The first flag of that name (BuildKit flag names are case-insensitive). */
export function flagNamed(instruction: Instruction, name: string): Flag | undefined {
  const flags = instruction.flags;
  for (let i = 0; i < flags.length; i++) if (flags[i]!.name.toLowerCase() === name) return flags[i];
  return undefined;
}

/** Every flag of that name (`RUN --mount` may be given several times). */
export function flagsNamed(instruction: Instruction, name: string): Flag[] {
  return instruction.flags.filter((flag) => flag.name.toLowerCase() === name);
}

/** One `key=value` of a `--mount` flag, with where its value stands in the document. */
export interface MountField {
  readonly key: string;
  readonly value: string;
  /** The field as a whole and its value, in the document (only when the flag is written without quotes). */
  readonly span: Span;
  readonly valueSpan: Span;
}

/**
 * The comma-separated fields of a `--mount` value (`type=cache,target=/root/.nuget,from=build`). Read from the
 * document text so spans are exact; a flag whose written value differs from its value (quoted) gives no spans
 * we can trust, and then no fields.
 */
export function mountFields(text: string, flag: Flag): MountField[] {
  const valueSpan = flag.valueSpan;
  if (!valueSpan || flag.value === undefined) return [];
  const written = text.slice(valueSpan.start, valueSpan.end);
  if (written !== flag.value) return [];
  const fields: MountField[] = [];
  let start = 0;
  for (let i = 0; i <= written.length; i++) {
    if (i < written.length && written[i] !== ',') continue;
    const field = written.slice(start, i);
    const equals = field.indexOf('=');
    const key = (equals < 0 ? field : field.slice(0, equals)).toLowerCase();
    const valueStart = equals < 0 ? i : start + equals + 1;
    fields.push({
      key,
      value: equals < 0 ? '' : field.slice(equals + 1),
      span: { start: valueSpan.start + start, end: valueSpan.start + i },
      valueSpan: { start: valueSpan.start + valueStart, end: valueSpan.start + i },
    });
    start = i + 1;
  }
  return fields;
}

/** The `from=` field of each `--mount` of a RUN. */
export function mountFromFields(text: string, instruction: Instruction): MountField[] {
  if (instruction.name !== 'RUN') return [];
  const found: MountField[] = [];
  for (const flag of instruction.flags) {
    if (flag.name.toLowerCase() !== 'mount') continue;
    for (const field of mountFields(text, flag)) if (field.key === 'from') found.push(field);
  }
  return found;
}

/** A RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD: the instructions that run a command. */
export function isCommandInstruction(instruction: Instruction): boolean {
  const name = instruction.name;
  if (name === 'RUN' || name === 'CMD' || name === 'ENTRYPOINT') return true;
  return name === 'HEALTHCHECK' && instruction.subcommand?.text.toUpperCase() === 'CMD';
}

/** A command instruction written in shell form, which BuildKit runs as `/bin/sh -c` (heredoc RUNs included). */
export function runsThroughShell(instruction: Instruction): boolean {
  return instruction.form === 'shell' && isCommandInstruction(instruction);
}

/** A command instruction in exec form with at least a program. */
export function isExecCommand(instruction: Instruction): boolean {
  return instruction.form === 'exec' && !!instruction.execArgs?.length && isCommandInstruction(instruction);
}

/** `/usr/bin/curl` → `curl`. */
export function programName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase();
}

/** The sources and destination of a COPY or ADD, as written (quotes removed for the shell form). */
export interface CopyOperands {
  readonly sources: readonly string[];
  readonly destination: string | undefined;
}

export function copyOperands(instruction: Instruction, escape: string): CopyOperands {
  const words = instruction.form === 'exec' && instruction.execArgs ? [...instruction.execArgs] : splitQuotedWords(instruction.args, escape).map((w) => unquote(w.text));
  if (instruction.heredocs.length > 0) return { sources: [], destination: words[words.length - 1] };
  return { sources: words.slice(0, -1), destination: words[words.length - 1] };
}

function unquote(word: string): string {
  if (word.length >= 2 && (word[0] === '"' || word[0] === "'") && word[word.length - 1] === word[0]) return word.slice(1, -1);
  return word;
}
