/**
 * Project facts for open Dockerfiles, for the server: read once per Dockerfile folder (and the projects
 * its text names), kept until a project file or Directory.Build.props changes on disk.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProjectFacts } from '../service/context';
import { projectReferencesIn } from '../host/project/projectLocator';
import { readProjectForDockerfile } from '../host/project/readProject';

/** Glob patterns of the files whose change can change a project's facts (for `workspace/didChangeWatchedFiles`). */
export const PROJECT_FILE_GLOBS = ['**/*.csproj', '**/Directory.Build.props'] as const;

export function isProjectFileUri(uri: string): boolean {
  return /\.csproj$|(^|[/\\])Directory\.Build\.props$/i.test(uri);
}

function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** How many documents' last lookups are remembered (requests on the typing path must not scan the text again). */
const BY_VERSION_LIMIT = 200;

export class ProjectFactsStore {
  private readonly cache = new Map<string, ProjectFacts | undefined>();
  /** The answer for a document's version: completion and hover ask on every keystroke. */
  private readonly byVersion = new Map<string, { version: number; facts: ProjectFacts | undefined }>();

  /** @param roots the workspace folders (file system paths); the project search never goes above them. */
  constructor(
    private readonly roots: () => readonly string[],
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** The facts of the project a Dockerfile builds; undefined for unsaved documents or when there is no clear project. */
  get(document: { readonly uri: string; readonly version?: number; getText(): string }): ProjectFacts | undefined {
    const version = document.version;
    const known = version === undefined ? undefined : this.byVersion.get(document.uri);
    if (known && known.version === version) return known.facts;
    const facts = this.lookup(document);
    if (version !== undefined) {
      if (this.byVersion.size >= BY_VERSION_LIMIT) this.byVersion.clear();
      this.byVersion.set(document.uri, { version, facts });
    }
    return facts;
  }

  private lookup(document: { readonly uri: string; getText(): string }): ProjectFacts | undefined {
    const file = filePath(document.uri);
    if (!file) return undefined;
    const text = document.getText();
    const references = projectReferencesIn(text);
    const key = [path.dirname(file), ...references.published, '|', ...references.mentioned].join('\n');
    if (this.cache.has(key)) return this.cache.get(key);
    const root = this.roots().find((r) => file.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
    const read = readProjectForDockerfile(file, text, { root });
    if (read.facts) this.log(`${path.basename(file)} builds ${read.facts.projectFile}`);
    // Said once per lookup (lookups are cached until a project file changes), so a bad file is not logged per keystroke.
    for (const problem of read.problems) this.log(`${path.basename(file)}: ${problem}; project rules use what could be read.`);
    this.cache.set(key, read.facts);
    return read.facts;
  }

  /** Forgets everything when one of the changed files is a project or props file; returns whether it did. */
  filesChanged(uris: readonly string[]): boolean {
    if (!uris.some(isProjectFileUri)) return false;
    this.cache.clear();
    this.byVersion.clear();
    return true;
  }
}
