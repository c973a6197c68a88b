// Rewrite a shell-form CMD / ENTRYPOINT / RUN / HEALTHCHECK CMD as the exec-form JSON array holding
// exactly the argv `/bin/sh -c` would have run. The word splitting is shellWords' job; this module
// decides where the array goes (after the flags, the keyword as written), which variables may be
// inlined, and whether the rewrite is safe enough for fix-all.
import type { ServiceContext } from '../context';
import type { DockerfileModel } from '../document/model';
import { splitShellWords, toExecFormJson, type VariableValues } from '../shell/shellWords';
import { shellInstructionAt, stageImage, stageLineage } from '../document/stageFacts';
import type { Stage } from '../document/stages';
import type { Comment, Instruction } from '../syntax/model';
import { indentationAt, lineBreakOf, lineStart, stageOf, type OffsetEdit } from './actionKit';
import { environmentLookupAt, type EnvironmentLookup } from '../document/stageEnvironment';
import { detach } from '../syntax/detach';

export interface ExecFormRewrite {
  readonly title: string;
  readonly edits: readonly OffsetEdit[];
  /** The exec-form arguments, program first. */
  readonly words: readonly string[];
  /** Variables whose values were written into the array, with those values. */
  readonly inlined: readonly { readonly name: string; readonly value: string }[];
  /** Nothing but the form changes: no variable inlined, no CMD/ENTRYPOINT interplay altered. */
  readonly safe: boolean;
}

const REWRITABLE = new Set(['CMD', 'ENTRYPOINT', 'RUN', 'HEALTHCHECK']);

/** True for an instruction the rewrite applies to at all (before asking whether meaning can be kept). */
export function isShellFormCommand(instruction: Instruction): boolean {
  if (!REWRITABLE.has(instruction.name) || instruction.form !== 'shell' || instruction.error) return false;
  if (instruction.name === 'HEALTHCHECK' && instruction.subcommand?.text.toUpperCase() !== 'CMD') return false;
  // A heredoc is a script for the shell; there is no argv to write down.
  return instruction.heredocs.length === 0;
}

/** The exec-form rewrite of `instruction`, or undefined when it is not possible without changing what runs. */
export function rewriteInExecForm(context: ServiceContext, model: DockerfileModel, instruction: Instruction): ExecFormRewrite | undefined {
  if (!isShellFormCommand(instruction)) return undefined;
  const stage = stageOf(model, instruction);
  if (!stage) return undefined;
  // Shell form means `/bin/sh -c` only on Linux and only without a SHELL instruction (cmd.exe, pwsh split differently).
  if (onWindows(context, model, stage) || shellInstructionAt(model, stage, instruction.span.start)) return undefined;

  const split = splitCommand(model, stage, instruction);
  if (!split) return undefined;
  const inlined = split.inlined;
  const suffix = inlined.length ? ` (inlines ${inlined.map((v) => `$${v.name}=${v.value}`).join(', ')})` : '';
  return {
    title: `Rewrite in exec form${suffix}`,
    edits: rewriteEdits(model, instruction, split.json),
    words: split.words,
    inlined,
    safe: inlined.length === 0 && !changesCommandInterplay(model, stage, instruction),
  };
}

/** A command split into its argv, with the JSON array the rewrite writes. */
interface SplitCommand {
  readonly words: readonly string[];
  readonly json: string;
  readonly inlined: readonly { readonly name: string; readonly value: string }[];
}

/**
 * Splits by command text, kept across document versions (a document's commands stay the same from one
 * keystroke to the next), with the variable values the split asked for: a split holds again as long as those
 * values are the same (the splitter asks nothing else). Null: the command needs a shell. Bounded like the image facts.
 */
interface RememberedSplit {
  /** Name, value, name, value, ... in the order the splitter asked. */
  readonly lookups: readonly (string | undefined)[];
  readonly result: SplitCommand | null;
}

const rememberedSplits = new Map<string, RememberedSplit>();
const SPLIT_CACHE_LIMIT = 4000;
const NOTHING_INLINED: SplitCommand['inlined'] = [];

function splitCommand(model: DockerfileModel, stage: Stage, instruction: Instruction): SplitCommand | undefined {
  const command = instruction.args;
  const values = new KnownValues(model, stage, instruction);
  const remembered = rememberedSplits.get(command);
  if (remembered && stillHolds(remembered.lookups, values)) return remembered.result ?? undefined;

  const recording = new RecordingValues(values);
  const split = splitShellWords(command, { variables: recording });
  // Kept across versions, so nothing in it may be a slice of this version's text (it would keep all of it alive).
  const result: SplitCommand | null = split.ok
    ? {
        words: split.words.map(detach),
        json: toExecFormJson(split.words),
        inlined: split.inlinedVariables.length === 0 ? NOTHING_INLINED : split.inlinedVariables.map((name) => ({ name: detach(name), value: detach(values.get(name) ?? '') })),
      }
    : null;
  if (rememberedSplits.size >= SPLIT_CACHE_LIMIT) rememberedSplits.clear();
  rememberedSplits.set(detach(command), { lookups: recording.lookups.map((item) => (item === undefined ? undefined : detach(item))), result });
  return result ?? undefined;
}

