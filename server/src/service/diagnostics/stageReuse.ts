/**
 * Reusing stage rules' findings from one version to the next. A keystroke changes one stage; on a 10,000-line file
 * with 500 stages, checking every stage again is most of a version's cost. What a stage rule reports for a stage
 * depends only on the stage's text, the stages it is built FROM, the text before the first FROM, the stages' names
 * and count, and the outside facts (rule.ts, StageRule). So when all of those are what they were in the last
 * validated version (document/stageContinuity.ts), its findings are the same, at the same places relative to the
 * stage's start.
 *
 * Findings are kept relative to the stage's start, as JSON: nothing of the old version (no instruction, no string
 * sliced from its text) outlives it. Only the diagnostic's facts are kept (span, message, related places,
 * deprecated); fixes are worked out again on request for the current version, so no fix ever carries an old offset.
 * A stage whose findings reach outside it (an inherited ENV) is checked every time.
 */
import { sameOutsideFacts, type Build, type OutsideFacts } from '../document/build';
import type { Stage } from '../document/stages';
import { carriedSlot, memoSlot } from '../document/modelMemo';
import { stageChunksOf, stageTextsOf, unchangedStages, withinStage, type StageChunks, type StageTexts } from '../document/stageContinuity';
import type { Finding, RelatedFinding } from './rule';

/** What a validated version leaves for the next: its stages' texts and each stage rule's findings there. */
interface StageTable {
  readonly facts: OutsideFacts;
  readonly stages: StageTexts;
  /** Rule id → by stage index: its findings, relative to the stage's start, as JSON. */
  readonly stored: Map<string, (string | undefined)[]>;
}

const TABLE = carriedSlot<StageTable>('stage rules findings of the last validated version');
const REUSE = memoSlot<StageReuse>('stage reuse');
/** No finding: most stages for most rules, kept without JSON. */
const NONE = '[]';

/** A relative finding as JSON: [start, end, message, deprecated (1 or 0), related [start, end, message][]]. */
type StoredFinding = [number, number, string, number, [number, number, string][]];

/** One rule's findings per stage: those taken over from the last validated version, and the fresh ones to keep. */
export interface RuleStages {
  /** The findings of the last validated version for this stage, moved to where the stage is now. */
  reused(stage: Stage): Finding[] | undefined;
  /** Keeps a stage's fresh findings for the next version, when all of them lie in the stage. */
  store(stage: Stage, findings: readonly Finding[]): void;
}

export class StageReuse {
  private readonly chunks: StageChunks;
  private readonly table: StageTable;
  /** By stage index: whether the last validated version had this stage as it is, chain included. */
  private readonly unchanged: readonly boolean[];
  private readonly previous: StageTable | undefined;

  constructor(private readonly build: Build) {
    const model = build.model;
    const context = build.context;
    this.chunks = stageChunksOf(model);
    const facts: OutsideFacts = { catalog: context.catalog, project: context.project, today: context.today, buildContext: context.buildContext };
    this.table = { facts, stages: stageTextsOf(model), stored: new Map() };
    const previous = model.memo.inheritedValue(TABLE);
    this.previous = previous && sameOutsideFacts(previous.facts, facts) ? previous : undefined;
    this.unchanged = unchangedStages(model, this.previous?.stages);
  }

  forRule(ruleId: string): RuleStages {
    const before = this.previous?.stored.get(ruleId);
    let now = this.table.stored.get(ruleId);
    if (!now) this.table.stored.set(ruleId, (now = []));
    const kept = now;
    const { chunks, unchanged } = this;
    return {
      reused(stage) {
        if (!before || !unchanged[stage.index]) return undefined;
        const stored = before[stage.index];
        if (stored === undefined) return undefined;
        kept[stage.index] = stored;
        return stored === NONE ? [] : restore(stored, chunks.starts[stage.index]!);
      },
      store(stage, findings) {
        kept[stage.index] = relative(findings, chunks, stage.index);
      },
    };
  }

  /** Leaves this version's findings to the next version of the document. */
  carry(): void {
    this.build.model.memo.carry(TABLE, this.table);
  }
}

function restore(stored: string, base: number): Finding[] {
  return (JSON.parse(stored) as StoredFinding[]).map(([start, end, message, deprecated, related]) => {
    const finding: { span: Finding['span']; message: string; deprecated?: boolean; related?: RelatedFinding[] } = { span: { start: base + start, end: base + end }, message };
    if (deprecated) finding.deprecated = true;
    if (related.length > 0) finding.related = related.map(([s, e, m]) => ({ span: { start: base + s, end: base + e }, message: m }));
    return finding;
  });
}

/** The findings relative to the stage's start as JSON; undefined (not kept) when one reaches outside the stage. */
function relative(findings: readonly Finding[], chunks: StageChunks, index: number): string | undefined {
  if (findings.length === 0) return NONE;
  const base = chunks.starts[index]!;
  const stored: StoredFinding[] = [];
  for (const finding of findings) {
    if (!withinStage(chunks, index, finding.span.start, finding.span.end)) return undefined;
    const related: [number, number, string][] = [];
    for (const r of finding.related ?? []) {
      if (!withinStage(chunks, index, r.span.start, r.span.end)) return undefined;
      related.push([r.span.start - base, r.span.end - base, r.message]);
    }
    stored.push([finding.span.start - base, finding.span.end - base, finding.message, finding.deprecated ? 1 : 0, related]);
  }
  return JSON.stringify(stored);
}

/** The reuse for one version and one set of outside facts (validation may run twice on a version: kept on the build). */
export function stageReuseOf(build: Build): StageReuse {
  return build.memo.get(REUSE, () => new StageReuse(build));
}
