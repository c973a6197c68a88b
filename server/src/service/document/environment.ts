/**
 * A stage's environment as BuildKit applies it: the ENV and ARG variables declared before a point (with their
 * values where the Dockerfile alone decides them, and where each is written) and the working directory, ENV and
 * WORKDIR inherited from the stage it is built FROM. Rules read ports and globalization settings from it, the
 * exec-form rewrite inlines `$PORT` with it, moving steps carries their context along with it.
 */
import type { DockerfileModel } from './model';
import { memoSlot } from './modelMemo';
import type { Stage } from './stages';
import { parseKeyValues, splitQuotedWords } from '../syntax/keyValue';
import type { Instruction, Span } from '../syntax/model';
import { evaluateWord, referencedVariables } from '../shell/expansion';

export interface Declaration {
  readonly name: string;
  readonly keyword: 'ENV' | 'ARG';
  /** The value with quotes, escapes and variables resolved; undefined when the Dockerfile alone cannot tell it. */
  readonly value: string | undefined;
  /** The value as written (quotes kept), and where it starts in the instruction's `args`; undefined for a bare `ARG NAME`. */
  readonly rawValue: string | undefined;
  readonly rawValueStart: number;
  /** The declaration as written, ready to repeat after the keyword: `PORT=8080`, `VERSION`, `NAME some value` (legacy ENV). */
  readonly text: string;
  /** From the name to the end of the value, in the document. */
  readonly span: Span;
  /** Variables the written declaration refers to. */
  readonly references: readonly string[];
  readonly instruction: Instruction;
}

export interface StageEnvironment {
  /** ENV of the stage and the stages it is built FROM, declared before the point. */
  readonly env: ReadonlyMap<string, Declaration>;
  /**
   * ARGs declared before the point, in the stage or a stage it is built FROM: BuildKit starts a `FROM <stage>` stage
   * with its parent's declared ARGs (dockerfile2llb's dispatchState.init appends the base's buildArgs).
   */
  readonly args: ReadonlyMap<string, Declaration>;
  /** The absolute working directory, or undefined when a WORKDIR uses a value we cannot know. */
  readonly workdir: string | undefined;
}

const NO_DECLARATIONS: ReadonlyMap<string, Declaration> = new Map();
const NO_LIST: readonly Declaration[] = [];
const NO_HISTORY: ReadonlyMap<string, readonly Declaration[]> = new Map();

/**
 * How many inherited entries the stages of one document may copy into maps of their own (a stage that declares
 * ENV or ARG copies what it inherits, so its children see both). A FROM chain in which every stage declares a new
 * name copies quadratically: 8,000 such stages (380 KB) took 5 s and 1.5 GB. Past the budget a stage's ENV and ARG
 * maps are what it inherits, shared: what it declares itself is seen by lookups in the stage (envAt, argAt) but not
 * in those maps, nor passed on. A wrong answer deep in a pathological chain, never a hang. Real Dockerfiles copy a
 * few hundred entries.
 */
export const MAX_COPIED_ENTRIES = 200_000;
const copyBudgetSlot = memoSlot<{ left: number }>('inherited entries the stages may still copy');

/** Takes `entries` from the document's copy budget; false when it does not have them left. */
function takeCopyBudget(model: DockerfileModel, entries: number): boolean {
  const budget = model.memo.get(copyBudgetSlot, () => ({ left: MAX_COPIED_ENTRIES }));
  if (budget.left < entries) return false;
  budget.left -= entries;
  return true;
}

/**
 * A stage's ENV and ARG over its whole length, read once per parse: what a point of the stage sees is then a
 * lookup away, instead of a rescan from the stage start for every fix. Each name keeps the list of its
 * declarations in the stage (names in the order they were first declared, the order the environment's maps
 * list them in); ENV and ARG from the stages it is built FROM are the parent's final ones, shared, not copied. WORKDIR
 * and whole environments are worked out only when asked for (moving steps needs them, the exec-form rewrite
 * does not).
 */
export class StageTimeline {
  private readonly inherited: ReadonlyMap<string, Declaration>;
  /** The ARGs declared in the stages it is built FROM (the parent's final ARGs). */
  private readonly inheritedArgs: ReadonlyMap<string, Declaration>;
  /** Created on the first declaration: many stages declare no ENV. */
  private env: Map<string, Declaration[]> | undefined;
  private args: Map<string, Declaration[]> | undefined;
  private points: Points | undefined;
  private finalEnvironment: ReadonlyMap<string, Declaration> | undefined;
  private finalArguments: ReadonlyMap<string, Declaration> | undefined;

