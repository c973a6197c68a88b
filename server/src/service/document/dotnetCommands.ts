/**
 * The `dotnet` CLI calls a Dockerfile's RUN steps make (`dotnet restore`, `build`, `publish`, `test`, `tool`, ...),
 * with the options that decide what is built: the project, the output folder, the runtime identifier and
 * architecture, the target framework, MSBuild properties (`-p:PublishAot=true`), self-contained or not. Read once
 * per stage with the script reader, so every fact about "what is published" comes from the same words.
 */
import type { Instruction } from '../syntax/model';
import { parseCommands, type KnownValues } from '../shell/scriptCommands';
import type { Stage } from './stages';
import { MAX_CACHED_KEY_CHARS, TextKeyedCache } from '../texts/cacheBounds';

export interface DotnetCommand {
  readonly stage: Stage;
  readonly instruction: Instruction;
  /** `publish`, `restore`, `build`, `test`, `pack`, `tool`, `run`, ... (lower case); '' for `dotnet App.dll`-style calls. */
  readonly verb: string;
  /** The words after the verb, with the variables the stage defines substituted. */
  readonly args: readonly string[];
  /** Words we could not read statically (a `$(...)`, an unknown variable): their values are undefined here. */
  readonly opaque: ReadonlySet<number>;
  /** The positional argument naming a project, solution or folder (`src/App/App.csproj`), if any. */
  readonly project: string | undefined;
  readonly output: string | undefined;
  readonly runtime: string | undefined;
  readonly arch: string | undefined;
  readonly os: string | undefined;
  readonly framework: string | undefined;
  readonly configuration: string | undefined;
  /** MSBuild properties given with `-p:`/`/p:`/`-property:`/`--property:` (names lower-cased). */
  readonly properties: ReadonlyMap<string, string>;
  /** `--self-contained [true]` → true, `--self-contained false`/`--no-self-contained` → false; undefined when not said. */
  readonly selfContained: boolean | undefined;
  /**
   * Where a `cd` earlier in the same RUN moved to (`RUN cd src/Api && dotnet publish`), as written, relative to the
   * WORKDIR or absolute; `''` when none did; undefined when a `cd` went somewhere we cannot read.
   */
  readonly directory?: string | undefined;
}

/** Options that take a value, by every spelling the CLI accepts. */
const VALUE_OPTIONS: Readonly<Record<string, keyof Pick<DotnetCommand, 'output' | 'runtime' | 'arch' | 'os' | 'framework' | 'configuration'>>> = {
  '-o': 'output',
  '--output': 'output',
  '-r': 'runtime',
  '--runtime': 'runtime',
  '-a': 'arch',
  '--arch': 'arch',
  '--os': 'os',
  '-f': 'framework',
  '--framework': 'framework',
  '-c': 'configuration',
  '--configuration': 'configuration',
};

/** Other options that take a value, so their value is not taken for the project argument. */
const OTHER_VALUE_OPTIONS = new Set(['-s', '--source', '-v', '--verbosity', '--version-suffix', '--packages', '--configfile', '--tool-path', '--version', '--manifest', '-l', '--logger', '--filter', '--settings', '--results-directory', '--collect', '--blame-hang-timeout', '--property']);

const PROPERTY = /^(?:-p|\/p|-property|--property|\/property):(.*)$/i;
const NO_VALUES: KnownValues = { get: () => undefined };

/** A `dotnet` call as its RUN's text reads, whatever stage and version the RUN is in. */
type ReadCall = Omit<DotnetCommand, 'stage' | 'instruction'>;

/** One reading of a RUN's text: the variables it asked for (with what they were) and the calls it found. */
interface Reading {
  readonly lookups: readonly (readonly [string, string | undefined])[];
  readonly calls: readonly ReadCall[];
}

/**
 * Readings by the RUN's text, across versions of a document: a keystroke changes one RUN, and reading the others
 * again (every `dotnet` call of a 10,000-line file) was the largest single cost of validating after it. A reading
 * is reused only when every variable it asked for has the same value now. Strings, numbers and sets of numbers
 * only: nothing here keeps a parse alive. Bounded (cacheBounds.ts): 4,096 texts, none longer than MAX_CACHED_KEY_CHARS.
 */
const readings = new TextKeyedCache<Reading[]>(4096);
/** Readings kept per text (the same RUN read with other variable values: another stage, other ARG defaults). */
const MAX_PER_TEXT = 4;

/** Everything of a RUN that its reading depends on, as one string (lengths keep the parts apart). */
function textKey(instruction: Instruction): string {
  if (instruction.form === 'exec' && instruction.execArgs) return `exec ${instruction.execArgs.map((a) => `${a.length}:${a}`).join('')}`;
  return `shell ${instruction.args.length}:${instruction.args}${instruction.heredocs.map((h) => `${h.content.length}:${h.content}`).join('')}`;
}

/** The `dotnet` calls of one RUN step, in order. `values` gives the variables the stage knows at that step. */
export function dotnetCommandsOf(stage: Stage, instruction: Instruction, values: KnownValues = NO_VALUES): DotnetCommand[] {
  if (instruction.name !== 'RUN') return [];
  // A long script is read again each time (cheap next to its length) rather than kept as a key all session.
  if (instruction.args.length + instruction.heredocs.reduce((sum, h) => sum + h.content.length, 0) > MAX_CACHED_KEY_CHARS) return readCalls(instruction, values).map((call) => ({ ...call, stage, instruction }));
  const key = textKey(instruction);
  const known = readings.get(key);
  if (known) {
    for (const reading of known) {
      if (reading.lookups.every(([name, value]) => values.get(name) === value)) return reading.calls.map((call) => ({ ...call, stage, instruction }));
    }
  }
  const lookups: [string, string | undefined][] = [];
  const calls = readCalls(instruction, {
    get: (name) => {
      const value = values.get(name);
      lookups.push([name, value]);
      return value;
    },
  });
  const kept = readings.get(key) ?? readings.set(key, []);
  if (kept.length >= MAX_PER_TEXT) kept.shift();
  kept.push({ lookups, calls });
  return calls.map((call) => ({ ...call, stage, instruction }));
}

