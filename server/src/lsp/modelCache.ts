/** One parse per document version: every request for the same (uri, version) shares it. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DockerfileModel, DotnetDockerfileService } from '../service';

export class ModelCache {
  /** The version is recorded at parse time: TextDocuments updates the same document object in place. */
  private readonly models = new Map<string, { version: number; model: DockerfileModel }>();

  constructor(private readonly service: DotnetDockerfileService) {}

  get(document: TextDocument): DockerfileModel {
    const cached = this.models.get(document.uri);
    if (cached && cached.version === document.version) return cached.model;
    // The previous version's model lets the parse reuse the instructions before the edit (typing re-reads little).
    const model = this.service.parse(document, cached?.model);
    this.models.set(document.uri, { version: document.version, model });
    return model;
  }

  delete(uri: string): void {
    this.models.delete(uri);
  }
}
