// "Move build steps into an SDK stage", as a refactoring: a RUN in a stage without a shell cannot run there, but it
// can run in the SDK stage that builds the app, and what it makes can be copied over. The fix
//  - moves the RUN (with the consecutive RUN steps around it) to the end of the SDK stage the stage copies from, or
//    into a new `FROM mcr.microsoft.com/dotnet/sdk:<same version> AS build` placed before the stage;
//  - takes along what the steps need (the build model's products: what each step reads and writes): the COPY/ADD
//    steps that put their inputs in place (the sources), and the shell-form RUN steps that make them; the WORKDIR,
//    ENV and ARG they rely on. A COPY of the sources a moved `dotnet` build reads leaves the final stage, unless
//    something still there reads it; anything else the steps read is copied, not moved;
//  - leaves `COPY --from=<stage>` lines for exactly what the moved steps produce. Where that cannot be read from
//    the commands, the COPY's path is a snippet placeholder for the user to fill in (offered only to editors that
//    apply snippet edits); it never writes a path it does not know.
// It is not offered for a package install (a package installed in the SDK stage never reaches the image that wanted
// it: switching to the image with a shell, or removing a health check's tool, are the honest fixes), nor where the
// inputs cannot be told or cannot be brought (a file another exec-form step makes, a file of the target stage).
import type { Build } from '../document/build';
import type { Stage } from '../document/stages';
import type { Instruction } from '../syntax/model';
import { stagesBuiltFrom, stagesUsedLater, type StepProducts } from '../document/products';
import { afterLineBreak, attachedCommentsStart, escapeSnippet, indentationAt, lineBreakOf, lineStart, stageOf, type Fix, type OffsetEdit } from './editKit';
import type { Declaration, EnvironmentLookup, StageEnvironment } from '../document/environment';
import { normalizePath } from '../document/environment';
import { referencedVariables } from '../shell/expansion';
import { runsThroughShell } from '../document/instructionFields';
import { memoSlot } from '../document/modelMemo';
import { isRootUser } from '../document/stageFacts';
import { isWithin, overlaps } from '../document/stepEffects';

/** The placeholder of the COPY path a snippet asks the user for, when the outputs cannot be read from the commands. */
export const OUTPUT_PLACEHOLDER = '${1:/path/in/build/stage}';
const SDK_IMAGE = 'mcr.microsoft.com/dotnet/sdk';
/**
 * Bounds, so that a hostile file (thousands of RUN steps; fix-all works out every diagnostic's fixes) costs linear
 * time: more steps than this to move, earlier instructions than this to search for their inputs, or instructions
 * than this in the stage to search for what still reads them, and the move is not offered (or keeps every COPY).
 */
const MAX_MOVED = 32;
const MAX_SEARCHED = 200;
const MAX_READERS = 400;

