/**
 * What each step of a stage produces and reads, and what is copied between stages: the facts behind "move these
 * steps to another stage and bring back what they made". Read through the build model (`build.stepProducts`), one
 * answer per instruction per document version.
 *
 *  - RUN: what its commands write and read, the projects it builds, the packages it installs (stepEffects.ts), with
 *    the WORKDIR and the ENV/ARG values of its point in the stage;
 *  - COPY/ADD: the path it writes (its destination; the file itself when one named file goes into a folder) and where
 *    the files come from (the build context, a stage, an image, a URL).
 */
import type { Build } from './build';
import type { Stage } from './stages';
import type { Instruction } from '../syntax/model';
import { copyOperands, flagNamed } from './instructionFields';
import { normalizePath } from './environment';
import { stepEffects, type StepEffects } from './stepEffects';
import { memoSlot } from './modelMemo';

export type CopySource =
  | { readonly kind: 'context' }
  | { readonly kind: 'stage'; readonly stage: Stage }
  | { readonly kind: 'image'; readonly reference: string }
  | { readonly kind: 'unknown' };

export interface StepProducts extends StepEffects {
  readonly instruction: Instruction;
  /** The working directory the step runs in; undefined when it cannot be told. */
  readonly workdir: string | undefined;
  /** For COPY and ADD: where the files come from. */
  readonly copiedFrom: CopySource | undefined;
}

const NOTHING: Omit<StepEffects, 'complete' | 'paths'> = { intermediates: [], reads: [], readsKnown: true, projects: [], packages: [], onlyPackageManagement: false };

/** The products of one instruction of `stage` (RUN, COPY, ADD); undefined for the others. */
export function productsOf(build: Build, stage: Stage, instruction: Instruction): StepProducts | undefined {
  const facts = build.stage(stage);
  if (instruction.name === 'RUN') {
    const workdir = facts.workdirAt(instruction.span.start);
    const values = facts.lookupAt(instruction.span.start);
    const effects = stepEffects([scriptOf(instruction)], workdir, { get: (name) => (values.env(name) ?? values.arg(name))?.value });
    return { ...effects, instruction, workdir, copiedFrom: undefined };
  }
  if (instruction.name !== 'COPY' && instruction.name !== 'ADD') return undefined;
  const workdir = facts.workdirAt(instruction.span.start);
  const copiedFrom = copySource(build, instruction);
  const { sources, destination } = copyOperands(instruction, build.model.syntax.escape);
  const written = destinationOf(sources, destination, workdir);
  return {
    ...NOTHING,
    instruction,
    workdir,
    copiedFrom,
    paths: written === undefined ? [] : [written],
    complete: written !== undefined,
  };
}

/** What a RUN runs: its shell text (the heredoc body when the heredoc is the script), or its exec-form argv. */
export function scriptOf(step: Instruction): string | readonly string[] {
  if (step.form === 'exec' && step.execArgs) return step.execArgs;
  const heredoc = step.heredocs[0];
  if (heredoc && /^<<-?["']?[A-Za-z_]/.test(step.args.trim())) return heredoc.content;
  return [step.args, ...step.heredocs.map((h) => h.content)].join('\n');
}

function copySource(build: Build, instruction: Instruction): CopySource {
  const from = flagNamed(instruction, 'from')?.value;
  if (from === undefined) {
    const { sources } = copyOperands(instruction, build.model.syntax.escape);
    return instruction.name === 'ADD' && sources.some((s) => /^[a-z]+:\/\//i.test(s) || s.startsWith('git@')) ? { kind: 'unknown' } : { kind: 'context' };
  }
  const stage = build.model.stages.stageByName(from);
  if (stage && stage.index < (build.model.stages.stageAt(instruction.span.start)?.index ?? 0)) return { kind: 'stage', stage };
  if (/^\d+$/.test(from)) {
    const byIndex = build.model.stages.stages[Number(from)];
    return byIndex ? { kind: 'stage', stage: byIndex } : { kind: 'unknown' };
  }
  return from.includes('$') ? { kind: 'unknown' } : { kind: 'image', reference: from };
}

/**
 * The path a COPY writes: its destination resolved against the WORKDIR, or the file itself when one named file goes
 * into a folder (`COPY App.csproj ./` writes /src/App.csproj). A folder copied into a folder writes the folder (its
 * files are not named). Undefined when it cannot be told.
 */
function destinationOf(sources: readonly string[], destination: string | undefined, workdir: string | undefined): string | undefined {
  if (destination === undefined || destination.includes('$')) return undefined;
  const absolute = destination.startsWith('/') ? destination : workdir === undefined ? undefined : `${workdir}/${destination}`;
  if (absolute === undefined) return undefined;
  const folder = normalizePath(absolute);
  const only = sources.length === 1 ? sources[0]! : undefined;
  const intoFolder = destination.endsWith('/') || destination === '.' || destination === './';
  if (only !== undefined && intoFolder && /^[^*?[\]/]+\.[A-Za-z0-9]+$/.test(only.replace(/^\.\//, ''))) return normalizePath(`${folder}/${only.replace(/^\.\//, '')}`);
  return folder;
}

const BUILT_FROM = memoSlot<Map<Stage, readonly Stage[]>>('stages built FROM each stage');
const USED_LATER = memoSlot<ReadonlySet<Stage>>('stages used by later stages');

/** The later stages built FROM `stage`, directly or through others: they inherit its files, ENTRYPOINT and CMD. */
export function stagesBuiltFrom(build: Build, stage: Stage): readonly Stage[] {
  const known = build.memo.get(BUILT_FROM, () => new Map());
  let found = known.get(stage);
  if (!found) {
    found = build.model.stages.stages.filter((other) => other.index > stage.index && build.stage(other).lineage().includes(stage));
    known.set(stage, found);
  }
  return found;
}

/** The stages a later stage builds FROM, copies from (`COPY --from`) or mounts (`RUN --mount=from=`); once per build. */
export function stagesUsedLater(build: Build): ReadonlySet<Stage> {
  return build.memo.get(USED_LATER, () => {
    const used = new Set<Stage>();
    for (const site of build.sites()) if (site.target && site.stage.index > site.target.index) used.add(site.target);
    return used;
  });
}
