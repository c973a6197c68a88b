/**
 * Where each word a container starts with is written: ENTRYPOINT and CMD combine into one argv (build.startWords),
 * and a finding about one of them (`dotnet Api.dll`, `./Api`) points at that word, and a fix rewrites just it. Exec
 * form: each JSON string, when its text is written without escapes; shell form: each unquoted word.
 */
import type { Instruction, Span } from '../syntax/model';
import type { StageFacts } from './stageFacts';
import { splitQuotedWords } from '../syntax/keyValue';

export interface StartWord {
  readonly word: string;
  readonly instruction: Instruction;
  /** Where the word's text is written (inside the quotes for exec form); undefined when escapes or quotes make it differ. */
  readonly span: Span | undefined;
}

/** The words of an exec-form instruction, with the span of each string's content where it is written as decoded. */
export function execWordSpans(instruction: Instruction): (Span | undefined)[] {
  const args = instruction.args;
  const spans: (Span | undefined)[] = [];
  let i = 0;
  while (i < args.length) {
    if (args[i] !== '"') {
      i++;
      continue;
    }
    const start = i + 1;
    let end = start;
    let escaped = false;
    while (end < args.length && args[end] !== '"') {
      if (args[end] === '\\') {
        escaped = true;
        end++;
      }
      end++;
    }
    const value = instruction.execArgs?.[spans.length];
    spans.push(!escaped && value === args.slice(start, end) ? { start: instruction.argsMap.toDocument(start), end: instruction.argsMap.toDocument(end) } : undefined);
    i = end + 1;
  }
  return spans;
}

/** The words of a shell-form instruction that are written plainly, with their spans (others undefined). */
function shellWordSpans(instruction: Instruction, escape: string, words: readonly string[]): (Span | undefined)[] {
  const written = splitQuotedWords(instruction.args, escape);
  return words.map((word, i) => {
    const at = written[i];
    return at && at.text === word ? { start: instruction.argsMap.toDocument(at.start), end: instruction.argsMap.toDocument(at.end) } : undefined;
  });
}

/**
 * The start words of a stage (ENTRYPOINT's, then CMD's when ENTRYPOINT is exec form), each with where it is
 * written. undefined when the start command must be run by a shell (build.startWords says so).
 */
export function startWordSites(facts: StageFacts, words: readonly string[] | undefined, escape: string): StartWord[] | undefined {
  if (!words) return undefined;
  const { entrypoint, cmd } = facts.startCommand();
  const parts: { instruction: Instruction; count: number }[] = [];
  if (entrypoint) {
    const count = entrypoint.form === 'exec' ? (entrypoint.execArgs?.length ?? 0) : words.length;
    parts.push({ instruction: entrypoint, count: Math.min(count, words.length) });
    if (entrypoint.form === 'exec' && cmd && words.length > count) parts.push({ instruction: cmd, count: words.length - count });
  } else if (cmd) {
    parts.push({ instruction: cmd, count: words.length });
  }
  const sites: StartWord[] = [];
  for (const { instruction, count } of parts) {
    const own = words.slice(sites.length, sites.length + count);
    const spans = instruction.form === 'exec' ? execWordSpans(instruction) : shellWordSpans(instruction, escape, own);
    own.forEach((word, i) => sites.push({ word, instruction, span: spans[i] }));
  }
  return sites;
}
