/**
 * `codeAction/resolve` for clients that support it (VS Code does): code actions go out without their edits, and
 * the edit of the action the user picks is sent when the client resolves it.
 *
 * Editors ask for code actions on every cursor move and show only titles until one is picked. A whole-file request
 * on a 1,000-line Dockerfile answers 101 actions, 56 KB of JSON, of which the edits are 12.5 KB; the rest
 * (titles, the diagnostics each action fixes, without our data: see actionKit.ts) the list needs anyway. The
 * edits are computed with the list (the fixes decide whether an action exists at all) and held here for the
 * latest responses.
 */
import type { CodeAction, WorkspaceEdit } from 'vscode-languageserver/node';

interface HeldResponse {
  readonly uri: string;
  readonly version: number;
  readonly edits: readonly (WorkspaceEdit | undefined)[];
}

/** What a deferred action carries in `data` to find its edit again. */
interface EditReference {
  readonly dotnetDockerfileEdit: { readonly response: number; readonly index: number };
}

function editReference(data: unknown): EditReference['dotnetDockerfileEdit'] | undefined {
  const reference = (data as Partial<EditReference> | null | undefined)?.dotnetDockerfileEdit;
  return reference && Number.isInteger(reference.response) && Number.isInteger(reference.index) ? reference : undefined;
}

export class DeferredEdits {
  private readonly held = new Map<number, HeldResponse>();
  private nextResponse = 1;

  /** @param keep how many responses' edits are held (a client resolves an action of the list it just got). */
  constructor(private readonly keep = 32) {}

  /** The actions without their edits, each with `data` to find its edit; the edits are held for {@link resolve}. */
  defer(uri: string, version: number, actions: readonly CodeAction[]): CodeAction[] {
    const response = this.nextResponse++;
    this.held.set(response, { uri, version, edits: actions.map((action) => action.edit) });
    if (this.held.size > this.keep) this.held.delete(this.held.keys().next().value!);
    return actions.map((action, index) => {
      if (action.edit === undefined) return action;
      const { edit: _held, ...rest } = action;
      const data: EditReference = { dotnetDockerfileEdit: { response, index } };
      return { ...rest, data };
    });
  }

  /**
   * The action with its edit. Without one when the document has changed since the list was made (the edit's
   * offsets are those of the older text: applying it could damage the new one) or when the list is too old to be
   * held; a client then applies nothing, as it does with a list it has discarded.
   */
  resolve(action: CodeAction, versionOf: (uri: string) => number | undefined): CodeAction {
    const reference = editReference(action.data);
    if (!reference) return action;
    const held = this.held.get(reference.response);
    const edit = held?.edits[reference.index];
    if (!held || !edit || versionOf(held.uri) !== held.version) return action;
    const { data: _reference, ...rest } = action;
    return { ...rest, edit };
  }
}
