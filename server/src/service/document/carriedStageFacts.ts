/**
 * A stage's own facts that the whole-document facts (publishing, the app's intent, the project search) are made of:
 * its `dotnet` calls, with the WORKDIR each RUN runs in, and its COPY/ADD placements. The whole-document facts are
 * worked out on every version, so these are asked for every stage on every keystroke; for a stage the last version
 * had as it is (stageContinuity.ts) they are the same, and are taken over instead of read again (which needs the
 * stage's ENV and ARG timeline).
 *
 * Kept as plain data and indexes into the stage's instructions, and rebuilt on the current version's stage and
 * instruction objects: nothing of an old version is kept but strings. The stage's facts also depend on the base
 * image's ENV, which comes from the catalog: a table is taken over only with the same catalog.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { DockerfileModel } from './model';
import type { Stage } from './stages';
import type { DotnetCommand } from './dotnetCommands';
import type { Placement } from './placements';
import type { Instruction } from '../syntax/model';
import { carriedSlot } from './modelMemo';
import { stageTextsOf, unchangedStages, type StageTexts } from './stageContinuity';

/** A `dotnet` call without its stage and instruction, the index of its RUN among the stage's instructions, its WORKDIR. */
type StoredCall = readonly [number, Omit<DotnetCommand, 'stage' | 'instruction'>, string | undefined];
/** A placement with its instruction and the stage it copies from as indexes (-1: none). */
type StoredPlacement = readonly [number, number, Omit<Placement, 'stage' | 'instruction' | 'fromStage'>];

interface FactsTable {
  readonly catalog: CatalogIndex | undefined;
  readonly stages: StageTexts;
  readonly calls: (readonly StoredCall[] | undefined)[];
  readonly placements: (readonly StoredPlacement[] | undefined)[];
}

const TABLE = carriedSlot<FactsTable>("stages' dotnet calls and placements of the last version");

export class CarriedStageFacts {
  private readonly table: FactsTable;
  /** By stage index: what the last version had for the stage (undefined when the stage changed). */
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
    // What the last version knew of the stages it had stays known, asked for in this version or not.
    if (this.previous) {
      for (let i = 0; i < count; i++) {
        if (!this.unchanged[i]) continue;
        this.table.calls[i] = this.previous.calls[i];
        this.table.placements[i] = this.previous.placements[i];
      }
    }
    model.memo.carry(TABLE, this.table);
  }

  /** The stage's `dotnet` calls, each with the WORKDIR its RUN runs in: taken over, or `read` and kept. */
  dotnetCalls(stage: Stage, read: () => readonly CallAt[]): readonly CallAt[] {
    const stored = this.table.calls[stage.index];
    if (stored) return stored.map(([index, call, workdir]): CallAt => [{ ...call, stage, instruction: stage.instructions[index]! }, workdir]);
    const fresh = read();
    const indexOf = instructionIndexes(stage);
    this.table.calls[stage.index] = fresh.map(([command, workdir]): StoredCall => [indexOf(command.instruction), withoutObjects(command), workdir]);
    return fresh;
  }

  /** The stage's placements: taken over, or `read` and kept. */
  placements(stage: Stage, read: () => readonly Placement[]): readonly Placement[] {
    const stored = this.table.placements[stage.index];
    const stages = this.model.stages.stages;
    if (stored) return stored.map(([index, from, placement]): Placement => ({ ...placement, stage, instruction: stage.instructions[index]!, fromStage: from < 0 ? undefined : stages[from] }));
    const fresh = read();
    const indexOf = instructionIndexes(stage);
    this.table.placements[stage.index] = fresh.map((placement): StoredPlacement => {
      const { stage: _own, instruction, fromStage, ...rest } = placement;
      return [indexOf(instruction), fromStage ? fromStage.index : -1, rest];
    });
    return fresh;
  }
}

/** A `dotnet` call and the WORKDIR its RUN runs in (before a `cd` of the RUN's own). */
export type CallAt = readonly [DotnetCommand, string | undefined];

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

function withoutObjects(command: DotnetCommand): Omit<DotnetCommand, 'stage' | 'instruction'> {
  const { stage: _stage, instruction: _instruction, ...call } = command;
  return call;
}
