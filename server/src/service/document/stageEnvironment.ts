// What a step can rely on at a point of a stage: the ENV and ARG variables declared before it (with
// their values where the Dockerfile alone decides them) and the working directory. Fixes use it to
// inline `$PORT` into an exec-form rewrite and to carry a step's context along when they move it.
import type { DockerfileModel } from './model';
import { stageLineage } from './stageFacts';
import type { Stage } from './stages';
import { parseKeyValues, splitQuotedWords } from '../syntax/keyValue';
import type { Instruction } from '../syntax/model';
import { memoSlot } from './modelMemo';

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
  if (!text.includes('$')) return [];
  const names: string[] = [];
  for (const match of text.matchAll(REFERENCE)) if (!names.includes(match[1]!)) names.push(match[1]!);
  return names;
}

const NO_DECLARATIONS: ReadonlyMap<string, Declaration> = new Map();
const NO_HISTORY: ReadonlyMap<string, readonly Declaration[]> = new Map();

/**
 * A stage's ENV and ARG over its whole length, read once per parse: what a point of the stage sees is then a
 * lookup away, instead of a rescan from the stage start for every fix. Each name keeps the list of its
 * declarations in the stage (names in the order they were first declared, the order the environment's maps
 * list them in); ENV from the stages it is built FROM is the parent's final ENV, shared, not copied. WORKDIR
 * and whole environments are worked out only when asked for (moving steps needs them, the exec-form rewrite
 * does not).
 */
class StageTimeline {
  private readonly inherited: ReadonlyMap<string, Declaration>;
  /** Created on the first declaration: many stages declare no ENV. */
  private env: Map<string, Declaration[]> | undefined;
  private args: Map<string, Declaration[]> | undefined;
  private points: Points | undefined;
  private finalEnvironment: ReadonlyMap<string, Declaration> | undefined;

  constructor(
    private readonly model: DockerfileModel,
    private readonly stage: Stage,
    private readonly parent: StageTimeline | undefined,
  ) {
    this.inherited = parent ? parent.finalEnv() : NO_DECLARATIONS;
    const escape = model.syntax.escape;
    // Every value sees the variables declared before its instruction (all recorded so far), as BuildKit expands them.
    let lookup: ((name: string) => string | undefined) | undefined;
    for (const instruction of stage.instructions) {
      if (instruction.name === 'ENV') {
        lookup ??= (name) => this.valueBefore(name, Number.POSITIVE_INFINITY);
        record((this.env ??= new Map()), envDeclarations(instruction, escape, lookup));
      } else if (instruction.name === 'ARG') {
        lookup ??= (name) => this.valueBefore(name, Number.POSITIVE_INFINITY);
        record((this.args ??= new Map()), argDeclarations(model, instruction, escape, lookup));
      }
    }
  }

  /** The ENV declaration of `name` in force at `offset`. */
  envAt(name: string, offset: number): Declaration | undefined {
    return lastBefore(this.env?.get(name), offset) ?? this.inherited.get(name);
  }

  /** The stage's own ARG declaration of `name` in force at `offset`. */
  argAt(name: string, offset: number): Declaration | undefined {
    return lastBefore(this.args?.get(name), offset);
  }

  environment(offset: number): StageEnvironment {
    const points = this.pointsOf();
    const point = changesBefore(points.changes, offset);
    let environment = points.built[point];
    if (!environment) {
      const env = point === points.changes.length ? this.finalEnv() : this.envMapAt(offset);
      const args = new Map<string, Declaration>();
      for (const [name, declarations] of this.args ?? NO_HISTORY) {
        const declaration = lastBefore(declarations, offset);
        if (declaration) args.set(name, declaration);
      }
      environment = { env, args, workdir: points.workdirs[point] };
      points.built[point] = environment;
    }
    return environment;
  }

  /** The ENV at the end of the stage: what stages built FROM it start with. */
  finalEnv(): ReadonlyMap<string, Declaration> {
    return (this.finalEnvironment ??= this.envMapAt(Number.POSITIVE_INFINITY));
  }

  private finalWorkdir(): string | undefined {
    const workdirs = this.pointsOf().workdirs;
    return workdirs[workdirs.length - 1];
  }

  /** What `$name` stands for in an instruction starting at `offset`: ENV first, then the stage's ARG. */
  private valueBefore(name: string, offset: number): string | undefined {
    return (this.envAt(name, offset) ?? this.argAt(name, offset))?.value;
  }

  private envMapAt(offset: number): Map<string, Declaration> {
    const env = new Map<string, Declaration>();
    for (const [name, declaration] of this.inherited) env.set(name, lastBefore(this.env?.get(name), offset) ?? declaration);
    for (const [name, declarations] of this.env ?? NO_HISTORY) {
      const declaration = this.inherited.has(name) ? undefined : lastBefore(declarations, offset);
      if (declaration) env.set(name, declaration);
    }
    return env;
  }

  private pointsOf(): Points {
    if (!this.points) {
      const escape = this.model.syntax.escape;
      let workdir = this.parent ? this.parent.finalWorkdir() : '/';
      const changes: number[] = [];
      const workdirs: (string | undefined)[] = [workdir];
      for (const instruction of this.stage.instructions) {
        if (instruction.name === 'WORKDIR') {
          const at = instruction.span.start;
          const value = evaluateWord(instruction.args, escape, (name) => this.valueBefore(name, at));
          workdir = value === undefined ? undefined : value.startsWith('/') ? normalizePath(value) : workdir === undefined ? undefined : normalizePath(`${workdir}/${value}`);
        } else if (instruction.name !== 'ENV' && instruction.name !== 'ARG') continue;
        changes.push(instruction.span.start);
        workdirs.push(workdir);
      }
      this.points = { changes, workdirs, built: [] };
    }
    return this.points;
  }
}

