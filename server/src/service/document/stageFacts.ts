/**
 * Facts about a stage that several features need: the image it finally runs on (through `FROM <stage>`
 * chains), whether a shell is there for shell-form instructions at a given point, and who it runs as.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { ServiceContext } from '../context';
import type { DockerfileModel } from './model';
import type { Stage } from './stages';
import type { Instruction } from '../syntax/model';
import { describeImageCached, type ImageFacts } from '../images/imageFacts';
import { memoSlot } from './modelMemo';

/**
 * What the functions below work out once per stage: every fix of a stage asks the same questions. Kept per
 * model (one entry per parse, the stages' records by index), so the memo lives exactly as long as the model.
 */
interface StageMemo {
  lineage: readonly Stage[] | undefined;
  /** The stage's SHELL instructions, in order. */
  shells: readonly Instruction[] | undefined;
  /** The SHELL inherited from the stages it is built FROM (null: none). */
  inheritedShell: Instruction | null | undefined;
  /** The image facts, for the catalog they were worked out with. */
  image: { readonly catalog: CatalogIndex | undefined; readonly facts: ImageFacts | undefined } | undefined;
}

const STAGE_MEMOS = memoSlot<(StageMemo | undefined)[]>('stage facts');

function fresh(): StageMemo {
  return { lineage: undefined, shells: undefined, inheritedShell: undefined, image: undefined };
}

function memoOf(model: DockerfileModel, stage: Stage): StageMemo {
  // A stage of another parse (never passed in practice) gets a memo of its own that is not kept.
  if (model.stages.stages[stage.index] !== stage) return fresh();
  const perStage = model.memo.get(STAGE_MEMOS, () => []);
  return (perStage[stage.index] ??= fresh());
}

/** `model.stages.lineage(stage)`, worked out once per stage (a stage built on an image is its own lineage). */
export function stageLineage(model: DockerfileModel, stage: Stage): readonly Stage[] {
  if (!stage.parent) return [stage];
  const memo = memoOf(model, stage);
  return (memo.lineage ??= model.stages.lineage(stage));
}

/** The facts of the image a stage finally runs on; undefined for `scratch` chains with no image, or cycles. */
export function stageImage(context: ServiceContext, model: DockerfileModel, stage: Stage): ImageFacts | undefined {
  const memo = memoOf(model, stage);
  if (memo.image && memo.image.catalog === context.catalog) return memo.image.facts;
  const lineage = stageLineage(model, stage);
  const root = lineage[lineage.length - 1];
  const facts = !root || root.parent || !root.image ? undefined : describeImageCached(root.image, context.catalog);
  memo.image = { catalog: context.catalog, facts };
  return facts;
}

const NO_SHELLS: readonly Instruction[] = [];

function shellsOf(memo: StageMemo, stage: Stage): readonly Instruction[] {
  if (!memo.shells) {
    let found: Instruction[] | undefined;
    for (const instruction of stage.instructions) if (instruction.name === 'SHELL') (found ??= []).push(instruction);
    memo.shells = found ?? NO_SHELLS;
  }
  return memo.shells;
}

/** The SHELL instruction in force at `offset` in the stage: an earlier one in the stage, or any in its parent stages. */
export function shellInstructionAt(model: DockerfileModel, stage: Stage, offset: number): Instruction | undefined {
  const memo = memoOf(model, stage);
  const shells = shellsOf(memo, stage);
  for (let i = shells.length - 1; i >= 0; i--) if (shells[i]!.span.start < offset) return shells[i];
  if (!stage.parent) return undefined;
  if (memo.inheritedShell === undefined) {
    let inherited: Instruction | null = null;
    const lineage = stageLineage(model, stage);
    for (let i = 1; i < lineage.length && !inherited; i++) {
      const parent = lineage[i]!;
      const parentShells = shellsOf(memoOf(model, parent), parent);
      if (parentShells.length > 0) inherited = parentShells[parentShells.length - 1]!;
    }
    memo.inheritedShell = inherited;
  }
  return memo.inheritedShell ?? undefined;
}

export interface ShellStatus {
  /** false: a shell-form instruction here cannot run; true: it can; undefined: unknown base. */
  readonly available: boolean | undefined;
  readonly image: ImageFacts | undefined;
  /** Set when a SHELL instruction decides the matter. */
  readonly shellInstruction: Instruction | undefined;
}

export function shellStatusAt(context: ServiceContext, model: DockerfileModel, stage: Stage, offset: number): ShellStatus {
  const image = stageImage(context, model, stage);
  const shellInstruction = shellInstructionAt(model, stage, offset);
  if (shellInstruction) return { available: true, image, shellInstruction };
  if (!image) {
    // FROM scratch (directly or through a chain) has no shell either.
    const lineage = stageLineage(model, stage);
    const root = lineage[lineage.length - 1];
    const scratch = root && !root.parent && root.image?.text.toLowerCase() === 'scratch';
    return { available: scratch ? false : undefined, image, shellInstruction };
  }
  return { available: image.shell, image, shellInstruction };
}

/** The user a stage runs as at `offset`: the last USER before it in the stage or its parents, else the image default. */
export function userAt(context: ServiceContext, model: DockerfileModel, stage: Stage, offset: number): { user: string | undefined; nonRoot: boolean | undefined } {
  for (const current of stageLineage(model, stage)) {
    const limit = current === stage ? offset : Number.POSITIVE_INFINITY;
    let user: string | undefined;
    for (const instruction of current.instructions) {
      if (instruction.span.start >= limit) break;
      if (instruction.name === 'USER') user = instruction.args.trim();
    }
    if (user !== undefined) {
      const name = user.split(':')[0]!.toLowerCase();
      const root = name === 'root' || name === '0' || name === 'containeradministrator';
      return { user, nonRoot: !root };
    }
  }
  const image = stageImage(context, model, stage);
  return { user: undefined, nonRoot: image?.nonRoot };
}
