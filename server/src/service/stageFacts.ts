/**
 * Facts about a stage that several features need: the image it finally runs on (through `FROM <stage>`
 * chains), whether a shell is there for shell-form instructions at a given point, and who it runs as.
 */
import type { ServiceContext } from './context';
import type { DockerfileModel } from './model';
import type { Stage } from './stages';
import type { Instruction } from './syntax/model';
import { describeImageCached, type ImageFacts } from './images/imageFacts';

/** The facts of the image a stage finally runs on; undefined for `scratch` chains with no image, or cycles. */
export function stageImage(context: ServiceContext, model: DockerfileModel, stage: Stage): ImageFacts | undefined {
  const lineage = model.stages.lineage(stage);
  const root = lineage[lineage.length - 1];
  if (!root || root.parent || !root.image) return undefined;
  return describeImageCached(root.image, context.catalog);
}

/** The SHELL instruction in force at `offset` in the stage: an earlier one in the stage, or any in its parent stages. */
export function shellInstructionAt(model: DockerfileModel, stage: Stage, offset: number): Instruction | undefined {
  for (const current of model.stages.lineage(stage)) {
    const limit = current === stage ? offset : Number.POSITIVE_INFINITY;
    let found: Instruction | undefined;
    for (const instruction of current.instructions) {
      if (instruction.span.start >= limit) break;
      if (instruction.name === 'SHELL') found = instruction;
    }
    if (found) return found;
  }
  return undefined;
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
    const lineage = model.stages.lineage(stage);
    const root = lineage[lineage.length - 1];
    const scratch = root && !root.parent && root.image?.text.toLowerCase() === 'scratch';
    return { available: scratch ? false : undefined, image, shellInstruction };
  }
  return { available: image.shell, image, shellInstruction };
}

/** The user a stage runs as at `offset`: the last USER before it in the stage or its parents, else the image default. */
export function userAt(context: ServiceContext, model: DockerfileModel, stage: Stage, offset: number): { user: string | undefined; nonRoot: boolean | undefined } {
  for (const current of model.stages.lineage(stage)) {
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
