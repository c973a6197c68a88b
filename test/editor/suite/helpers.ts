// Helpers for tests that run inside VS Code's extension host with the real `vscode` API.
import * as vscode from 'vscode';

/**
 * Calls `probe` until it returns something other than undefined/false (language features answer only once the
 * server has started and parsed the file), instead of sleeping a fixed time. Fails with `what` and the last value.
 */
export async function poll<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what} (last: ${detail})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Text with exactly one `|` cursor marker, split into the text without it and the marker's offset. */
export function withCursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error(`expected exactly one | marker in ${JSON.stringify(marked)}`);
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** The first workspace folder: a per-run copy of test/editor/fixtures/workspace. */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a folder open (the runner opens a copy of test/editor/fixtures/workspace)');
  return folder.uri;
}

/** Writes `text` to `name` in the workspace (the server only serves file: documents) and shows it. */
export async function openFile(name: string, text?: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(workspaceFolder(), name);
  if (text !== undefined) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

/** Position of the `|` marker of `marked` in a file written from it. */
export async function openWithCursor(name: string, marked: string): Promise<{ document: vscode.TextDocument; position: vscode.Position }> {
  const { text, offset } = withCursor(marked);
  const document = await openFile(name, text);
  return { document, position: document.positionAt(offset) };
}

/** A diagnostic's code as a string, whichever of the two shapes VS Code gives it. */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Label text of a completion item (labels may be plain strings or label objects). */
export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** All the text of hovers, markdown or plain. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}
