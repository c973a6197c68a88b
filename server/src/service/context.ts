/** What every feature of the service may consult besides the document: the catalog, today's date, project facts. */
import type { CatalogIndex } from './catalog/catalogIndex';

/** Facts about the .NET project next to the Dockerfile, read by the server (issue: reading the project). */
export interface ProjectFacts {
  /** The project file the facts come from, for messages. */
  readonly projectFile: string;
  /** `net10.0` → `10.0`. */
  readonly targetVersion: string | undefined;
  readonly isWeb: boolean;
  readonly publishAot: boolean;
  readonly selfContained: boolean;
  /** undefined when the project does not say. */
  readonly invariantGlobalization: boolean | undefined;
  readonly runtimeIdentifier: string | undefined;
  readonly containerFamily: string | undefined;
}

/** A starter Dockerfile, in VS Code's snippet format. */
export interface SnippetDefinition {
  readonly prefix: string;
  readonly description: string;
  readonly body: readonly string[];
}

/** Starter Dockerfiles by name (snippets/dockerfile.json), handed in by the host. */
export type Snippets = Readonly<Record<string, SnippetDefinition>>;

export interface ServiceContext {
  /** undefined when the catalog could not be loaded: features that need it stay quiet, the others work. */
  readonly catalog: CatalogIndex | undefined;
  /** Today as YYYY-MM-DD (injected so end-of-life rules can be tested with a fixed clock). */
  readonly today: string;
  /** Facts of the project the Dockerfile builds, when the server found one. */
  readonly project: ProjectFacts | undefined;
  /** Whether the client expands snippet syntax (`${1:default}`) in completion items. */
  readonly snippetSupport: boolean;
  /** The starter Dockerfiles completion offers where a new instruction starts (none when not given). */
  readonly snippets?: Snippets;
}
