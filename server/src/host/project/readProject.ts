/**
 * Reads the facts of the project a Dockerfile builds from disk: locate the project, read it and the
 * Directory.Build.props files it imports, evaluate. The server and the CLI both use this.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ProjectFacts } from '../../service/context';
import { readMsbuildXml } from '../../service/msbuild/msbuildXml';
import { projectFactsFrom } from '../../service/msbuild/projectFacts';
import { directoryBuildProps, locateProjectFrom, type LocateOptions, type ProjectCandidatePath } from './projectLocator';
import { searchDockerfileText } from './dockerfileSearch';

export interface ProjectRead {
  /** undefined when no project was found (or it could not be read). */
  readonly facts: ProjectFacts | undefined;
  /** Every MSBuild file the facts depend on, for cache invalidation. */
  readonly files: readonly string[];
  /** What the search tried, in words (for "no project found"). */
  readonly searched?: readonly string[];
  /** The project file read (absolute), when one was found. */
  readonly projectFile?: string;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Reads the facts of a project file (with its Directory.Build.props chain). */
export function readProjectFile(projectFile: string): ProjectRead {
  const props = directoryBuildProps(projectFile, readText);
  const files = [...props, projectFile];
  const projectText = readText(projectFile);
  if (projectText === undefined) return { facts: undefined, files };
  const documents = [...props.map((file) => readMsbuildXml(readText(file) ?? '')), readMsbuildXml(projectText)];
  return { facts: projectFactsFrom(projectFile, documents), files };
}

/** Finds and reads the project the Dockerfile at `dockerfilePath` builds (its text is read for the paths it names). */
export function readProjectForDockerfile(dockerfilePath: string, dockerfileText: string, options: LocateOptions = {}): ProjectRead {
  return readProjectFromCandidates(dockerfilePath, searchDockerfileText(dockerfileText), options);
}

/** Finds and reads the project the Dockerfile builds, from the project paths the service read in it. */
export function readProjectFromCandidates(dockerfilePath: string, candidates: readonly ProjectCandidatePath[], options: LocateOptions = {}): ProjectRead {
  const location = locateProjectFrom(dockerfilePath, candidates, options);
  const projectFile = location.projectFile;
  if (!projectFile) return { facts: undefined, files: [], searched: location.searched };
  const read = readProjectFile(projectFile);
  // Messages and hovers name the project as the Dockerfile's reader sees it: relative to the Dockerfile's folder.
  const shown = path.relative(path.dirname(dockerfilePath), projectFile).split(path.sep).join('/') || path.basename(projectFile);
  return { ...read, searched: location.searched, projectFile, facts: read.facts ? { ...read.facts, projectFile: shown } : undefined };
}