export function moveToSdkStage(build: Build, instruction: Instruction): Fix | undefined {
  const model = build.model;
  if (instruction.name !== 'RUN') return undefined;
  const stage = stageOf(model, instruction);
  // Only a stage that cannot run the step needs it moved (a stale diagnostic must not move working steps).
  if (!stage || build.stage(stage).shellAt(instruction.span.start).available !== false) return undefined;
  const products = (i: Instruction): StepProducts | undefined => build.stepProducts(stage, i);
  if (installsPackages(products(instruction))) return undefined;

  const existing = sdkStageCopiedFrom(build, stage);
  const target = existing ? planExisting(build, existing) : planNew(build, stage);
  if (!target) return undefined;

  const steps = consecutiveSteps(stage, instruction, products);
  if (!steps) return undefined;
  const inputs = gatherInputs(build, stage, steps, target);
  if (!inputs) return undefined;
  const { moved, carried } = inputs;
  const movedProducts = moved.map((i) => products(i)!);
  const outputs = outermostOf(movedProducts.flatMap((p) => p.paths));
  const complete = movedProducts.every((p) => p.complete);
  const projects = movedProducts.flatMap((p) => p.projects);
  const intermediates = movedProducts.flatMap((p) => p.intermediates);
  // Only a COPY of sources or a build's intermediates make it matter what the steps that stay read.
  const readers = carried.length > 0 || intermediates.length > 0 ? remainingReads(build, stage, new Set([...moved, ...carried])) : { known: false, paths: [] };
  // A COPY of the sources a moved build reads moves with it, unless a step still here reads its files.
  const removed = carried.filter(
    (copy) =>
      readers.known &&
      products(copy)!.paths.some((path) => projects.some((project) => overlaps(path, project))) &&
      !readers.paths.some((read) => products(copy)!.paths.some((path) => isWithin(read, path)) && !outputs.some((output) => isWithin(read, output))),
  );
  // What a build writes beside its result (bin, obj) comes back only where a step still here reads it.
  const needed = readers.known ? intermediates.filter((path) => readers.paths.some((read) => isWithin(read, path)) && !outputs.some((o) => isWithin(path, o))) : [];
  const copied = outermostOf([...outputs, ...needed]);

  const text = model.syntax.text;
  const eol = lineBreakOf(text);
  const items = [...moved, ...carried].sort((a, b) => a.span.start - b.span.start);
  const lines = blockLines(build, stage, items, target);
  if (!lines) return undefined;

  const snippet = !complete;
  const escape = (s: string): string => (snippet ? escapeSnippet(s) : s);
  const first = moved[0]!;
  const copies = copyLines(build, stage, first, target.reference, copied).map(escape);
  if (snippet) copies.push(`${copyPrefix(build, stage, first, target.reference)}${OUTPUT_PLACEHOLDER} $1`);

  const edits: OffsetEdit[] = [];
  if (target.kind === 'existing') {
    edits.push({ start: target.insertAt, end: target.insertAt, newText: escape(lines.map((line) => `${eol}${line}`).join('')) });
  } else {
    const header = `FROM ${SDK_IMAGE}:${target.version} AS ${target.reference}`;
    edits.push({ start: target.insertAt, end: target.insertAt, newText: escape([header, ...lines].join(eol) + eol + eol) });
  }
  for (const item of [...moved, ...removed].sort((a, b) => a.span.start - b.span.start)) {
    const start = attachedCommentsStart(model, item);
    if (item === first && copies.length) edits.push({ start, end: item.fullSpan.end, newText: copies.join(eol) });
    else edits.push({ start, end: afterLineBreak(text, item.fullSpan.end), newText: '' });
  }

  const what = moved.length === 1 ? 'RUN' : `${moved.length} RUN steps`;
  const where = target.kind === 'existing' ? `the SDK stage '${target.reference}'` : `a new SDK stage '${target.reference}'`;
  const brought = carried.length === 0 ? '' : `, with the ${carried.length === 1 ? 'COPY' : `${carried.length} COPY steps`} ${moved.length === 1 ? 'it reads' : 'they read'}`;
  return {
    title: `Move ${what} into ${where}${brought}${snippet ? ' (fill in the path it produces)' : ''}`,
    edits,
    ...(snippet ? { snippet: true } : {}),
  };
}

type Target =
  | { kind: 'existing'; stage: Stage; reference: string; insertAt: number; environment: StageEnvironment; hasDerivedStages: boolean }
  | { kind: 'new'; stage: undefined; reference: string; version: string; insertAt: number; environment: StageEnvironment; hasDerivedStages: false };

function installsPackages(products: StepProducts | undefined): boolean {
  return !!products && products.packages.length > 0;
}

/**
 * The step and the shell-form RUNs right before and after it that cannot run without a shell either (package installs
 * stop it); undefined when there are more than we move at once.
 */
function consecutiveSteps(stage: Stage, instruction: Instruction, products: (i: Instruction) => StepProducts | undefined): Instruction[] | undefined {
  const list = stage.instructions;
  const at = list.indexOf(instruction);
  const movable = (i: Instruction | undefined): boolean => !!i && i.name === 'RUN' && (i.form === 'shell' || i.heredocs.length > 0) && !installsPackages(products(i));
  let from = at;
  let to = at;
  while (to - from < MAX_MOVED && movable(list[from - 1])) from--;
  while (to - from < MAX_MOVED && movable(list[to + 1])) to++;
  if (to - from >= MAX_MOVED) return undefined;
  return list.slice(from, to + 1);
}

/**
 * The steps to move and the COPY/ADD steps to bring along: every earlier instruction of the stage that writes what a
 * moved step reads (and, for a moved one, what it reads in turn). Undefined when an input cannot be brought: read from
 * paths that cannot be told, made by a step that stays (exec form), copied from the target stage itself or from
 * where we cannot tell, or written by a stage this one is built FROM.
 */