/** Where a stage's environment changes, and what is built of it. */
interface Points {
  /** Offsets of the stage's ENV, ARG and WORKDIR instructions, ascending. */
  readonly changes: readonly number[];
  /** The working directory after each change (index 0: inherited, before the first change). */
  readonly workdirs: readonly (string | undefined)[];
  /** Environments built so far, by the number of changes before the point. */
  readonly built: (StageEnvironment | undefined)[];
}

/** How many of the changes come from instructions starting before `offset`. */
function changesBefore(changes: readonly number[], offset: number): number {
  let lo = 0;
  let hi = changes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (changes[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function record(history: Map<string, Declaration[]>, declarations: readonly Declaration[]): void {
  for (const declaration of declarations) {
    const list = history.get(declaration.name);
    if (list) list.push(declaration);
    else history.set(declaration.name, [declaration]);
  }
}

/** The last of a name's declarations made by an instruction that starts before `offset`. */
function lastBefore(declarations: readonly Declaration[] | undefined, offset: number): Declaration | undefined {
  if (!declarations) return undefined;
  for (let i = declarations.length - 1; i >= 0; i--) if (declarations[i]!.instruction.span.start < offset) return declarations[i];
  return undefined;
}

/** Timelines by stage index, kept on the model: they live exactly as long as the parse they describe. */
const TIMELINES = memoSlot<(StageTimeline | undefined)[]>('stage timelines');

function timelineOf(model: DockerfileModel, stage: Stage): StageTimeline {
  const perStage = model.memo.get(TIMELINES, () => []);
  const known = perStage[stage.index];
  if (known && model.stages.stages[stage.index] === stage) return known;
  // Parents first, each from the final state of the one it is built FROM (lineage has no cycles).
  const lineage = stageLineage(model, stage);
  let timeline: StageTimeline | undefined;
  for (let i = lineage.length - 1; i >= 0; i--) {
    const member = lineage[i]!;
    const own = model.stages.stages[member.index] === member;
    timeline = (own ? perStage[member.index] : undefined) ?? new StageTimeline(model, member, timeline);
    if (own) perStage[member.index] = timeline;
  }
  return timeline!;
}

/** ENV, ARG and WORKDIR in force just before `offset` in `stage`. The maps are shared: read them, never change them. */
export function environmentAt(model: DockerfileModel, stage: Stage, offset: number): StageEnvironment {
  return timelineOf(model, stage).environment(offset);
}

/** Single variables at one point of a stage, as {@link environmentAt} would answer, without building its maps. */
export interface EnvironmentLookup {
  /** The ENV declaration of `name` in force at the point (also from parent stages). */
  env(name: string): Declaration | undefined;
  /** The ARG declaration of `name` in force at the point (the stage's own ARGs only). */
  arg(name: string): Declaration | undefined;
}

class PointLookup implements EnvironmentLookup {
  constructor(
    private readonly timeline: StageTimeline,
    private readonly offset: number,
  ) {}

  env(name: string): Declaration | undefined {
    return this.timeline.envAt(name, this.offset);
  }

  arg(name: string): Declaration | undefined {
    return this.timeline.argAt(name, this.offset);
  }
}

/** Lookups at the point just before `offset` in `stage`; the stage is read once per parse, whatever the number of points. */
export function environmentLookupAt(model: DockerfileModel, stage: Stage, offset: number): EnvironmentLookup {
  return new PointLookup(timelineOf(model, stage), offset);
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
  const result: Declaration[] = [];
  for (const word of splitQuotedWords(instruction.args, escape)) {
    const equals = word.text.indexOf('=');
    const name = equals < 0 ? word.text : word.text.slice(0, equals);
    const raw = equals < 0 ? undefined : word.text.slice(equals + 1);
    // A bare `ARG NAME` in a stage takes the global ARG's default (or a --build-arg nobody can see here).
    const value = raw === undefined ? model.stages.globalArg(name) : evaluateWord(raw, escape, lookup);
    result.push({ name, keyword: 'ARG', value, text: word.text, references: raw === undefined ? [] : referencedVariables(raw), instruction });
  }
  return result;
}

/** Absolute, and no empty, `.` or `..` segment: already what normalizePath returns (most WORKDIRs are). */
const NORMAL_PATH = /^(?:\/(?!\.\.?(?:\/|$))[^/]+)+$/;

/** `/app/./x/../y/` → `/app/y`. */
export function normalizePath(path: string): string {
  if (NORMAL_PATH.test(path)) return path;
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

const SPECIAL_IN_WORD = /['"$]/;
const BRACED_PARAMETER = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/s;
const NAME_AT_START = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Reads one ENV/ARG/WORKDIR word as BuildKit's shell lexer does: quotes removed, the escape character
 * honoured, `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}` expanded.
 * Undefined when it uses a variable whose value the Dockerfile does not give (it may come from the base
 * image or the command line) or a form we do not read.
 */
export function evaluateWord(raw: string, escape: string, lookup: (name: string) => string | undefined): string | undefined {
  // Most values are plain words: nothing to unquote, unescape or expand.
  if (!SPECIAL_IN_WORD.test(raw) && !raw.includes(escape)) return raw;
  let result = '';
  let i = 0;
  const dollar = (): string | undefined => {
    // raw[i] is `$`.
    const next = raw[i + 1];
    if (next === '{') {
      const close = raw.indexOf('}', i + 2);
      if (close < 0) return undefined;
      const inner = BRACED_PARAMETER.exec(raw.slice(i + 2, close));
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
    const name = NAME_AT_START.exec(raw.slice(i + 1))?.[0];
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
        const escaped = raw[i + 1];
        if (d === escape && escaped !== undefined && (escaped === '"' || escaped === '$' || escaped === escape)) {
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
