// Rewrite a shell-form CMD / ENTRYPOINT / RUN / HEALTHCHECK CMD as the exec-form JSON array holding
// exactly the argv `/bin/sh -c` would have run. The word splitting is shellWords' job; this module
// decides where the array goes (after the flags, the keyword as written), which variables may be
// inlined, and whether the rewrite is safe enough for fix-all.
import type { ServiceContext } from '../context';
import type { DockerfileModel } from '../model';
import { splitShellWords, toExecFormJson } from '../shellWords';
import { shellInstructionAt, stageImage } from '../stageFacts';
import type { Stage } from '../stages';
import type { Instruction } from '../syntax/model';
import { indentationAt, lineBreakOf, lineStart, stageOf, type OffsetEdit } from './actionKit';
import { environmentAt } from './stageEnvironment';

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

  const variables = knownValues(model, stage, instruction);
  const split = splitShellWords(instruction.args, { variables });
  if (!split.ok) return undefined;

  const inlined = split.inlinedVariables.map((name) => ({ name, value: variables.get(name) ?? '' }));
  const suffix = inlined.length ? ` (inlines ${inlined.map((v) => `$${v.name}=${v.value}`).join(', ')})` : '';
  return {
    title: `Rewrite in exec form${suffix}`,
    edits: rewriteEdits(model, instruction, toExecFormJson(split.words)),
    words: split.words,
    inlined,
    safe: inlined.length === 0 && !changesCommandInterplay(model, stage, instruction),
  };
}

function onWindows(context: ServiceContext, model: DockerfileModel, stage: Stage): boolean {
  const image = stageImage(context, model, stage);
  if (image?.platform === 'windows') return true;
  return /(^|\/)(windows|nanoserver|servercore|windowsservercore)([/:]|$)/i.test(image?.name ?? '');
}

/**
 * Values a `$NAME` in the command may be replaced by: ENV of the stage (and its parents) for what runs in
 * the container; for RUN, also the stage's ARGs, which RUN sees as environment (ENV wins over ARG).
 */
function knownValues(model: DockerfileModel, stage: Stage, instruction: Instruction): Map<string, string> {
  const environment = environmentAt(model, stage, instruction.span.start);
  const values = new Map<string, string>();
  if (instruction.name === 'RUN') {
    for (const [name, declaration] of environment.args) if (declaration.value !== undefined) values.set(name, declaration.value);
  }
  for (const [name, declaration] of environment.env) {
    if (declaration.value !== undefined) values.set(name, declaration.value);
    else values.delete(name);
  }
  return values;
}

/**
 * In exec form, CMD becomes arguments of an exec-form ENTRYPOINT and an exec-form ENTRYPOINT takes CMD as
 * arguments; in shell form neither happens. The rewrite is still right, but it is a decision for a person.
 */
function changesCommandInterplay(model: DockerfileModel, stage: Stage, instruction: Instruction): boolean {
  const other = instruction.name === 'CMD' ? 'ENTRYPOINT' : instruction.name === 'ENTRYPOINT' ? 'CMD' : undefined;
  if (!other) return false;
  const scope = other === 'ENTRYPOINT' ? model.stages.lineage(stage) : [stage];
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
  const inside = model.syntax.comments.filter((c) => c.span.start >= from && c.span.end <= to);
  if (inside.length) {
    const at = lineStart(text, instruction.span.start);
    const indent = indentationAt(text, instruction.span.start);
    const eol = lineBreakOf(text);
    edits.push({ start: at, end: at, newText: inside.map((c) => `${indent}${text.slice(c.span.start, c.span.end)}${eol}`).join('') });
  }
  edits.push({ start: from, end: to, newText: ` ${json}` });
  return edits;
}
