// "Move build steps into an SDK stage": a RUN in a stage without a shell cannot run there, but it can
// run in the SDK stage that builds the app, and its results can be copied over. The fix moves the RUN
// (with the consecutive RUN steps around it) to the end of the SDK stage the stage copies from, or into
// a new `FROM mcr.microsoft.com/dotnet/sdk:<major.minor> AS build` placed before the stage; repeats the
// WORKDIR, ENV and ARG the steps rely on; and leaves `COPY --from=<stage>` lines for what the steps write.
import type { Build } from '../document/build';
import type { Stage } from '../document/stages';
import type { Instruction } from '../syntax/model';
import { afterLineBreak, attachedCommentsStart, indentationAt, lineBreakOf, lineStart, stageOf, type Fix, type OffsetEdit } from './editKit';
import type { Declaration, StageEnvironment } from '../document/environment';
import { referencedVariables } from '../shell/expansion';
import { flagNamed } from '../document/instructionFields';
import { isRootUser } from '../document/stageFacts';
import { stepOutputs } from './stepOutputs';

/** Shown in the COPY when the steps' outputs cannot be read from the commands; the title says so. */
export const OUTPUT_PLACEHOLDER = '/path/to/output';
const SDK_IMAGE = 'mcr.microsoft.com/dotnet/sdk';

export function moveToSdkStage(build: Build, instruction: Instruction): Fix | undefined {
  const model = build.model;
  if (instruction.name !== 'RUN') return undefined;
  const stage = stageOf(model, instruction);
  // Only a stage that cannot run the step needs it moved (a stale diagnostic must not move working steps).
  if (!stage || build.stage(stage).shellAt(instruction.span.start).available !== false) return undefined;
  const steps = consecutiveSteps(stage, instruction);
  const first = steps[0]!;
  const last = steps[steps.length - 1]!;
  const source = build.stage(stage).environmentAt(first.span.start);
  if (source.workdir === undefined) return undefined;

  const existing = sdkStageCopiedFrom(build, stage);
  const target = existing ? planExisting(build, existing) : planNew(build, stage);
  if (!target) return undefined;

  const text = model.syntax.text;
  const eol = lineBreakOf(text);
  const blockStart = attachedCommentsStart(model, first);
  const block = text.slice(blockStart, last.fullSpan.end);

  const surroundings = contextLines(source, target, block);
  if (!surroundings) return undefined;
  const outputs = stepOutputs(steps.map(script), source.workdir, knownValues(source));
  const placeholder = !outputs.complete;
  const copies = copyLines(build, stage, first, target.reference, placeholder ? [...outputs.paths, OUTPUT_PLACEHOLDER] : outputs.paths);

  const moved = [...surroundings.before, block, ...surroundings.after];
  const edits: OffsetEdit[] = [];
  if (target.kind === 'existing') {
    edits.push({ start: target.insertAt, end: target.insertAt, newText: moved.map((line) => `${eol}${line}`).join('') });
  } else {
    const header = `FROM ${SDK_IMAGE}:${target.version} AS ${target.reference}`;
    edits.push({ start: target.insertAt, end: target.insertAt, newText: [header, ...moved].join(eol) + eol + eol });
  }
  if (copies.length) edits.push({ start: blockStart, end: last.fullSpan.end, newText: copies.join(eol) });
  else edits.push({ start: blockStart, end: afterLineBreak(text, last.fullSpan.end), newText: '' });

  const what = steps.length === 1 ? 'RUN' : `${steps.length} RUN steps`;
  const where = target.kind === 'existing' ? `the SDK stage '${target.reference}'` : `a new SDK stage '${target.reference}'`;
  return {
    title: `Move ${what} into ${where}${placeholder ? ' (complete the COPY paths)' : ''}`,
    edits,
  };
}

type Target =
  | { kind: 'existing'; reference: string; insertAt: number; environment: StageEnvironment; hasDerivedStages: boolean }
  | { kind: 'new'; reference: string; version: string; insertAt: number; environment: StageEnvironment; hasDerivedStages: false };

/** The step and the RUNs right before and after it that cannot run without a shell either. */
function consecutiveSteps(stage: Stage, instruction: Instruction): Instruction[] {
  const list = stage.instructions;
  const at = list.indexOf(instruction);
  const movable = (i: Instruction | undefined): boolean => !!i && i.name === 'RUN' && (i.form === 'shell' || i.heredocs.length > 0);
  let from = at;
  let to = at;
  while (movable(list[from - 1])) from--;
  while (movable(list[to + 1])) to++;
  return list.slice(from, to + 1);
}

