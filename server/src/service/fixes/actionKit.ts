// Small shared pieces of every fix: building CodeActions from offset edits, matching `context.only`,
// finding our diagnostics' rule and instruction, and line arithmetic on the document text.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { DockerfileModel } from '../document/model';
import { DIAGNOSTIC_SOURCE, isDiagnosticData, type DiagnosticData } from '../diagnostics/diagnosticData';
import type { Stage } from '../document/stages';
import type { Instruction } from '../syntax/model';

/** An edit in document offsets; converted to an LSP TextEdit only when the action is built. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** A fix before it becomes a CodeAction: what fix-all needs to combine fixes without re-deriving them. */
export interface Fix {
  readonly title: string;
  readonly kind: string;
  readonly edits: readonly OffsetEdit[];
  readonly preferred: boolean;
  /** Cannot change what the Dockerfile means beyond the diagnostic's concern: fix-all may apply it. */
  readonly safe: boolean;
}

export function toTextEdits(model: DockerfileModel, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits.map((edit) => ({ range: model.rangeOf(edit), newText: edit.newText }));
}

export function toCodeAction(model: DockerfileModel, fix: Fix, diagnostic: Diagnostic | undefined): CodeAction {
  const action: CodeAction = {
    title: fix.title,
    kind: fix.kind,
    edit: { changes: { [model.document.uri]: toTextEdits(model, fix.edits) } },
  };
  if (diagnostic) action.diagnostics = [asFixedDiagnostic(diagnostic)];
  if (fix.preferred) action.isPreferred = true;
  return action;
}

/**
 * A diagnostic as a code action names it among those it fixes: everything but `data`. Clients match an action to
 * its diagnostics on what they show (VS Code keys a marker by source, code, severity, message and range); the data
 * is ours, the replacements a fix is made from, and echoed in every action it made a third of a whole-file answer
 * (the bench's 101 actions at 1,000 lines: 64.5 KB with it, 43.5 KB without).
 */
export function asFixedDiagnostic(diagnostic: Diagnostic): Diagnostic {
  const { data: _ours, ...shown } = diagnostic;
  return shown;
}

/** LSP kind matching: `only: ['source']` admits `source.fixAll.x`; `refactor.rewrite` admits itself only. */
export function kindRequested(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
}

export const QUICK_FIX = CodeActionKind.QuickFix;
export const REWRITE = CodeActionKind.RefactorRewrite;

/** The rule a diagnostic of ours reports, or undefined for other sources. */
export function ruleOf(diagnostic: Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  if (isDiagnosticData(diagnostic.data)) return diagnostic.data.rule;
  return typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
}

export function dataOf(diagnostic: Diagnostic): DiagnosticData | undefined {
  return isDiagnosticData(diagnostic.data) ? diagnostic.data : undefined;
}

/** The instruction a diagnostic is about: by the offset the rule recorded, else by where the diagnostic starts. */
export function instructionOf(model: DockerfileModel, diagnostic: Diagnostic): Instruction | undefined {
  const recorded = dataOf(diagnostic)?.instructionStart;
  const offset = typeof recorded === 'number' ? recorded : model.offsetAt(diagnostic.range.start);
  const found = model.instructionAt(offset);
  // A recorded offset from an older version of the text must still land on a keyword.
  if (found && typeof recorded === 'number' && found.keywordSpan.start !== recorded) return model.instructionAt(model.offsetAt(diagnostic.range.start));
  return found;
}

export function stageOf(model: DockerfileModel, instruction: Instruction): Stage | undefined {
  const stage = model.stages.stageAt(instruction.span.start);
  return stage && stage.from !== instruction ? stage : undefined;
}

/** Offset where the line containing `offset` starts. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The blanks before the first character of the line containing `offset`. */
export function indentationAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** The document's line break: keep CRLF files CRLF. */
export function lineBreakOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * Where comment lines directly above an instruction start (no blank line between), so a moved or inserted
 * block takes the comments that describe it along.
 */
export function attachedCommentsStart(model: DockerfileModel, instruction: Instruction): number {
  const comments = model.syntax.comments;
  let start = lineStart(model.syntax.text, instruction.span.start);
  let line = instruction.startLine - 1;
  for (let i = comments.length - 1; i >= 0; i--) {
    const comment = comments[i]!;
    if (comment.line > line) continue;
    if (comment.line < line) break;
    // A comment inside the previous instruction's continuation belongs to that instruction.
    if (model.instructionAt(comment.span.start)) break;
    start = lineStart(model.syntax.text, comment.span.start);
    line--;
  }
  return start;
}
