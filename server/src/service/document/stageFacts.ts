/**
 * What a stage is, as BuildKit builds it: the image it finally runs on (through `FROM <stage>` chains), whether a
 * shell is there at a point, who it runs as, its environment and working directory, what it runs when started.
 * One answer per question, worked out once per stage from the answers of the stage it is built FROM, so a chain
 * of 10,000 stages costs 10,000 steps, not 50 million.
 */
import type { ServiceContext } from '../context';
import type { DockerfileModel } from './model';
import type { Stage } from './stages';
import type { Instruction } from '../syntax/model';
import { describeImageCached, type ImageFacts } from '../images/imageFacts';
import { lookupAt, StageTimeline, type Declaration, type EnvironmentLookup, type StageEnvironment } from './environment';

/** Users that are root: by name, by UID, and Windows' administrator account. */
const ROOT_USERS: ReadonlySet<string> = new Set(['root', '0', 'containeradministrator']);

/** Whether a USER value (`app`, `1654:1654`, `$APP_UID`, `root`) is root; undefined when it cannot be told. */
export function isRootUser(user: string): boolean | undefined {
  const name = user.trim().split(':')[0]!.toLowerCase();
  if (name === '') return undefined;
  return ROOT_USERS.has(name);
}

export interface ShellAt {
  /** false: no /bin/sh at this point; true: there is one (or a SHELL says which); undefined: unknown. */
  readonly available: boolean | undefined;
  /** The SHELL instruction in force, when one decides the matter. */
  readonly shellInstruction: Instruction | undefined;
}

export interface UserAt {
  /** The USER instruction in force (in the stage or one it is built FROM); undefined: the image's default user. */
  readonly instruction: Instruction | undefined;
  /** The user as written, or undefined for the image's default. */
  readonly user: string | undefined;
  /** True/false when known: the container runs as a non-root user. */
  readonly nonRoot: boolean | undefined;
}

/**
 * What a container of the stage runs when started: ENTRYPOINT and CMD as Docker combines them, the Dockerfile's and
 * the base image's own (images/imageStart.ts: a chiseled runtime image brings `ENTRYPOINT ["/usr/bin/dotnet"]`).
 * An instruction and the image's value of the same kind are never both set.
 */
export interface StartCommand {
  readonly entrypoint: Instruction | undefined;
  readonly cmd: Instruction | undefined;
  /** The base image's ENTRYPOINT, in force because no ENTRYPOINT of the Dockerfile replaced it. */
  readonly imageEntrypoint: readonly string[] | undefined;
  /** The base image's CMD, in force because neither a CMD nor an ENTRYPOINT of the Dockerfile replaced it. */
  readonly imageCmd: readonly string[] | undefined;
}

const NO_INSTRUCTIONS: readonly Instruction[] = [];

export class StageFacts {
  /** The stage whose base is an image (or scratch): the end of the `FROM <stage>` chain. */
  readonly root: Stage;
  /** The image the stage finally runs on; undefined for scratch and for bases we cannot read. */
  readonly image: ImageFacts | undefined;
  /** True when the chain ends at `FROM scratch`. */
  readonly scratch: boolean;
  /** How many stages the chain has, this one included. */
  readonly depth: number;

  private shells: readonly Instruction[] | undefined;
  private users: readonly Instruction[] | undefined;
  private finalShellMemo: Instruction | null | undefined;
  private finalUserMemo: UserAt | undefined;
  private timelineMemo: StageTimeline | undefined;
  private effectiveEnvMemo: readonly Declaration[] | undefined;
  private commandMemo: StartCommand | undefined;
  private lineageMemo: readonly Stage[] | undefined;
  private workdirsRead = false;

  constructor(
    readonly model: DockerfileModel,
    readonly stage: Stage,
    /** The facts of the stage this one is built FROM. */
    readonly parent: StageFacts | undefined,
    context: ServiceContext,
  ) {
    this.root = parent ? parent.root : stage;
    this.depth = parent ? parent.depth + 1 : 1;
    if (parent) {
      this.image = parent.image;
      this.scratch = parent.scratch;
    } else {
      const image = stage.image;
      this.scratch = !!image && image.text.toLowerCase() === 'scratch';
      this.image = image && !this.scratch ? describeImageCached(image, context.catalog) : undefined;
    }
  }

  /** The stages from this one up to the root (this one first). Built on request: most questions need only the parent. */
  lineage(): readonly Stage[] {
    if (!this.lineageMemo) {
      const chain: Stage[] = [this.stage];
      for (let facts = this.parent; facts; facts = facts.parent) chain.push(facts.stage);
      this.lineageMemo = chain;
    }
    return this.lineageMemo;
  }

  /** Is a shell there for a shell-form instruction starting at `offset` in this stage? */
  shellAt(offset: number): ShellAt {
    const own = lastBefore(this.ownShells(), offset);
    const shellInstruction = own ?? this.parent?.finalShell();
    if (shellInstruction) return { available: true, shellInstruction };
    if (this.scratch) return { available: false, shellInstruction: undefined };
    return { available: this.image?.shell, shellInstruction: undefined };
  }

  /** The SHELL in force at the end of the stage: what a stage built FROM it inherits. */
  finalShell(): Instruction | undefined {
    if (this.finalShellMemo === undefined) {
      for (const ancestor of this.ancestorsWithout((f) => f.finalShellMemo !== undefined)) ancestor.finalShell();
      const shells = this.ownShells();
      this.finalShellMemo = shells[shells.length - 1] ?? this.parent?.finalShell() ?? null;
    }
    return this.finalShellMemo ?? undefined;
  }

