/**
 * The project paths a Dockerfile's text names, for callers that have the text but no parsed model (the CLI): the
 * pure service parses it and reads the build as the editor does, so both look for the same projects.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildModel } from '../../service/document/model';
import { buildOf } from '../../service/document/build';
import type { ProjectCandidate } from '../../service/document/projectSearch';

export function searchDockerfileText(text: string): readonly ProjectCandidate[] {
  const model = buildModel(TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text));
  return buildOf(model, { catalog: undefined, today: '', project: undefined, snippetSupport: false }).projectSearch().candidates;
}