function readCalls(instruction: Instruction, values: KnownValues): ReadCall[] {
  const scripts: { words: string[]; opaque: ReadonlySet<number>; text: number }[] = [];
  if (instruction.form === 'exec' && instruction.execArgs) {
    scripts.push({ words: [...instruction.execArgs], opaque: new Set(), text: 0 });
  } else {
    const texts = [instruction.args, ...instruction.heredocs.map((h) => h.content)];
    for (let t = 0; t < texts.length; t++) {
      if (!texts[t]!.includes('dotnet')) continue;
      for (const command of parseCommands(texts[t]!, values)) scripts.push({ ...command, text: t });
    }
  }
  const found: ReadCall[] = [];
  // `cd` moves every later command of the same script (the script reader splits at `&&`, `;` and newlines).
  let directory: string | undefined = '';
  for (let i = 0; i < scripts.length; i++) {
    const { words, opaque, text } = scripts[i]!;
    if (i > 0 && text !== scripts[i - 1]!.text) directory = '';
    if (words[0] === 'cd') {
      const target = words[1];
      if (target === undefined || target === '-' || target === '~' || opaque.has(1)) directory = undefined;
      else if (directory !== undefined) directory = target.startsWith('/') || directory === '' ? target : `${directory}/${target}`;
      continue;
    }
    let at = 0;
    // `VAR=x dotnet ...`, `sudo dotnet ...`, `exec dotnet ...`
    while (at < words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[at]!) || words[at] === 'sudo' || words[at] === 'exec' || words[at] === 'env')) at++;
    const program = words[at];
    if (!program || program.slice(program.lastIndexOf('/') + 1) !== 'dotnet' || opaque.has(at)) continue;
    const rest = words.slice(at + 1);
    const restOpaque = new Set([...opaque].map((i) => i - at - 1).filter((i) => i >= 0));
    found.push({ ...readCommand(rest, restOpaque), directory });
  }
  return found;
}

function readCommand(words: readonly string[], opaque: ReadonlySet<number>): ReadCall {
  const first = words[0] ?? '';
  const verb = first.startsWith('-') || first.includes('.') ? '' : first.toLowerCase();
  const args = verb ? words.slice(1) : words;
  const argsOpaque = verb ? new Set([...opaque].map((i) => i - 1).filter((i) => i >= 0)) : opaque;
  const values: { -readonly [K in 'output' | 'runtime' | 'arch' | 'os' | 'framework' | 'configuration']?: string } = {};
  const properties = new Map<string, string>();
  let project: string | undefined;
  let selfContained: boolean | undefined;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const known = !argsOpaque.has(i);
    const property = PROPERTY.exec(word);
    if (property) {
      if (known) for (const assignment of property[1]!.split(/[;,]/)) addProperty(properties, assignment);
      continue;
    }
    if (word === '--property' || word === '-p') {
      const next = args[++i];
      if (next !== undefined && !argsOpaque.has(i)) for (const assignment of next.split(/[;,]/)) addProperty(properties, assignment);
      continue;
    }
    const equals = word.startsWith('--') ? word.indexOf('=') : -1;
    const name = equals > 0 ? word.slice(0, equals) : word;
    const option = VALUE_OPTIONS[name] ?? VALUE_OPTIONS[name.toLowerCase()];
    if (option) {
      const value = equals > 0 ? word.slice(equals + 1) : args[++i];
      const valueKnown = equals > 0 ? known : !argsOpaque.has(i);
      if (value !== undefined && valueKnown) values[option] = value;
      continue;
    }
    if (name === '--self-contained' || name === '--sc') {
      const next = equals > 0 ? word.slice(equals + 1) : args[i + 1];
      if (next === 'false' || next === 'true') {
        selfContained = next === 'true';
        if (equals < 0) i++;
      } else selfContained = true;
      continue;
    }
    if (name === '--no-self-contained') {
      selfContained = false;
      continue;
    }
    if (OTHER_VALUE_OPTIONS.has(name.toLowerCase())) {
      if (equals < 0) i++;
      continue;
    }
    // An option (`-x`, `--x`, MSBuild's `/x:value`), not `/src/Api/Api.csproj`, which is the project.
    if (word.startsWith('-') || /^\/[A-Za-z]+:/.test(word)) continue;
    if (project === undefined && known) project = word;
  }
  const selfContainedProperty = properties.get('selfcontained');
  if (selfContained === undefined && selfContainedProperty !== undefined) selfContained = selfContainedProperty.toLowerCase() === 'true';
  return { verb, args, opaque: argsOpaque, project, properties, selfContained, ...values, output: values.output, runtime: values.runtime ?? properties.get('runtimeidentifier'), arch: values.arch, os: values.os, framework: values.framework ?? properties.get('targetframework'), configuration: values.configuration };
}

function addProperty(properties: Map<string, string>, assignment: string): void {
  const equals = assignment.indexOf('=');
  if (equals <= 0) return;
  properties.set(assignment.slice(0, equals).trim().toLowerCase(), assignment.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1'));
}

/** True for a property value MSBuild reads as true (`true`, `True`, `"true"`). */
export function isTrue(value: string | undefined): boolean {
  return value !== undefined && value.trim().toLowerCase() === 'true';
}