function stillHolds(lookups: readonly (string | undefined)[], values: KnownValues): boolean {
  for (let i = 0; i < lookups.length; i += 2) if (values.get(lookups[i]!) !== lookups[i + 1]) return false;
  return true;
}

/** Passes lookups through and writes them down. */
class RecordingValues implements VariableValues {
  readonly lookups: (string | undefined)[] = [];

  constructor(private readonly values: KnownValues) {}

  get(name: string): string | undefined {
    const value = this.values.get(name);
    this.lookups.push(name, value);
    return value;
  }
}

const WINDOWS_IMAGE = /(^|\/)(windows|nanoserver|servercore|windowsservercore)([/:]|$)/i;

function onWindows(context: ServiceContext, model: DockerfileModel, stage: Stage): boolean {
  const image = stageImage(context, model, stage);
  if (image?.platform === 'windows') return true;
  return WINDOWS_IMAGE.test(image?.name ?? '');
}

/**
 * Values a `$NAME` in the command may be replaced by: ENV of the stage (and its parents) for what runs in
 * the container; for RUN, also the stage's ARGs, which RUN sees as environment (ENV wins over ARG).
 * Looked up by name, as the splitter asks only for the variables the command uses (most use none, and
 * then the stage's environment is never read).
 */
class KnownValues implements VariableValues {
  private environment: EnvironmentLookup | undefined;

  constructor(
    private readonly model: DockerfileModel,
    private readonly stage: Stage,
    private readonly instruction: Instruction,
  ) {}

  get(name: string): string | undefined {
    this.environment ??= environmentLookupAt(this.model, this.stage, this.instruction.span.start);
    const env = this.environment.env(name);
    // An ENV whose value we cannot know hides the ARG of the same name.
    if (env) return env.value;
    return this.instruction.name === 'RUN' ? this.environment.arg(name)?.value : undefined;
  }
}

/**
 * In exec form, CMD becomes arguments of an exec-form ENTRYPOINT and an exec-form ENTRYPOINT takes CMD as
 * arguments; in shell form neither happens. The rewrite is still right, but it is a decision for a person.
 */
function changesCommandInterplay(model: DockerfileModel, stage: Stage, instruction: Instruction): boolean {
  const other = instruction.name === 'CMD' ? 'ENTRYPOINT' : instruction.name === 'ENTRYPOINT' ? 'CMD' : undefined;
  if (!other) return false;
  const scope = other === 'ENTRYPOINT' ? stageLineage(model, stage) : [stage];
  return scope.some((s) => s.instructions.some((i) => i.name === other));
}

/**
 * Replaces everything after the flags (after `CMD` for HEALTHCHECK) up to the end of the instruction's
 * last line with the array, continuation lines included. Comment lines inside the continuation would be
 * lost, so they move above the instruction.
 */
function rewriteEdits(model: DockerfileModel, instruction: Instruction, json: string): OffsetEdit[] {
  const text = model.syntax.text;
  const lastFlag = instruction.flags[instruction.flags.length - 1];
  const from = instruction.subcommand?.span.end ?? lastFlag?.span.end ?? instruction.keywordSpan.end;
  const to = instruction.span.end;
  const edits: OffsetEdit[] = [];
  const inside = commentsWithin(model.syntax.comments, from, to);
  if (inside.length) {
    const at = lineStart(text, instruction.span.start);
    const indent = indentationAt(text, instruction.span.start);
    const eol = lineBreakOf(text);
    edits.push({ start: at, end: at, newText: inside.map((c) => `${indent}${text.slice(c.span.start, c.span.end)}${eol}`).join('') });
  }
  edits.push({ start: from, end: to, newText: ` ${json}` });
  return edits;
}

/** The comments lying within `[from, to)`; comments are in document order, so a binary search finds the first. */
function commentsWithin(comments: readonly Comment[], from: number, to: number): Comment[] {
  let lo = 0;
  let hi = comments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comments[mid]!.span.start < from) lo = mid + 1;
    else hi = mid;
  }
  const result: Comment[] = [];
  for (let i = lo; i < comments.length && comments[i]!.span.start < to; i++) {
    if (comments[i]!.span.end <= to) result.push(comments[i]!);
  }
  return result;
}
