// Code actions: quick fixes for our diagnostics (each diagnostic's finding is found again in the current model
// and its rule offers the fixes: no rule is named here), the exec-form rewrite of shell-form commands in the range
// (`refactor.rewrite`), and, only when `only` asks for it, every safe fix of the document at once.
import type { CodeAction, CodeActionContext, Diagnostic, Range } from 'vscode-languageserver-types';
import { FIX_ALL_KIND } from '../../protocol';
import type { ServiceContext } from '../context';
import { buildOf, type Build } from '../document/build';
import type { DockerfileModel } from '../document/model';
import type { ServiceSettings } from '../diagnostics/settings';
import { DIAGNOSTIC_SOURCE, isDiagnosticData } from '../diagnostics/diagnosticData';
import { RULE_BY_ID } from '../diagnostics/ruleRegistry';
import { fixesOf, isStageRule } from '../diagnostics/rule';
import { outcomeOf, outcomeOfStage, ruleContext, validate, type RuleOutcome } from '../diagnostics/runner';
import { stageChunksOf, stageIndexAt } from '../document/stageContinuity';
import { kindRequested, QUICK_FIX, REWRITE, toCodeAction, type ActionSupport, type Fix } from './editKit';
import { canRewriteToExecForm, execFormOf } from './execForm';
import { fixAllAction } from './fixAll';

/**
 * Code actions for a range: quick fixes for the given diagnostics of ours (`quickfix`), the exec-form
 * rewrite of shell-form commands in the range (`refactor.rewrite`), and, only when `only` asks for it,
 * every safe fix of the document at once (`source.fixAll.dotnet-dockerfile`).
 */
export function codeActions(context: ServiceContext, model: DockerfileModel, range: Range, actionContext: CodeActionContext, settings: ServiceSettings, support: ActionSupport): CodeAction[] {
  const build = buildOf(model, context);
  const only = actionContext.only;
  const actions: CodeAction[] = [];
  const offered = new Set<string>();

  if (kindRequested(only, QUICK_FIX)) {
    for (const diagnostic of actionContext.diagnostics) {
      for (const fix of fixesForDiagnostic(build, diagnostic)) {
        const action = toCodeAction(model, fix, diagnostic, support);
        if (!action) continue;
        actions.push(action);
        offered.add(editKey(fix));
      }
    }
  }
  if (kindRequested(only, REWRITE)) actions.push(...execFormRefactors(build, range, offered, support));
  // Fix-all runs on save or on request, never in the light bulb: only when asked for by kind.
  if (only?.some((wanted) => FIX_ALL_KIND === wanted || FIX_ALL_KIND.startsWith(`${wanted}.`))) {
    const action = fixAllAction(model, validate(context, model, settings), (diagnostic) => fixesForDiagnostic(build, diagnostic));
    if (action) actions.push(action);
  }
  return actions;
}

/** The rule id of a diagnostic of ours, or undefined for other sources. */
export function ruleIdOf(diagnostic: Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  if (isDiagnosticData(diagnostic.data)) return diagnostic.data.rule;
  return typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
}

/**
 * Every fix a diagnostic of ours gets, the obvious one first: its finding, found again in this version by rule and
 * range, asks its rule. A diagnostic of another version that no longer matches a finding gets none. A stage rule's
 * finding is looked for in the diagnostic's stage first, so a fix on a 500-stage file checks one stage.
 */
export function fixesForDiagnostic(build: Build, diagnostic: Diagnostic): Fix[] {
  const id = ruleIdOf(diagnostic);
  const rule = id === undefined ? undefined : RULE_BY_ID.get(id);
  if (!rule) return [];
  const model = build.model;
  const start = model.offsetAt(diagnostic.range.start);
  const end = model.offsetAt(diagnostic.range.end);
  const matching = (outcome: RuleOutcome): Fix[] => {
    if (!('findings' in outcome)) return [];
    const fixes: Fix[] = [];
    for (const finding of outcome.findings) {
      if (finding.span.start !== start || finding.span.end !== end) continue;
      for (const fix of fixesOf(rule, ruleContext(build), finding)) fixes.push(fix);
    }
    return fixes;
  };
  if (isStageRule(rule)) {
    const stage = model.stages.stages[stageIndexAt(stageChunksOf(model), start)];
    const fixes = stage ? matching(outcomeOfStage(build, rule, stage)) : [];
    // Not found there: a finding of a stage built FROM this one, or one outside the stages.
    if (fixes.length > 0) return fixes;
  }
  return matching(outcomeOf(build, rule));
}

/** `refactor.rewrite` to exec form for shell-form commands in the range that no quick fix already rewrites. */
function execFormRefactors(build: Build, range: Range, offered: ReadonlySet<string>, support: ActionSupport): CodeAction[] {
  const model = build.model;
  const start = model.offsetAt(range.start);
  const end = model.offsetAt(range.end);
  const actions: CodeAction[] = [];
  const instructions = model.syntax.instructions;
  for (let i = 0; i < instructions.length; i++) {
    const instruction = instructions[i]!;
    if (instruction.span.start > end || instruction.span.end < start) continue;
    if (!canRewriteToExecForm(instruction)) continue;
    const outcome = execFormOf(build, instruction);
    if (!outcome?.ok) continue;
    const fix: Fix = { title: outcome.rewrite.title, kind: REWRITE, edits: outcome.rewrite.edits, safe: outcome.rewrite.safe };
    if (offered.has(editKey(fix))) continue;
    const action = toCodeAction(model, fix, undefined, support);
    if (action) actions.push(action);
  }
  return actions;
}

function editKey(fix: Fix): string {
  return fix.edits.map((edit) => `${edit.start}:${edit.end}:${edit.newText}`).join('|');
}
