/**
 * A stage's own facts that the whole-document facts (publishing, the app's intent, the project search) are made of:
 * its `dotnet` calls, with the WORKDIR each RUN runs in, and its COPY/ADD placements. The whole-document facts are
 * worked out on every version, so these are asked for every stage on every keystroke; for a stage the last version
 * had as it is (stageContinuity.ts) they are the same, and are taken over instead of read again (which needs the
 * stage's ENV and ARG timeline).
 *
 * Each version keeps its own calls and placements with the index of their instruction in the stage; the next
 * version rebuilds a stage's on its own stage and instruction objects (a copy with those replaced), and keeps
 * those. So a version holds its own objects only, and the last version's only until it has taken over what it asks
 * for; a stage it does not ask about is read again when a later version does. The stage's facts also depend on the
 * base image's ENV, which comes from the catalog: a table is taken over only with the same catalog.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { DockerfileModel } from './model';
import type { Stage } from './stages';
import type { DotnetCommand } from './dotnetCommands';
import type { Placement } from './placements';
import type { Instruction } from '../syntax/model';
import { carriedSlot } from './modelMemo';
import { stageTextsOf, unchangedStages, type StageTexts } from './stageContinuity';

/** A `dotnet` call of this version with the index of its RUN among the stage's instructions and its WORKDIR. */
type KeptCall = readonly [number, DotnetCommand, string | undefined];
/** A placement of this version with the index of its COPY/ADD among the stage's instructions. */
type KeptPlacement = readonly [number, Placement];

interface FactsTable {
  readonly catalog: CatalogIndex | undefined;
  readonly stages: StageTexts;
  readonly calls: (readonly KeptCall[] | undefined)[];
  readonly placements: (readonly KeptPlacement[] | undefined)[];
}

const TABLE = carriedSlot<FactsTable>("stages' dotnet calls and placements of the last version");

/** A `dotnet` call and the WORKDIR its RUN runs in (before a `cd` of the RUN's own). */
export type CallAt = readonly [DotnetCommand, string | undefined];

export class CarriedStageFacts {
  private readonly table: FactsTable;
  /** What the last version had (undefined without one, or with another catalog). */
  private readonly previous: FactsTable | undefined;
  private readonly unchanged: readonly boolean[];

  constructor(
    private readonly model: DockerfileModel,
    catalog: CatalogIndex | undefined,
  ) {
    const inherited = model.memo.inheritedValue(TABLE);
    this.previous = inherited?.catalog === catalog ? inherited : undefined;
    this.unchanged = unchangedStages(model, this.previous?.stages);
    const count = model.stages.stages.length;
    this.table = { catalog, stages: stageTextsOf(model), calls: new Array(count), placements: new Array(count) };
    model.memo.carry(TABLE, this.table);
  }

  /** The stage's `dotnet` calls, each with the WORKDIR its RUN runs in: taken over, or `read` and kept. */
  dotnetCalls(stage: Stage, read: () => readonly CallAt[]): readonly CallAt[] {
    const index = stage.index;
    const before = this.unchanged[index] ? this.previous!.calls[index] : undefined;
    const instructions = stage.instructions;
    if (before) {
      const kept = before.map(([at, command, workdir]): KeptCall => [at, { ...command, stage, instruction: instructions[at]! }, workdir]);
      this.table.calls[index] = kept;
      return kept.map(([, command, workdir]): CallAt => [command, workdir]);
    }
    const fresh = read();
    const indexOf = instructionIndexes(stage);
    this.table.calls[index] = fresh.map(([command, workdir]): KeptCall => [indexOf(command.instruction), command, workdir]);
    return fresh;
  }

  /** The stage's placements: taken over, or `read` and kept. */
  placements(stage: Stage, read: () => readonly Placement[]): readonly Placement[] {
    const index = stage.index;
    const before = this.unchanged[index] ? this.previous!.placements[index] : undefined;
    const instructions = stage.instructions;
    const stages = this.model.stages.stages;
    if (before) {
      const kept = before.map(([at, placement]): KeptPlacement => [at, { ...placement, stage, instruction: instructions[at]!, fromStage: placement.fromStage && stages[placement.fromStage.index] }]);
      this.table.placements[index] = kept;
      return kept.map(([, placement]) => placement);
    }
    const fresh = read();
    const indexOf = instructionIndexes(stage);
    this.table.placements[index] = fresh.map((placement): KeptPlacement => [indexOf(placement.instruction), placement]);
    return fresh;
  }
}

/** The index of each instruction asked for among the stage's, asked in document order (a walk, not a map per stage). */
function instructionIndexes(stage: Stage): (instruction: Instruction) => number {
  const instructions = stage.instructions;
  let at = 0;
  return (instruction) => {
    while (at < instructions.length && instructions[at] !== instruction) at++;
    if (at === instructions.length) throw new Error(`an instruction of stage ${stage.index} that is not among its instructions, or not in order`);
    return at;
  };
}