/** What a step runs: its shell text (the heredoc body when the heredoc is the script), or its exec-form argv. */
function script(step: Instruction): string | readonly string[] {
  if (step.form === 'exec' && step.execArgs) return step.execArgs;
  const heredoc = step.heredocs[0];
  if (heredoc && /^<<-?["']?[A-Za-z_]/.test(step.args.trim())) return heredoc.content;
  return [step.args, ...step.heredocs.map((h) => h.content)].join('\n');
}

function isSdkStage(build: Build, stage: Stage): boolean {
  const facts = build.stage(stage).image;
  return facts?.kind === 'dotnet' && facts.family === 'sdk';
}

/** The last earlier SDK stage the stage (or a stage it is built FROM) copies from with `COPY --from`. */
function sdkStageCopiedFrom(build: Build, stage: Stage): Stage | undefined {
  const model = build.model;
  let found: Stage | undefined;
  for (const current of build.stage(stage).lineage()) {
    for (const instruction of current.instructions) {
      if (instruction.name !== 'COPY') continue;
      const from = flagNamed(instruction, 'from')?.value;
      const source = from === undefined ? undefined : model.stages.stageByName(from);
      if (source && source.index < stage.index && isSdkStage(build, source) && (!found || source.index > found.index)) found = source;
    }
  }
  return found;
}

function planExisting(build: Build, stage: Stage): Target {
  const model = build.model;
  const lastInstruction = stage.instructions[stage.instructions.length - 1] ?? stage.from;
  const hasDerivedStages = model.stages.stages.some((other) => other !== stage && other.index > stage.index && build.stage(other).lineage().includes(stage));
  return {
    kind: 'existing',
    reference: stage.name ?? String(stage.index),
    insertAt: lastInstruction.fullSpan.end,
    environment: build.stage(stage).environmentAt(Number.POSITIVE_INFINITY),
    hasDerivedStages,
  };
}

function planNew(build: Build, stage: Stage): Target | undefined {
  const model = build.model;
  const version = sdkTagFor(build, build.stage(stage).image?.version);
  if (!version) return undefined;
  const reference = ['build', 'sdk', 'build-steps'].find((name) => !model.stages.stageByName(name)) ?? `build-${model.stages.stages.length}`;
  // Comments right above the FROM describe that stage; the new stage goes above them. The first stage's
  // comments may be file-wide settings, so there the new stage goes right before the FROM.
  const insertAt = stage.index === 0 ? lineStart(model.syntax.text, stage.from.span.start) : attachedCommentsStart(model, stage.from);
  return { kind: 'new', reference, version, insertAt, environment: { env: new Map(), args: new Map(), workdir: '/' }, hasDerivedStages: false };
}

/** The SDK tag for the stage's .NET version, as the catalog lists it (a preview version has `-preview`). */
function sdkTagFor(build: Build, version: string | undefined): string | undefined {
  const context = build.context;
  if (!version) return undefined;
  if (!context.catalog) return version;
  for (const candidate of [version, `${version}-preview`]) if (context.catalog.tag('dotnet/sdk', candidate)) return candidate;
  return undefined;
}

/**
 * WORKDIR, ENV and ARG lines that give the steps, at their new place, what they had at the old one; plus a
 * WORKDIR after them that restores the stage for stages built FROM it. Undefined when that cannot be done.
 */
function contextLines(source: StageEnvironment, target: Target, block: string): { before: string[]; after: string[] } | undefined {
  const before: string[] = [];
  const after: string[] = [];
  for (const declaration of neededDeclarations(source, block)) {
    const there = target.environment.env.get(declaration.name) ?? target.environment.args.get(declaration.name);
    if (there && there.text === declaration.text && there.value === declaration.value) continue;
    // ENV would leak into stages built FROM the target; an ARG reaches the steps the same way and stays put.
    const asArg = declaration.keyword === 'ENV' && target.hasDerivedStages && declaration.text.startsWith(`${declaration.name}=`);
    before.push(`${asArg ? 'ARG' : declaration.keyword} ${declaration.text}`);
  }
  if (source.workdir !== target.environment.workdir) {
    if (source.workdir === undefined) return undefined;
    before.push(`WORKDIR ${source.workdir}`);
    if (target.hasDerivedStages) {
      if (target.environment.workdir === undefined) return undefined;
      after.push(`WORKDIR ${target.environment.workdir}`);
    }
  }
  return { before, after };
}

/** The declarations the block refers to, with the declarations those refer to, in the order they were written. */
function neededDeclarations(source: StageEnvironment, block: string): Declaration[] {
  const found = new Map<string, Declaration>();
  const visit = (name: string): void => {
    if (found.has(name)) return;
    const declaration = source.env.get(name) ?? source.args.get(name);
    if (!declaration) return;
    found.set(name, declaration);
    for (const reference of declaration.references) visit(reference);
  };
  for (const name of referencedVariables(block)) visit(name);
  return [...found.values()].sort((a, b) => a.instruction.span.start - b.instruction.span.start);
}

function knownValues(environment: StageEnvironment): Map<string, string> {
  const values = new Map<string, string>();
  for (const map of [environment.args, environment.env]) {
    for (const [name, declaration] of map) if (declaration.value !== undefined) values.set(name, declaration.value);
  }
  return values;
}

/**
 * `COPY --from=<stage> <path> <path>` for each output, indented like the step. The files belonged to the
 * USER the step ran as; `--chown` keeps it that way (COPY would make them root's).
 */
function copyLines(build: Build, stage: Stage, first: Instruction, reference: string, paths: readonly string[]): string[] {
  const model = build.model;
  const user = build.stage(stage).userAt(first.span.start).user;
  const chown = user && isRootUser(user) === false ? ` --chown=${user}` : '';
  const indent = indentationAt(model.syntax.text, first.span.start);
  return paths.map((path) => `${indent}COPY --from=${reference}${chown} ${copyOperands(path)}`);
}

/** `src dest`, or the JSON form when a path has blanks or quotes. */
function copyOperands(path: string): string {
  return /^[A-Za-z0-9_./@%+,:=-]+$/.test(path) ? `${path} ${path}` : `[${JSON.stringify(path)}, ${JSON.stringify(path)}]`;
}
