// Rewrite a shell-form CMD / ENTRYPOINT / RUN / HEALTHCHECK CMD as the exec-form JSON array holding
// exactly the argv `/bin/sh -c` would have run; or say why that cannot be done. The word splitting is
// shellWords' job; this module decides where the array goes (after the flags, the keyword as written),
// which variables may be inlined, and whether the rewrite is safe enough for fix-all.
import type { Build } from '../document/build';
import type { DockerfileModel } from '../document/model';
import type { Stage } from '../document/stages';
import type { StageFacts } from '../document/stageFacts';
import type { EnvironmentLookup } from '../document/environment';
import { runsThroughShell } from '../document/instructionFields';
import { stagesBuiltFrom } from '../document/products';
import { describeShellFeature, splitShellWords, toExecFormJson, type VariableValues } from '../shell/shellWords';
import type { Comment, Instruction } from '../syntax/model';
import { detach } from '../syntax/detach';
import { indentationAt, lineBreakOf, lineStart, stageOf, type OffsetEdit } from './editKit';
import { TextKeyedCache } from '../texts/cacheBounds';

export interface ExecFormRewrite {
  readonly title: string;
  readonly edits: readonly OffsetEdit[];
  /** The exec-form arguments, program first. */
  readonly words: readonly string[];
  /** The instruction as it reads after the rewrite: `CMD ["dotnet", "App.dll"]`. */
  readonly rewritten: string;
  /** Variables whose values were written into the array, with those values. */
  readonly inlined: readonly { readonly name: string; readonly value: string }[];
  /** Nothing but the form changes: no variable inlined, no CMD/ENTRYPOINT interplay altered. */
  readonly safe: boolean;
  /** Set when a CMD is rewritten as an ENTRYPOINT because the image's own ENTRYPOINT (this) would take it as arguments. */
  readonly entrypointOfImage?: readonly string[];
}

/** The rewrite, or why there is none (in words for a message: "the command uses '&&'"). */
export type ExecFormOutcome = { readonly ok: true; readonly rewrite: ExecFormRewrite } | { readonly ok: false; readonly reason: string };

/** A shell-form command instruction the rewrite applies to at all (before asking whether meaning can be kept). */
export function canRewriteToExecForm(instruction: Instruction): boolean {
  return runsThroughShell(instruction) && !instruction.error;
}

/** The exec-form rewrite of `instruction`, or why it cannot keep what runs; undefined when it does not apply. */
export function execFormOf(build: Build, instruction: Instruction): ExecFormOutcome | undefined {
  if (!canRewriteToExecForm(instruction)) return undefined;
  const model = build.model;
  const stage = stageOf(model, instruction);
  if (!stage) return undefined;
  // A heredoc is a script for the shell; there is no argv to write down.
  if (instruction.heredocs.length > 0) return { ok: false, reason: 'it is a here-document script, which only a shell can run' };
  const facts = build.stage(stage);
  // Shell form means `/bin/sh -c` only on Linux and only without a SHELL instruction (cmd.exe, pwsh split differently).
  if (facts.image?.platform === 'windows' || WINDOWS_IMAGE.test(facts.image?.name ?? '')) return { ok: false, reason: 'shell form runs cmd.exe on Windows images, which splits words differently' };
  const shell = facts.shellAt(instruction.span.start).shellInstruction;
  if (shell) return { ok: false, reason: `the SHELL instruction on line ${shell.startLine + 1} decides how it is read` };

  const split = splitCommand(facts, instruction);
  if (!split.ok) return { ok: false, reason: `the command ${split.reason}` };
  const inlined = split.inlined;
  const suffix = inlined.length ? ` (inlines ${inlined.map((v) => `$${v.name}=${v.value}`).join(', ')})` : '';
  const subcommand = instruction.subcommand ? ` ${instruction.subcommand.text}` : '';
  const asEntrypoint = instruction.name === 'CMD' ? entrypointOfImage(facts) : undefined;
  if (asEntrypoint) {
    // In exec form the CMD would become the arguments of the image's ENTRYPOINT (`/usr/bin/dotnet dotnet App.dll`):
    // what runs the user's command is an ENTRYPOINT of its own, which also drops the image's CMD.
    const keyword = entrypointKeyword(instruction.keyword);
    return {
      ok: true,
      rewrite: {
        title: `Rewrite in exec form as ENTRYPOINT${suffix} (as a CMD it would be arguments to the image's ENTRYPOINT ${toExecFormJson(asEntrypoint)})`,
        edits: withKeyword(rewriteEdits(model, instruction, split.json), { start: instruction.keywordSpan.start, end: instruction.keywordSpan.end, newText: keyword }),
        words: split.words,
        rewritten: `${keyword} ${split.json}`,
        inlined,
        entrypointOfImage: asEntrypoint,
        safe: inlined.length === 0 && !hasDerivedStages(build, stage),
      },
    };
  }
  return {
    ok: true,
    rewrite: {
      title: `Rewrite in exec form${suffix}`,
      edits: rewriteEdits(model, instruction, split.json),
      words: split.words,
      rewritten: `${instruction.keyword}${subcommand} ${split.json}`,
      inlined,
      safe: inlined.length === 0 && !changesCommandInterplay(facts, stage, instruction),
    },
  };
}

