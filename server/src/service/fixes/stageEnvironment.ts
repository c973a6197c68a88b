// What a step can rely on at a point of a stage: the ENV and ARG variables declared before it (with
// their values where the Dockerfile alone decides them) and the working directory. Fixes use it to
// inline `$PORT` into an exec-form rewrite and to carry a step's context along when they move it.
import type { DockerfileModel } from '../model';
import type { Stage } from '../stages';
import { parseKeyValues, splitQuotedWords } from '../syntax/keyValue';
import type { Instruction } from '../syntax/model';

export interface Declaration {
  readonly name: string;
  readonly keyword: 'ENV' | 'ARG';
  /** The value with quotes, escapes and variables resolved; undefined when the Dockerfile alone cannot tell it. */
  readonly value: string | undefined;
  /** The declaration as written, ready to repeat after the keyword: `PORT=8080`, `VERSION`, `NAME some value` (legacy ENV). */
  readonly text: string;
  /** Variables the written declaration refers to. */
  readonly references: readonly string[];
  readonly instruction: Instruction;
}

export interface StageEnvironment {
  /** ENV of the stage and the stages it is built FROM, declared before the point. */
  readonly env: ReadonlyMap<string, Declaration>;
  /** ARGs of the stage itself (ARGs do not pass to stages built FROM it), declared before the point. */
  readonly args: ReadonlyMap<string, Declaration>;
  /** The absolute working directory, or undefined when a WORKDIR uses a value we cannot know. */
  readonly workdir: string | undefined;
}

const REFERENCE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;

/** Names of the variables `$NAME` / `${NAME...}` in a text. */
export function referencedVariables(text: string): string[] {
  return [...new Set([...text.matchAll(REFERENCE)].map((match) => match[1]!))];
}

/** ENV, ARG and WORKDIR in force just before `offset` in `stage`. */
export function environmentAt(model: DockerfileModel, stage: Stage, offset: number): StageEnvironment {
  const escape = model.syntax.escape;
  const env = new Map<string, Declaration>();
  let args = new Map<string, Declaration>();
  let workdir: string | undefined = '/';
  const lookup = (name: string): string | undefined => (env.get(name) ?? args.get(name))?.value;

  for (const current of [...model.stages.lineage(stage)].reverse()) {
    args = new Map();
    for (const instruction of current.instructions) {
      if (current === stage && instruction.span.start >= offset) break;
      if (instruction.name === 'ENV') {
        for (const declaration of envDeclarations(instruction, escape, lookup)) env.set(declaration.name, declaration);
      } else if (instruction.name === 'ARG') {
        for (const declaration of argDeclarations(model, instruction, escape, lookup)) args.set(declaration.name, declaration);
      } else if (instruction.name === 'WORKDIR') {
        const value = evaluateWord(instruction.args, escape, lookup);
        workdir = value === undefined ? undefined : value.startsWith('/') ? normalizePath(value) : workdir === undefined ? undefined : normalizePath(`${workdir}/${value}`);
      }
    }
  }
  return { env, args, workdir };
}

function envDeclarations(instruction: Instruction, escape: string, lookup: (name: string) => string | undefined): Declaration[] {
  const parsed = parseKeyValues(instruction.args, escape, 'ENV');
  const result: Declaration[] = [];
  // Every pair of one ENV sees the values before the instruction, as BuildKit expands them.
  for (const pair of parsed.pairs) {
    const text = parsed.style === 'legacy' ? instruction.args : instruction.args.slice(pair.keyStart, pair.valueEnd);
    const raw = parsed.style === 'legacy' ? pair.value : instruction.args.slice(pair.valueStart, pair.valueEnd);
    result.push({ name: pair.key, keyword: 'ENV', value: evaluateWord(raw, escape, lookup), text, references: referencedVariables(raw), instruction });
  }
  return result;
}

function argDeclarations(model: DockerfileModel, instruction: Instruction, escape: string, lookup: (name: string) => string | undefined): Declaration[] {
  return splitQuotedWords(instruction.args, escape).map((word) => {
    const equals = word.text.indexOf('=');
    const name = equals < 0 ? word.text : word.text.slice(0, equals);
    const raw = equals < 0 ? undefined : word.text.slice(equals + 1);
    // A bare `ARG NAME` in a stage takes the global ARG's default (or a --build-arg nobody can see here).
    const value = raw === undefined ? model.stages.globalArg(name) : evaluateWord(raw, escape, lookup);
    return { name, keyword: 'ARG', value, text: word.text, references: raw === undefined ? [] : referencedVariables(raw), instruction };
  });
}

/** `/app/./x/../y/` → `/app/y`. */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/**
 * Reads one ENV/ARG/WORKDIR word as BuildKit's shell lexer does: quotes removed, the escape character
 * honoured, `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}` expanded.
 * Undefined when it uses a variable whose value the Dockerfile does not give (it may come from the base
 * image or the command line) or a form we do not read.
 */
export function evaluateWord(raw: string, escape: string, lookup: (name: string) => string | undefined): string | undefined {
  let result = '';
  let i = 0;
  const dollar = (): string | undefined => {
    // raw[i] is `$`.
    const next = raw[i + 1];
    if (next === '{') {
      const close = raw.indexOf('}', i + 2);
      if (close < 0) return undefined;
      const inner = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/s.exec(raw.slice(i + 2, close));
      if (!inner) return undefined;
      i = close + 1;
      const [, name, operator, operand] = inner;
      const known = lookup(name!);
      if (!operator) return known;
      const word = evaluateWord(operand ?? '', escape, lookup);
      if (word === undefined) return undefined;
      if (operator === ':-') return known === undefined ? undefined : known === '' ? word : known;
      if (operator === '-') return known ?? undefined;
      if (operator === ':+') return known === undefined ? undefined : known === '' ? '' : word;
      return known === undefined ? undefined : word;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(raw.slice(i + 1))?.[0];
    if (!name) {
      i++;
      return '$';
    }
    i += 1 + name.length;
    return lookup(name);
  };
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === "'") {
      const close = raw.indexOf("'", i + 1);
      if (close < 0) return undefined;
      result += raw.slice(i + 1, close);
      i = close + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= raw.length) return undefined;
        const d = raw[i]!;
        if (d === '"') break;
        if (d === escape && i + 1 < raw.length && ['"', '$', escape].includes(raw[i + 1]!)) {
          result += raw[i + 1];
          i += 2;
        } else if (d === '$') {
          const value = dollar();
          if (value === undefined) return undefined;
          result += value;
        } else {
          result += d;
          i++;
        }
      }
      i++;
    } else if (c === escape) {
      if (i + 1 < raw.length) result += raw[i + 1];
      i += 2;
    } else if (c === '$') {
      const value = dollar();
      if (value === undefined) return undefined;
      result += value;
    } else {
      result += c;
      i++;
    }
  }
  return result;
}