  constructor(
    private readonly model: DockerfileModel,
    private readonly stage: Stage,
    private readonly parent: StageTimeline | undefined,
  ) {
    this.inherited = parent ? parent.finalEnv() : NO_DECLARATIONS;
    this.inheritedArgs = parent ? parent.finalArgs() : NO_DECLARATIONS;
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

  /** The ARG declaration of `name` in force at `offset` (the stage's own, else one of the stages it is built FROM). */
  argAt(name: string, offset: number): Declaration | undefined {
    return lastBefore(this.args?.get(name), offset) ?? this.inheritedArgs.get(name);
  }

  environment(offset: number): StageEnvironment {
    const points = this.pointsOf();
    const point = changesBefore(points.changes, offset);
    let environment = points.built[point];
    if (!environment) {
      const env = point === points.changes.length ? this.finalEnv() : this.envMapAt(offset);
      // A stage without ARGs of its own shares what it inherits, as finalArgs and envMapAt do (past the budget too).
      let args = this.inheritedArgs;
      if (this.args && takeCopyBudget(this.model, this.inheritedArgs.size)) {
        const own = new Map<string, Declaration>(this.inheritedArgs);
        for (const [name, declarations] of this.args) {
          const declaration = lastBefore(declarations, offset);
          if (declaration) own.set(name, declaration);
        }
        args = own;
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

  /** The ARGs at the end of the stage, its own and inherited: what stages built FROM it start with. */
  finalArgs(): ReadonlyMap<string, Declaration> {
    if (!this.finalArguments) {
      // A stage without ARGs of its own shares what it inherits: a long FROM chain stays linear.
      if (!this.args || !takeCopyBudget(this.model, this.inheritedArgs.size)) this.finalArguments = this.inheritedArgs;
      else {
        const args = new Map(this.inheritedArgs);
        for (const [name, declarations] of this.args) args.set(name, declarations[declarations.length - 1]!);
        this.finalArguments = args;
      }
    }
    return this.finalArguments;
  }

  /** The stage's own ENV declarations, in document order. */
  ownEnv(): readonly Declaration[] {
    if (!this.env) return NO_LIST;
    const all: Declaration[] = [];
    for (const list of this.env.values()) for (const declaration of list) all.push(declaration);
    return all.sort((a, b) => a.span.start - b.span.start);
  }

  /** The working directory just before `offset`, without building the environment's maps. */
  workdirAt(offset: number): string | undefined {
    const points = this.pointsOf();
    return points.workdirs[changesBefore(points.changes, offset)];
  }

  /** The working directory at the end of the stage (what stages built FROM it start in). */
  finalWorkdir(): string | undefined {
    const workdirs = this.pointsOf().workdirs;
    return workdirs[workdirs.length - 1];
  }

  /** What `$name` stands for in an instruction starting at `offset`: ENV first, then ARG. */
  private valueBefore(name: string, offset: number): string | undefined {
    return (this.envAt(name, offset) ?? this.argAt(name, offset))?.value;
  }

  private envMapAt(offset: number): ReadonlyMap<string, Declaration> {
    // A stage without ENV of its own shares what it inherits: a long FROM chain stays linear.
    if (!this.env || !takeCopyBudget(this.model, this.inherited.size)) return this.inherited;
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

/** Single variables at one point of a stage, as {@link environmentAt} would answer, without building its maps. */
export interface EnvironmentLookup {
  /** The ENV declaration of `name` in force at the point (also from parent stages). */
  env(name: string): Declaration | undefined;
  /** The ARG declaration of `name` in force at the point (also from parent stages). */
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

/** Lookups at the point just before `offset`; the stage is read once per parse, whatever the number of points. */
export function lookupAt(timeline: StageTimeline, offset: number): EnvironmentLookup {
  return new PointLookup(timeline, offset);
}

function envDeclarations(instruction: Instruction, escape: string, lookup: (name: string) => string | undefined): Declaration[] {
  const parsed = parseKeyValues(instruction.args, escape, 'ENV');
  const result: Declaration[] = [];
  // Every pair of one ENV sees the values before the instruction, as BuildKit expands them.
  for (const pair of parsed.pairs) {
    const text = parsed.style === 'legacy' ? instruction.args : instruction.args.slice(pair.keyStart, pair.valueEnd);
    const raw = parsed.style === 'legacy' ? pair.value : instruction.args.slice(pair.valueStart, pair.valueEnd);
    const span = { start: instruction.argsMap.toDocument(pair.keyStart), end: instruction.argsMap.toDocument(pair.valueEnd) };
    result.push({ name: pair.key, keyword: 'ENV', value: evaluateWord(raw, escape, lookup), rawValue: raw, rawValueStart: pair.valueStart, text, span, references: referencedVariables(raw), instruction });
  }
  return result;
}

function argDeclarations(model: DockerfileModel, instruction: Instruction, escape: string, lookup: (name: string) => string | undefined): Declaration[] {
  const result: Declaration[] = [];
  for (const word of splitQuotedWords(instruction.args, escape)) {
    const equals = word.text.indexOf('=');
    const name = equals < 0 ? word.text : word.text.slice(0, equals);
    const raw = equals < 0 ? undefined : word.text.slice(equals + 1);
    // A bare `ARG NAME` in a stage takes the global ARG's default (or a --build-arg nobody can see here); without
    // one, the value already in force stays (an ARG of a stage it is built FROM, or an earlier one), as in BuildKit,
    // where the ARG then adds nothing to the state it inherited.
    const value = raw === undefined ? (model.stages.globalArg(name) ?? lookup(name)) : evaluateWord(raw, escape, lookup);
    const span = { start: instruction.argsMap.toDocument(word.start), end: instruction.argsMap.toDocument(word.end) };
    const rawValueStart = equals < 0 ? word.end : word.start + equals + 1;
    result.push({ name, keyword: 'ARG', value, rawValue: raw, rawValueStart, text: word.text, span, references: raw === undefined ? [] : referencedVariables(raw), instruction });
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
