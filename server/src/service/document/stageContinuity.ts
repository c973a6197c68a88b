/**
 * Which stages of a version the last version had as they are. A stage is the text from the start of its FROM line
 * to the start of the next FROM line (comments and blank lines after its last instruction included). What is worked
 * out for a stage from that text, the stages it is built FROM, the text before the first FROM (global ARGs, parser
 * directives) and the stages' names and count is the same for a stage whose all of those are the same: a keystroke
 * changes one stage of a 500-stage file, and the others' work is taken over, moved with the stage, by index.
 *
 * Two kinds of work are carried this way: the stage rules' findings (diagnostics/stageReuse.ts) and the stages' own
 * facts the whole-document facts are made of (their `dotnet` calls and COPY/ADD placements: carriedStageFacts.ts).
 * Each keeps the texts it was worked out on and compares them with the current version's here.
 */
import type { DockerfileModel } from './model';
import { memoSlot } from './modelMemo';

/** Where each stage's text starts and ends (document offsets), by stage index. */
export interface StageChunks {
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

/** A version's stages as text: what another version's stages are compared with. */
export interface StageTexts {
  /** The text before the first FROM line, the stages' names and their count. */
  readonly documentKey: string;
  readonly texts: readonly string[];
}

const CHUNKS = memoSlot<StageChunks>('stage chunks');
const TEXTS = memoSlot<StageTexts>('stage texts');
const COMPARED = memoSlot<Map<StageTexts, readonly boolean[]>>('stages unchanged since another version');

export function stageChunksOf(model: DockerfileModel): StageChunks {
  return model.memo.get(CHUNKS, () => {
    const stages = model.stages.stages;
    const lineStarts = model.syntax.lineStarts;
    const starts = stages.map((stage) => lineStarts[stage.from.startLine] ?? stage.from.fullSpan.start);
    const ends = starts.map((_, i) => starts[i + 1] ?? model.syntax.text.length);
    return { starts, ends };
  });
}

export function stageTextsOf(model: DockerfileModel): StageTexts {
  return model.memo.get(TEXTS, () => {
    const stages = model.stages.stages;
    const text = model.syntax.text;
    const chunks = stageChunksOf(model);
    return {
      documentKey: `${text.slice(0, chunks.starts[0] ?? text.length)}\0${stages.map((s) => s.name?.toLowerCase() ?? '').join('\0')}\0${stages.length}`,
      texts: stages.map((stage) => text.slice(chunks.starts[stage.index], chunks.ends[stage.index])),
    };
  });
}

/**
 * By stage index: whether `previous` had the stage as it is, the stages it is built FROM included. All false when
 * there is no previous version, or its text before the first FROM, its stage names or its stage count differ.
 */
export function unchangedStages(model: DockerfileModel, previous: StageTexts | undefined): readonly boolean[] {
  const stages = model.stages.stages;
  if (!previous) return stages.map(() => false);
  // The stage rules and the carried facts usually compare with the same version: its texts are compared once.
  const compared = model.memo.get(COMPARED, () => new Map());
  let unchanged = compared.get(previous);
  if (unchanged) return unchanged;
  const current = stageTextsOf(model);
  const answer = stages.map(() => false);
  if (previous.documentKey === current.documentKey && previous.texts.length === current.texts.length) {
    for (const stage of stages) {
      // Parents come before their children, so the parent's answer is there already.
      answer[stage.index] = previous.texts[stage.index] === current.texts[stage.index] && (!stage.parent || answer[stage.parent.index]!);
    }
  }
  compared.set(previous, (unchanged = answer));
  return unchanged;
}

/** Whether a span lies in stage `index`'s text. */
export function withinStage(chunks: StageChunks, index: number, start: number, end: number): boolean {
  return start >= chunks.starts[index]! && end <= chunks.ends[index]!;
}

/** The index of the stage whose text holds the offset (-1 before the first FROM line). */
export function stageIndexAt(chunks: StageChunks, offset: number): number {
  let lo = 0;
  let hi = chunks.starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (chunks.starts[mid]! <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
