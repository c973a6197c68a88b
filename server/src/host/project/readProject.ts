/**
 * Reads the facts of the project a Dockerfile builds from disk: locate the project (from the project paths the
 * Dockerfile names: the service reads them, the host tries them), read it and the Directory.Build.props files it
 * imports, evaluate. The server and the CLI both use this.
 *
 * Project files come from the user's repository, so they are read like any hostile input: regular files
 * only, at most 1 MB each (host/io/boundedRead.ts), never outside the workspace (projectLocator.ts), and
 * whatever goes wrong becomes a `problem` in words, never an exception: one bad project must not take
 * hover, completion or a CLI run down with it.
 */
import path from 'node:path';
import type { ProjectFacts } from '../../service/context';
import { readMsbuildXml, type MsbuildDocument } from '../../service/msbuild/msbuildXml';
import { projectFactsFrom } from '../../service/msbuild/projectFacts';
import { readBoundedText } from '../io/boundedRead';
import { directoryBuildProps, locateProjectFrom, searchBoundary, type LocateOptions, type ProjectCandidatePath } from './projectLocator';
import { searchDockerfileText } from './dockerfileSearch';

export interface ProjectRead {
  /** undefined when no project was found (or it could not be read). */
  readonly facts: ProjectFacts | undefined;
  /** Every MSBuild file the facts depend on, for cache invalidation. */
  readonly files: readonly string[];
  /** What could not be read or understood, one sentence each (`Api.csproj could not be read: it is a FIFO ...`). */
  readonly problems: readonly string[];
  /** What the search tried, in words (for "no project found"). */
  readonly searched?: readonly string[];
  /** The project file read (absolute), when one was found. */
  readonly projectFile?: string;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads the facts of a project file (with its Directory.Build.props chain, never above `boundary`).
 * `shown` names files in problems (relative to the Dockerfile, as the user sees them).
 */
export function readProjectFile(projectFile: string, boundary: string, shown: (file: string) => string = (file) => file): ProjectRead {
  const problems: string[] = [];
  const read = (file: string): string | undefined => {
    const result = readBoundedText(file);
    if (result.ok) return result.text;
    problems.push(`${shown(file)} could not be read: ${result.reason}`);
    return undefined;
  };
  const texts = new Map<string, string | undefined>();
  const readOnce = (file: string): string | undefined => {
    if (!texts.has(file)) texts.set(file, read(file));
    return texts.get(file);
  };
  try {
    const props = directoryBuildProps(projectFile, boundary, readOnce, (file, reason) => problems.push(`${shown(file)} was not read: ${reason}`));
    const files = [...props, projectFile];
    const projectText = readOnce(projectFile);
    if (projectText === undefined) return { facts: undefined, files, problems };
    const documents: MsbuildDocument[] = [];
    for (const file of props) {
      const text = readOnce(file);
      if (text !== undefined) documents.push(readMsbuildXml(text));
    }
    documents.push(readMsbuildXml(projectText));
    return { facts: projectFactsFrom(projectFile, documents), files, problems };
  } catch (error) {
    // The reader and the evaluation are written never to throw; this is the net under them.
    problems.push(`${shown(projectFile)} could not be understood: ${errorText(error)}`);
    return { facts: undefined, files: [projectFile], problems };
  }
}

/** Finds and reads the project the Dockerfile at `dockerfilePath` builds (its text is read for the paths it names). */
export function readProjectForDockerfile(dockerfilePath: string, dockerfileText: string, options: LocateOptions = {}): ProjectRead {
  return readProjectFromCandidates(dockerfilePath, searchDockerfileText(dockerfileText), options);
}

/** Finds and reads the project the Dockerfile builds, from the project paths the service read in it. */
export function readProjectFromCandidates(dockerfilePath: string, candidates: readonly ProjectCandidatePath[], options: LocateOptions = {}): ProjectRead {
  let location: ReturnType<typeof locateProjectFrom>;
  try {
    location = locateProjectFrom(dockerfilePath, candidates, options);
  } catch (error) {
    return { facts: undefined, files: [], problems: [`the project of ${path.basename(dockerfilePath)} could not be looked for: ${errorText(error)}`] };
  }
  const projectFile = location.projectFile;
  if (!projectFile) return { facts: undefined, files: [], problems: [], searched: location.searched };
  // Messages and hovers name the project as the Dockerfile's reader sees it: relative to the Dockerfile's folder.
  const relative = (file: string): string => path.relative(path.dirname(dockerfilePath), file).split(path.sep).join('/') || path.basename(file);
  const read = readProjectFile(projectFile, searchBoundary(dockerfilePath, options), relative);
  return { ...read, searched: location.searched, projectFile, facts: read.facts ? { ...read.facts, projectFile: relative(projectFile) } : undefined };
}