function gatherInputs(build: Build, stage: Stage, steps: readonly Instruction[], target: Target): { moved: Instruction[]; carried: Instruction[] } | undefined {
  const products = (i: Instruction): StepProducts | undefined => build.stepProducts(stage, i);
  const moved = new Set(steps);
  const carried: Instruction[] = [];
  const pendingSet = new Set<string>();
  let pending: readonly string[] = [];
  const readsOf = (i: Instruction): boolean => {
    const p = products(i)!;
    if (!p.readsKnown || p.workdir === undefined) return false;
    for (const read of p.reads) pendingSet.add(read);
    pending = [...pendingSet];
    return true;
  };
  for (const step of steps) if (!readsOf(step)) return undefined;
  const list = stage.instructions;
  const first = list.indexOf(steps[0]!);
  for (let index = first - 1; index >= 0 && pending.length > 0; index--) {
    // Inputs searched for this far back, and still some not found: too much to tell.
    if (first - index > MAX_SEARCHED || moved.size + carried.length > MAX_MOVED) return undefined;
    const instruction = list[index]!;
    const p = products(instruction);
    if (!p) continue;
    const writes = [...p.paths, ...p.intermediates];
    if (!writes.some((w) => pending.some((r) => overlaps(w, r))) && (p.complete || instruction.name !== 'RUN')) continue;
    if (instruction.name === 'RUN') {
      // Its writes overlap what is read, or cannot be told: a shell-form step goes too, an exec-form one stays put.
      if (!runsThroughShell(instruction) || installsPackages(p)) return undefined;
      moved.add(instruction);
      if (!readsOf(instruction)) return undefined;
      continue;
    }
    const source = p.copiedFrom;
    if (!source || source.kind === 'unknown' || p.workdir === undefined) return undefined;
    if (source.kind === 'stage' && (source.stage === target.stage || (target.stage && source.stage.index >= target.stage.index))) return undefined;
    carried.push(instruction);
  }
  // What is still read may come from the stages this one is built FROM: not ours to bring.
  if (pending.length > 0) {
    for (const ancestor of build.stage(stage).lineage().slice(1)) {
      for (const instruction of ancestor.instructions) {
        const p = build.stepProducts(ancestor, instruction);
        if (p && [...p.paths, ...p.intermediates].some((w) => pending.some((r) => overlaps(w, r)))) return undefined;
      }
    }
  }
  const byPosition = (a: Instruction, b: Instruction): number => a.span.start - b.span.start;
  return { moved: [...moved].sort(byPosition), carried: carried.sort(byPosition) };
}

/**
 * What the steps that stay in the stage read after the move: the paths named by its exec-form RUNs and by the
 * command the container starts with (and its HEALTHCHECK). `known` is false when that cannot be told: a stage built
 * FROM this one, or copied from, may read anything.
 */
function remainingReads(build: Build, stage: Stage, leaving: ReadonlySet<Instruction>): { known: boolean; paths: string[] } {
  if (stage.instructions.length > MAX_READERS || stagesUsedLater(build).has(stage)) return { known: false, paths: [] };
  const facts = build.stage(stage);
  const paths: string[] = [];
  let known = true;
  for (const instruction of stage.instructions) {
    if (leaving.has(instruction)) continue;
    if (instruction.name === 'RUN') {
      const p = build.stepProducts(stage, instruction)!;
      if (!p.readsKnown) known = false;
      paths.push(...p.reads);
    } else if (instruction.name === 'HEALTHCHECK' && instruction.execArgs) {
      paths.push(...pathsNamed(instruction.execArgs, facts.environmentAt(Number.POSITIVE_INFINITY).workdir));
    }
  }
  const start = build.startWords(stage);
  if (start) paths.push(...pathsNamed(start, facts.environmentAt(Number.POSITIVE_INFINITY).workdir));
  return { known, paths };
}

/** The files a command names: a program given by path, arguments that are paths or assemblies (`App.dll`). */
function pathsNamed(words: readonly string[], workdir: string | undefined): string[] {
  const paths: string[] = [];
  words.forEach((word, index) => {
    if (word.includes('://') || word.startsWith('-')) return;
    const named = index === 0 ? word.includes('/') : word.includes('/') || /\.(dll|exe|json|xml|config|sh)$/i.test(word);
    if (!named) return;
    if (word.startsWith('/')) paths.push(normalizePath(word));
    else if (workdir !== undefined) paths.push(normalizePath(`${workdir}/${word}`));
  });
  return paths;
}

function outermostOf(list: readonly string[]): string[] {
  const paths = [...new Set(list)].sort();
  return paths.filter((p) => !paths.some((other) => other !== p && isWithin(p, other)));
}

function isSdkStage(build: Build, stage: Stage): boolean {
  const facts = build.stage(stage).image;
  return facts?.kind === 'dotnet' && facts.family === 'sdk';
}

const SDK_SOURCES = memoSlot<Map<Stage, Stage | undefined>>('SDK stage each stage copies from');

/** The last earlier SDK stage the stage (or a stage it is built FROM) copies from with `COPY --from`; once per stage and build. */
function sdkStageCopiedFrom(build: Build, stage: Stage): Stage | undefined {
  const known = build.memo.get(SDK_SOURCES, () => new Map());
  if (!known.has(stage)) known.set(stage, findSdkStageCopiedFrom(build, stage));
  return known.get(stage);
}

