// Quick fixes for our diagnostics, the exec-form refactor on request, and fix-all. Each fix lives in
// fixes/<name>.ts and returns a `Fix` (offset edits + title + preferred/safe); this module only decides
// which fixes a diagnostic gets and turns them into CodeActions.
import type { CodeAction, CodeActionContext, Diagnostic, Range } from 'vscode-languageserver-types';
import { FIX_ALL_KIND } from '../../protocol';
import type { ServiceContext } from '../context';
import { validate } from '../diagnostics/runner';
import type { DockerfileModel } from '../document/model';
import type { ServiceSettings } from '../diagnostics/settings';
import { instructionOf, kindRequested, QUICK_FIX, REWRITE, ruleOf, stageOf, toCodeAction, type Fix } from './actionKit';
import { isShellFormCommand, rewriteInExecForm } from './execForm';
import { fixAllAction } from './fixAll';
import { moveToSdkStage } from './moveToSdkStage';
import { replacementFixes } from './replacements';
import { switchToShellImage } from './switchToShellImage';

/** Programs a `missing-tool` diagnostic may be about that the same image with a shell does have. */
const SHELLS = new Set(['sh', 'bash']);

/**
 * Code actions for a range: quick fixes for the given diagnostics of ours (`quickfix`), the exec-form
 * rewrite of shell-form commands in the range (`refactor.rewrite`), and, only when `only` asks for it,
 * every safe fix of the document at once (`source.fixAll.dotnet-dockerfile`).
 */
export function codeActions(context: ServiceContext, model: DockerfileModel, range: Range, actionContext: CodeActionContext, settings: ServiceSettings): CodeAction[] {
  const only = actionContext.only;
  const actions: CodeAction[] = [];
  const fixesFor = (diagnostic: Diagnostic): Fix[] => fixesForDiagnostic(context, model, diagnostic);

  if (kindRequested(only, QUICK_FIX)) {
    for (const diagnostic of actionContext.diagnostics) {
      for (const fix of fixesFor(diagnostic)) actions.push(toCodeAction(model, fix, diagnostic));
    }
  }
  if (kindRequested(only, REWRITE)) actions.push(...execFormRefactors(context, model, range, actionContext.diagnostics));
  // Fix-all runs on save or on request, never in the light bulb: only when asked for by kind.
  if (only?.some((wanted) => FIX_ALL_KIND === wanted || FIX_ALL_KIND.startsWith(`${wanted}.`))) {
    const action = fixAllAction(model, validate(context, model, settings), fixesFor);
    if (action) actions.push(action);
  }
  return actions;
}

/** Every fix a diagnostic of ours gets, the obvious one first. */
export function fixesForDiagnostic(context: ServiceContext, model: DockerfileModel, diagnostic: Diagnostic): Fix[] {
  const rule = ruleOf(diagnostic);
  if (!rule) return [];
  const fixes = replacementFixes(model, diagnostic);
  if (rule !== 'shell-form-without-shell' && rule !== 'missing-tool') return fixes;

  const instruction = instructionOf(model, diagnostic);
  const stage = instruction && stageOf(model, instruction);
  if (!instruction || !stage) return fixes;
  if (rule === 'shell-form-without-shell') {
    const rewrite = rewriteInExecForm(context, model, instruction);
    if (rewrite) fixes.push({ title: rewrite.title, kind: QUICK_FIX, edits: rewrite.edits, preferred: rewrite.inlined.length === 0, safe: rewrite.safe });
  }
  const move = moveToSdkStage(context, model, instruction);
  if (move) fixes.push(move);
  const program = instruction.execArgs?.[0];
  const needsShell = rule === 'shell-form-without-shell' || (program !== undefined && SHELLS.has(program.slice(program.lastIndexOf('/') + 1)));
  const switched = needsShell ? switchToShellImage(context, model, stage) : undefined;
  if (switched) fixes.push(switched);
  return fixes;
}

/** `refactor.rewrite` to exec form for shell-form commands in the range that no diagnostic of ours covers. */
function execFormRefactors(context: ServiceContext, model: DockerfileModel, range: Range, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const start = model.offsetAt(range.start);
  const end = model.offsetAt(range.end);
  const covered = new Set(diagnostics.filter((d) => ruleOf(d) === 'shell-form-without-shell').map((d) => instructionOf(model, d)));
  const actions: CodeAction[] = [];
  for (let i = 0; i < model.syntax.instructions.length; i++) {
    const instruction = model.syntax.instructions[i]!;
    if (instruction.span.start > end || instruction.span.end < start) continue;
    if (!isShellFormCommand(instruction) || covered.has(instruction)) continue;
    const rewrite = rewriteInExecForm(context, model, instruction);
    if (rewrite) actions.push(toCodeAction(model, { title: rewrite.title, kind: REWRITE, edits: rewrite.edits, preferred: false, safe: rewrite.safe }, undefined));
  }
  return actions;
}