/** The rewrite's edits with the keyword's replacement before the array's (after comments moved above the line). */
function withKeyword(edits: readonly OffsetEdit[], keyword: OffsetEdit): OffsetEdit[] {
  return [...edits.slice(0, -1), keyword, edits[edits.length - 1]!];
}

/** The base image's ENTRYPOINT when it is what a CMD of the stage is handed to (no ENTRYPOINT in the Dockerfile's chain). */
export function entrypointOfImage(facts: StageFacts): readonly string[] | undefined {
  const start = facts.startCommand();
  return start.entrypoint ? undefined : start.imageEntrypoint;
}

/** `ENTRYPOINT` in the case the user wrote `CMD` in. */
export function entrypointKeyword(cmdKeyword: string): string {
  return cmdKeyword === cmdKeyword.toLowerCase() ? 'entrypoint' : 'ENTRYPOINT';
}

/** Stages built FROM this one: an ENTRYPOINT written here takes their CMD as arguments. */
export function hasDerivedStages(build: Build, stage: Stage): boolean {
  return stagesBuiltFrom(build, stage).length > 0;
}

/** A command split into its argv, with the JSON array the rewrite writes; or why it needs a shell. */
type SplitCommand =
  | { readonly ok: true; readonly words: readonly string[]; readonly json: string; readonly inlined: readonly { readonly name: string; readonly value: string }[] }
  | { readonly ok: false; readonly reason: string };

/**
 * Splits by command text, kept across document versions (a document's commands stay the same from one
 * keystroke to the next), with the variable values the split asked for: a split holds again as long as those
 * values are the same (the splitter asks nothing else). Bounded like the image facts.
 */
interface RememberedSplit {
  /** Name, value, name, value, ... in the order the splitter asked. */
  readonly lookups: readonly (string | undefined)[];
  readonly result: SplitCommand;
}

const rememberedSplits = new TextKeyedCache<RememberedSplit>(4000);
const NOTHING_INLINED: readonly { readonly name: string; readonly value: string }[] = [];

function splitCommand(facts: StageFacts, instruction: Instruction): SplitCommand {
  const command = instruction.args;
  const values = new KnownValues(facts, instruction);
  const remembered = rememberedSplits.get(command);
  if (remembered && stillHolds(remembered.lookups, values)) return remembered.result;

  const recording = new RecordingValues(values);
  const split = splitShellWords(command, { variables: recording });
  // Kept across versions, so nothing in it may be a slice of this version's text (it would keep all of it alive).
  const result: SplitCommand = split.ok
    ? {
        ok: true,
        words: split.words.map(detach),
        json: toExecFormJson(split.words),
        inlined: split.inlinedVariables.length === 0 ? NOTHING_INLINED : split.inlinedVariables.map((name) => ({ name: detach(name), value: detach(values.get(name) ?? '') })),
      }
    : { ok: false, reason: detach(describeShellFeature(split.reason, split.text.length <= 40 ? split.text : undefined)) };
  rememberedSplits.set(detach(command), { lookups: recording.lookups.map((item) => (item === undefined ? undefined : detach(item))), result });
  return result;
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

/**
 * Values a `$NAME` in the command may be replaced by: ENV of the stage (and its parents) for what runs in
 * the container; for RUN, also the stage's ARGs, which RUN sees as environment (ENV wins over ARG).
 * Looked up by name, as the splitter asks only for the variables the command uses (most use none, and
 * then the stage's environment is never read).
 */
class KnownValues implements VariableValues {
  private environment: EnvironmentLookup | undefined;

  constructor(
    private readonly facts: StageFacts,
    private readonly instruction: Instruction,
  ) {}

  get(name: string): string | undefined {
    this.environment ??= this.facts.lookupAt(this.instruction.span.start);
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
function changesCommandInterplay(facts: StageFacts, stage: Stage, instruction: Instruction): boolean {
  if (instruction.name === 'CMD') return facts.startCommand().entrypoint !== undefined || stage.instructions.some((i) => i.name === 'ENTRYPOINT');
  if (instruction.name === 'ENTRYPOINT') return stage.instructions.some((i) => i.name === 'CMD');
  return false;
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
