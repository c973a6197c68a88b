/**
 * Project facts for open Dockerfiles, for the server: read once per Dockerfile folder and per set of project paths
 * the Dockerfile names (the service reads them from the parsed model), kept until a project file or
 * Directory.Build.props changes on disk. When no project is found, what was searched is kept too, for hover.
 */
import path from 'node:path';
import type { ProjectFacts, ProjectSearchReport } from '../service/context';
import type { ProjectCandidatePath } from '../host/project/projectLocator';
import { readProjectForDockerfile, readProjectFromCandidates } from '../host/project/readProject';
import { filePath } from './fileUris';

/** Glob patterns of the files whose change can change a project's facts (for `workspace/didChangeWatchedFiles`). */
export const PROJECT_FILE_GLOBS = ['**/*.csproj', '**/*.fsproj', '**/*.vbproj', '**/Directory.Build.props'] as const;

export function isProjectFileUri(uri: string): boolean {
  return /\.(?:cs|fs|vb)proj$|(^|[/\\])Directory\.Build\.props$/i.test(uri);
}

interface Lookup {
  readonly facts: ProjectFacts | undefined;
  readonly search: ProjectSearchReport | undefined;
  /** The project file found (absolute). */
  readonly projectFile?: string | undefined;
}

type StoreDocument = { readonly uri: string; readonly version?: number; getText(): string };

/** How many documents' last lookups are remembered (requests on the typing path must not scan the text again). */
const BY_VERSION_LIMIT = 200;

/** `D`: the documents it is asked about (the server's TextDocuments; tests pass plain objects). */
export class ProjectFactsStore<D extends StoreDocument = StoreDocument> {
  private readonly cache = new Map<string, Lookup>();
  /** The answer for a document's version: completion and hover ask on every keystroke. */
  private readonly byVersion = new Map<string, { version: number; lookup: Lookup }>();

  /**
   * @param roots the workspace folders (file system paths); the project search never goes above them.
   * @param candidatesOf the project paths a document names (the service's project search on its parsed model);
   *   without it the store parses the text itself.
   */
  constructor(
    private readonly roots: () => readonly string[],
    private readonly log: (message: string) => void = () => undefined,
    private readonly candidatesOf?: (document: D) => readonly ProjectCandidatePath[],
  ) {}

  /** The facts of the project a Dockerfile builds; undefined for unsaved documents or when there is no clear project. */
  get(document: D): ProjectFacts | undefined {
    return this.lookupOf(document).facts;
  }

  /** Where the search looked, when it found no project (undefined when it found one, or for unsaved documents). */
  search(document: D): ProjectSearchReport | undefined {
    return this.lookupOf(document).search;
  }

  /** The project file found for the document (absolute); undefined when none was found. */
  projectFile(document: D): string | undefined {
    return this.lookupOf(document).projectFile;
  }

  private lookupOf(document: D): Lookup {
    const version = document.version;
    const known = version === undefined ? undefined : this.byVersion.get(document.uri);
    if (known && known.version === version) return known.lookup;
    const lookup = this.lookup(document);
    if (version !== undefined) {
      if (this.byVersion.size >= BY_VERSION_LIMIT) this.byVersion.clear();
      this.byVersion.set(document.uri, { version, lookup });
    }
    return lookup;
  }

  private lookup(document: D): Lookup {
    const file = filePath(document.uri);
    if (!file) return { facts: undefined, search: undefined };
    const candidates = this.candidatesOf?.(document);
    const key = [path.dirname(file), ...(candidates ?? [document.getText()]).map((c) => (typeof c === 'string' ? c : `${c.reason}|${c.folder ? 'd' : 'f'}|${c.path}`))].join('\n');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const root = this.roots().find((r) => file.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
    const read = candidates ? readProjectFromCandidates(file, candidates, { root }) : readProjectForDockerfile(file, document.getText(), { root });
    if (read.facts) this.log(`${path.basename(file)} builds ${read.facts.projectFile}`);
    // Said once per lookup (lookups are cached until a project file changes), so a bad file is not logged per keystroke.
    for (const problem of read.problems) this.log(`${path.basename(file)}: ${problem}; project rules use what could be read.`);
    const lookup: Lookup = { facts: read.facts, search: read.facts ? undefined : { searched: read.searched ?? [] }, projectFile: read.facts ? read.projectFile : undefined };
    if (this.cache.size >= BY_VERSION_LIMIT) this.cache.clear();
    this.cache.set(key, lookup);
    return lookup;
  }

  /** Forgets everything when one of the changed files is a project or props file; returns whether it did. */
  filesChanged(uris: readonly string[]): boolean {
    if (!uris.some(isProjectFileUri)) return false;
    this.cache.clear();
    this.byVersion.clear();
    return true;
  }
}