function findSdkStageCopiedFrom(build: Build, stage: Stage): Stage | undefined {
  let found: Stage | undefined;
  for (const current of build.stage(stage).lineage()) {
    for (const instruction of current.instructions) {
      const source = build.stepProducts(current, instruction)?.copiedFrom;
      if (source?.kind !== 'stage' || instruction.name !== 'COPY') continue;
      if (source.stage.index < stage.index && isSdkStage(build, source.stage) && (!found || source.stage.index > found.index)) found = source.stage;
    }
  }
  return found;
}

function planExisting(build: Build, stage: Stage): Target {
  const lastInstruction = stage.instructions[stage.instructions.length - 1] ?? stage.from;
  const hasDerivedStages = stagesBuiltFrom(build, stage).length > 0;
  return {
    kind: 'existing',
    stage,
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
  return { kind: 'new', stage: undefined, reference, version, insertAt, environment: { env: new Map(), args: new Map(), workdir: '/' }, hasDerivedStages: false };
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
 * The lines the target stage gets: the ENV and ARG the steps rely on, then each step as written (with the comments
 * above it), a WORKDIR before it wherever its working directory differs from the one in force; and, for a stage
 * other stages are built FROM, a WORKDIR that restores the target's. Undefined when that cannot be done.
 */
function blockLines(build: Build, stage: Stage, items: readonly Instruction[], target: Target): string[] | undefined {
  const model = build.model;
  const text = model.syntax.text;
  const last = items[items.length - 1]!;
  const source = build.stage(stage).lookupAt(last.span.start);
  const written = items.map((item) => text.slice(attachedCommentsStart(model, item), item.fullSpan.end));
  const lines: string[] = [];
  for (const declaration of neededDeclarations(source, written.join('\n'))) {
    const there = target.environment.env.get(declaration.name) ?? target.environment.args.get(declaration.name);
    if (there && there.text === declaration.text && there.value === declaration.value) continue;
    // ENV would leak into stages built FROM the target; an ARG reaches the steps the same way and stays put.
    const asArg = declaration.keyword === 'ENV' && target.hasDerivedStages && declaration.text.startsWith(`${declaration.name}=`);
    lines.push(`${asArg ? 'ARG' : declaration.keyword} ${declaration.text}`);
  }
  let workdir = target.environment.workdir;
  for (let i = 0; i < items.length; i++) {
    const wanted = build.stepProducts(stage, items[i]!)?.workdir;
    if (wanted === undefined) return undefined;
    if (wanted !== workdir) {
      lines.push(`WORKDIR ${wanted}`);
      workdir = wanted;
    }
    lines.push(written[i]!);
  }
  if (target.hasDerivedStages && workdir !== target.environment.workdir) {
    if (target.environment.workdir === undefined) return undefined;
    lines.push(`WORKDIR ${target.environment.workdir}`);
  }
  return lines;
}

/** The declarations the block refers to, with the declarations those refer to, in the order they were written. */
function neededDeclarations(source: EnvironmentLookup, block: string): Declaration[] {
  const found = new Map<string, Declaration>();
  const visit = (name: string): void => {
    if (found.has(name)) return;
    const declaration = source.env(name) ?? source.arg(name);
    if (!declaration) return;
    found.set(name, declaration);
    for (const reference of declaration.references) visit(reference);
  };
  for (const name of referencedVariables(block)) visit(name);
  return [...found.values()].sort((a, b) => a.instruction.span.start - b.instruction.span.start);
}

/**
 * `COPY --from=<stage> [--chown=<user>] ` indented like the step. The files belonged to the USER the step ran as;
 * `--chown` keeps it that way (COPY would make them root's).
 */
function copyPrefix(build: Build, stage: Stage, first: Instruction, reference: string): string {
  const user = build.stage(stage).userAt(first.span.start).user;
  const chown = user && isRootUser(user) === false ? ` --chown=${user}` : '';
  return `${indentationAt(build.model.syntax.text, first.span.start)}COPY --from=${reference}${chown} `;
}

/** `COPY --from=<stage> <path> <path>` for each output. */
function copyLines(build: Build, stage: Stage, first: Instruction, reference: string, paths: readonly string[]): string[] {
  const prefix = copyPrefix(build, stage, first, reference);
  return paths.map((path) => `${prefix}${copyOperands(path)}`);
}

/** `src dest`, or the JSON form when a path has blanks or quotes. */
function copyOperands(path: string): string {
  return /^[A-Za-z0-9_./@%+,:=-]+$/.test(path) ? `${path} ${path}` : `[${JSON.stringify(path)}, ${JSON.stringify(path)}]`;
}
