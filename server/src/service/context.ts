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
/**
 * What the host found of the build context on disk (the `.dockerignore` files a build could use), for the rules that
 * need the file system (missing-dockerignore). Read by the host, bounded (regular files, a size cap, never above
 * the workspace); the service only reads these facts.
 */
export interface BuildContextFacts {
  /** The Dockerfile's folder and its parents up to the workspace root, nearest first (file URIs, no trailing slash). */
  readonly folders: readonly ContextFolder[];
  /** `<Dockerfile>.dockerignore` beside the Dockerfile: BuildKit prefers it to the context's `.dockerignore`. */
  readonly dockerfileIgnore: string | undefined;
}

export interface ContextFolder {
  /** The folder as a file URI, without a trailing slash. */
  readonly uri: string;
  /** The text of its `.dockerignore`, or undefined when it has none (or it is not a regular file, or too large). */
  readonly dockerignore: string | undefined;
  /** The names of its subfolders (capped), so the service can tell which folder the COPY sources are written from. */
  readonly subfolders?: readonly string[];
}

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
  /** The build context's `.dockerignore` files as the host found them; undefined when it could not look (unsaved file). */
  readonly buildContext?: BuildContextFacts | undefined;
  /** True when another extension already reports Dockerfile syntax errors: the runner leaves out rules marked `generalSyntax`. */
  readonly syntaxCheckedElsewhere?: boolean;
}