  /** Who runs an instruction starting at `offset`: the last USER before it (here or in the chain), else the image default. */
  userAt(offset: number): UserAt {
    const own = lastBefore(this.ownUsers(), offset);
    if (own) return userOf(own);
    return this.parent ? this.parent.finalUser() : { instruction: undefined, user: undefined, nonRoot: this.image?.nonRoot };
  }

  /** Who the container of this stage runs as. */
  finalUser(): UserAt {
    if (!this.finalUserMemo) for (const ancestor of this.ancestorsWithout((f) => f.finalUserMemo !== undefined)) ancestor.finalUser();
    return (this.finalUserMemo ??= this.userAt(Number.POSITIVE_INFINITY));
  }

  /** The ENV, ARG and WORKDIR timeline of the stage (ENV and WORKDIR inherited through the chain). */
  timeline(): StageTimeline {
    if (!this.timelineMemo) for (const ancestor of this.ancestorsWithout((f) => f.timelineMemo !== undefined)) ancestor.timeline();
    return (this.timelineMemo ??= new StageTimeline(this.model, this.stage, this.parent?.timeline()));
  }

  /** ENV, ARG and WORKDIR in force just before `offset`. The maps are shared: read them, never change them. */
  environmentAt(offset: number): StageEnvironment {
    if (!this.workdirsRead) {
      // The working directory is carried down the chain: read the ancestors' first, farthest first.
      for (const ancestor of this.ancestorsWithout((f) => f.workdirsRead)) {
        ancestor.timeline().finalWorkdir();
        ancestor.workdirsRead = true;
      }
      this.workdirsRead = true;
    }
    return this.timeline().environment(offset);
  }

  /** The working directory just before `offset`, without building the environment's maps. */
  workdirAt(offset: number): string | undefined {
    if (!this.workdirsRead) this.environmentAt(Number.POSITIVE_INFINITY);
    return this.timeline().workdirAt(offset);
  }

  /** Single variables just before `offset`, without building whole maps. */
  lookupAt(offset: number): EnvironmentLookup {
    return lookupAt(this.timeline(), offset);
  }

  /** The ENV a container of this stage starts with: the last declaration of each name, here or in the chain. */
  effectiveEnv(): readonly Declaration[] {
    if (!this.effectiveEnvMemo) {
      for (const ancestor of this.ancestorsWithout((f) => f.effectiveEnvMemo !== undefined)) ancestor.effectiveEnv();
      const own = this.timeline().ownEnv();
      if (own.length === 0 && this.parent) this.effectiveEnvMemo = this.parent.effectiveEnv();
      else this.effectiveEnvMemo = [...this.timeline().finalEnv().values()].sort(byPosition);
    }
    return this.effectiveEnvMemo;
  }

  /** The ENV declarations written in this stage itself, in order. */
  ownEnv(): readonly Declaration[] {
    return this.timeline().ownEnv();
  }

  /** ENTRYPOINT and CMD in force at the end of the stage (inherited through the chain, as Docker does). */
  startCommand(): StartCommand {
    if (!this.commandMemo) {
      for (const ancestor of this.ancestorsWithout((f) => f.commandMemo !== undefined)) ancestor.startCommand();
      // As BuildKit dispatches them: a stage starts with its parent's config; ENTRYPOINT clears a CMD that was not
      // set in this stage before it (an inherited one), and keeps one that was.
      // The root stage starts with the image's config.
      const inherited = this.parent?.startCommand();
      let entrypoint = inherited?.entrypoint;
      let cmd = inherited?.cmd;
      let imageEntrypoint = inherited ? inherited.imageEntrypoint : this.image?.start?.entrypoint;
      let imageCmd = inherited ? inherited.imageCmd : this.image?.start?.cmd;
      let cmdSet = false;
      for (const instruction of this.stage.instructions) {
        if (instruction.name === 'CMD') {
          cmd = instruction;
          imageCmd = undefined;
          cmdSet = true;
        } else if (instruction.name === 'ENTRYPOINT') {
          entrypoint = instruction;
          imageEntrypoint = undefined;
          if (!cmdSet) {
            cmd = undefined;
            imageCmd = undefined;
          }
        }
      }
      this.commandMemo = { entrypoint, cmd, imageEntrypoint, imageCmd };
    }
    return this.commandMemo;
  }

  /**
   * The ancestors that have not answered yet, farthest first. Each answer is made from the parent's, so asking them
   * in this order first keeps the recursion one level deep however long the chain is.
   */
  private ancestorsWithout(answered: (facts: StageFacts) => boolean): StageFacts[] {
    const pending: StageFacts[] = [];
    for (let facts = this.parent; facts && !answered(facts); facts = facts.parent) pending.push(facts);
    return pending.reverse();
  }

  private ownShells(): readonly Instruction[] {
    return (this.shells ??= named(this.stage, 'SHELL'));
  }

  private ownUsers(): readonly Instruction[] {
    return (this.users ??= named(this.stage, 'USER'));
  }
}

function userOf(instruction: Instruction): UserAt {
  const user = instruction.args.trim();
  const root = isRootUser(user);
  return { instruction, user, nonRoot: root === undefined ? undefined : !root };
}

function named(stage: Stage, name: string): readonly Instruction[] {
  let found: Instruction[] | undefined;
  const instructions = stage.instructions;
  for (let i = 0; i < instructions.length; i++) if (instructions[i]!.name === name) (found ??= []).push(instructions[i]!);
  return found ?? NO_INSTRUCTIONS;
}

/** The last instruction of the list that starts before `offset`. */
function lastBefore(list: readonly Instruction[], offset: number): Instruction | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.span.start < offset) return list[i];
  return undefined;
}

function byPosition(a: Declaration, b: Declaration): number {
  return a.span.start - b.span.start;
}
