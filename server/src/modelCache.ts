/** One parse per document version: every request for the same (uri, version) shares it. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DockerfileModel, DotnetDockerfileService } from './service';

export class ModelCache {
  private readonly models = new Map<string, DockerfileModel>();

  constructor(private readonly service: DotnetDockerfileService) {}

  get(document: TextDocument): DockerfileModel {
    const cached = this.models.get(document.uri);
    if (cached && cached.document.version === document.version && cached.document === document) return cached;
    const model = this.service.parse(document);
    this.models.set(document.uri, model);
    return model;
  }

  delete(uri: string): void {
    this.models.delete(uri);
  }
}
