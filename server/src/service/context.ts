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
  // Filled by projectFactsFrom (msbuild/projectFacts.ts); optional so facts written by hand in tests stay short.
  /** The project file's own name (`Api.csproj`, `App.fsproj`), wherever it is. */
  readonly projectFileName?: string;
  /** The name of what the build produces (`Api.dll`, `./Api`): `AssemblyName`, else the project file's name without its extension. */
  readonly assemblyName?: string;
  /** The `RuntimeIdentifier` property itself: what `dotnet publish` builds for when the command names no runtime. */
  readonly publishRuntimeIdentifier?: string;
  /** The `RuntimeIdentifiers` list (restore targets; a publish does not pick one of them by itself). */
  readonly runtimeIdentifiers?: readonly string[];
  readonly containerBaseImage?: string;
  /** `Exe`, `WinExe`, `Library`, ... as the project (or its SDK: Web and Worker build `Exe`) decides; undefined when unknown. */
  readonly outputType?: string;
  /** The project's SDK: `Microsoft.NET.Sdk.Web`, `Microsoft.NET.Sdk.Worker`, `Microsoft.NET.Sdk`, ... */
  readonly sdk?: string;
  /** The target framework moniker the version comes from: `net10.0`. */
  readonly targetFramework?: string;
  /** True when the project builds several frameworks (`TargetFrameworks`): a publish must then name one (`-f`). */
  readonly multiTargeted?: boolean;
  /** `ProjectReference` paths as written (relative to the project's folder, `/` separators). */
  readonly projectReferences?: readonly string[];
}

/** Where the host looked for the project a Dockerfile builds, so features can say so when nothing was found. */
export interface ProjectSearchReport {
  /** What was tried, in words and in order ("src/Api/Api.csproj (named by dotnet publish)", "the Dockerfile's folder"). */
  readonly searched: readonly string[];
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
  /** Where the host looked for the project (when it found none, hover says so). */
  readonly projectSearch?: ProjectSearchReport;
  /** Whether the client expands snippet syntax (`${1:default}`) in completion items. */
  readonly snippetSupport: boolean;
  /** The starter Dockerfiles completion offers where a new instruction starts (none when not given). */
  readonly snippets?: Snippets;
  /** The build context's `.dockerignore` files as the host found them; undefined when it could not look (unsaved file). */
  readonly buildContext?: BuildContextFacts | undefined;
  /** True when another extension already reports Dockerfile syntax errors: the runner leaves out rules marked `generalSyntax`. */
  readonly syntaxCheckedElsewhere?: boolean;
}
