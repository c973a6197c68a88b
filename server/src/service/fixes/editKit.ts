/**
 * The one shape of every fix: a title and edits in document offsets (an {@link OffsetEdit} replaces `[start, end)`),
 * whether it is the obvious choice, whether fix-all may apply it, and whether it carries snippet placeholders.
 * Rules build fixes (rules/<id>.ts), the engines here help them (exec form, moving steps, replacing a reference),
 * and codeActions.ts turns them into LSP code actions. Plus line arithmetic on the document text.
 */
import { CodeActionKind, type CodeAction, type CreateFile, type Diagnostic, type Position, type SnippetTextEdit, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-types';
import type { DockerfileModel } from '../document/model';
import type { Stage } from '../document/stages';
import type { Instruction } from '../syntax/model';

/** An edit in document offsets; converted to an LSP TextEdit only when the action is built. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export const QUICK_FIX = CodeActionKind.QuickFix;
export const REWRITE = CodeActionKind.RefactorRewrite;

/**
 * A change to a file other than the Dockerfile: create it with a text (never over an existing file: the client
 * refuses the whole edit then), or insert a text into it at a position (the end of a `.dockerignore`).
 */
export type FileChange =
  | { readonly kind: 'create'; readonly uri: string; readonly text: string }
  | { readonly kind: 'insert'; readonly uri: string; readonly at: Position; readonly text: string };

/** A fix before it becomes a CodeAction: what fix-all needs to combine fixes without working them out again. */
export interface Fix {
  readonly title: string;
  /** `quickfix` unless said otherwise. */
  readonly kind?: string;
  readonly edits: readonly OffsetEdit[];
  /** The obvious choice: the editor marks it preferred (and applies it on "auto fix"). */
  readonly preferred?: boolean;
  /** Cannot change what the Dockerfile means beyond the finding's concern: fix-all may apply it. */
  readonly safe?: boolean;
  /**
   * The new texts are LSP snippets (`${1:/app}` placeholders for what only the user knows). Offered only to clients
   * that apply snippet edits (LSP 3.18 `workspaceEdit.snippetEditSupport`), never in fix-all.
   */
  readonly snippet?: boolean;
  /** Why the fix cannot be offered here; shown by clients that show disabled actions, dropped by the others. */
  readonly disabled?: string;
  /** Changes to other files (a `.dockerignore` to create). A fix that creates a file is offered only to clients that can. */
  readonly files?: readonly FileChange[];
}

/** Text for a snippet edit that stands for itself: `$`, `}` and `\` escaped, so only the fix's own placeholders are placeholders. */
export function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

/** What the client can take, for the actions built from fixes. */
export interface ActionSupport {
  readonly snippetEdits: boolean;
  readonly disabledActions: boolean;
  /** The client applies `CreateFile` resource operations (`workspace.workspaceEdit.resourceOperations` has `create`). */
  readonly createFiles?: boolean;
}

export function toTextEdits(model: DockerfileModel, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits.map((edit) => ({ range: model.rangeOf(edit), newText: edit.newText }));
}

/** The code action of a fix, or undefined when the client cannot take it (snippets, disabled actions). */
export function toCodeAction(model: DockerfileModel, fix: Fix, diagnostic: Diagnostic | undefined, support: ActionSupport): CodeAction | undefined {
  if (fix.disabled !== undefined) {
    if (!support.disabledActions) return undefined;
    const action: CodeAction = { title: fix.title, kind: fix.kind ?? QUICK_FIX, disabled: { reason: fix.disabled } };
    if (diagnostic) action.diagnostics = [asFixedDiagnostic(diagnostic)];
    return action;
  }
  if (fix.snippet && !support.snippetEdits) return undefined;
  if (fix.files?.some((change) => change.kind === 'create') && !support.createFiles) return undefined;
  const action: CodeAction = { title: fix.title, kind: fix.kind ?? QUICK_FIX };
  if (fix.files?.length) {
    action.edit = { documentChanges: fileChanges(model, fix) };
  } else if (fix.snippet) {
    // LSP 3.18 snippet edits travel in a TextDocumentEdit.
    const edits: SnippetTextEdit[] = fix.edits.map((edit) => ({ range: model.rangeOf(edit), snippet: { kind: 'snippet', value: edit.newText } }));
    action.edit = { documentChanges: [{ textDocument: { uri: model.document.uri, version: model.document.version }, edits }] };
  } else {
    action.edit = { changes: { [model.document.uri]: toTextEdits(model, fix.edits) } };
  }
  if (diagnostic) action.diagnostics = [asFixedDiagnostic(diagnostic)];
  if (fix.preferred) action.isPreferred = true;
  return action;
}

/** The document changes of a fix that touches other files: each file's creation and edits, then the Dockerfile's. */
function fileChanges(model: DockerfileModel, fix: Fix): (TextDocumentEdit | CreateFile)[] {
  const changes: (TextDocumentEdit | CreateFile)[] = [];
  const origin = { line: 0, character: 0 };
  for (const change of fix.files ?? []) {
    if (change.kind === 'create') {
      changes.push({ kind: 'create', uri: change.uri, options: { overwrite: false, ignoreIfExists: false } });
      changes.push({ textDocument: { uri: change.uri, version: null }, edits: [{ range: { start: origin, end: origin }, newText: change.text }] });
    } else {
      changes.push({ textDocument: { uri: change.uri, version: null }, edits: [{ range: { start: change.at, end: change.at }, newText: change.text }] });
    }
  }
  if (fix.edits.length > 0) changes.push({ textDocument: { uri: model.document.uri, version: model.document.version }, edits: toTextEdits(model, fix.edits) });
  return changes;
}

/**
 * A diagnostic as a code action names it among those it fixes: everything but `data`. Clients match an action to
 * its diagnostics on what they show (VS Code keys a marker by source, code, severity, message and range).
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

/** The stage an instruction belongs to (not for its own FROM). */
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

/** The offset after the line break at `offset`, if there is one. */
export function afterLineBreak(text: string, offset: number): number {
  if (text.startsWith('\r\n', offset)) return offset + 2;
  if (text[offset] === '\n') return offset + 1;
  return offset;
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
