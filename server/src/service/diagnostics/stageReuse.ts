/**
 * Reusing stage rules' findings from one version to the next. A keystroke changes one stage; on a 10,000-line file
 * with 500 stages, checking every stage again is most of a version's cost. What a stage rule reports for a stage
 * depends only on the stage's text, the stages it is built FROM, the text before the first FROM, the stages' names
 * and count, and the outside facts (rule.ts, StageRule). So when all of those are what they were in the last
 * validated version, its findings are the same, at the same places relative to the stage's first line.
 *
 * A stage is the text from the start of its FROM line to the start of the next FROM line (comments and blank lines
 * after its last instruction included). Findings are kept relative to that start, as JSON: nothing of the old
 * version (no instruction, no string sliced from its text) outlives it. Only the diagnostic's facts are kept (span,
 * message, related places, deprecated); fixes are worked out again on request for the current version, so no fix
 * ever carries an old offset. A stage whose findings reach outside it (an inherited ENV) is checked every time.
 */
import type { ServiceContext } from '../context';
import type { DockerfileModel } from '../document/model';
import type { Stage } from '../document/stages';
import type { Build } from '../document/build';
import { carriedSlot, memoSlot } from '../document/modelMemo';
import type { Finding, RelatedFinding } from './rule';

/** Where each stage's text starts and ends (document offsets), by stage index. */
export interface StageChunks {
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

const CHUNKS = memoSlot<StageChunks>('stage chunks');

export function stageChunksOf(model: DockerfileModel): StageChunks {
  return model.memo.get(CHUNKS, () => {
    const stages = model.stages.stages;
    const lineStarts = model.syntax.lineStarts;
    const starts = stages.map((stage) => lineStarts[stage.from.startLine] ?? stage.from.fullSpan.start);
    const ends = starts.map((_, i) => starts[i + 1] ?? model.syntax.text.length);
    return { starts, ends };
  });
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

type OutsideFacts = Pick<ServiceContext, 'catalog' | 'project' | 'today' | 'buildContext'>;

/** What a validated version leaves for the next: each stage's text and each stage rule's findings there. */
interface StageTable {
  readonly facts: OutsideFacts;
  /** The text before the first FROM line, the stages' names and their count. */
  readonly documentKey: string;
  readonly texts: readonly string[];
  /** Per stage: rule id → its findings, relative to the stage's start, as JSON. */
  readonly stored: readonly Map<string, string>[];
}

const TABLE = carriedSlot<StageTable>('stage rules findings of the last validated version');
const REUSE = memoSlot<StageReuse>('stage reuse');

const NONE = '[]';

/** A relative finding as JSON: [start, end, message, deprecated (1 or 0), related [start, end, message][]]. */
type StoredFinding = [number, number, string, number, [number, number, string][]];

export class StageReuse {
  private readonly chunks: StageChunks;
  private readonly table: StageTable;
  /** By stage index: whether the last validated version had this stage as it is, chain included. */
  private readonly unchanged: boolean[];
  private readonly previous: StageTable | undefined;

  constructor(
    private readonly model: DockerfileModel,
    context: OutsideFacts,
  ) {
    const stages = model.stages.stages;
    const text = model.syntax.text;
    this.chunks = stageChunksOf(model);
    const texts = stages.map((stage) => text.slice(this.chunks.starts[stage.index], this.chunks.ends[stage.index]));
    const documentKey = `${text.slice(0, this.chunks.starts[0] ?? text.length)}\0${stages.map((s) => s.name?.toLowerCase() ?? '').join('\0')}\0${stages.length}`;
    const facts: OutsideFacts = { catalog: context.catalog, project: context.project, today: context.today, buildContext: context.buildContext };
    this.table = { facts, documentKey, texts, stored: stages.map(() => new Map()) };
    const previous = model.memo.inheritedValue(TABLE);
    const comparable = !!previous && previous.documentKey === documentKey && sameFacts(previous.facts, facts) && previous.texts.length === texts.length;
    this.previous = comparable ? previous : undefined;
    this.unchanged = stages.map(() => false);
    if (!this.previous) return;
    for (const stage of stages) {
      // Parents come before their children, so the parent's answer is there already.
      this.unchanged[stage.index] = this.previous.texts[stage.index] === texts[stage.index] && (!stage.parent || this.unchanged[stage.parent.index]!);
    }
  }

  /** The findings of the last validated version for this stage and rule, moved to where the stage is now. */
  reused(stage: Stage, ruleId: string): Finding[] | undefined {
    if (!this.unchanged[stage.index]) return undefined;
    const stored = this.previous!.stored[stage.index]!.get(ruleId);
    if (stored === undefined) return undefined;
    this.table.stored[stage.index]!.set(ruleId, stored);
    if (stored === NONE) return [];
    const base = this.chunks.starts[stage.index]!;
    return (JSON.parse(stored) as StoredFinding[]).map(([start, end, message, deprecated, related]) => {
      const finding: { span: Finding['span']; message: string; deprecated?: boolean; related?: RelatedFinding[] } = { span: { start: base + start, end: base + end }, message };
      if (deprecated) finding.deprecated = true;
      if (related.length > 0) finding.related = related.map(([s, e, m]) => ({ span: { start: base + s, end: base + e }, message: m }));
      return finding;
    });
  }

  /** Keeps a stage's fresh findings for the next version, when all of them lie in the stage. */
  store(stage: Stage, ruleId: string, findings: readonly Finding[]): void {
    const index = stage.index;
    const base = this.chunks.starts[index]!;
    const stored: StoredFinding[] = [];
    for (const finding of findings) {
      if (!withinStage(this.chunks, index, finding.span.start, finding.span.end)) return;
      const related: [number, number, string][] = [];
      for (const r of finding.related ?? []) {
        if (!withinStage(this.chunks, index, r.span.start, r.span.end)) return;
        related.push([r.span.start - base, r.span.end - base, r.message]);
      }
      stored.push([finding.span.start - base, finding.span.end - base, finding.message, finding.deprecated ? 1 : 0, related]);
    }
    // Most stages have no finding of most rules: no JSON for those.
    this.table.stored[index]!.set(ruleId, stored.length === 0 ? NONE : JSON.stringify(stored));
  }

  /** Leaves this version's findings to the next version of the document. */
  carry(): void {
    this.model.memo.carry(TABLE, this.table);
  }
}

function sameFacts(a: OutsideFacts, b: OutsideFacts): boolean {
  return a.catalog === b.catalog && a.project === b.project && a.today === b.today && a.buildContext === b.buildContext;
}

/** The reuse for one version and one set of outside facts (validation may run twice on a version: kept on the build). */
export function stageReuseOf(build: Build): StageReuse {
  return build.memo.get(REUSE, () => new StageReuse(build.model, build.context));
}
