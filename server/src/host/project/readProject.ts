/**
 * Reads the facts of the project a Dockerfile builds from disk: locate the project, read it and the
 * Directory.Build.props files it imports, evaluate. The server and the CLI both use this.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ProjectFacts } from '../../service/context';
import { readMsbuildXml } from '../../service/msbuild/msbuildXml';
import { projectFactsFrom } from '../../service/msbuild/projectFacts';
import { directoryBuildProps, locateProject, type LocateOptions } from './projectLocator';

export interface ProjectRead {
  /** undefined when no project was found (or it could not be read). */
  readonly facts: ProjectFacts | undefined;
  /** Every MSBuild file the facts depend on, for cache invalidation. */
  readonly files: readonly string[];
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

/** Finds and reads the project the Dockerfile at `dockerfilePath` builds. */
export function readProjectForDockerfile(dockerfilePath: string, dockerfileText: string, options: LocateOptions = {}): ProjectRead {
  const projectFile = locateProject(dockerfilePath, dockerfileText, options);
  if (!projectFile) return { facts: undefined, files: [] };
  const read = readProjectFile(projectFile);
  // Messages and hovers name the project as the Dockerfile's reader sees it: relative to the Dockerfile's folder.
  const shown = path.relative(path.dirname(dockerfilePath), projectFile) || path.basename(projectFile);
  return read.facts ? { ...read, facts: { ...read.facts, projectFile: shown } } : read;
}
